"""Users' SPARQL queries and their answers, the same on every backend.

A query is prepared once (:class:`PreparedQuery`: its kind, the answer's format, the
default prefixes, the time and row limits) by :meth:`~.interface.Store.query`; every
backend's result goes through pyoxigraph's native serializers (:func:`serialise_result`),
so the CLI and the API never care which backend answered. The embedded backends run the
query in a thread that stops waiting at the time limit (:func:`run_with_deadline`).
"""

from __future__ import annotations

import queue
import re
import threading
import traceback
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any, cast

import pyoxigraph as ox

from ..errors import BadQuery, QueryTimeout, StoreError
from ..formats import name_of_media_type, of_kind
from ..ontology import PREFIXES

# The formats each kind of answer comes in (newsgraph.formats holds them all).
RESULT_FORMATS = of_kind("results")
GRAPH_FORMATS = of_kind("graph")
DATASET_FORMATS = of_kind("dataset")  # named graphs kept; the graph formats get the merged graph
EXPORT_FORMATS = {**DATASET_FORMATS, **GRAPH_FORMATS}



def results_writer(fmt: str) -> ox.QueryResultsFormat:
    """pyoxigraph's writer for the SELECT/ASK result format ``fmt`` (a RESULT_FORMATS name)."""
    value = RESULT_FORMATS[fmt].oxigraph
    if not isinstance(value, ox.QueryResultsFormat):
        raise StoreError(f"'{fmt}' is not a SPARQL results format")
    return value


def rdf_writer(fmt: str) -> ox.RdfFormat:
    """pyoxigraph's writer for the RDF format ``fmt`` (an EXPORT_FORMATS name)."""
    value = EXPORT_FORMATS[fmt].oxigraph
    if not isinstance(value, ox.RdfFormat):
        raise StoreError(f"'{fmt}' is not an RDF format")
    return value


# Queries still running after their caller gave up (pyoxigraph and rdflib cannot cancel a
# query mid-evaluation); past this many, new queries are refused until they end.
MAX_RUNAWAY_QUERIES = 2


@dataclass
class QueryResult:
    """A SPARQL result: ``kind`` is 'select', 'ask' or 'graph' (CONSTRUCT/DESCRIBE).

    ``body`` is the result serialised in ``format`` (``media_type``); ``truncated``
    says the row limit cut it short.
    """

    kind: str
    format: str
    media_type: str
    body: bytes = b""
    variables: list[str] = field(default_factory=list)
    boolean: bool | None = None
    truncated: bool = False


@dataclass(frozen=True)
class PreparedQuery:
    """A read query as every backend gets it from :meth:`~.interface.Store.query`."""

    sparql: str  # with newsgraph's usual prefixes declared
    kind: str  # select, ask or graph
    format: str  # the answer's short format name
    timeout: float | None  # seconds; None: no limit
    max_rows: int | None  # None: no limit
    stale_ok: bool = False  # may miss the writes of the last query_staleness seconds
    own: bool = False  # a bounded query newsgraph wrote itself (Store.own_query)


# --- SPARQL text -----------------------------------------------------------------------

_DEFAULTS_NOTE = "schema:, ng:, rdf:, rdfs:, xsd: and prov: need no declaration"


def syntax_error(sparql: str, message: str) -> BadQuery:
    """The :class:`BadQuery` for a parser's complaint about ``sparql``, in plain words where
    it is a common slip (an undeclared prefix) rather than the parser's token list."""
    prefix = None
    unknown = re.search(r"Unknown namespace prefix\s*:\s*([\w.-]*)", message)  # rdflib
    if unknown:
        prefix = unknown.group(1)
    elif "Prefix not found" in message:  # Oxigraph: the position is the end of the prefixed name
        at = re.match(r"error at (\d+):(\d+)", message)
        lines = sparql.splitlines()
        if at and 0 < int(at.group(1)) <= len(lines):
            before = lines[int(at.group(1)) - 1][: int(at.group(2)) - 1]
            name = re.search(r"([A-Za-z][\w.-]*)?:[\w.%-]*$", before)
            prefix = name.group(1) or "" if name else None
    if prefix is not None:
        return BadQuery(f"unknown prefix {prefix}: (declare it with PREFIX {prefix}: <...>; {_DEFAULTS_NOTE})",
                        detail={"unknown_prefix": prefix})
    return BadQuery(f"SPARQL syntax error: {message}")


def result_format(kind: str, accept: str | None) -> str:
    """The short format name for a result of ``kind``, from a short name or a media type."""
    if accept:
        name = name_of_media_type(accept) or accept.lower()
    else:
        name = "turtle" if kind == "graph" else "json"
    allowed = GRAPH_FORMATS if kind == "graph" else RESULT_FORMATS
    if name not in allowed:
        what = "CONSTRUCT/DESCRIBE" if kind == "graph" else "SELECT/ASK"
        raise BadQuery(f"{what} results cannot be written as '{accept}'; use one of: {', '.join(allowed)}")
    return name


