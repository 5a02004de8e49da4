"""Refresh the translation source from the code, then compile it.

    python tools/update_translations.py          lupdate (keeps translations) + lrelease
    python tools/update_translations.py --check  exit 1 when the .ts lacks a string or a translation

The .ts file is the translators' source (edit it with pyside6-linguist); the .qm is
what the program loads.  Both are committed so an installed wheel needs no Qt tools.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TS = ROOT / "resources" / "translations" / "villagedesk_zh_CN.ts"
QM = TS.with_suffix(".qm")
# Written by hand, not from our code: Qt's own strings its shipped Chinese catalogue lacks (file dialog).
QT_GAPS = TS.with_name("qt_gaps_zh_CN.ts")


def _tool(name: str) -> str:
    here = Path(sys.executable).parent / name
    return str(here) if here.exists() else name


def sources() -> list[str]:
    files = sorted((ROOT / "villagedesk" / "ui").rglob("*.py")) + sorted((ROOT / "forms").glob("*.ui"))
    return [str(f.relative_to(ROOT)) for f in files]


def lupdate(ts: Path) -> None:
    subprocess.run([_tool("pyside6-lupdate"), *sources(), "-no-obsolete", "-locations", "none",
                    "-target-language", "zh_CN", "-ts", str(ts)],
                   cwd=ROOT, check=True, capture_output=True)


def lrelease(ts: Path, qm: Path) -> None:
    subprocess.run([_tool("pyside6-lrelease"), str(ts), "-qm", str(qm)], check=True, capture_output=True)


def untranslated(ts: Path) -> list[str]:
    """Source strings with no finished translation."""
    missing = []
    for message in ET.parse(ts).getroot().iter("message"):
        translation = message.find("translation")
        numerus = translation.findall("numerusform") if translation is not None else []
        text = "".join(n.text or "" for n in numerus) if numerus else (translation.text or "")
        if translation is None or translation.get("type") in ("unfinished", "vanished", "obsolete") \
                or not text.strip():
            missing.append(message.findtext("source"))
    return missing


def check() -> list[str]:
    """Problems with the committed .ts/.qm: strings missing from it, untranslated, stale .qm."""
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / TS.name
        shutil.copy(TS, fresh)
        lupdate(fresh)
        problems += [f"untranslated: {s!r}" for s in untranslated(fresh)]
        for ts, qm in ((TS, QM), (QT_GAPS, QT_GAPS.with_suffix(".qm"))):
            compiled = Path(tmp) / qm.name
            lrelease(ts, compiled)
            if not qm.exists() or compiled.read_bytes() != qm.read_bytes():
                problems.append(f"{qm.name} is stale: run python tools/update_translations.py")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    if args.check:
        problems = check()
        print("\n".join(problems) or "translations complete")
        return 1 if problems else 0
    lupdate(TS)
    lrelease(TS, QM)
    lrelease(QT_GAPS, QT_GAPS.with_suffix(".qm"))
    missing = untranslated(TS)
    print(f"{TS.name}: {len(missing)} untranslated")
    for source in missing:
        print("  ", source)
    return 0


if __name__ == "__main__":
    sys.exit(main())
