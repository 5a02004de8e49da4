"""Townships and counties: a township's and a county's database made, their cards written, and a village
joining its township (a township its county) by a card whose fingerprint the clerk compares first
(docs/PACKAGES.md, docs/COUNTY.md)."""

from __future__ import annotations

import sys
from pathlib import Path

from villagedesk.cli import prompts, session
from villagedesk.cli.options import Commands
from villagedesk.core.accounts.roles import Action
from villagedesk.documents.atomic import atomic_output
from villagedesk.errors import UserError


def cmd_township(args) -> int:
    # loads sqlite-utils: not at start-up
    from villagedesk.core.township.keys import set_township_names, township_names
    from villagedesk.core.township.merge import set_township

    if bool(args.name) != bool(args.county):
        raise UserError("请同时写明 --name（乡镇名）和 --county（县名）。")
    with session.opened(args, write=True, action=Action.SETTINGS) as store:
        with store.atomic():
            set_township(store, True)
            if args.name:
                set_township_names(store, args.name, args.county)
        named = all(township_names(store))
    print("已设为乡镇汇总数据库：可以导入各村的数据包（import-package）。")
    if named:
        print("下一步：villagedesk township-card -o 乡镇卡片.json，把卡片交给各村加入乡镇。")
    else:
        print("生成乡镇卡片前，请写明乡镇名和县名：villagedesk township --name 乡镇名 --county 县名")
    return 0


def _is_card_file(path: Path, kind: str) -> bool:
    """Whether ``path`` holds a township card (any township's, even a damaged one): what township-card replaces."""
    try:
        with path.open("rb") as fh:
            head = fh.read(64 << 10)
    except OSError:
        return False
    return f'"kind": "{kind}"'.encode() in head


def _write_card(args, card, signature: str, kind: str, name: str) -> None:
    """township-card and county-card: the card of ``kind`` (called ``name``) written to ``args.output``."""
    output = Path(args.output)
    # A card is public and made again at will, so an older card is simply replaced; any other file
    # there is the clerk's (a spreadsheet, a package) and is kept unless --force says otherwise.
    if output.is_dir():
        raise UserError(f"{output} 是一个文件夹，请给卡片文件起一个名字，如 {output / (name + '.json')}。")
    if output.exists() and not args.force and not _is_card_file(output, kind):
        raise UserError(f"{output} 已经存在，而且不是{name}。请换一个文件名，或加 --force 覆盖它。")
    with atomic_output(output) as fh:
        fh.write(card.to_json(signature).encode("utf-8") + b"\n")
    print(f"已生成{name}：{output}")
    print(f"{card.county}{card.township}　指纹：{card.fingerprint}")


def cmd_township_card(args) -> int:
    # loads sqlite-utils and cryptography: not at start-up
    from villagedesk.core.township.keys import CARD_KIND, township_card

    with session.opened(args, write=False) as store:
        card, signature = township_card(store)
    _write_card(args, card, signature, CARD_KIND, "乡镇卡片")
    print("请把卡片交给各村，并把指纹告诉各村文书（电话或纸质《密钥指纹登记表》：villagedesk print keys），"
          "让他们加入时核对。")
    return 0


def cmd_county(args) -> int:
    url = session.county_url(args)  # first: it says so when this installation has no PostgreSQL driver
    # loads psycopg: not at start-up
    from villagedesk.core.county.profile import create_county
    from villagedesk.store.postgres.connection import county_database

    with county_database(url, upgrade=False) as conn:
        create_county(conn, args.name)
        database = conn.info.dbname
    print(f"已建立{args.name.strip()}的县级数据库（数据库 {database}）。")
    print("下一步：villagedesk county-card --db 地址 -o 县卡片.json，把县卡片交给各乡镇加入县；"
          "给各人建登录账户见 docs/COUNTY.md。")
    return 0


def cmd_county_card(args) -> int:
    url = session.county_url(args)  # first: it says so when this installation has no PostgreSQL driver
    # loads psycopg and cryptography: not at start-up
    from villagedesk.core.county.keys import county_card
    from villagedesk.core.township.keys import COUNTY_CARD_KIND
    from villagedesk.store.postgres.connection import county_database

    with county_database(url) as conn:
        card, signature = county_card(conn)
    _write_card(args, card, signature, COUNTY_CARD_KIND, "县卡片")
    print("请把县卡片交给各乡镇，并把指纹告诉各乡镇（电话或纸质登记表），让他们加入时核对（villagedesk join-county）。")
    return 0


