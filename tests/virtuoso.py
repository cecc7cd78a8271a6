"""Start a private Virtuoso for the store tests: free loopback ports, a temporary
database directory and a generated ``virtuoso.ini``; stopped when the session ends.

Without ``virtuoso-t`` on the PATH the tests that need it are skipped, except in
CI (``CI=true``), where a missing Virtuoso fails the run instead of hiding it.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

USER = "dba"
PASSWORD = "dba"  # Virtuoso's built-in default, only ever on a private loopback server

INI = """\
[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{isql_port}
DisableUnixSocket = 1
MaxClientConnections = 10
CheckpointInterval = 60
CaseMode = 2
DirsAllowed = ., {dir}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
ThreadsPerQuery = 2
MaxQueryMem = 500M

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {vsp}
MaxClientConnections = 10
ServerThreads = 10
EnabledDavVSP = 0
Charset = UTF-8

[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryCostEstimationTime = 400
MaxQueryExecutionTime = 20
"""


@dataclass
class Virtuoso:
    url: str  # /sparql-auth: query and update, HTTP Digest
    user: str
    password: str
    process: subprocess.Popen
    directory: Path

    @property
    def spec(self) -> str:
        return f"sparql:{self.url}"

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        shutil.rmtree(self.directory, ignore_errors=True)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def virtuoso_binary() -> str | None:
    return shutil.which("virtuoso-t")


def require_virtuoso() -> str:
    """The virtuoso-t path, or skip (fail in CI) with the reason."""
    binary = virtuoso_binary()
    if binary:
        return binary
    reason = "virtuoso-t is not installed (apt-get install virtuoso-opensource; .ci/system-packages does it)"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail("CI=true but " + reason, pytrace=False)
    pytest.skip(reason)


def start(binary: str, *, ready_timeout: float = 120.0) -> Virtuoso:
    directory = Path(tempfile.mkdtemp(prefix="newsgraph-virtuoso-"))
    http_port, isql_port = _free_port(), _free_port()
    vsp = Path("/var/lib/virtuoso-opensource-7/vsp")
    if not vsp.is_dir():
        vsp = directory / "vsp"
        vsp.mkdir()
    (directory / "virtuoso.ini").write_text(
        INI.format(dir=directory, http_port=http_port, isql_port=isql_port, vsp=vsp)
    )
    log = open(directory / "stdout.log", "wb")
    process = subprocess.Popen(
        [binary, "+foreground", "+configfile", str(directory / "virtuoso.ini")],
        cwd=directory,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    server = Virtuoso(
        url=f"http://127.0.0.1:{http_port}/sparql-auth",
        user=USER,
        password=PASSWORD,
        process=process,
        directory=directory,
    )
    deadline = time.monotonic() + ready_timeout
    auth = httpx.DigestAuth(USER, PASSWORD)
    while True:
        if process.poll() is not None:
            output = (directory / "stdout.log").read_text(errors="replace")[-2000:]
            server.stop()
            raise RuntimeError(f"virtuoso-t exited with {process.returncode}:\n{output}")
        try:
            response = httpx.post(server.url, data={"query": "ASK {}"}, auth=auth, timeout=5,
                                  headers={"Accept": "application/sparql-results+json"})
            if response.status_code == 200:
                return server
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline:
            server.stop()
            raise RuntimeError(f"Virtuoso did not answer on {server.url} within {ready_timeout:.0f} s")
        time.sleep(0.5)
