"""Where VillageDesk finds its bundled files and keeps its data.

forms/ and resources/ sit at the top of a source checkout and are shipped inside
the wheel as ``villagedesk/forms`` and ``villagedesk/resources``; this module is
the one place that knows both layouts, so nothing depends on the working folder.
The offline bundle (tools/villagedesk.spec) keeps the wheel's layout beside the frozen
package, and its data stays in the user's folder (%LOCALAPPDATA% on Windows), never in
the bundle folder that a newer bundle replaces.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import platformdirs

from villagedesk import APP_NAME

_PACKAGE = Path(__file__).resolve().parent


@cache
def data_dir(name: str) -> Path:
    """The bundled folder ``forms`` or ``resources``, installed or checked out."""
    for candidate in (_PACKAGE / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"bundled folder {name!r} is missing from this installation")


def form_path(name: str) -> Path:
    return data_dir("forms") / name


def resource_path(*parts: str) -> Path:
    return data_dir("resources").joinpath(*parts)


def cjk_font_path() -> Path:
    return resource_path("fonts", "DroidSansFallbackFull.ttf")


def user_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_db_path() -> Path:
    return user_data_dir() / "village.sqlite3"