def _join(args, kind: str) -> int:
    """join-township (a village takes its township's card) and join-county (a township its county's)."""
    # loads sqlite-utils: not at start-up
    from villagedesk.core.township import keys
    from villagedesk.core.township.county import join_county
    from villagedesk.core.township.merge import is_township

    county = kind == keys.COUNTY_CARD_KIND
    us, level, issuer = ("本乡镇", "县", "县里") if county else ("本村", "乡镇", "乡镇")
    # The card is read and verified before the database is opened: a bad card touches nothing.
    card, text = keys.read_card_file(args.file, kind)
    name = f"{card.county}{card.township}"
    with session.opened(args, write=True, action=Action.SETTINGS) as store:
        if is_township(store) != county:  # take_card's callers refuse too; said before the card is shown
            raise UserError(keys.wrong_database(kind))
        current = keys.trusted_card(store, kind)
        if current == card:
            print(f"{us}已经加入{name}（指纹 {card.fingerprint}），这张卡片与现在的相同，没有任何改动。")
            return 0
        if current is not None and not args.replace:
            # take_card says the same; said here before the clerk is asked anything.
            raise UserError(keys.already_joined(current))
        print(f"{level}：{name}")
        print(f"指纹：{card.fingerprint}")
        if current is not None:
            print(f"将替换现在的{level}：{current.county}{current.township}（指纹 {current.fingerprint}），"
                  "原来的卡片保留在记录中。")
        if not args.yes:
            # Without a terminal no one can compare the fingerprint: a script must say it did (--yes).
            if not sys.stdin.isatty():
                raise UserError(f"没有终端可以确认：请与{issuer}核对指纹后，加 --yes 再运行。没有加入{level}。")
            if not prompts.confirm(f"请与{issuer}核对指纹（电话或纸质登记表），每一组都相同才能加入。确认加入？[y/N] "):
                raise UserError(f"已取消，没有加入{level}。")
        if county:
            join_county(store, card, text, replace=args.replace)
        else:
            keys.join_township(store, card, text, replace=args.replace)
    opens = "以后给县里的数据包只有这个县能打开" if county else "以后的数据包只有这个乡镇能打开"
    print(f"已加入{name}（指纹 {card.fingerprint}）。{opens}。")
    return 0


def cmd_join_township(args) -> int:
    # loads sqlite-utils: not at start-up (through _join)
    from villagedesk.core.township.keys import CARD_KIND

    return _join(args, CARD_KIND)


def cmd_join_county(args) -> int:
    # loads sqlite-utils: not at start-up (through _join)
    from villagedesk.core.township.keys import COUNTY_CARD_KIND

    return _join(args, COUNTY_CARD_KIND)


def add_commands(commands: Commands) -> None:
    # A level's two commands besides making it: writing its card, and the level below joining by that card.
    def card_command(name: str, func, help: str, *, example: str, card: str) -> None:
        sub = commands.add(name, func, help)
        sub.add_argument("-o", "--output", required=True, metavar="FILE", help=f"卡片文件，如 {example}")
        sub.add_argument("--force", action="store_true", help=f"覆盖已有的文件（原来的{card}不需要此项，会直接替换）")

    def join_command(name: str, func, help: str, *, issuer: str, level: str, maker: str) -> None:
        sub = commands.add(name, func, help)
        sub.add_argument("file", metavar="FILE", help=f"{issuer}给的卡片文件（villagedesk {maker} 生成）")
        sub.add_argument("--replace", action="store_true", help=f"换成另一个{level}（原来的卡片保留在记录中）")
        sub.add_argument("--yes", action="store_true",
                         help=f"不再询问：已经与{issuer}核对过指纹。没有终端时（脚本中）必须加此项")

    tw = commands.add("township", cmd_township, "把一个新数据库设为乡镇汇总数据库（已是乡镇的，可再写明名称）")
    tw.add_argument("--name", help="本乡镇的名称（印在乡镇卡片上），如 天门乡")
    tw.add_argument("--county", help="所属县的名称，如 新化县")
    card_command("township-card", cmd_township_card, "乡镇：生成本乡镇的卡片（交给各村加入乡镇用），并显示它的指纹",
                 example="天门乡-乡镇卡片.json", card="乡镇卡片")
    join_command("join-township", cmd_join_township,
                 "村：加入乡镇（导入乡镇卡片）。显示卡片的指纹，与乡镇核对后确认；数据包以后只有这个乡镇能打开",
                 issuer="乡镇", level="乡镇", maker="township-card")

    co = commands.add("county", cmd_county, "县：把县里数据库管理员新建的空 PostgreSQL 数据库建成县级数据库"
                      "（--db postgresql://服务器/数据库名；见 docs/COUNTY.md）")
    co.add_argument("--name", required=True, help="本县的名称（印在县卡片上），如 新化县")
    card_command("county-card", cmd_county_card, "县：生成本县的县卡片（交给各乡镇加入县用），并显示它的指纹",
                 example="新化县-县卡片.json", card="县卡片")
    join_command("join-county", cmd_join_county,
                 "乡镇：加入县（导入县卡片）。显示卡片的指纹，与县里核对后确认；给县里的数据包以后只有这个县能打开",
                 issuer="县里", level="县", maker="county-card")
