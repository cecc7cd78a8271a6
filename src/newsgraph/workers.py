"""Extraction in worker processes, so the service's own process stays free to answer.

spaCy holds the GIL for much of its work: extracting in threads of the server
process would slow every other request down. Each worker process loads the model
once (at startup) and extracts articles it is sent; the event loop awaits the result.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
import pickle
import time
from collections.abc import Iterator, Sequence
from typing import NamedTuple

from rdflib import Literal, URIRef
from rdflib.term import Node

from .errors import ExtractionTimeout, ExtractionUnavailable, ModelNotFound
from .extract import ArticleInput, extract_document, extract_prepared, prepare
from .graph import ArticleTriples, to_triples
from .schema import Extraction
from .store.base import iri, literal

log = logging.getLogger(__name__)

_nlp = None


def _init_worker(model: str | None, learned: bool = True) -> None:
    global _nlp
    from .nlp.model import load_pipeline

    # Extraction is batch work; queries are interactive. The lowest CPU priority lets the
    # server process answer queries first when the cores are busy extracting (SPARQL p95
    # while 4 clients ingest on 2 cores: 88-101 ms at nice 10, 78-86 ms at 19).
    try:
        os.nice(19)
    except (AttributeError, OSError):  # not on every platform
        pass
    one_blas_thread()
    try:
        _nlp = load_pipeline(model, learned=learned)
        warm_up(_nlp)
    except BaseException:
        # The pool only reports a broken worker; say why on the server's stderr.
        import sys
        import traceback

        print("newsgraph extraction worker could not load the model:", file=sys.stderr)
        traceback.print_exc()
        raise


def one_blas_thread() -> None:
    """The pool is the parallelism: each worker multiplies the model's matrices (numpy's BLAS,
    see nlp.speedups) on one thread, so two workers do not run four threads on two cores."""
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1, user_api="blas")


def warm_up(nlp) -> None:
    """Extract a short article once, so the first real one does not pay for what loads lazily
    (the language identifier's model alone takes most of a second)."""
    extract_prepared(prepare("Warm-up: Jane Doe, chief executive of Acme Corp., spoke in Paris on Monday."), nlp)


def _describe() -> str:
    from .nlp.model import model_description

    if _nlp is None:
        raise RuntimeError("the extraction worker has not loaded its model")
    return model_description(_nlp)


class Extracted(NamedTuple):
    """One article extracted for the service: the Extraction as JSON, its triples, how
    long extracting and mapping took where they ran (milliseconds, for ``Server-Timing``),
    the components that failed on it (``{"component", "error"}``, as in the JSON) and
    their tracebacks (for the server's log)."""

    json: bytes
    triples: Triples | ReceivedTriples
    timings: dict[str, float]
    warnings: list[dict] = []
    tracebacks: list[str] = []


def extract_with(nlp, item: ArticleInput, base_iri: str, time_limit: float | None = None) -> Extracted:
    """:func:`newsgraph.extract` then :func:`~newsgraph.graph.to_triples` with a given pipeline.

    Everything runs where the extraction runs: mapping to RDF and writing the JSON are
    pure Python or cheap there, and would otherwise hold the server process's interpreter
    (pickling the Extraction model and dumping it to JSON again cost more than its JSON).
    """
    started = time.perf_counter()
    extraction, tracebacks = extract_document(item, nlp, time_limit=time_limit)
    extracted = time.perf_counter()
    body = extraction.model_dump_json().encode("utf-8")
    triples = article_triples(extraction, base_iri)
    mapped = time.perf_counter()
    return Extracted(body, triples, {"extract": (extracted - started) * 1000, "map": (mapped - extracted) * 1000},
                     [w.model_dump() for w in extraction.warnings], tracebacks)


def article_triples(extraction: Extraction, base_iri: str | None = None) -> Triples:
    """The triples :func:`~newsgraph.graph.to_graph` makes for ``extraction``, without the Graph."""
    triples = to_triples(extraction, base_iri=base_iri)
    return Triples(triples, triples.identifier)


class Triples(ArticleTriples):
    """An article's triples (rdflib terms) with its graph's IRI, as the stores take them.

    Pickled (from a worker process to the server) as plain strings, each distinct term
    once, and unpickled as :class:`ReceivedTriples`.
    """

    def __reduce__(self) -> tuple[type[ReceivedTriples], tuple[str, list[_PlainTerm], list[int]]]:
        numbers: dict[Node, int] = {}
        index = [numbers.setdefault(term, len(numbers)) for triple in self for term in triple]
        return (ReceivedTriples, (str(self.identifier), [_plain(term) for term in numbers], index))


_PlainTerm = str | tuple[str, str | None, str | None]  # an IRI, or a literal's (text, datatype, language)


def _plain(term: Node) -> _PlainTerm:
    if isinstance(term, URIRef):
        return str(term)
    if isinstance(term, Literal):
        return (str(term), term.datatype and str(term.datatype), term.language)
    # to_graph() makes no blank nodes: a store could not tell one article's from another's.
    raise TypeError(f"cannot send RDF term {term!r} to the server: only IRIs and literals, no blank nodes")


class ReceivedTriples(Sequence):
    """An article's triples as they arrive from a worker process: the terms' plain forms.

    rdflib terms are made only when the triples are iterated. The embedded store writes
    :meth:`ntriples_terms` instead, straight from the plain forms: making a few hundred
    rdflib terms per article (mostly new ones: sentences, fact nodes) costs the server's
    interpreter about 2 ms, and the store would only turn them back into text.
    """

    def __init__(self, identifier: str, terms: list, index: list[int]):
        self.identifier = URIRef(identifier)
        self._plain_terms = terms
        self._index = index
        self._triples: list | None = None

    def __reduce__(self):
        return (ReceivedTriples, (str(self.identifier), self._plain_terms, self._index))

    def __len__(self) -> int:
        return len(self._index) // 3

    def __getitem__(self, position):
        return self._made()[position]

    def __iter__(self) -> Iterator[tuple]:
        return iter(self._made())

    def __eq__(self, other) -> bool:
        return isinstance(other, Sequence) and list(self) == list(other)

    def _made(self) -> list[tuple]:
        if self._triples is None:
            made = [_term(plain) for plain in self._plain_terms]
            numbers = iter(self._index)
            self._triples = [(made[s], made[p], made[o]) for s, p, o in zip(numbers, numbers, numbers)]
        return self._triples

    def ntriples_terms(self) -> list[tuple[str, str, str]]:
        """Each triple as its three terms in N-Triples syntax (what the stores write)."""
        written = [iri(plain) if isinstance(plain, str) else literal(*plain) for plain in self._plain_terms]
        numbers = iter(self._index)
        return [(written[s], written[p], written[o]) for s, p, o in zip(numbers, numbers, numbers)]


_TERMS: dict = {}
_TERMS_LIMIT = 200_000


def _term(plain):
    term = _TERMS.get(plain)
    if term is None:
        if isinstance(plain, str):
            term = URIRef(plain)
        else:
            lexical, datatype, language = plain
            term = Literal(lexical, lang=language, datatype=datatype and URIRef(datatype))
        if len(_TERMS) >= _TERMS_LIMIT:
            _TERMS.clear()
        _TERMS[plain] = term
    return term


def _serve(connection, model: str | None, learned: bool = True) -> None:
    """A worker process: load the model, say so, then extract what arrives until the pipe closes."""
    try:
        _init_worker(model, learned)
        connection.send((True, _describe()))
    except BaseException as exc:
        connection.send((False, f"{type(exc).__name__}: {exc}"))
        return
    while True:
        try:
            item, base_iri = connection.recv()
        except (EOFError, OSError):
            return  # the server closed the pipe: it is shutting down
        reply: tuple[bool, Extracted | Exception]
        try:
            reply = (True, extract_with(_nlp, item, base_iri))
        except Exception as exc:
            reply = (False, exc)
        try:
            connection.send(reply)
        except (pickle.PicklingError, TypeError, AttributeError) as exc:  # an exception that does not pickle
            connection.send((False, RuntimeError(f"extraction failed: {reply[1]!r} ({exc})")))
        except OSError:
            return  # the server closed the pipe while this article was being extracted


class _WorkerGone(Exception):
    """The pipe to a worker process broke: the process died."""


class _Worker:
    """One extraction process and the pipe to it, one article at a time.

    A pipe read by the event loop itself rather than a ProcessPoolExecutor: the executor
    hands each task and result through two more threads, about 0.7 ms per article.
    """

    def __init__(self, context, model: str | None, learned: bool = True):
        self.connection, child = context.Pipe()
        self.process = context.Process(target=_serve, args=(child, model, learned), daemon=True, name="newsgraph-extraction")
        self.process.start()
        child.close()
        self._reply: asyncio.Future | None = None
        self._stale = False  # a reply nobody waits for is still to come through the pipe

    def ready(self) -> str:
        """Wait until the model is loaded; its description."""
        try:
            loaded, value = self._read()
        except _WorkerGone:
            loaded, value = False, "the process ended"
        if not loaded:
            raise ModelNotFound(
                f"an extraction worker process could not start ({value}; see the error above); "
                "NEWSGRAPH_EXTRACTION_PROCESSES=false extracts in the server process instead"
            )
        return value

    async def extract(self, item: ArticleInput, base_iri: str) -> Extracted:
        # A reply still on its way (its caller gave up) is read before the next article is sent.
        while self._reply is not None and not self._reply.done():
            await asyncio.wait([self._reply])
        if self._stale:  # one whose event loop has ended: read and dropped here
            self._stale = False
            try:
                await asyncio.to_thread(self.connection.recv_bytes)
            except (EOFError, OSError) as exc:
                raise _WorkerGone() from exc
        try:
            self.connection.send_bytes(pickle.dumps((item, base_iri), protocol=pickle.HIGHEST_PROTOCOL))
        except OSError as exc:
            raise _WorkerGone() from exc
        self._reply = self._receive()
        done, value = await asyncio.shield(self._reply)
        if not done:
            raise value
        return value

    def _receive(self) -> asyncio.Future:
        loop = asyncio.get_running_loop()
        try:
            reply = loop.create_future()
            descriptor = self.connection.fileno()

            def readable() -> None:
                loop.remove_reader(descriptor)
                # uvloop leaves a watched descriptor non-blocking; recv() and send() expect
                # a blocking one (the rest of a long message is on its way).
                os.set_blocking(descriptor, True)
                try:
                    reply.set_result(self._read())
                except BaseException as exc:
                    reply.set_exception(exc)

            loop.add_reader(descriptor, readable)
            return reply
        except NotImplementedError:  # an event loop that cannot watch pipes (Windows)
            return asyncio.ensure_future(asyncio.to_thread(self._read))

    def _read(self):
        # Bytes in and out, pickled here: Connection.send() and recv() pickle through a
        # view of a BytesIO, and when the pipe or the unpickling fails, the exception's
        # frames keep that view in a reference cycle that CPython's garbage collector can
        # crash on ("deallocated BytesIO object has exported buffers").
        try:
            message = self.connection.recv_bytes()
        except (EOFError, OSError) as exc:
            raise _WorkerGone() from exc
        try:
            return pickle.loads(message)
        except Exception as exc:
            return False, RuntimeError(f"the extraction worker's answer could not be read: {exc}")

    def _stop_waiting(self) -> None:
        """Stop the event loop watching for the reply in flight, and cancel its waiter."""
        try:
            asyncio.get_running_loop().remove_reader(self.connection.fileno())
        except (RuntimeError, OSError, ValueError, NotImplementedError):
            pass
        if self._reply is not None:
            self._reply.cancel()

    def forget_reply(self) -> None:
        """Stop waiting for the reply in flight (its event loop ends); the next article reads
        and drops it first."""
        if self.busy:
            self._stop_waiting()
            self._stale = True

    @property
    def busy(self) -> bool:
        """An article was sent and its reply has not been read yet."""
        return self._reply is not None and not self._reply.done()

    def kill(self) -> None:
        """End the process now, whatever it is doing (an article past the time limit)."""
        if self.busy:
            self._stop_waiting()
        self.process.kill()
        self.process.join(5)
        self.connection.close()

    def stop(self) -> None:
        self.connection.close()  # the worker reads the end of the pipe and returns
        self.process.join(5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join(5)


class ProcessExtractor:
    """A fixed number of extraction processes, each with the model loaded once.

    An article goes to the idle process that finished last: with one article at a time
    the same process extracts them all and finds the model's weights still in the CPU
    caches (alternating between two processes made each extraction about 10 ms slower).

    A process that runs past ``time_limit`` seconds on an article is killed and replaced
    (:class:`~newsgraph.errors.ExtractionTimeout`). When the caller gives up (its client
    went away), the process may finish the article within ``ABANDON_GRACE`` seconds and
    take the next one; after that it is killed and replaced too.
    """

    ABANDON_GRACE = 2.0

    def __init__(self, model: str | None, workers: int, time_limit: float | None = None, *, learned: bool = True):
        self.model = model
        self.learned = learned  # Settings.learned_relations
        self.size = max(1, workers)
        self.time_limit = time_limit or None
        self.workers: list[_Worker] = []
        self._idle: list[_Worker] = []  # the one used last at the end
        self._waiters: list[asyncio.Future] = []
        self._reaping: set[asyncio.Task] = set()
        self._replacing = 0  # processes being started in place of killed ones
        self.description: str | None = None

    def _launch(self, count: int) -> tuple[list[_Worker], str]:
        """``count`` new worker processes, each with the model loaded, and the model's description."""
        # 'spawn': forking a process that runs threads (the store, the event loop) is unsafe.
        context = multiprocessing.get_context("spawn")
        workers = [_Worker(context, self.model, self.learned) for _ in range(count)]
        try:
            descriptions = [worker.ready() for worker in workers]
        except ModelNotFound:
            for worker in workers:
                worker.stop()
            raise
        return workers, descriptions[0]

    def start(self) -> str:
        """Start every worker and wait until each has loaded the model."""
        self.workers, self.description = self._launch(self.size)
        self._idle = list(reversed(self.workers))
        return self.description

    async def _take(self) -> _Worker:
        """The idle worker that finished last; waits while every worker is busy."""
        while not self._idle:
            if not self.workers and not self._replacing:
                raise ExtractionUnavailable("the extraction worker is restarting; try again in a few seconds")
            waiter = asyncio.get_running_loop().create_future()
            self._waiters.append(waiter)
            try:
                await waiter
            finally:
                if waiter in self._waiters:
                    self._waiters.remove(waiter)
        return self._idle.pop()

    async def extract(self, item: ArticleInput, base_iri: str) -> Extracted:
        if self.description is None:
            await asyncio.to_thread(self.start)
        worker = await self._take()
        try:
            result = await asyncio.wait_for(worker.extract(item, base_iri), self.time_limit)
        except _WorkerGone:
            log.error("an extraction process died; starting a new one")
            await self._replace(worker)
            raise ExtractionUnavailable("the extraction worker stopped unexpectedly; try again") from None
        except TimeoutError:
            log.warning("an article ran past the extraction time limit (%g s): its process is replaced",
                        self.time_limit)
            await self._replace(worker, kill=True)
            raise ExtractionTimeout(
                f"extracting this article took longer than the time limit of {self.time_limit:g} s "
                "(NEWSGRAPH_EXTRACTION_TIMEOUT); it was stopped and nothing was stored",
                detail={"limit_seconds": self.time_limit},
            ) from None
        except asyncio.CancelledError:
            # The caller gave up (its client went away): the process may finish the article
            # it holds or is killed after a grace period; it serves nobody meanwhile.
            if worker.busy and worker in self.workers:
                task = asyncio.ensure_future(self._reap(worker))
                self._reaping.add(task)
                task.add_done_callback(self._reaping.discard)
            else:
                self._release(worker)
            raise
        except BaseException:
            self._release(worker)
            raise
        self._release(worker)
        return result

    async def _reap(self, worker: _Worker) -> None:
        reply = worker._reply
        assert reply is not None  # only a busy worker is reaped, and a reply is never unset
        try:
            await asyncio.wait_for(asyncio.shield(reply), self.ABANDON_GRACE)
        except TimeoutError:
            log.info("an abandoned article was still being extracted after %g s: its process is replaced",
                     self.ABANDON_GRACE)
            await self._replace(worker, kill=True)
            return
        except asyncio.CancelledError:  # the event loop ends (the server shuts down)
            worker.forget_reply()
            self._release(worker)
            raise
        except BaseException:  # the process died meanwhile
            await self._replace(worker, kill=True)
            return
        self._release(worker)

    def _release(self, worker: _Worker) -> None:
        if worker in self.workers and worker not in self._idle:
            self._idle.append(worker)
        for waiter in self._waiters:
            if not waiter.done():
                waiter.set_result(None)
        self._waiters.clear()

    async def _replace(self, broken: _Worker, kill: bool = False) -> None:
        if broken not in self.workers:
            return  # another request replaced it already
        self.workers = [w for w in self.workers if w is not broken]
        self._idle = [w for w in self._idle if w is not broken]
        self._replacing += 1
        try:
            if kill:
                broken.kill()
            else:
                await asyncio.to_thread(broken.stop)
            (fresh,), _ = await asyncio.to_thread(self._launch, 1)
        except BaseException:
            self._replacing -= 1
            self._release(broken)  # wakes the waiters: they hear that no worker is left
            raise
        self._replacing -= 1
        self.workers.append(fresh)
        self._idle.insert(0, fresh)
        self._release(fresh)

    def close(self) -> None:
        for task in list(self._reaping):
            task.cancel()
        for worker in self.workers:
            worker.stop()
        self.workers, self._idle, self.description = [], [], None
