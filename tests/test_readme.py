"""The README stays true: every setting is documented, and the quick-start commands exist."""

import subprocess
import sys
from pathlib import Path

import pytest

from newsgraph.settings import Settings

ROOT = Path(__file__).parent.parent
README = (ROOT / "README.md").read_text()


def test_every_setting_is_documented():
    missing = [name for name in Settings.model_fields if f"NEWSGRAPH_{name.upper()}" not in README]
    assert missing == []


def test_quick_start_commands_are_the_ones_dev_sh_runs():
    quick_start = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    assert "./dev.sh run" in quick_start and "./dev.sh test" in quick_start
    script = (ROOT / "dev.sh").read_text()
    assert "    run)" in script and "    test)" in script
    assert "newsgraph serve --load samples" in script
    assert "bash ./dev.sh test" in (ROOT / ".ci" / "run").read_text()


def _commands():
    from typer.main import get_command

    from newsgraph.cli import app

    group = get_command(app)
    return group, sorted(group.commands)


def test_every_cli_command_has_help_and_appears_in_the_readme():
    group, names = _commands()
    assert {"eval", "extract", "ingest", "query", "export", "stats", "serve"} <= set(names)
    for name in names:
        command = group.commands[name]
        assert (command.help or "").strip(), f"newsgraph {name} has no help"
        assert f"newsgraph {name}" in README, f"newsgraph {name} is not in the README"
        for option in command.params:
            if option.param_type_name == "option" and not option.hidden:
                assert (option.help or "").strip(), f"newsgraph {name} {option.opts[0]} has no help"


def test_the_public_api_is_pinned():
    import newsgraph

    # Adding to or removing from the public API is a decision: change this list with it.
    assert sorted(newsgraph.__all__) == [
        "Extraction",
        "NewsgraphError",
        "Settings",
        "__version__",
        "article_id",
        "extract",
        "extract_many",
        "to_graph",
    ]
    for name in newsgraph.__all__:
        assert getattr(newsgraph, name) is not None


@pytest.mark.model
def test_the_readme_python_example_prints_what_the_readme_shows():
    # The first ```python block of "Extracting facts from an article" and the output under it.
    section = README.split("## Extracting facts from an article", 1)[1].split("\n## ", 1)[0]
    code = section.split("```python\n", 1)[1].split("```", 1)[0]
    shown = section.split("```python\n", 1)[1].split("```", 1)[1].split("```\n", 1)[1].split("```", 1)[0]
    ran = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout == shown, "README's Python example is stale; it prints now:\n" + ran.stdout
