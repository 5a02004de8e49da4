"""A county filled the way a real one is: villages → their townships → township packages → imported.

Real village and township files, real signed and sealed packages at both levels, a real county database
(the ``county`` fixture's): what the county's outputs, window and concurrency tests read.
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from tests.helpers.factories import join, package_village, valid_uscc
from villagedesk.core.common.village import Profile, save_profile
from villagedesk.core.county.keys import county_card
from villagedesk.core.township import county as township_county
from villagedesk.core.township import merge as township
from villagedesk.documents.package.county_import import import_township_package
from villagedesk.documents.package.importer import import_package
from villagedesk.documents.package.township_writer import write_township_package
from villagedesk.documents.package.writer import write_package
from villagedesk.store import open_store
from villagedesk.store.postgres.connection import county_database

# Each township's villages, named as villages are in 新化县 (a test names them by index).
VILLAGE_NAMES = ("油溪桥村", "大熊山村", "紫鹊界村", "正龙村", "梅山村", "奉家村")


def village_code(township_index: int, village_index: int) -> str:
    return valid_uscc(f"54431322MJ{township_index:03d}{village_index:04d}")


def make_township(path: Path, name: str, index: int, county_url: str) -> Path:
    """A township database named ``name`` in 新化县, joined to the county at ``county_url``."""
    with county_database(county_url) as conn:
        card, signature = county_card(conn)
    with open_store(path) as store:
        save_profile(store, Profile(name, valid_uscc(f"54431322MJ{index:03d}9999"), name, "新化县", "王干事",
                                    "07381234567"))
        township.set_township(store, True)
        township_county.join_county(store, card, card.to_json(signature))
    return path


def make_village(path: Path, township_db: Path, code: str, name: str, township_name: str) -> Path:
    package_village(path, code=code, township_name=township_name, name=name)
    join(path, township_db)
    return path


def send(village_db: Path, township_db: Path, stick: Path, **kw) -> Path:
    """The village's next package written onto ``stick`` and taken by its township."""
    stick.mkdir(parents=True, exist_ok=True)
    with open_store(village_db) as store:
        package = write_package(store, stick, **kw)
    with open_store(township_db) as store:
        import_package(store, package, accept_new_village=True)
    return package


def forward(township_db: Path, out: Path, **kw) -> Path:
    """The township's next package for its county, written into ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    with open_store(township_db) as store:
        return write_township_package(store, out, **kw).path


def import_into(county_url: str, package: Path, **kw):
    kw.setdefault("accept_new_township", True)
    with county_database(county_url) as conn:
        return import_township_package(conn, package, **kw)


def filled_county(county_url: str, folder: Path, townships: dict[str, int] | None = None) -> SimpleNamespace:
    """The county at ``county_url`` holding ``townships`` (name → how many villages), each village's
    first package taken by its township and each township's first package imported.

    Returns the county's URL and, per township (by name): its database, its villages' databases,
    the township package imported and the import's result.
    """
    townships = townships or {"天门乡": 2, "白溪镇": 1}
    made = SimpleNamespace(url=county_url, townships={})
    for t, (name, count) in enumerate(townships.items(), start=1):
        place = folder / f"township-{t}"
        place.mkdir(parents=True)
        township_db = make_township(place / "township.sqlite3", name, t, county_url)
        villages = []
        for v in range(1, count + 1):
            village_db = make_village(place / f"village-{v}.sqlite3", township_db, village_code(t, v),
                                      VILLAGE_NAMES[(v - 1) % len(VILLAGE_NAMES)], name)
            send(village_db, township_db, place / "stick")
            villages.append(village_db)
        package = forward(township_db, place / "to-county")
        made.townships[name] = SimpleNamespace(db=township_db, villages=villages, package=package,
                                               result=import_into(county_url, package), folder=place)
    return made


__all__ = ["VILLAGE_NAMES", "filled_county", "forward", "import_into", "make_township", "make_village", "send",
           "village_code"]
