"""The one error type a user can cause.

Everything a clerk can get wrong (a bad file, a bad ID number, a locked database)
raises :class:`UserError` with a plain Chinese sentence that says what is wrong
and what to do.  The window shows it in a message box, the CLI prints it as one
line and exits 1.  Any other exception is a bug.
"""


class UserError(Exception):
    """A problem the user caused and can fix; ``str(err)`` is shown as is."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        # The form field the message belongs to, so dialogs can show it inline.
        self.field = field

    def __str__(self) -> str:
        return self.message


class Cancelled(Exception):
    """Raised from a progress callback when the user pressed Cancel."""


# A long job reports ``progress(done, total)``; the callback may raise Cancelled.
# Jobs accept ``progress=None`` and then report nothing.