def with_default_prefixes(sparql: str) -> str:
    """Declare newsgraph's usual prefixes (schema, ng, rdf, rdfs, xsd, prov) the query uses but
    does not declare, so the same short query works on every backend."""
    missing = [
        f"PREFIX {name}: <{namespace}>"
        for name, namespace in PREFIXES.items()
        if re.search(rf"(?<![\w.-]){name}:", sparql)
        and not re.search(rf"\bPREFIX\s+{name}\s*:", sparql, flags=re.IGNORECASE)
    ]
    return "\n".join(missing) + ("\n" if missing else "") + sparql


# --- Result rewriting -----------------------------------------------------------------


class _Stop(Exception):
    """Raised inside a serializer's output to stop it (row limit or deadline)."""


class LineLimitedWriter:
    """A binary output that keeps at most ``limit`` lines after the header lines.

    pyoxigraph's TSV and N-Triples writers escape newlines inside terms, so one
    line is one row or one triple. Raising from ``write`` stops the serializer,
    which also stops a runaway streaming query when the deadline has passed.
    """

    def __init__(self, limit: int | None, header_lines: int, cancelled: threading.Event):
        self.limit = None if limit is None else limit + header_lines
        self.cancelled = cancelled
        self.chunks: list[bytes] = []
        self.lines = 0
        self.truncated = False

    def write(self, data) -> int:
        if self.cancelled.is_set():
            raise _Stop("cancelled")
        data = bytes(data)
        if self.limit is not None:
            newlines = data.count(b"\n")
            if self.lines + newlines > self.limit:
                keep = self.limit - self.lines
                cut = -1
                for _ in range(keep):
                    cut = data.index(b"\n", cut + 1)
                self.chunks.append(data[: cut + 1])
                self.lines = self.limit
                self.truncated = True
                raise _Stop("row limit")
            self.lines += newlines
        self.chunks.append(data)
        return len(data)

    def flush(self) -> None:
        return None

    def getvalue(self) -> bytes:
        return b"".join(self.chunks)


def write_solutions(solutions: ox.QuerySolutions, fmt: str, max_rows: int | None, cancelled: threading.Event) -> tuple[bytes, list[str], bool]:
    """Serialise SELECT solutions natively, cut to ``max_rows``; returns (body, variables, truncated)."""
    variables = [v.value for v in solutions.variables]
    writer = LineLimitedWriter(max_rows, 1, cancelled)
    try:
        # The stub asks for a file; pyoxigraph only calls write() and flush().
        solutions.serialize(cast(IO[bytes], writer), ox.QueryResultsFormat.TSV)
    except _Stop:
        pass
    except (OSError, ValueError) as exc:  # the stop surfaces wrapped when raised inside Rust
        if not writer.truncated and not cancelled.is_set():
            raise StoreError(f"the store failed while answering: {exc}") from None
    finally:
        # pyoxigraph results may only be freed on the thread that made them; a frame
        # kept alive by an exception cycle must not hold one.
        del solutions
    if cancelled.is_set():
        raise _Stop("cancelled")
    tsv = writer.getvalue()
    if fmt == "tsv":
        return tsv, variables, writer.truncated
    if not tsv:  # a serializer that never wrote: keep the head
        tsv = ("\t".join("?" + v for v in variables) + "\n").encode()
    body = ox.parse_query_results(tsv, ox.QueryResultsFormat.TSV).serialize(format=results_writer(fmt)) or b""
    return body, variables, writer.truncated


def _once(triples: Iterable) -> Iterator:
    seen: set = set()
    for triple in triples:
        if triple not in seen:
            seen.add(triple)
            yield triple


def write_triples(triples: Iterable, fmt: str, max_rows: int | None, cancelled: threading.Event) -> tuple[bytes, bool]:
    """Serialise CONSTRUCT/DESCRIBE triples natively, cut to ``max_rows`` triples.

    A graph is a set: a triple an engine yields twice (a DESCRIBE over a default graph that
    repeats it, on Virtuoso) is written once."""
    writer = LineLimitedWriter(max_rows, 0, cancelled)
    try:
        ox.serialize(_once(triples), cast(IO[bytes], writer), ox.RdfFormat.N_TRIPLES)
    except _Stop:
        pass
    except (OSError, ValueError) as exc:
        if not writer.truncated and not cancelled.is_set():
            raise StoreError(f"the store failed while answering: {exc}") from None
    finally:
        del triples
    if cancelled.is_set():
        raise _Stop("cancelled")
    nt = writer.getvalue()
    if fmt == "ntriples":
        return nt, writer.truncated
    parsed = ox.parse(nt, ox.RdfFormat.N_TRIPLES)
    if fmt == "jsonld":
        from ..jsonld import graph_bytes

        return graph_bytes(parsed), writer.truncated
    body = ox.serialize(parsed, format=rdf_writer(fmt), prefixes=PREFIXES) or b""
    return body, writer.truncated


