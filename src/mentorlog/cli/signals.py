"""A hang-up (SIGHUP) or a request to stop (SIGTERM) ends a walk the way Ctrl-C does.

Without this, closing the terminal or a dropped SSH connection killed mentorlog on the
spot and everything typed in the walk was gone. While a command runs, both signals are
caught: while mentorlog waits for an answer, the signal stops the prompt at once (as
`HungUp`, a KeyboardInterrupt, so the walks keep what was typed exactly as for Ctrl-C);
anywhere else it waits for the next prompt, so a signal never cuts a save in half. The
command then exits with 128 + the signal's number, as shells do (129, 143).
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from types import FrameType

CAUGHT = (signal.SIGHUP, signal.SIGTERM)
WAKE = 0.2  # seconds between wake-ups while waiting at a prompt


class Interrupted(Exception):
    """Ctrl-C or end of input at a prompt; `partial` holds the lines typed so far."""

    def __init__(self, partial: str = "") -> None:
        super().__init__("interrupted")
        self.partial = partial


class HungUp(KeyboardInterrupt):
    """The terminal hung up or someone asked mentorlog to stop."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


@dataclass
class _Watch:
    received: int | None = None  # the first signal caught during this command
    reading: bool = False  # waiting for an answer at a prompt


_watch = _Watch()


def _on_signal(signum: int, _frame: FrameType | None) -> None:
    if _watch.received is None:
        _watch.received = signum
        _stop_the_prompt()


def _stop_the_prompt() -> None:
    """Raise a caught signal into a waiting prompt, if that is safe now.

    Never over an exception being handled (the end of input a hang-up also causes, or
    one importlib handles while the prompt imports readline): that may be where the walk
    saves what was typed, and it must not be cut short. A signal held back so is acted
    on at the next wake-up (`_wake`), once the handling is over.
    """
    if _watch.received is not None and _watch.reading and sys.exc_info()[0] is None:
        _watch.reading = False
        raise HungUp(_watch.received)


@contextmanager
def watching() -> Iterator[None]:
    """For the duration of one command, catch SIGHUP and SIGTERM (main thread only)."""
    global _watch
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    _watch = _Watch()
    previous = {signum: signal.signal(signum, _on_signal) for signum in CAUGHT}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


@contextmanager
def at_prompt() -> Iterator[None]:
    """Around waiting for an answer: a signal stops it at once (one that came earlier, too)."""
    if _watch.received is not None:
        raise HungUp(_watch.received)
    _watch.reading = True
    try:
        with _waking():
            yield
    finally:
        _watch.reading = False


def _wake(_signum: int, _frame: FrameType | None) -> None:
    """The wait was interrupted; a signal held back earlier in this prompt stops it now."""
    _stop_the_prompt()


@contextmanager
def _waking() -> Iterator[None]:
    """While waiting at a prompt, wake a few times a second.

    readline checks for signals only when its wait for a key is interrupted; a hang-up
    that lands just before that wait begins would otherwise be acted on only at the next
    key, which never comes. A quiet SIGALRM every WAKE seconds ends the wait, and the
    signal waiting in line is handled.
    """
    if threading.current_thread() is not threading.main_thread() or not hasattr(
        signal, "setitimer"
    ):
        yield
        return
    previous = signal.signal(signal.SIGALRM, _wake)
    signal.setitimer(signal.ITIMER_REAL, WAKE, WAKE)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, signal.SIG_DFL if previous is None else previous)


def _leave_it_to_the_editor(_signum: int, _frame: FrameType | None) -> None:
    """Ctrl-C while the editor is open: the editor's to handle, not mentorlog's."""


@contextmanager
def editor_open() -> Iterator[None]:
    """Around running the editor: Ctrl-C there is the editor's, and stops nothing here.

    Ctrl-C at a terminal reaches every process in the foreground, mentorlog too; if it
    stopped mentorlog, the editor would be killed with what was typed in it (jrnl #1183).
    So SIGINT does nothing meanwhile (through a handler, not SIG_IGN, which the editor
    would inherit). A hang-up or SIGTERM is remembered as anywhere away from a prompt;
    one that came earlier keeps the editor from opening at all.
    """
    if _watch.received is not None:
        raise HungUp(_watch.received)
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, _leave_it_to_the_editor)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, signal.SIG_DFL if previous is None else previous)


def received() -> int | None:
    return _watch.received


def exit_code(code: int) -> int:
    """128 + the signal's number once one was caught, as a shell reports it."""
    return 128 + _watch.received if _watch.received is not None else code


def let_go_of_terminal() -> None:
    """After a hang-up the terminal is gone: send what is left of the output nowhere.

    Otherwise flushing at exit fails and Python changes the exit status to 120.
    """
    if _watch.received != signal.SIGHUP:
        return
    try:
        sink = os.open(os.devnull, os.O_WRONLY)
        for fd in (1, 2):
            os.dup2(sink, fd)
        os.close(sink)
    except OSError:  # pragma: no cover - nothing more can be done
        pass
