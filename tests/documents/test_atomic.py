"""Exports and printouts never land on a database (documents/atomic.py), an encrypted one included
(docs/SECURITY.md "The database key")."""

from __future__ import annotations

import pytest

from tests.helpers.factories import profiled_village
from villagedesk.documents.atomic import atomic_output, refuse_database_target
from villagedesk.errors import UserError
from villagedesk.store.encryption import encrypt_in_place
from villagedesk.store.keys import database_key, new_recovery_key


@pytest.mark.parametrize("encrypted", [False, True])
def test_a_printout_is_never_written_over_a_database(tmp_path, encrypted):
    path = profiled_village(tmp_path / "village.sqlite3")
    if encrypted:
        encrypt_in_place(path, database_key(new_recovery_key()))
    before = path.read_bytes()
    for target in (path, path.with_name(path.name + "-wal")):
        with pytest.raises(UserError, match="是数据库文件"):
            refuse_database_target(target)
    with pytest.raises(UserError, match="是数据库文件"), atomic_output(path) as fh:
        fh.write(b"%PDF-1.7")
    assert path.read_bytes() == before


def test_an_earlier_printout_is_replaced(tmp_path):
    pdf = tmp_path / "花名册.pdf"
    pdf.write_bytes(b"%PDF-1.7" + bytes(4096 - 8))  # whole pages, as an encrypted database would be
    with atomic_output(pdf) as fh:
        fh.write(b"%PDF-1.7 new")
    assert pdf.read_bytes() == b"%PDF-1.7 new"
