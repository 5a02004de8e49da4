"""An opening password for the files that carry full ID numbers (docs/DOMAIN.md §4.5).

The internal household register, the internal committee roster and the workbooks (the
village's and the township's) hold villagers' full ID numbers, children's among them:
sensitive personal information, which the Personal Information Protection Law asks a
handler to protect by encryption among other measures (Articles 28 and 51).  A copy
forgotten on a USB stick is the likely leak, so these exports can be written with a
password; they stay marked 内部资料 either way.  This module is the one place that says
whether an export may take a password and that applies it, for both formats.  Either is
made whole in memory and encrypted there; only the encrypted bytes are written, once and
atomically (documents/atomic.py), so nothing of it reaches a disk in clear, not even as a
temporary file on the USB stick:

- a workbook gets ECMA-376 "agile" encryption (AES-256, SHA-512, 100 000 spins), the
  format Excel 2010 and later and WPS write and open, through msoffcrypto-tool;
- a PDF gets the standard security handler at AES-256 (PDF 2.0, revision 6), through
  pypdf over the cryptography library.  Not reportlab's own encryption: its AES-256
  (revision 5) writes the /UE, /OE and /Perms keys padded to 48 and 32 bytes, which poppler
  (Evince, Okular, pdftotext) and pypdf refuse to open, and its other choices are RC4.

An export that carries no full ID numbers (the public roster, a masked notice, the rule
catalogue) refuses a password: it is meant to be handed round or posted, and a password
on it would only lock a village out of its own public paper.

The password must be typed the same twice, have at least :data:`MIN_LENGTH` characters,
and use only ASCII letters, digits and symbols: a Chinese input method in full-width mode
types １２３ for 123, which looks the same and opens nothing, and the PDF and Excel formats
encode other characters differently.
"""

from __future__ import annotations

from typing import IO

from villagedesk.core.common.passwords import FILE, typed_twice
from villagedesk.documents import messages
from villagedesk.errors import UserError

MIN_LENGTH = 6
#: The environment variable a script gives the password in (the command line's --password-prompt asks for it).
ENV_VAR = "VILLAGEDESK_EXPORT_PASSWORD"


class OpenPassword:
    """A checked opening password; never shown by ``repr`` (it may reach a log or a traceback)."""

    __slots__ = ("_text",)

    def __init__(self, text: str):
        if not all("!" <= ch <= "~" for ch in text):
            raise UserError(messages.PASSWORD_CHARACTERS, field="password")
        if len(text) < MIN_LENGTH:
            raise UserError(messages.PASSWORD_TOO_SHORT.format(minimum=MIN_LENGTH), field="password")
        self._text = text

    @classmethod
    def confirmed(cls, first: str, second: str) -> OpenPassword:
        """The password typed twice; UserError when the two differ or the password is not allowed."""
        return typed_twice(first, second, cls, what=FILE)

    @property
    def text(self) -> str:
        return self._text

    def __repr__(self) -> str:
        return "OpenPassword(***)"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, OpenPassword) and other._text == self._text

    def __hash__(self) -> int:
        return hash(self._text)


def require_full_ids(full_ids: bool, what: str) -> None:
    """Refuse a password for ``what`` unless it carries full ID numbers (asked before a password is typed)."""
    if not full_ids:
        raise UserError(messages.NO_PASSWORD_WITHOUT_IDS.format(what=what), field="password")


def for_export(password: OpenPassword | None, *, full_ids: bool, what: str) -> OpenPassword | None:
    """The password ``what`` is written with: ``password``, refused for an export without full ID numbers."""
    if password is not None:
        require_full_ids(full_ids, what)
    return password


def encrypt_workbook(plain: IO[bytes], password: OpenPassword, out: IO[bytes]) -> None:
    """Write the workbook ``plain`` (an .xlsx in memory) to ``out`` encrypted with ``password``."""
    # loads msoffcrypto and olefile: only for a workbook with a password, not at start-up
    from msoffcrypto.format.ooxml import OOXMLFile

    plain.seek(0)
    OOXMLFile(plain).encrypt(password.text, out)


def encrypt_pdf(plain: IO[bytes], password: OpenPassword, out: IO[bytes]) -> None:
    """Write the PDF ``plain`` (in memory) to ``out`` encrypted with ``password`` at AES-256.

    The same password opens the file and grants every right: the clerk who knows it may print
    and copy, and a second (owner) password would be one more thing to lose.
    """
    # loads pypdf: only for a PDF with a password, not at start-up
    from pypdf import PdfReader, PdfWriter

    plain.seek(0)
    writer = PdfWriter(clone_from=PdfReader(plain))
    writer.encrypt(password.text, algorithm="AES-256")
    writer.write(out)


__all__ = ["ENV_VAR", "MIN_LENGTH", "OpenPassword", "encrypt_pdf", "encrypt_workbook", "for_export",
           "require_full_ids"]
