"""Run every console example in README.md and check (or rewrite) the output shown under it.

    python bench/readme_examples.py            # check: exit 1 and a diff when an example is stale
    python bench/readme_examples.py --write    # rewrite README.md's example outputs from real runs

Each ```console block is a list of ``$ command`` lines (continued while a quote is open or a
line ends in a backslash) with the output under each. The blocks run for real, in a fresh
temporary folder with ``samples/`` linked in and ``newsgraph`` on the PATH:

- the HTTP examples first: ``newsgraph serve --load samples`` starts (on a free port, shown as
  8000), then every block of ``curl`` commands runs against it in README order;
- then the command-line examples on a fresh store: the block that ingests first (its output
  shows the first ingest), then the others in README order.

An output is rendered the same way for checking and for writing: carriage returns dropped,
HTTP headers that change every time or add nothing (date, server, content-length), terminal
colours and the ingest progress bar left out,
lines over 200 characters cut with " ...". Checking compares renderings after replacing
timings (``in 5.2 s``, ``articles/s``, ``dur=``, process ids) with ``N``.
"""

from __future__ import annotations

import argparse
import difflib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
SHOWN_PORT = 8000
LONGEST = 200
DROPPED_HEADERS = re.compile(r"^(date|server|content-length): ", re.IGNORECASE)
PROGRESS = re.compile(r"^ingest: \d+article")  # tqdm's bar on stderr, redrawn as it goes
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
TIMINGS = [
    (re.compile(r"\bin \d+(\.\d+)? s\b"), "in N s"),
    (re.compile(r"\d+(\.\d+)? articles/s"), "N articles/s"),
    (re.compile(r"dur=\d+(\.\d+)?"), "dur=N"),
    (re.compile(r"process \[\d+\]"), "process [N]"),
]


@dataclass
class Example:
    command: str  # as written, continuation lines included
    output: list[str]


@dataclass
class Block:
    start: int  # index of the first line inside the fence
    end: int  # index of the closing fence
    examples: list[Example] = field(default_factory=list)

    @property
    def http(self) -> bool:
        return any(e.command.startswith(("curl", ".venv/bin/newsgraph serve", "newsgraph serve")) for e in self.examples)


def parse(lines: list[str]) -> list[Block]:
    blocks = []
    index = 0
    while index < len(lines):
        if lines[index].strip() != "```console":
            index += 1
            continue
        start = index + 1
        end = start
        while lines[end].strip() != "```":
            end += 1
        block = Block(start, end)
        current: list[str] | None = None
        for line in lines[start:end]:
            continuing = current is not None and not block.examples[-1].output and (
                _open_quote("\n".join(current)) or current[-1].endswith("\\"))
            if continuing:
                current.append(line)
                block.examples[-1].command = "\n".join(current)
            elif line.startswith("$ "):
                current = [line[2:]]
                block.examples.append(Example(line[2:], []))
            elif block.examples:
                block.examples[-1].output.append(line)
        blocks.append(block)
        index = end + 1
    return blocks


def _open_quote(text: str) -> bool:
    single = double = False
    for ch in text:
        if ch == "'" and not double:
            single = not single
        elif ch == '"' and not single:
            double = not double
    return single or double


def render(text: str, port: int) -> list[str]:
    lines = []
    for line in text.replace("\r", "").split("\n"):
        line = ANSI.sub("", line.replace(f"127.0.0.1:{port}", f"127.0.0.1:{SHOWN_PORT}")).rstrip()
        if DROPPED_HEADERS.match(line) or PROGRESS.match(line):
            continue
        if len(line) > LONGEST:
            line = line[:LONGEST] + " ..."
        lines.append(line)
    while lines and not lines[-1]:
        lines.pop()
    return lines


def normalise(lines: list[str]) -> list[str]:
    out = []
    for line in lines:
        for pattern, replacement in TIMINGS:
            line = pattern.sub(replacement, line)
        out.append(line)
    return out


