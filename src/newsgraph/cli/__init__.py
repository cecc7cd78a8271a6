"""The ``newsgraph`` command line: a thin shell over the library.

Each command group lives in its own module and registers itself on :data:`app`.
Library errors become CLI errors here, at the edge, and nowhere else.
"""

from __future__ import annotations

import sys

from ..errors import NewsgraphError

# Importing a command module registers its commands on ``app``.
from . import (
    entities_cmd,  # noqa: F401
    eval_cmd,  # noqa: F401
    extract_cmd,  # noqa: F401
    graph_cmds,  # noqa: F401
    serve_cmd,  # noqa: F401
)
from .app import app


def main() -> None:
    from pydantic import ValidationError

    try:
        app()
    except NewsgraphError as exc:
        print(f"Error: {exc.message}", file=sys.stderr)
        sys.exit(1)
    except ValidationError as exc:  # a NEWSGRAPH_* setting newsgraph cannot use
        for error in exc.errors():
            print(f"Error: {error['msg'].removeprefix('Value error, ')}", file=sys.stderr)
        sys.exit(2)


__all__ = ["app", "main"]
