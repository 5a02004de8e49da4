"""The `print` commands: every printout written as a PDF, from the register to the ranking board and
the key sheet (documents/pdf)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from villagedesk import clock
from villagedesk.cli import prompts, session
from villagedesk.cli.options import PASSWORD_HELP, PDF_HELP, Commands, whole_number
from villagedesk.core.township import messages as township_messages
from villagedesk.documents.atomic import refuse_database_target
from villagedesk.errors import UserError


def pdf_output(args) -> Path:
    """The file a `print` command writes: a PDF is named .pdf, or the clerk's computer opens it with the wrong program."""
    return pdf_path(Path(args.output))


def pdf_path(path: Path) -> Path:
    refuse_database_target(path)  # said first: the clerk's records, not a file name, are at stake
    if path.suffix.lower() != ".pdf":
        raise UserError(f"打印的文件名要以 .pdf 结尾（现在是 {path.name}），例如 {path.with_suffix('.pdf').name}。"
                        "没有写入任何文件。")
    return path


def _print_pdf(args, printout: Callable, **options) -> int:
    """Every `print` command: open the database read-only, check the profile, print, say where."""
    output = pdf_output(args)
    with session.opened(args, write=False) as store:
        session.need_profile(store)
        printout(store, output, **options)
    print(f"已生成{'（已设打开密码）' if options.get('password') else ''}：{args.output}")
    return 0


def cmd_print_households(args) -> int:
    # loads reportlab: not at start-up
    from villagedesk.documents.pdf.households import print_households

    password = prompts.export_password(args, full_ids=True, what="村民花名册")
    return _print_pdf(args, print_households, include_archived=args.archived, password=password)


def cmd_print_roster(args) -> int:
    # loads reportlab: not at start-up
    from villagedesk.documents.pdf.roster import print_roster

    password = prompts.export_password(args, full_ids=args.internal, what="公开版两委成员花名册")
    return _print_pdf(args, print_roster, term_number=args.term, internal=args.internal, password=password)


def cmd_print_minutes(args) -> int:
    # loads reportlab: not at start-up
    from villagedesk.documents.pdf.minutes import print_minutes

    return _print_pdf(args, print_minutes, meeting=args.meeting)


def cmd_print_requests(args) -> int:
    # loads reportlab: not at start-up
    from villagedesk.documents.pdf.requests import print_requests

    return _print_pdf(args, print_requests, period_code=args.period)


def cmd_print_report(args) -> int:
    # loads reportlab: not at start-up
    from villagedesk.documents.pdf.report import report_month

    report_month(args.period, clock.today())  # a bad month is one line, before Qt is started

    def printout(store, path: Path, period_code: str) -> Path:
        # loads reportlab, and Qt (the only print command that needs it): not at start-up
        from villagedesk.documents.pdf.report import print_report
        from villagedesk.ui.home.report_images import report_images

        return print_report(store, path, period_code, images=report_images(store, period_code))

    return _print_pdf(args, printout, period_code=args.period)


def cmd_print_summary(args) -> int:
    # loads reportlab: not at start-up
    from villagedesk.core.township.merge import require_township
    from villagedesk.documents.pdf.summary import print_summary

    # Not through _print_pdf: a township made with `villagedesk township` may have no profile of its own.
    output = pdf_output(args)
    if session.is_county(args):  # 各乡镇村务汇总表
        url = session.county_url(args)
        # loads psycopg: not at start-up
        from villagedesk.documents.pdf.summary import print_county_summary
        from villagedesk.store.postgres.connection import county_database

        with county_database(url) as conn:
            print_county_summary(conn, output, args.period)
    else:
        with session.opened(args, write=False) as store:
            require_township(store, township_messages.DOING_SUMMARY)
            print_summary(store, output, args.period)
    print(f"已生成：{args.output}")
    return 0


def cmd_print_ranking(args) -> int:
    # loads reportlab: not at start-up
    from villagedesk.documents.pdf.ranking import print_ranking

    return _print_pdf(args, print_ranking, period_code=args.period, size=args.size, board=args.board)


def cmd_print_notice(args) -> int:
    # loads reportlab: not at start-up
    from villagedesk.documents.pdf.notice import print_notice

    return _print_pdf(args, print_notice, notice=args.notice, size=args.size)


def cmd_print_statement(args) -> int:
    # loads reportlab: not at start-up
    from villagedesk.documents.pdf.statement import print_statement

    return _print_pdf(args, print_statement, household_code=args.household, period_code=args.period)


def cmd_print_slip(args) -> int:
    # loads reportlab: not at start-up
    from villagedesk.documents.pdf.slip import print_slip

    return _print_pdf(args, print_slip, code=args.redemption)


