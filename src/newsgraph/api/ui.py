"""The web UI: the page at ``/``, its files under ``/static`` and ``/ui/config`` for the page.

The page is plain HTML, CSS and JavaScript that talks to the same JSON and SPARQL
endpoints as any other client. Third-party browser libraries are copied into
``static/vendor/`` by ``.ci/build-ui``; when they are missing the page still works
with a plain query box and lists instead of graph drawings.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, Depends
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

from .deps import ServiceState, get_state

STATIC = Path(__file__).resolve().parent.parent / "static"
# Loaded by the page in this order when .ci/build-ui has copied them; the page asks
# /ui/config which are present so a missing library never shows up as a failed request.
VENDOR_FILES = ("codemirror.css", "codemirror.js", "codemirror-sparql.js", "codemirror-matchbrackets.js", "cytoscape.min.js")
# The sample queries live in the source checkout; an installed wheel has none and the
# page then shows an empty pick-list.
SAMPLE_QUERIES = Path(__file__).resolve().parents[3] / "samples" / "queries"

router = APIRouter(include_in_schema=False)
router.mount("/static", StaticFiles(directory=STATIC, check_dir=False), name="static")


@router.get("/")
async def index() -> FileResponse:
    # no-cache: the page is tiny, and a stale copy after an upgrade would call old endpoints.
    return FileResponse(STATIC / "index.html", media_type="text/html", headers={"Cache-Control": "no-cache"})


def _title(text: str, fallback: str) -> str:
    """The first comment line of a query file, without its '#'."""
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("#") and line.lstrip("# ").strip():
            return line.lstrip("# ").strip().rstrip(".")
        if line:
            break
    return fallback


def sample_queries(folder: Path = SAMPLE_QUERIES) -> list[dict[str, str]]:
    if not folder.is_dir():
        return []
    queries = []
    for file in sorted(folder.glob("*.rq")):
        text = file.read_text(encoding="utf-8")
        queries.append({"name": file.stem, "title": _title(text, file.stem.replace("-", " ")), "query": text})
    return queries


@router.get("/ui/config")
async def config(state: ServiceState = Depends(get_state)) -> dict:
    """What the page needs to know: the entity IRI base (to turn IRIs into entity links)
    and the sample queries for the pick-list."""
    base = state.settings.base_iri
    return {
        "base_iri": base if base.endswith(("/", "#")) else base + "/",
        "token_required": state.settings.api_token is not None,
        "queries": sample_queries(),
        "vendor": [name for name in VENDOR_FILES if (STATIC / "vendor" / name).is_file()],
    }
