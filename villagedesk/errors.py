"""The one error type a user can cause.

Everything a clerk can get wrong (a bad file, a bad ID number, a locked database)
raises :class:`UserError` with a plain Chinese sentence that says what is wrong
and what to do.  The window shows it in a message box, the CLI prints it as one
line and exits 1.  Any other exception is a bug.
"""


import errno

# strerror is English on most systems; say the usual causes in Chinese.
# Keyed by int | None: OSError.errno is None when no errno came with the error.
_OS_REASONS: dict[int | None, str] = {errno.EACCES: "没有权限", errno.EPERM: "没有权限", errno.EROFS: "磁盘是只读的或有写保护",
               errno.ENOSPC: "磁盘空间已满", errno.ENOENT: "文件或文件夹不存在（U 盘可能已拔出）",
               errno.EISDIR: "这是一个文件夹", errno.ENOTDIR: "路径中有一段不是文件夹",
               errno.EIO: "读写出错（磁盘或 U 盘可能有故障）"}


def os_reason(exc: OSError) -> str:
    """Why an OS call failed, in the clerk's words."""
    return _OS_REASONS.get(exc.errno) or "系统错误：" + (exc.strerror or str(exc))


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
