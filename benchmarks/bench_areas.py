"""Meetings, requests and notices figures on the large demo village, each the median of several runs.

    python benchmarks/bench_areas.py --db LARGE_DEMO.sqlite3 [--runs N]

Prints one row per figure: median, the runs, the target (issues 5 and 6,
"Performance").  The given file is not changed: the printouts are made in a copy.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from villagedesk import clock  # noqa: E402
from villagedesk.core import notices  # noqa: E402
from villagedesk.core.common import ids  # noqa: E402
from villagedesk.core.meetings import minutes as meetings  # noqa: E402
from villagedesk.core.notices import tables  # noqa: E402
from villagedesk.core.requests import ledger  # noqa: E402
from villagedesk.core.requests import lists as request_lists  # noqa: E402
from villagedesk.store import open_store  # noqa: E402


def report(name: str, samples: list[float], target: str, unit: str = "ms") -> None:
    median = statistics.median(samples)
    shown = ", ".join(f"{s:.1f}" if unit == "ms" else f"{s:.2f}" for s in samples)
    print(f"{name:<58} median {median:>8.1f} {unit:<3} [{shown}]  target {target}", flush=True)


def timed(call) -> float:
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


def bench_board(store, runs: int, today: date) -> None:
    board = request_lists.request_board(today)
    print(f"{'(requests: ' + format(store.scalar('SELECT count(*) FROM requests'), ',') + ')':<58}")
    owner = store.row("SELECT owner_id, owner FROM requests WHERE owner_id IS NOT NULL LIMIT 1")
    group = store.scalar("SELECT group_name FROM requests WHERE group_name != '' LIMIT 1")
    choices = {"no filter": {}, "status 办理中": {"status": ledger.IN_HAND},
               "not closed": {"status": request_lists.OPEN}, "overdue": {"overdue": True},
               "owner": {"owner_id": owner["owner_id"]}, "group": {"group": group},
               "category 矛盾纠纷": {"category": "矛盾纠纷"}, f"period {today.year - 1}": {"period": str(today.year - 1)},
               "raised directly": {"direct": True}}
    medians = []
    for name, filters in choices.items():
        extra, params = request_lists.request_filter(today=today, **filters)

        def page(extra=extra, params=params):
            board.count(store, extra=extra, params=params)
            board.fetch(store, extra=extra, params=params, order="raised_on", descending=True, limit=100)

        samples = [timed(page) * 1000 for _ in range(runs)]
        medians.append(statistics.median(samples))
        report(f"requests board, {name} (count + first page)", samples, "< 50 ms")
    print(f"{'requests board: the slowest filter':<58} median {max(medians):>8.1f} ms   target < 50 ms")


def bench_minutes(store, folder: Path, runs: int, today: date) -> None:
    from villagedesk.documents.pdf.minutes import print_minutes

    people = [r["id"] for r in store.rows("SELECT id FROM persons WHERE archived = 0 ORDER BY id LIMIT 62")]
    meeting = meetings.create_meeting(store, kind="屋场会", title="基准测试屋场会", meeting_date=today.isoformat(),
                                      start_time="19:00", end_time="21:00", place="枫树湾", chair_id=people[0],
                                      recorder_id=people[1])
    meetings.set_attendance(store, meeting["id"], present=people[2:62])
    meetings.save_agenda_item(store, meeting["id"], topic="村道硬化", discussion="大家同意先修通组公路。")
    for n in range(15):
        ledger.raise_request(store, meeting_id=meeting["id"], raised_by_id=people[2 + n], category="基础设施",
                             content=f"第 {n + 1} 件：路灯不亮，晚上出行不便", handling=ledger.WITH_DEADLINE,
                             owner_id=people[0], deadline=(today + timedelta(days=30)).isoformat(), today=today)
    code = meetings.meeting_code(meeting["id"])
    present = meetings.attendance(store, meeting["id"]).present
    samples = [timed(lambda: print_minutes(store, folder / "minutes.pdf", code)) * 1000 for _ in range(runs)]
    report(f"minutes PDF ({present} present, 15 requests)", samples, "< 1,000 ms")


def bench_notices(store, folder: Path, runs: int, today: date) -> None:
    from villagedesk.documents.pdf.notice import print_notice

    one = store.row("SELECT id FROM notices WHERE table_kind = '无' AND posted_on IS NOT NULL ORDER BY id LIMIT 1")
    code = notices.notice_code(one["id"])
    samples = [timed(lambda: print_notice(store, folder / "one.pdf", code)) * 1000 for _ in range(runs)]
    size = (folder / "one.pdf").stat().st_size
    report(f"one-page notice PDF ({size // 1024} KB, target < 300 KB)", samples, "< 300 ms")
    rows = [{"name": f"村民{n}", "group_name": f"第{n % 12 + 1}村民小组",
             "id_number": ids.make_id_number("431322", date(1940 + n % 60, n % 12 + 1, n % 28 + 1), 100 + n % 800),
             "amount": f"{300 + n % 5 * 30}.50", "reason": "家庭人均收入低于当地低保标准"} for n in range(2000)]
    notice = notices.create_notice(store, category="惠民政策", title="农村最低生活保障对象名单公示",
                                   body="经民主评议，名单公示如下。", table=tables.recipient_list(store, rows),
                                   table_title="低保对象名单")
    reviewer = notices.reviewers(store, today)[0]
    notices.review_notice(store, notice["id"], reviewer_id=reviewer["person_id"], day=today, today=today)
    notices.post_notice(store, notice["id"], start=today, days=7, working_days=True, today=today)
    code = notices.notice_code(notice["id"])
    samples = [timed(lambda: print_notice(store, folder / "list.pdf", code)) for _ in range(max(1, runs // 2))]
    report("recipient list of 2,000 rows (header on every page)", samples, "< 5 s", "s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="a large demo (villagedesk demo --size large)")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        copy = folder / "copy.sqlite3"
        with open_store(args.db, write=False) as source:
            source.backup(copy)
        with open_store(copy, backup_on_open=False) as store:
            # The demo's own today: its last record's day, so the overdue filters mean what they meant.
            last = store.scalar("SELECT max(raised_on) FROM requests")
            today = date.fromisoformat(last) if last else clock.today()
            clock.set(today)  # the printouts and checks take today from the clock
            bench_board(store, args.runs, today)
            bench_minutes(store, folder, args.runs, today)
            bench_notices(store, folder, args.runs, today)
    print(f"(on {clock.today().isoformat()}, {os.cpu_count()} CPUs)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
