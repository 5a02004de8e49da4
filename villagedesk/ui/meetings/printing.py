"""The meetings area's printout: the minutes, built off the GUI thread and previewed."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from villagedesk.core.meetings import minutes as meetings
from villagedesk.ui.kit.print_preview import BackgroundPrint, village_name


class MinutesPrint(BackgroundPrint):
    """The minutes of a meeting, with their own read-only store (as every background print)."""

    def minutes(self, meeting_id: int) -> None:
        """The minutes of one meeting, draft or final."""
        from villagedesk.documents.pdf.minutes import print_minutes  # loads reportlab: not at start-up

        code = meetings.meeting_code(meeting_id)
        suggested = "-".join(p for p in (village_name(self.store), "会议记录", code) if p) + ".pdf"
        self.show(QCoreApplication.translate("PdfPreview", "Preparing the minutes"), f"minutes-{code}", suggested,
                  lambda reader, pdf, progress: print_minutes(reader, pdf, code, progress=progress))