class Workspace:
    """A temporary folder with samples/ linked in, `newsgraph` and `.venv/bin/newsgraph` runnable."""

    def __init__(self) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="newsgraph-readme-"))
        (self.dir / "samples").symlink_to(ROOT / "samples")
        bin_dir = self.dir / ".venv" / "bin"
        bin_dir.mkdir(parents=True)
        wrapper = bin_dir / "newsgraph"
        wrapper.write_text(f'#!/bin/sh\nexec "{sys.executable}" -c "from newsgraph.cli import main; main()" "$@"\n')
        wrapper.chmod(0o755)
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSGRAPH_")}
        self.env.update({"PATH": f"{bin_dir}:{self.env.get('PATH', '')}", "COLUMNS": "80", "NO_COLOR": "1",
                         "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT / "src"), self.env.get("PYTHONPATH")]))})

    def run(self, command: str, port: int) -> str:
        """The command's output (stdout then stderr, as a terminal would show them)."""
        command = command.replace(f"127.0.0.1:{SHOWN_PORT}", f"127.0.0.1:{port}")
        plain = "|" not in command and ">" not in command and "--format" not in command and " -o " not in command
        if plain and command.startswith("newsgraph query"):
            return self._in_terminal(command)
        done = subprocess.run(["bash", "-c", command], cwd=self.dir, env=self.env, capture_output=True, text=True,
                              timeout=600)
        return done.stdout + done.stderr

    def _in_terminal(self, command: str) -> str:
        """Standard output in a pseudo-terminal, as people see it (tables, not JSON)."""
        import pty

        leader, follower = pty.openpty()
        import fcntl
        import struct
        import termios

        fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 80, 0, 0))
        process = subprocess.Popen(["bash", "-c", command], cwd=self.dir, env=self.env, stdout=follower,
                                   stderr=subprocess.PIPE, text=False)
        os.close(follower)
        chunks = []
        while True:
            try:
                data = os.read(leader, 65536)
            except OSError:
                break
            if not data:
                break
            chunks.append(data)
        process.wait(600)
        os.close(leader)
        return b"".join(chunks).decode("utf-8", "replace") + process.stderr.read().decode("utf-8", "replace")

    def close(self) -> None:
        shutil.rmtree(self.dir, ignore_errors=True)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run_blocks(blocks: list[Block]) -> dict[tuple[int, int], list[str]]:
    """(block index, example index) -> rendered real output."""
    results: dict[tuple[int, int], list[str]] = {}
    port = _free_port()

    http = Workspace()
    server = None
    try:
        for b, block in enumerate(blocks):
            if not block.http:
                continue
            for e, example in enumerate(block.examples):
                if " serve" in example.command.split("\n")[0]:
                    server, output = _start_server(http, example.command, port)
                    results[(b, e)] = render(output, port)
                else:
                    results[(b, e)] = render(http.run(example.command, port), port)
    finally:
        if server is not None:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(60)
            except subprocess.TimeoutExpired:
                server.kill()
        http.close()

    cli = Workspace()
    try:
        order = sorted((b for b, block in enumerate(blocks) if not block.http),
                       key=lambda b: 0 if any("newsgraph ingest" in e.command for e in blocks[b].examples) else 1)
        for b in order:
            for e, example in enumerate(blocks[b].examples):
                results[(b, e)] = render(cli.run(example.command, port), port)
    finally:
        cli.close()
    return results


def _start_server(workspace: Workspace, command: str, port: int):
    env = dict(workspace.env, NEWSGRAPH_PORT=str(port), PYTHONUNBUFFERED="1")
    process = subprocess.Popen(["bash", "-c", "exec " + command], cwd=workspace.dir, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines = []
    deadline = time.monotonic() + 300
    for line in process.stdout:
        lines.append(line.rstrip("\n"))
        if "newsgraph is serving on" in line or time.monotonic() > deadline:
            break
    if not any("newsgraph is serving on" in line for line in lines):
        process.kill()
        raise RuntimeError("the server did not start:\n" + "\n".join(lines))
    # Keep draining its output so it never blocks on a full pipe.
    import threading

    threading.Thread(target=lambda: [None for _ in process.stdout], daemon=True).start()
    return process, "\n".join(lines)


def check_or_write(write: bool) -> list[str]:
    """Differences between the README and real runs (empty when it is current); with
    ``write``, the README is rewritten from the runs."""
    lines = README.read_text(encoding="utf-8").split("\n")
    blocks = parse(lines)
    results = run_blocks(blocks)
    problems = []
    replacements = {}
    for b, block in enumerate(blocks):
        new_block = []
        for e, example in enumerate(block.examples):
            actual = results[(b, e)]
            shown = list(example.output)
            spaced = bool(shown) and not shown[-1].strip()  # a blank line before the next command
            while shown and not shown[-1].strip():
                shown.pop()
            if normalise(shown) != normalise(actual):
                diff = "\n".join(difflib.unified_diff(shown, actual, "README", "real run", lineterm=""))
                problems.append(f"$ {example.command}\n{diff}")
            new_block.append("$ " + example.command)
            new_block += actual + ([""] if spaced else [])
        replacements[b] = new_block
    if write:
        for b in sorted(replacements, reverse=True):
            block = blocks[b]
            lines[block.start:block.end] = replacements[b]
        README.write_text("\n".join(lines), encoding="utf-8")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--write", action="store_true", help="rewrite README.md's example outputs")
    args = parser.parse_args()
    problems = check_or_write(args.write)
    for problem in problems:
        print(problem, end="\n\n")
    if args.write:
        print(f"README.md: {len(problems)} example(s) rewritten")
        return 0
    print(f"{len(problems)} stale example(s)" if problems else "every README console example is current")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
