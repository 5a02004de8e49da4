"""The one import path for writing a printout: everything printouts share.

A printout builds a list of platypus flowables and hands it to :func:`build_pdf`
(page frame, atomic write; see ``document``).  Long lists go through
:func:`data_table` (see ``tables``).  Always pass user text through
:func:`markup` / :func:`para` (or let :func:`data_table` do it): the Chinese
font has no Latin glyphs, so without them digits, ID numbers and dates do not
print (see ``fonts``).
"""

from reportlab.platypus import TableStyle

from villagedesk.documents.pdf.document import (
    INTERNAL_MARK,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    NotForPosting,
    Progress,
    build_pdf,
    count_pages,
    story_height,
)
from villagedesk.documents.pdf.fonts import (
    FONT,
    FONT_BOLD,
    LATIN,
    LATIN_BOLD,
    MISSING,
    draw_text,
    fit_text,
    markup,
    register_fonts,
    runs,
    text_width,
    uncovered,
)
from villagedesk.documents.pdf.linebreak import Paragraph
from villagedesk.documents.pdf.styles import (
    BODY,
    CELL,
    CELL_HEADER,
    HEADING,
    SMALL,
    SUBTITLE,
    TITLE,
    cell_style,
    para,
)
from villagedesk.documents.pdf.table_drawing import Table
from villagedesk.documents.pdf.tables import DataTable, Section, data_table

__all__ = [
    "BODY", "CELL", "CELL_HEADER", "FONT", "FONT_BOLD", "HEADING", "INTERNAL_MARK", "LATIN", "LATIN_BOLD",
    "MARGIN_BOTTOM", "MARGIN_TOP", "MARGIN_X", "MISSING", "SMALL", "SUBTITLE", "TITLE", "DataTable", "Paragraph",
    "NotForPosting", "Progress", "Section", "Table", "TableStyle", "build_pdf", "count_pages", "story_height", "cell_style", "data_table", "draw_text", "fit_text", "markup", "para",
    "register_fonts", "runs", "text_width", "uncovered",
]