def cmd_print_keys(args) -> int:
    # loads reportlab and the store package: not at start-up
    from villagedesk.documents.pdf.keys import print_county_keys, print_keys
    from villagedesk.store.postgres import is_database_url

    if is_database_url(args.db):  # the county's sheet: its card, and every township key it pinned
        url = session.county_url(args)
        output = pdf_output(args)
        # loads psycopg: not at start-up
        from villagedesk.store.postgres.connection import county_database

        with county_database(url) as conn:
            print_county_keys(conn, output)
        print(f"已生成：{args.output}")
        return 0
    # Not through _print_pdf: print_keys names a township database by its own profile, and says itself
    # when there is none.
    output = pdf_output(args)
    with session.opened(args, write=False) as store:
        print_keys(store, output)
    print(f"已生成：{args.output}")
    return 0


PERIOD_HELP = "期间：2026（全年）、2026-Q3（季度）或 2026-07（月份）"


def add_commands(commands: Commands) -> None:
    prt = commands.group("print", "打印为 PDF", what="打印什么")

    def printout(name: str, func, help: str, *first: tuple[str, str, str], paper: bool = False):
        """A print command: what to print (each ``first`` a positional argument: name, metavar, help), the PDF
        to write, and with ``paper`` the choice of A4 or A3."""
        sub = commands.add(name, func, help, prt)
        for dest, metavar, what in first:
            sub.add_argument(dest, metavar=metavar, help=what)
        sub.add_argument("-o", "--output", required=True, metavar="FILE.pdf", help=PDF_HELP)
        if paper:
            sub.add_argument("--size", type=str.upper, choices=("A4", "A3"), default="A4", help="纸张（默认 A4，竖排）")
        return sub

    period = ("period", "PERIOD", PERIOD_HELP)
    ph = printout("households", cmd_print_households, "村民花名册（内部资料）")
    ph.add_argument("--archived", action="store_true", help="包括已归档的户和人员")
    ph.add_argument("--password-prompt", action="store_true", help=PASSWORD_HELP)
    pr = printout("roster", cmd_print_roster, "村“两委”成员花名册（默认为公开版：不含身份证号，电话部分隐去）")
    pr.add_argument("--term", type=whole_number, metavar="N", help="打印第 N 届的全部成员（默认：现任成员）")
    pr.add_argument("--internal", action="store_true", help="内部版：含完整身份证号和电话，每页标注内部资料")
    pr.add_argument("--password-prompt", action="store_true", help=PASSWORD_HELP + "（只用于 --internal）")
    printout("minutes", cmd_print_minutes, "会议记录（出席人员、议程、决议和表决、诉求、更正说明、签字栏；内部资料）",
             ("meeting", "ID", "会议编号，如 HY0001（或只写数字 1）"))
    printout("requests", cmd_print_requests, "民情台账（一个期间的诉求明细和按办理结果的统计；内部资料）", period)
    printout("report", cmd_print_report, "月度村务报告（一页：村情概况、各组积分、星级户分布、近 12 个月诉求受理与办结）",
             ("period", "PERIOD", "月份，如 2026-11"))
    printout("summary", cmd_print_summary,
             "乡镇：各村村务汇总表（每村一行：数据包、户数、两委、积分参与率、诉求、村务公开）", period)
    rk = printout("ranking", cmd_print_ranking, "积分公示榜（公开：红黑榜、全村排名、各组比较、台账校验值）", period,
                  paper=True)
    rk.add_argument("--board", type=whole_number, default=10, metavar="N", help="红榜、黑榜各列几户（默认 10）")
    printout("notice", cmd_print_notice, "公示（张贴用：标题、正文、表格、公示期、异议联系方式、签章栏；身份证号和电话部分隐去）",
             ("notice", "ID", "公开编号，如 GK0001（或只写数字 1）"), paper=True)
    st = printout("statement", cmd_print_statement, "一户的积分明细（逐条记录、余额）",
                  ("household", "HOUSEHOLD", "户编号，如 HH001"))
    st.add_argument("--period", metavar="P", help="期间，如 2026 或 2026-Q3（默认：今年）")
    printout("slip", cmd_print_slip, "积分兑换单（一式两联：存根联、兑换人联）",
             ("redemption", "REDEMPTION", "兑换编号，如 DH000012"))
    printout("keys", cmd_print_keys,
             "密钥指纹登记表（一页：本数据库的签名密钥指纹、乡镇卡片指纹、乡镇加入的县卡片指纹、签字栏；存档用）")
