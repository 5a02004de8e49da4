"""Taking a package into a township database: verify all of it, back up, then merge in one transaction."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

from villagedesk.core.township import merge as township
from villagedesk.core.township.figures import keep_figures, refresh_figures
from villagedesk.documents.package.layout import file_sha256, name_parts
from villagedesk.documents.package.reader import read_package
from villagedesk.store import Store


class ImportSession:
    """Packages taken one after another (everything on a stick): the database is backed up once, before
    the first package that changes it, rather than once per package as the township file grows."""

    def __init__(self, store: Store):
        self.store = store
        self.backed_up = False

    def take(self, path: Path | str, *, accept_new_village: bool = False, accept_new_key: bool = False,
             accept_divergence: bool = False) -> township.ImportResult:
        """Verify ``path`` completely, then merge it; UserError (nothing written) when it is refused.

        The ``accept_*`` flags are the officer's confirmations (core.township.merge.NeedsConfirmation).
        """
        accepted = {"accept_new_village": accept_new_village, "accept_new_key": accept_new_key,
                    "accept_divergence": accept_divergence}
        path = Path(path)
        township.require_township(self.store)  # said before the file is read: the clerk opened the wrong database
        # Opened with the township's identity into a temporary file, removed whatever happens next.
        with read_package(path, self.store) as package:
            digest = file_sha256(path)  # of the sealed file, as it came on the stick
            plan = township.check_package(self.store, package, sha256=digest, **accepted)
            if plan.already:
                return plan
            figures = package.figures()
            if not self.backed_up:
                self.store.backup(reason="before-import")
                self.backed_up = True
            result = township.apply_package(self.store, package, file_name=path.name, sha256=digest, **accepted)
        # Figures are a report, not records: kept after the commit.  A village program that sent
        # none has them computed here from what it sent.
        if figures is not None:
            keep_figures(self.store, result.village_code, figures)
        else:
            refresh_figures(self.store, result.village_code)
        return result


def import_package(store: Store, path: Path | str, *, accept_new_village: bool = False, accept_new_key: bool = False,
                   accept_divergence: bool = False) -> township.ImportResult:
    """One package on its own; see :class:`ImportSession`."""
    return ImportSession(store).take(path, accept_new_village=accept_new_village, accept_new_key=accept_new_key,
                                     accept_divergence=accept_divergence)


class Queued(NamedTuple):
    """A package file in :func:`import_order`: its village and sequence, None when its name is not a package's."""

    path: Path
    village_code: str | None
    sequence: int | None


def import_order(paths: Iterable[Path | str]) -> list[Queued]:
    """Several packages (everything on a stick) in the order they can be taken: village by village, by sequence.

    The manifest is sealed, so the village and sequence come from each file's name
    (``VD-<code>-<sequence>-<date>.vdpkg``; import_package verifies everything, and the
    township refuses a package out of order whatever its name says).  A file whose name
    is not a package's goes last, in the order given, so importing it says what is
    wrong with it and the others are not held up.
    """
    found = []
    for given, path in enumerate(Path(p) for p in paths):
        named = name_parts(path.name)
        key = (0, *named, given) if named else (1, "", 0, given)
        found.append((key, Queued(path, *(named or (None, None)))))
    return [queued for _key, queued in sorted(found, key=lambda f: f[0])]


__all__ = ["ImportSession", "Queued", "import_order", "import_package"]
