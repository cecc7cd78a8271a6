"""Users' SPARQL queries on the embedded store, in child processes that can be killed.

pyoxigraph cannot stop a query once it runs: a query answered 503 at the time limit
used to go on planning or joining in a thread of the server for minutes, holding a core
and, two of them, every reader. Here each query runs in a small child process that
opens the same store directory read-only (RocksDB's read-only mode, no lock taken); at
the time limit the parent kills the child (SIGKILL) and reaps it, so the work ends with
the answer. newsgraph's own reads (an article, the entity pages) stay in the server
process and never queue behind a user's query.

The children run at a lower CPU priority (nice 10) than the server, so a runaway query
takes the cores the server leaves idle. (Running them at the server's priority and
lowering it only once a query ran 0.5 s was tried: on two cores the three children then
took the extraction workers' CPU, 2.1 articles/s instead of 3.8 under the api_bench load,
and SPARQL p95 was no better.) A child sees the store as it was when it opened
it: the store bumps a write counter on every write, and a child reopens before its next
query when the counter moved (15-90 ms, more with a longer write-ahead log to replay). A
query that accepts a bounded lag (``stale_ok``: the HTTP endpoint's queries from clients
that have not written within ``query_staleness`` seconds) only makes a child reopen when
its snapshot misses a write older than that. Oxigraph calls a read-only open while another
process writes "undefined"; what RocksDB does is read a consistent snapshot from its
manifest and log, and a file compacted away underneath shows as an I/O or "corruption"
error, on which the child reopens the store and runs the query again (up to 4 times). The
store flushes its write-ahead log about every 200 kB of update text, so a reopen stays cheap (a
read-only open replays the whole log).

Run as a script (``python query_process.py FD PATH``) this module is the child's main:
it reads requests from the socket FD and answers on it.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

NICE = 10  # the children's CPU priority below the server's
STARTUP_LIMIT = 60.0  # seconds a new child may take to import and say it is ready
_ATTEMPTS = 4  # opens of the store per query when files change underneath


@dataclass
class QueryRequest:
    generation: int  # the store's write counter when the query was asked
    sparql: str
    kind: str  # select, ask or graph
    format: str
    max_rows: int | None
    # The oldest write counter the answer may be read at: the current one, or (a query that
    # accepts a snapshot up to the store's query_staleness old) the counter back then.
    needed: int = -1

    def __post_init__(self) -> None:
        if self.needed < 0:
            self.needed = self.generation


class _Child:
    def __init__(self, path: Path):
        parent_end, child_end = socket.socketpair()
        try:
            self.process = subprocess.Popen(
                [sys.executable, __file__, str(child_end.fileno()), str(path), str(os.getpid())],
                pass_fds=(child_end.fileno(),),
                stdin=subprocess.DEVNULL,
                close_fds=True,
            )
        finally:
            child_end.close()
        self.connection = Connection(os.dup(parent_end.fileno()))
        parent_end.close()
        self.ready = False  # the child says so once its imports are done

    def wait_ready(self) -> None:
        """Wait (not counted against a query's time limit) until the child has started."""
        if self.ready:
            return
        if not self.connection.poll(STARTUP_LIMIT):
            raise OSError(f"it did not start within {STARTUP_LIMIT:g} s")
        message = self.connection.recv()
        if message != ("ready", None):
            raise OSError(f"it said {message!r} instead of starting")
        self.ready = True


    @property
    def pid(self) -> int:
        return self.process.pid

    def alive(self) -> bool:
        return self.process.poll() is None

    def kill(self) -> None:
        """SIGKILL and reap: once this returns, the query's work is over."""
        try:
            self.process.kill()
        except OSError:
            pass
        self.process.wait()
        try:
            self.connection.close()
        except OSError:
            pass


class QueryProcesses:
    """At most ``size`` child processes answering queries; one query per child at a time."""

    def __init__(self, path: Path, size: int):
        self.path = Path(path)
        self.size = max(1, size)
        self._slots = threading.BoundedSemaphore(self.size)
        self._lock = threading.Lock()
        self._idle: list[_Child] = []
        self._busy: set[_Child] = set()
        self._starting = 0  # children being started: with the rest, never more than size
        self._closed = False
        # Children start with the first query: a command that never queries (ingest, export)
        # starts none.
        self.used = False

    def _fill(self) -> None:
        """Start a spare child when none is idle, so the next query does not wait for one."""
        with self._lock:
            if self._closed or self._idle or len(self._busy) + self._starting + 1 > self.size:
                return
            self._starting += 1
        try:
            child = _Child(self.path)
        except OSError:
            return  # the next query starts one itself and reports why it cannot
        finally:
            with self._lock:
                self._starting -= 1
        with self._lock:
            if self._closed:
                child.kill()
            else:
                self._idle.append(child)

    def pids(self, *, running: bool = False) -> list[int]:
        """Process ids of the children running a query (``running``) or all of them."""
        with self._lock:
            return [c.pid for c in [*([] if running else self._idle), *self._busy]]

    def run(self, request: QueryRequest, timeout: float | None):
        """The :class:`~.base.QueryResult` of ``request``; raises what the query raised,
        or :class:`QueryTimeout` after ``timeout`` seconds, with the child killed."""
        from ..errors import QueryTimeout, StoreError

        self.used = True
        if not self._slots.acquire(timeout=timeout):
            raise QueryTimeout(
                f"all {self.size} query processes stayed busy for {timeout:g} s; try again shortly"
            )
        child = None
        try:
            with self._lock:
                if self._closed:
                    raise StoreError("the store is closed")
                while self._idle and child is None:
                    candidate = self._idle.pop()
                    if candidate.alive():
                        child = candidate
                    else:
                        candidate.kill()
                if child is None:
                    self._starting += 1  # started below; counted before the spare's check
            if not self._idle:  # keep a spare starting for the next query
                threading.Thread(target=self._fill, name="newsgraph-query-start", daemon=True).start()
            if child is None:
                try:
                    child = _Child(self.path)
                except OSError as exc:
                    raise StoreError(f"cannot start a query process: {exc}") from exc
                finally:
                    with self._lock:
                        self._starting -= 1
            with self._lock:
                self._busy.add(child)
            try:
                # The limit counts from here: starting a child (its imports take a second on
                # a busy machine) is the service's cost, not the query's.
                child.wait_ready()
                child.connection.send(request)
                if not child.connection.poll(timeout):
                    child.kill()
                    raise QueryTimeout(f"the query ran longer than {timeout:g} s and was stopped")
                status, value = child.connection.recv()
            except (EOFError, OSError) as exc:
                child.kill()
                raise StoreError(f"the query process ended unexpectedly ({exc or 'no answer'})") from None
            with self._lock:
                self._busy.discard(child)
                keep = child.alive() and not self._closed
                if keep:
                    self._idle.append(child)
            if not keep:
                child.kill()
            child = None
            return _outcome(status, value, request.sparql)
        finally:
            if child is not None:
                with self._lock:
                    self._busy.discard(child)
                if child.alive():
                    child.kill()
                threading.Thread(target=self._fill, name="newsgraph-query-start", daemon=True).start()
            self._slots.release()

    def close(self) -> None:
        with self._lock:
            self._closed = True
            children, self._idle = [*self._idle, *self._busy], []
            self._busy = set()
        for child in children:
            child.kill()


def _outcome(status: str, value, sparql: str):
    from ..errors import BadQuery, StoreError
    from .base import syntax_error

    if status == "ok":
        return value
    if status == "syntax":
        raise syntax_error(sparql, value)
    if status == "bad":
        raise BadQuery(value)
    if any(sign in str(value) for sign in _RACE_SIGNS):
        raise SnapshotUnavailable(f"the store changed under the query process: {value}")
    raise StoreError(f"the store failed: {value}")


# How RocksDB reports a table file compacted away while a read-only reader opened or read it.
_RACE_SIGNS = ("IO error", "No such file", "Corruption")


class SnapshotUnavailable(Exception):
    """The child could not read a consistent snapshot while the server kept writing (every
    attempt met files compacted away); the server answers the query itself instead."""


# --- the child ---------------------------------------------------------------------------


def _exit_with_parent(parent: int) -> None:
    """End this child within half a second of the server process ending, however it ends
    (SIGKILL included). Not PR_SET_PDEATHSIG: that fires when the *thread* that started
    the child ends, and the server starts children from short-lived worker threads.
    pyoxigraph releases the GIL while it evaluates, so this thread runs during a query."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(0)

    threading.Thread(target=watch, name="newsgraph-parent-watch", daemon=True).start()


def _serve(fd: int, path: str, parent: int) -> None:
    import pyoxigraph as ox

    from newsgraph.errors import NewsgraphError
    from newsgraph.store.base import serialise_result

    _exit_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the server handles Ctrl-C and kills us
    connection = Connection(fd)
    connection.send(("ready", None))
    store, generation = None, None
    never = threading.Event()
    while True:
        try:
            request: QueryRequest = connection.recv()
        except (EOFError, OSError):
            return
        reply: tuple[str, object] = ("store", "the store could not be opened")
        for attempt in range(1, _ATTEMPTS + 1):
            try:
                if store is None or generation is None or generation < request.needed:
                    store, generation = None, None
                    store = ox.Store.read_only(path)
                    generation = request.generation
                # The stored default graph is the set union of the article graphs (see oxigraph.py).
                result = store.query(request.sparql)
                reply = ("ok", serialise_result(request.kind, result, request.format, request.max_rows, never))
                result = None
                break
            except SyntaxError as exc:
                reply = ("syntax", str(exc))
                break
            except NewsgraphError as exc:  # StoreError from the serializers
                reply = ("store", exc.message)
                if not any(sign in exc.message for sign in _RACE_SIGNS):
                    break
                store = None  # a file gone while the results were read: as below
                time.sleep(0.02 * attempt)
            except (OSError, RuntimeError) as exc:
                # A table file compacted away while this child opened or read the store
                # ("IO error: No such file", "Corruption"): open it afresh and try again.
                reply = ("store", str(exc))
                store = None
                time.sleep(0.02 * attempt)
            except Exception as exc:  # anything else pyoxigraph raises: the query's doing
                reply = ("bad", f"the query could not be run: {exc}")
                break
        try:
            connection.send(reply)
        except (EOFError, OSError):
            return


def _import_without_the_package_init() -> None:
    """Make ``newsgraph.store.base`` importable without running ``newsgraph/__init__``,
    which loads spaCy (a second of start-up and ~100 MB the child never uses)."""
    import types

    package = Path(__file__).resolve().parents[1]
    for name, where in (("newsgraph", package), ("newsgraph.store", package / "store")):
        module = types.ModuleType(name)
        module.__path__ = [str(where)]
        sys.modules[name] = module


if __name__ == "__main__":
    os.nice(NICE)  # first: starting up is work too
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    _import_without_the_package_init()
    _serve(int(sys.argv[1]), sys.argv[2], int(sys.argv[3]))
