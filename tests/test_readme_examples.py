"""Every console example in README.md is what newsgraph prints today.

``bench/readme_examples.py`` runs each ``$ command`` of the README's console blocks for
real (a server for the curl examples, a fresh store for the command-line ones) and compares
the output shown under it, timings aside; ``--write`` regenerates them after a change.
"""

import importlib.util
import sys
from pathlib import Path

import pytest

pytestmark = [pytest.mark.server, pytest.mark.model]

SCRIPT = Path(__file__).resolve().parent.parent / "bench" / "readme_examples.py"


def _script():
    spec = importlib.util.spec_from_file_location("readme_examples", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_parse_finds_commands_continuations_and_outputs():
    module = _script()
    lines = ["text", "```console", "$ newsgraph query 'SELECT ?x", "    WHERE { ?x ?y ?z }'", "x", "1", "",
             "$ curl -s http://127.0.0.1:8000/stats \\", "    -H 'Accept: x'", "{}", "```"]
    (block,) = module.parse(lines)
    assert [e.command for e in block.examples] == [
        "newsgraph query 'SELECT ?x\n    WHERE { ?x ?y ?z }'", "curl -s http://127.0.0.1:8000/stats \\\n    -H 'Accept: x'"]
    assert block.examples[0].output == ["x", "1", ""] and block.examples[1].output == ["{}"]
    assert block.http
    assert module.normalise(["articles: 9 in 5.2 s, 1.7 articles/s", "server-timing: a;dur=0.7"]) == [
        "articles: 9 in N s, N articles/s", "server-timing: a;dur=N"]


def test_every_readme_console_example_is_current():
    problems = _script().check_or_write(write=False)
    assert problems == [], "stale README examples (regenerate: python bench/readme_examples.py --write):\n\n" + \
        "\n\n".join(problems)
