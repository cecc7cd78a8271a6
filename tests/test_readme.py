"""The README stays true: every setting is documented, and the quick-start commands exist."""

from pathlib import Path

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