def boolean_result(value: bool, fmt: str) -> bytes:
    """An ASK answer in ``fmt``, written by pyoxigraph like every other result."""
    parsed = ox.parse_query_results('{"head":{},"boolean":%s}' % ("true" if value else "false"), ox.QueryResultsFormat.JSON)
    return parsed.serialize(format=results_writer(fmt)) or b""


def serialise_result(kind: str, result, fmt: str, max_rows: int | None, cancelled: threading.Event) -> QueryResult:
    """A query's pyoxigraph result (boolean, solutions or triples) as a :class:`QueryResult` in ``fmt``."""
    if kind == "ask" or isinstance(result, (bool, ox.QueryBoolean)):
        value = bool(result)
        return QueryResult(kind="ask", format=fmt, media_type=RESULT_FORMATS[fmt].media_type,
                           body=boolean_result(value, fmt), boolean=value)
    if kind == "select":
        body, variables, truncated = write_solutions(result, fmt, max_rows, cancelled)
        return QueryResult(kind="select", format=fmt, media_type=RESULT_FORMATS[fmt].media_type,
                           body=body, variables=variables, truncated=truncated)
    body, truncated = write_triples(result, fmt, max_rows, cancelled)
    return QueryResult(kind="graph", format=fmt, media_type=GRAPH_FORMATS[fmt].media_type, body=body, truncated=truncated)


# --- Streaming ------------------------------------------------------------------------


class _QueueWriter:
    def __init__(self, chunks: queue.Queue, stop: threading.Event):
        self.chunks = chunks
        self.stop = stop

    def write(self, data) -> int:
        if self.stop.is_set():
            raise _Stop("reader went away")
        data = bytes(data)
        if data:
            self.chunks.put(data)
        return len(data)

    def flush(self) -> None:
        return None


def stream_from_writer(produce) -> Iterator[bytes]:
    """Turn ``produce(output)`` (which writes to a binary file) into an iterator of chunks.

    The producer runs in a thread with a bounded queue, so a large export is never
    held in memory; closing the iterator early stops the producer.
    """
    chunks: queue.Queue = queue.Queue(maxsize=64)
    stop = threading.Event()
    done = object()
    failure: list[BaseException] = []

    def run() -> None:
        try:
            produce(_QueueWriter(chunks, stop))
        except _Stop:
            pass
        except BaseException as exc:  # handed to the consumer, re-raised there
            failure.append(exc)
        finally:
            chunks.put(done)

    worker = threading.Thread(target=run, name="newsgraph-export", daemon=True)
    worker.start()
    try:
        while True:
            chunk = chunks.get()
            if chunk is done:
                break
            yield chunk
        if failure:
            raise failure[0]
    finally:
        stop.set()
        while worker.is_alive():  # unblock a producer waiting on a full queue
            try:
                chunks.get(timeout=0.05)
            except queue.Empty:
                pass


# --- Deadlines -------------------------------------------------------------------------


class Runaways:
    """Counts a store's queries still running after their caller was answered 503: a thread
    cannot be stopped, so past ``limit`` of them new queries are refused until they end
    (two runaways used to lock every reader out for minutes)."""

    def __init__(self, limit: int = MAX_RUNAWAY_QUERIES):
        self.limit = limit
        self.running = 0
        self.lock = threading.Lock()  # held while ``running`` changes

    def check(self) -> None:
        with self.lock:
            if self.running >= self.limit:
                raise QueryTimeout(
                    "the store is still busy with earlier queries that ran past the time limit; try again shortly"
                )


def run_with_deadline(
    work: Callable[[threading.Event], QueryResult], timeout: float | None, runaways: Runaways
) -> QueryResult:
    """``work(cancelled)`` in a thread, waited for ``timeout`` seconds at most (None: no limit).

    At the limit the caller gets :class:`QueryTimeout` while the thread runs on as a runaway
    (``cancelled`` set: a serializer checking it stops at its next write) until it ends;
    while ``runaways`` counts its limit of them, this refuses new work straight away. What
    ``work`` raises is raised here, with its frames cleared first so the engine's objects
    are freed on the worker thread (pyoxigraph objects must die where they were made).
    """
    runaways.check()
    cancelled = threading.Event()
    finished = False
    outcome: dict[str, Any] = {}

    def target() -> None:
        nonlocal finished
        try:
            outcome["result"] = work(cancelled)
        except _Stop:
            pass
        except BaseException as exc:  # handed back to the caller's thread
            traceback.clear_frames(exc.__traceback__)
            outcome["error"] = exc
        finally:
            with runaways.lock:
                finished = True
                if cancelled.is_set():
                    runaways.running -= 1

    worker = threading.Thread(target=target, name="newsgraph-query", daemon=True)
    worker.start()
    worker.join(timeout)
    with runaways.lock:
        if not finished:
            runaways.running += 1
            cancelled.set()
    if cancelled.is_set():
        raise QueryTimeout(f"the query ran longer than {timeout:g} s and was stopped")
    if "error" in outcome:
        raise outcome["error"]
    result: QueryResult = outcome["result"]
    return result
