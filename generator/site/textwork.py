"""Every Markdown text is analysed in a worker process, under a time budget.

Python-Markdown, and the regular expressions that find a text's images and
headings, take time that grows with the square of some texts' length: 10 kB
of `[` took 17 s, 100 kB of `<a ` two minutes. A size limit does not bound
time, and no parser of this dialect is linear, so each text is analysed
(`prose.analyse`) in a process of its own that is stopped when the text runs
out of time. The text is then refused with its file and line, and the rest
of the check goes on. The workers also spread the rendering over the cores,
and a process that is stopped takes whatever it was doing with it: nothing
is left half-way in the generator's own process.

The workers import only the Markdown side of the generator (this module,
`prose`, `mdrefs`): they start in about a tenth of a second, beside the
check that reads the YAML meanwhile.
"""

from __future__ import annotations

import os
import pickle
import queue
import select
import subprocess
import sys
import threading
from contextlib import suppress
from pathlib import Path
from typing import Iterable

from generator.site.prose import Analysis, Text, analyse

BUDGET = 0.8  # seconds a text may take; a real text of the largest size takes a third of it
MEMORY = 2 << 30  # bytes a worker may use: a text that needs more is refused, not the machine
_READY = b"ready"
_START_TIMEOUT = 60.0  # a worker that is not ready by then is broken (not a text's fault)


class TextWork:
    """Analyses texts in worker processes, one text at a time each.

    Results are kept by text (a `Text` is its own key), so the preview, which
    keeps one TextWork for all its rebuilds, analyses only what changed;
    `forget_unused` forgets what the last build did not ask for. It has one
    worker per core by default (at most 2), and each text `budget` seconds.
    """

    def __init__(self, processes: int | None = None, budget: float = BUDGET):
        self.budget = budget
        self._done: dict[Text, Analysis] = {}
        self._asked: set[Text] = set()
        self._used: set[Text] = set()
        self._changed = threading.Condition()
        self._queue: queue.Queue[Text | None] = queue.Queue()
        count = processes or max(1, min(2, os.cpu_count() or 1))
        self._threads = [threading.Thread(target=self._serve, daemon=True, name=f"textwork-{i}")
                         for i in range(count)]
        for thread in self._threads:
            thread.start()

    def submit(self, texts: Iterable[Text]) -> None:
        """Starts analysing texts (those not analysed yet), in this order."""
        with self._changed:
            for text in texts:
                if text not in self._done and text not in self._asked:
                    self._asked.add(text)
                    self._queue.put(text)

    def analysis(self, text: Text) -> Analysis:
        """The analysis of a text: waits for it (asking for it if need be)."""
        self.submit([text])
        with self._changed:
            self._used.add(text)
            self._changed.wait_for(lambda: text in self._done)
            return self._done[text]

    def forget_unused(self) -> None:
        """Forgets every analysis not asked for since the last call (texts
        that were changed or removed), so what is kept follows the content."""
        with self._changed:
            self._done = {t: a for t, a in self._done.items() if t in self._used}
            self._used = set()

    def close(self) -> None:
        """Stops the workers (each finishes, or is stopped at, its current text)."""
        for _thread in self._threads:
            self._queue.put(None)
        for thread in self._threads:
            thread.join()

    def __enter__(self) -> "TextWork":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _serve(self) -> None:
        worker = _Worker()
        try:
            with suppress(OSError, EOFError, pickle.PickleError):  # run() says it per text
                worker.start()  # now, so that it is ready when the first text comes
            while (text := self._queue.get()) is not None:
                try:
                    result = worker.run(text, self.budget)
                except Exception:  # noqa: BLE001 - a waiting check must always get an answer
                    worker.stop()
                    result = Analysis(failed="broken")
                with self._changed:
                    self._done[text] = result
                    self._asked.discard(text)
                    self._changed.notify_all()
        finally:
            worker.stop()


class _Worker:
    """One worker process, started when it is first needed and again after
    it was stopped."""

    def __init__(self) -> None:
        self.process: subprocess.Popen | None = None

    def run(self, text: Text, budget: float) -> Analysis:
        """Analyses a text; a text over the budget stops the process."""
        try:
            process = self.start()
            _send(process.stdin, text)
            reply = _receive(process.stdout, budget)
        except (OSError, EOFError, pickle.PickleError):
            reply = None
        if isinstance(reply, Analysis):
            return reply
        self.stop()  # over the budget, or it died: the next text gets a fresh worker
        return Analysis(failed="slow" if reply is _TIMEOUT else "broken")

    def start(self) -> subprocess.Popen:
        """The worker process, started if it is not running."""
        if self.process is None:
            # the same code as this process, found where it finds it: without `site`,
            # whose .pth files take longer than the worker's own imports
            path = [str(Path(__file__).resolve().parents[2]), *filter(None, sys.path)]
            self.process = subprocess.Popen(
                [sys.executable, "-S", "-c", f"import sys; sys.path[:0] = {path!r}; "
                 "from generator.site.textwork import serve; serve()"],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
            if _receive(self.process.stdout, _START_TIMEOUT) != _READY:
                self.stop()
                raise EOFError("the text worker did not start")
        return self.process

    def stop(self) -> None:
        """Ends the process, whatever it is doing."""
        if self.process is not None:
            self.process.kill()
            self.process.wait()
            for pipe in (self.process.stdin, self.process.stdout):
                pipe.close()
            self.process = None


_TIMEOUT = object()


def _send(pipe, value: object) -> None:
    pickle.dump(value, pipe, protocol=pickle.HIGHEST_PROTOCOL)  # a pickle ends itself: no framing
    pipe.flush()


def _receive(pipe, seconds: float) -> object:
    """Reads one message, or returns _TIMEOUT when it has not begun in time (a
    worker writes each message at once, and only when asked: none is buffered)."""
    if not select.select([pipe], [], [], seconds)[0]:
        return _TIMEOUT
    return pickle.load(pipe)


def serve() -> None:
    """The worker's side: analyses the texts it is sent, one at a time."""
    try:
        import resource  # noqa: PLC0415 - POSIX only; elsewhere memory is not bounded
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))
    except (ImportError, ValueError, OSError):
        pass
    replies = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # anything printed by accident goes to stderr, not into a reply
    analyse(Text("*warm* [up](#x)\n\n## up"))  # the first text pays for no start-up
    _send(replies, _READY)
    requests = sys.stdin.buffer
    while requests.peek(1):  # until the generator closes the pipe
        text = pickle.load(requests)
        try:
            result = analyse(text)
        except (MemoryError, RecursionError, ValueError):
            result = Analysis(failed="broken")
        _send(replies, result)
