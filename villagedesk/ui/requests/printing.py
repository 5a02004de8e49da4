"""The requests area's printout: the 民情台账 of a period, built off the GUI thread and previewed."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from villagedesk.ui.kit.print_preview import BackgroundPrint, village_name


class LedgerPrint(BackgroundPrint):
    """The requests ledger of a period, with its own read-only store (as every background print)."""

    def ledger(self, period_code: str) -> None:
        """The requests ledger (民情台账) of a period."""
        from villagedesk.documents.pdf.requests import print_requests  # loads reportlab: not at start-up

        suggested = "-".join(p for p in (village_name(self.store), "民情台账", period_code) if p) + ".pdf"
        self.show(QCoreApplication.translate("PdfPreview", "Preparing the requests ledger"),
                  f"requests-{period_code}", suggested,
                  lambda reader, pdf, progress: print_requests(reader, pdf, period_code, progress=progress))


# --- people from the register -------------------------------------------------------------
