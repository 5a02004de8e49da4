"""Sync packages on the stick: a village's (or a township's) package written, and packages imported
into a township's file or a county's database (docs/PACKAGES.md, docs/COUNTY.md)."""

from __future__ import annotations

import sys
from pathlib import Path

from villagedesk.cli import session
from villagedesk.cli.options import Commands
from villagedesk.core.accounts.roles import Action
from villagedesk.errors import UserError


def cmd_package(args) -> int:
    # loads sqlite-utils: not at start-up
    from villagedesk.core.township.merge import is_township
    from villagedesk.documents.package.township_writer import write_township_package
    from villagedesk.documents.package.writer import write_package

    with session.opened(args, write=True, action=Action.MAKE_PACKAGE) as store:
        if is_township(store):  # a township's package carries its villages' packages to the county
            written = write_township_package(store, Path(args.output), full=args.full)
            print(f"已生成给县里的数据包：{written.path}")
            print(f"第 {written.sequence} 号{'全量' if written.full else ''}数据包，"
                  f"含 {written.villages} 个村的 {written.payloads} 个村级数据包。")
            if written.warning:
                print(written.warning, file=sys.stderr)
            return 0
        path = write_package(store, Path(args.output), full=args.full)
    print(f"已生成数据包：{path}")
    return 0


def cmd_import_package(args) -> int:
    # loads the store package: not at start-up
    from villagedesk.store.postgres import is_database_url

    if is_database_url(args.db):
        return _import_into_county(args)
    # loads sqlite-utils: not at start-up
    from villagedesk.core.township.merge import NeedsConfirmation
    from villagedesk.documents.package.importer import ImportSession, import_order

    accepted = {"accept_new_village": args.accept_new_village, "accept_new_key": args.accept_new_key,
                "accept_divergence": args.accept_divergence}
    with session.opened(args, write=True, action=Action.IMPORT_PACKAGE) as store, ImportSession(store) as importing:
        # Several packages at once (everything on a stick) go in sequence order, village by village.
        queue = import_order(args.files)
        for n, queued in enumerate(queue):
            following = queue[n + 1].path if n + 1 < len(queue) else None
            try:
                print(importing.take(queued.path, then=following, **accepted).summary())
            except NeedsConfirmation as err:
                # Said as a fact by the core (with the fingerprint to compare); the command line names its flag.
                raise UserError(f"{err}{err.hint}") from None
    return 0


def _import_into_county(args) -> int:
    """import-package --db postgresql://…: township packages into the county, each in one transaction."""
    url = session.county_url(args)  # first: it says so when this installation has no PostgreSQL driver
    # loads psycopg and the package reader: not at start-up
    from villagedesk.core.county.keys import county_identity
    from villagedesk.documents.package.county_import import Refused, import_packages
    from villagedesk.store.postgres.connection import county_database

    accepted = {"accept_new_township": args.accept_new_township,
                "accept_new_township_key": args.accept_new_township_key,
                "accept_new_key": args.accept_new_key, "accept_divergence": args.accept_divergence}
    with county_database(url) as conn:
        # Said once, before any file is opened or a worker started: the server, the schema, and whether this
        # login may import at all (a reader is told so here, not once per township).
        county_identity(conn)
    # Several at once (everything on a stick): each township's in sequence order, townships side by side.
    for done in import_packages(url, args.files, **accepted):
        if isinstance(done, Refused):
            raise UserError(done.message)
        print(done[1], flush=True)
    return 0


def add_commands(commands: Commands) -> None:
    pk = commands.add("package", cmd_package, "生成给乡镇的数据包（写到 U 盘）；乡镇汇总数据库中：生成给县里的数据包")
    pk.add_argument("-o", "--output", required=True, metavar="DIR", help="写入的文件夹（如 U 盘）")
    pk.add_argument("--full", action="store_true", help="全量数据包（默认只含上次以来的变动）")
    ip = commands.add("import-package", cmd_import_package,
                      "乡镇：导入各村的数据包；县（--db postgresql://…）：导入各乡镇的数据包（可一次多个）")
    ip.add_argument("files", nargs="+", metavar="FILE.vdpkg", help="村里（或乡镇）交来的数据包文件（可写多个）")
    ip.add_argument("--accept-new-township", action="store_true",
                    help="县：接受一个乡镇的第一个数据包（已与乡镇核对过密钥指纹）")
    ip.add_argument("--accept-new-township-key", action="store_true",
                    help="县：接受乡镇重装程序后换了签名密钥的数据包（已与乡镇核对过新指纹；原密钥作废并记录在案）")
    ip.add_argument("--accept-new-village", action="store_true",
                    help="接受新村的第一个数据包（已与村里核对过密钥指纹），或其他乡镇的村的数据包")
    ip.add_argument("--accept-new-key", action="store_true",
                    help="接受村里重装程序后换了签名密钥的数据包（已与村里核对过新指纹；原密钥作废并记录在案）")
    ip.add_argument("--accept-divergence", action="store_true",
                    help="接受积分历史与本乡镇已收到的不同的全量数据包（村里恢复了旧备份；永久记录在案）")
