"""Users' SPARQL queries on the embedded store, in child processes that can be killed.

pyoxigraph cannot stop a query once it runs: a query answered 503 at the time limit
used to go on planning or joining in a thread of the server for minutes, holding a core
and, two of them, every reader. Here each query runs in a small child process; at the
time limit the parent kills the child (SIGKILL) and reaps it, so the work ends with the
answer. newsgraph's own reads (an article, the entity pages) stay in the server process
and never queue behind a user's query.

A child never reads the directory the server writes: Oxigraph calls a read-only open of
a store another process writes undefined, and such a view was seen to stall a simple
query until its time limit under steady writes. It reads a *snapshot*: a RocksDB
checkpoint (``Store.backup``: the memtables flushed, then the table files hard-linked and
the manifest copied into a directory of its own), taken by the server under its write
lock, so it holds every write acknowledged before it and no part of one in flight, and
opened read-only by the children. Nothing ever writes a snapshot's directory, so reading
it is defined; a table file the server compacts away stays readable through the
snapshot's link. A query carries the oldest write counter its answer may be read at (the
current one, so a client reads its own writes; for ``stale_ok`` queries the counter
``query_staleness`` seconds ago): the child's open snapshot answers if it is that new,
else the newest snapshot, else the server takes a new one (10-35 ms on a 100k-quad store,
70-440 ms with other work loading the disk; most of it the flush; one at a time, shared
by every query waiting for it). A snapshot is deleted once it is neither the newest nor
open in a child, so at most ``size + 1`` exist; they live in ``query-snapshots/`` inside
the store directory (same file system, so hard links work), which the store empties
whenever it opens.

The children run at a lower CPU priority (nice 10) than the server, so a runaway query
takes the cores the server leaves idle. (Running them at the server's priority and
lowering it only once a query ran 0.5 s was tried: on two cores the three children then
took the extraction workers' CPU, 2.1 articles/s instead of 3.8 under the api_bench load,
and SPARQL p95 was no better.)

Run as a script (``python query_process.py FD PARENT``) this module is the child's main:
it reads requests from the socket FD and answers on it.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .results import QueryResult

NICE = 10  # the children's CPU priority below the server's
STARTUP_LIMIT = 60.0  # seconds a new child may take to import and say it is ready
SNAPSHOTS = "query-snapshots"  # the directory, inside the store's, that holds the snapshots


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
    snapshot: str = ""  # the snapshot directory to answer from, filled in by QueryProcesses.run

    def __post_init__(self) -> None:
        if self.needed < 0:
            self.needed = self.generation


@dataclass(eq=False)
class Snapshot:
    """A checkpoint of the store holding every write up to ``generation``."""

    path: Path
    generation: int
    users: int = 0  # children that have it open
    newest: bool = True  # until a newer one replaces it


class SnapshotUnavailable(Exception):
    """No snapshot new enough could be taken (the write lock stayed held past the query's
    time limit, or the checkpoint failed): the server answers the query itself instead."""


# Takes a checkpoint of the store into the directory given, under the store's write lock,
# waiting for that lock at most the seconds given (None: without limit); returns the write
# counter it holds, or None when the lock was not free in time.
Checkpoint = Callable[[Path, float | None], int | None]


class _Child:
    def __init__(self) -> None:
        parent_end, child_end = socket.socketpair()
        try:
            self.process = subprocess.Popen(
                [sys.executable, __file__, str(child_end.fileno()), str(os.getpid())],
                pass_fds=(child_end.fileno(),),
                stdin=subprocess.DEVNULL,
                close_fds=True,
            )
        finally:
            child_end.close()
        self.connection = Connection(os.dup(parent_end.fileno()))
        parent_end.close()
        self.ready = False  # the child says so once its imports are done
        self.snapshot: Snapshot | None = None  # the snapshot it has open

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

    def __init__(self, path: Path, size: int, checkpoint: Checkpoint):
        self.path = Path(path)
        self.size = max(1, size)
        self._checkpoint = checkpoint
        self._slots = threading.BoundedSemaphore(self.size)
        self._lock = threading.Lock()
        self._idle: list[_Child] = []
        self._busy: set[_Child] = set()
        self._starting = 0  # children being started: with the rest, never more than size
        self._closed = False
        # Snapshots: the newest (None before the first query), and the lock held while one
        # is taken, so queries waiting for a newer one share it.
        self._snapshots = self.path / SNAPSHOTS
        self._newest: Snapshot | None = None
        self._taking = threading.Lock()
        self._taken = 0
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
            child = _Child()
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

    # --- snapshots ---------------------------------------------------------------------

    def snapshot_dirs(self) -> list[Path]:
        """The snapshot directories on disk (for tests and diagnostics)."""
        return sorted(self._snapshots.iterdir()) if self._snapshots.is_dir() else []

    def _assign(self, child: _Child, needed: int, wait: float | None) -> Snapshot:
        """Give ``child`` a snapshot holding every write up to ``needed``: its own, the newest,
        or a new one. Raises :class:`SnapshotUnavailable` when none can be taken in ``wait`` s.
        The choice and the child's claim on it are made together under the lock, so a newer
        snapshot cannot delete the chosen one in between."""
        with self._lock:
            for snapshot in (child.snapshot, self._newest):
                if snapshot is not None and snapshot.generation >= needed:
                    self._use(child, snapshot)
                    return snapshot
        if not self._taking.acquire(timeout=-1 if wait is None else wait):
            raise SnapshotUnavailable("another query's snapshot was still being taken")
        try:
            with self._lock:
                newest = self._newest
                if newest is not None and newest.generation >= needed:  # taken while this one waited
                    self._use(child, newest)
                    return newest
            self._taken += 1
            target = self._snapshots / f"{self._taken:06d}"
            try:
                self._snapshots.mkdir(exist_ok=True)
                generation = self._checkpoint(target, wait)
            except Exception as exc:
                shutil.rmtree(target, ignore_errors=True)
                raise SnapshotUnavailable(f"the store could not be checkpointed: {exc}") from exc
            if generation is None:
                raise SnapshotUnavailable(f"a write held the store for more than {wait:g} s")
            snapshot = Snapshot(target, generation)
            with self._lock:
                old, self._newest = self._newest, snapshot
                self._use(child, snapshot)
                if old is not None:
                    old.newest = False
                    self._discard_unused(old)
            return snapshot
        finally:
            self._taking.release()

    def _use(self, child: _Child, snapshot: Snapshot | None) -> None:
        """Record that ``child`` has ``snapshot`` open (None: none, it is gone), under _lock."""
        old, child.snapshot = child.snapshot, snapshot
        if old is snapshot:
            return
        if snapshot is not None:
            snapshot.users += 1
        if old is not None:
            old.users -= 1
            self._discard_unused(old)

    def _discard_unused(self, snapshot: Snapshot) -> None:
        """Delete a snapshot no child has open and a newer one replaced (under _lock)."""
        if snapshot.users <= 0 and not snapshot.newest:
            shutil.rmtree(snapshot.path, ignore_errors=True)

    # --- queries -----------------------------------------------------------------------

    def run(self, request: QueryRequest, timeout: float | None) -> QueryResult:
        """The :class:`~.results.QueryResult` of ``request``; raises what the query raised,
        :class:`QueryTimeout` after ``timeout`` seconds (the child killed), or
        :class:`SnapshotUnavailable` when no snapshot new enough could be taken."""
        from ..errors import QueryTimeout, StoreError

        self.used = True
        if not self._slots.acquire(timeout=-1 if timeout is None else timeout):
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
                        self._use(candidate, None)
                        candidate.kill()
                if child is None:
                    self._starting += 1  # started below; counted before the spare's check
            if not self._idle:  # keep a spare starting for the next query
                threading.Thread(target=self._fill, name="newsgraph-query-start", daemon=True).start()
            if child is None:
                try:
                    child = _Child()
                except OSError as exc:
                    raise StoreError(f"cannot start a query process: {exc}") from exc
                finally:
                    with self._lock:
                        self._starting -= 1
            with self._lock:
                self._busy.add(child)
            # Waiting for a write to end so the snapshot holds it is the service's cost, not
            # the query's: the limit counts once the child has the query.
            request.snapshot = str(self._assign(child, request.needed, timeout).path)
            try:
                # Starting a child (its imports take a second on a busy machine) is not
                # counted either.
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
                else:
                    self._use(child, None)
            if not keep:
                child.kill()
            child = None
            return _outcome(status, value, request.sparql)
        finally:
            if child is not None:
                with self._lock:
                    self._busy.discard(child)
                    self._use(child, None)
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
        with self._taking:  # not while a snapshot is being taken into the directory
            self._newest = None
            shutil.rmtree(self._snapshots, ignore_errors=True)


def remove_snapshots(store_path: Path) -> None:
    """Delete the snapshots a server that ended without closing the store left behind (only
    safe while this process holds the store open: no other server can then be using them)."""
    shutil.rmtree(Path(store_path) / SNAPSHOTS, ignore_errors=True)


def _outcome(status: str, value: object, sparql: str) -> QueryResult:
    from ..errors import BadQuery, StoreError
    from .results import QueryResult, syntax_error

    if status == "ok" and isinstance(value, QueryResult):
        return value
    if status == "syntax":
        raise syntax_error(sparql, str(value))
    if status == "bad":
        raise BadQuery(str(value))
    raise StoreError(f"the store failed: {value}")


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


def _serve(fd: int, parent: int) -> None:
    import pyoxigraph as ox

    from newsgraph.errors import NewsgraphError
    from newsgraph.store.results import serialise_result

    _exit_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the server handles Ctrl-C and kills us
    connection = Connection(fd)
    connection.send(("ready", None))
    store: ox.Store | None = None
    opened = ""  # the snapshot directory ``store`` reads
    never = threading.Event()
    while True:
        try:
            request: QueryRequest = connection.recv()
        except (EOFError, OSError):
            return
        reply: tuple[str, object]
        try:
            if store is None or opened != request.snapshot:
                # The old snapshot closes before the new one opens: the parent deletes a
                # snapshot once no child uses it.
                store, opened = None, ""
                store = ox.Store.read_only(request.snapshot)
                opened = request.snapshot
            # The stored default graph is the set union of the article graphs (see oxigraph.py).
            result = store.query(request.sparql)
            reply = ("ok", serialise_result(request.kind, result, request.format, request.max_rows, never))
            del result
        except SyntaxError as exc:
            reply = ("syntax", str(exc))
        except NewsgraphError as exc:  # StoreError from the serializers
            reply = ("store", exc.message)
        except OSError as exc:  # the snapshot could not be read: nothing writes it, so a real fault
            reply = ("store", str(exc))
            store, opened = None, ""
        except Exception as exc:  # anything else pyoxigraph raises: the query's doing
            reply = ("bad", f"the query could not be run: {exc}")
        try:
            connection.send(reply)
        except (EOFError, OSError):
            return


def _import_without_the_package_init() -> None:
    """Make ``newsgraph.store.results`` importable without running ``newsgraph/__init__``,
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
    _serve(int(sys.argv[1]), int(sys.argv[2]))
