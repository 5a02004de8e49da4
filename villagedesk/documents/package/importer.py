"""Taking a package into a township database: verify all of it, back up, then merge in one transaction."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

from villagedesk.core.township import merge as township
from villagedesk.core.township.figures import keep_figures, refresh_figures
from villagedesk.documents.package.layout import MANIFEST, file_sha256
from villagedesk.documents.package.reader import read_package
from villagedesk.store import Store


class ImportSession:
    """Packages taken one after another (everything on a stick): the database is backed up once, before
    the first package that changes it, rather than once per package as the township file grows."""

    def __init__(self, store: Store):
        self.store = store
        self.backed_up = False

    def take(self, path: Path | str, *, accept_new_village: bool = False) -> township.ImportResult:
        """Verify ``path`` completely, then merge it; UserError (nothing written) when it is refused."""
        path = Path(path)
        township.require_township(self.store)  # said before the file is read: the clerk opened the wrong database
        package = read_package(path)
        digest = file_sha256(path)
        plan = township.check_package(self.store, package, sha256=digest, accept_new_village=accept_new_village)
        if plan.already:
            return plan
        figures = package.figures()
        if not self.backed_up:
            self.store.backup(reason="before-import")
            self.backed_up = True
        result = township.apply_package(self.store, package, file_name=path.name, sha256=digest,
                                        accept_new_village=accept_new_village)
        # Figures are a report, not records: kept after the commit.  A village program that sent
        # none has them computed here from what it sent.
        if figures is not None:
            keep_figures(self.store, result.village_code, figures)
        else:
            refresh_figures(self.store, result.village_code)
        return result


def import_package(store: Store, path: Path | str, *, accept_new_village: bool = False) -> township.ImportResult:
    """One package on its own; see :class:`ImportSession`."""
    return ImportSession(store).take(path, accept_new_village=accept_new_village)


class Queued(NamedTuple):
    """A package file in :func:`import_order`: its village and sequence, None when its manifest cannot be read."""

    path: Path
    village_code: str | None
    sequence: int | None


_MAX_PEEK = 1 << 20


def _peek(path: Path) -> tuple[str, int] | None:
    """(village code, sequence) from the manifest alone; None for anything that is not plainly a package."""
    try:
        with zipfile.ZipFile(path) as archive:
            info = archive.getinfo(MANIFEST)
            if info.file_size > _MAX_PEEK:
                return None
            manifest = json.loads(archive.read(info))
        code, sequence = manifest["village"]["code"], manifest["sequence"]
    except (OSError, zipfile.BadZipFile, KeyError, TypeError, ValueError, UnicodeDecodeError, EOFError,
            RuntimeError):  # RuntimeError: an encrypted member, or (NotImplementedError) an unknown compression
        return None
    if not isinstance(code, str) or not isinstance(sequence, int) or isinstance(sequence, bool):
        return None
    return code, sequence


def import_order(paths: Iterable[Path | str]) -> list[Queued]:
    """Several packages (everything on a stick) in the order they can be taken: village by village, by sequence.

    Only each manifest is read here (import_package verifies everything); a file
    whose manifest cannot be read goes last, in the order given, so importing it
    says what is wrong with it and the others are not held up.
    """
    found = []
    for given, path in enumerate(Path(p) for p in paths):
        peeked = _peek(path)
        key = (0, *peeked, given) if peeked else (1, "", 0, given)
        found.append((key, Queued(path, *(peeked or (None, None)))))
    return [queued for _key, queued in sorted(found, key=lambda f: f[0])]


__all__ = ["ImportSession", "Queued", "import_order", "import_package"]
