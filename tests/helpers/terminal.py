"""The command line run on a pseudo-terminal, as a clerk types at a console (getpass reads from it)."""

from __future__ import annotations

import os
import pty
import sys

#: Typed at a prompt: Ctrl+D, the end of input (the person gives up).
END = "\x04"


def at_terminal(argv: list[str], answers: list[str], env: dict[str, str] | None = None) -> tuple[int, str]:
    """Run ``villagedesk argv`` in a child on a pseudo-terminal, typing each of ``answers`` at each new prompt (a
    line ending in ：); returns its exit code and everything the terminal showed.  ``env``: the child's
    environment (by default this one)."""
    environment = dict(os.environ if env is None else env)
    pid, fd = pty.fork()
    if pid == 0:  # the child: the pseudo-terminal is its controlling terminal, as a clerk's console
        os.execve(sys.executable, [sys.executable, "-m", "villagedesk", *argv], environment)
    seen = b""
    answered = 0  # how much of ``seen`` had been shown when the last answer was typed
    pending = list(answers)
    while True:
        try:
            chunk = os.read(fd, 1024)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        seen += chunk
        if pending and seen[answered:].rstrip().endswith("：".encode()):  # a new prompt
            answer = pending.pop(0)
            os.write(fd, answer.encode() if answer == END else answer.encode() + b"\n")
            answered = len(seen)
    _pid, status = os.waitpid(pid, 0)
    os.close(fd)
    return os.waitstatus_to_exitcode(status), seen.decode("utf-8", "replace")
