"""Build the offline bundle: one folder that runs without any Python on the machine.

    python tools/build_bundle.py                  build dist/villagedesk/ and check what is inside
    python tools/build_bundle.py --smoke          … then run the program from it and time its start
    python tools/build_bundle.py --zip            … and zip it for the USB stick
    python tools/build_bundle.py --check DIR      only check an existing bundle folder

Needs PyInstaller in the build venv (`pip install '.[bundle]'`); the spec is tools/villagedesk.spec
and builds for the platform it runs on (Linux or Windows).  The build fails, rather than the
clerk's first print, when a font, translation, form or Qt plugin is missing from the bundle.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "tools" / "villagedesk.spec"
WINDOWS = sys.platform == "win32"
SIZE_GOAL_MB = 250

TRUETYPE_MAGIC = (b"\x00\x01\x00\x00", b"true")
QM_MAGIC = bytes.fromhex("3cb86418caef9c95cd211cbf60a1bddd")
EXIT_AFTER_PAINT = "VILLAGEDESK_EXIT_AFTER_PAINT"  # villagedesk.ui.app: the window quits once painted


def internal_dir(bundle: Path) -> Path:
    """Where PyInstaller (6+) puts everything but the executables."""
    inner = bundle / "_internal"
    return inner if inner.is_dir() else bundle


def executable(bundle: Path, *, window: bool = False, windows: bool = WINDOWS) -> Path:
    if not windows:
        return bundle / "villagedesk"
    return bundle / ("VillageDesk.exe" if window else "villagedesk-cli.exe")


def _program_files(root: Path) -> dict[str, Path]:
    """Our own files the bundle must carry: where each goes inside it → its source."""
    wanted = {f"villagedesk/forms/{ui.name}": ui for ui in sorted((root / "forms").glob("*.ui"))}
    resources = root / "resources"
    for source in sorted(resources.rglob("*")):
        if source.is_file() and source.suffix != ".ts":
            wanted[f"villagedesk/resources/{source.relative_to(resources).as_posix()}"] = source
    return wanted


def _qt_files(windows: bool) -> list[str]:
    """Qt pieces the program cannot start or speak Chinese without (layout of the PySide6 wheel)."""
    qt = "PySide6" if windows else "PySide6/Qt"
    platform = "platforms/qwindows.dll" if windows else "platforms/libqxcb.so"
    return [f"{qt}/plugins/{platform}", f"{qt}/translations/qtbase_zh_CN.qm"]


def source_problems(root: Path = ROOT) -> list[str]:
    """What is wrong in the checkout before PyInstaller even runs."""
    problems = []
    font = root / "resources" / "fonts" / "DroidSansFallbackFull.ttf"
    if not font.is_file():
        problems.append(f"the CJK font is missing: {font}")
    for ts in sorted((root / "resources" / "translations").glob("*.ts")):
        if not ts.with_suffix(".qm").is_file():
            problems.append(f"{ts.name} has no compiled {ts.with_suffix('.qm').name}: "
                            "run python tools/update_translations.py")
    if not any((root / "forms").glob("*.ui")):
        problems.append(f"no Designer forms in {root / 'forms'}")
    return problems + _content_problems(_program_files(root).values())


def _content_problems(files) -> list[str]:
    """Fonts that are not TrueType and translations that are not compiled Qt translations."""
    problems = []
    for path in files:
        head = path.read_bytes()[:16] if path.is_file() else b""
        if path.suffix == ".ttf" and not head.startswith(TRUETYPE_MAGIC):
            problems.append(f"not a TrueType font: {path}")
        if path.suffix == ".qm" and head != QM_MAGIC:
            problems.append(f"not a compiled Qt translation: {path}")
    return problems


def bundle_problems(bundle: Path, root: Path = ROOT, windows: bool = WINDOWS) -> list[str]:
    """Every file the program loads at run time, present in the built folder and the same as its source."""
    problems = []
    if not executable(bundle, windows=windows).is_file():
        problems.append(f"the program is missing: {executable(bundle, windows=windows)}")
    inner = internal_dir(bundle)
    present = []
    for name, source in _program_files(root).items():
        target = inner / name
        if not target.is_file():
            problems.append(f"missing from the bundle: {name}")
        elif target.stat().st_size != source.stat().st_size:
            problems.append(f"differs from {source.relative_to(root)}: {name}")
        else:
            present.append(target)
    # PDFs print digits and Latin letters in Bitstream Vera from reportlab's own folder.
    for name in ("reportlab/fonts/Vera.ttf", "reportlab/fonts/VeraBd.ttf", *_qt_files(windows)):
        if (inner / name).is_file():
            present.append(inner / name)
        else:
            problems.append(f"missing from the bundle: {name}")
    # A library dropped in the spec leaves its link behind if the spec's filter misses it.
    problems += [f"link to nothing: {link.relative_to(bundle)}" for link in sorted(bundle.rglob("*"))
                 if link.is_symlink() and not link.exists()]
    return problems + _content_problems(present)


def program_version() -> str:
    """villagedesk.__version__, read without importing the package (the build Python may lack it)."""
    text = (ROOT / "villagedesk" / "__init__.py").read_text(encoding="utf-8")
    return re.search(r'^__version__ = "([^"]+)"', text, re.M).group(1)


def folder_size(folder: Path) -> int:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file() and not f.is_symlink())


def build(dist: Path, work: Path) -> float:
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        sys.exit("PyInstaller is not installed in this Python: pip install '.[bundle]'")
    started = time.perf_counter()
    # PyInstaller keeps a cache of processed libraries in the user's folder: keep it with the work files,
    # so a build in a fresh work folder starts from nothing.
    env = {**os.environ, "PYINSTALLER_CONFIG_DIR": str(work / "config")}
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
                    "--distpath", str(dist), "--workpath", str(work), str(SPEC)], check=True, cwd=ROOT, env=env)
    return time.perf_counter() - started


def bare_env(scratch: Path) -> dict[str, str]:
    """A shell with no Python on PATH and the user folders in ``scratch``: nothing helps the bundle."""
    empty = scratch / "no-python-bin"
    empty.mkdir(parents=True, exist_ok=True)
    home = scratch / "home"
    env = {"PATH": str(empty), "HOME": str(home), "XDG_DATA_HOME": str(home / "data"),
           "XDG_CONFIG_HOME": str(home / "config"), "LANG": "C.UTF-8"}
    for name in ("DISPLAY", "XAUTHORITY", "QT_QPA_PLATFORM", "SYSTEMROOT", "TEMP", "TMP"):
        if name in os.environ:
            env[name] = os.environ[name]
    if WINDOWS:
        env.update(LOCALAPPDATA=str(home / "Local"), APPDATA=str(home / "Roaming"), USERPROFILE=str(home))
    for python in ("python", "python3"):
        assert shutil.which(python, path=env["PATH"]) is None, f"{python} is still on the smoke test's PATH"
    return env


def _run(command: list, env: dict, cwd: Path, timeout: float = 120) -> float:
    started = time.perf_counter()
    done = subprocess.run([str(c) for c in command], env=env, cwd=cwd, timeout=timeout,
                          capture_output=True, text=True, encoding="utf-8", errors="replace")
    took = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"failed ({done.returncode}): {' '.join(map(str, command))}\n{done.stdout}{done.stderr}")
    return took


# The demo is encrypted (it has accounts): the commands and the window after it log in as its 文书, as a
# script does (docs/SECURITY.md "Command line credentials").
DEMO_LOGIN = {"VILLAGEDESK_USER": "wenshu", "VILLAGEDESK_PASSWORD": "demo-wenshu"}


def smoke(bundle: Path, scratch: Path) -> dict[str, float]:
    """The user's commands, run from the bundle in a bare shell; how long each took."""
    env = {**bare_env(scratch), **DEMO_LOGIN}
    vd, db = executable(bundle), scratch / "demo.sqlite3"
    steps = {
        "--version": [vd, "--version"],
        "demo": [vd, "demo", "--db", db, "--size", "small", "--seed", "7"],
        "print households": [vd, "print", "households", "--db", db, "-o", scratch / "households.pdf"],
        "export excel": [vd, "export", "excel", "--db", db, "-o", scratch / "demo.xlsx"],
        "check": [vd, "check", "--db", db],
        "window": [executable(bundle, window=True), "--db", db],
    }
    took = {}
    for name, command in steps.items():
        step_env = {**env, EXIT_AFTER_PAINT: "1"} if name == "window" else env
        took[name] = _run(command, step_env, scratch)
    took["two packages into a township"] = _township_smoke(vd, env, scratch, db)
    pdf = (scratch / "households.pdf").read_bytes()
    if not (pdf.startswith(b"%PDF") and b"/FontFile2" in pdf):
        raise SystemExit("the register PDF from the bundle lacks its embedded font")
    if not zipfile.is_zipfile(scratch / "demo.xlsx"):
        raise SystemExit("the Excel export from the bundle is not a workbook")
    return took


def _township_smoke(vd: Path, env: dict, scratch: Path, db: Path) -> float:
    """Two packages of the demo taken in one import: the second is checked ahead on a worker process, which
    a frozen program starts as itself again (documents/package/prescan.py; tools/bundle_launcher.py)."""
    township, card, usb = scratch / "township.sqlite3", scratch / "card.json", scratch / "usb"
    usb.mkdir()
    for command in ([vd, "township", "--db", township, "--name", "天门乡", "--county", "新化县"],
                    [vd, "township-card", "--db", township, "-o", card],
                    [vd, "join-township", card, "--db", db, "--yes"],
                    [vd, "package", "--db", db, "-o", usb], [vd, "package", "--db", db, "-o", usb]):
        _run(command, env, scratch)
    packages = sorted(usb.glob("VD-*.vdpkg"))
    if len(packages) != 2:
        raise SystemExit(f"the bundle wrote {len(packages)} packages, not 2")
    return _run([vd, "import-package", *packages, "--db", township, "--accept-new-village"], env, scratch)


def start_times(bundle: Path, scratch: Path, runs: int = 3) -> dict[str, tuple[float, float]]:
    """Median seconds, (bundle, source install), for `--version` and for the window's first paint."""
    env = {**bare_env(scratch), **DEMO_LOGIN}
    source_env = {**os.environ, "HOME": env["HOME"], "XDG_DATA_HOME": env["XDG_DATA_HOME"],
                  "XDG_CONFIG_HOME": env["XDG_CONFIG_HOME"], **DEMO_LOGIN}
    db = scratch / "demo.sqlite3"
    source = [sys.executable, "-m", "villagedesk"]
    pairs = {
        "--version": ([executable(bundle), "--version"], [*source, "--version"]),
        "window to first paint": ([executable(bundle, window=True), "--db", db], [*source, "--db", db]),
    }
    figures = {}
    for name, (frozen, installed) in pairs.items():
        extra = {EXIT_AFTER_PAINT: "1"} if name.startswith("window") else {}
        figures[name] = tuple(statistics.median(_run(cmd, {**e, **extra}, scratch) for _ in range(runs))
                              for cmd, e in ((frozen, env), (installed, source_env)))
    return figures


def zip_bundle(bundle: Path, dest: Path) -> Path:
    dest.unlink(missing_ok=True)
    with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for path in sorted(bundle.rglob("*")):
            name = (Path(bundle.name) / path.relative_to(bundle)).as_posix()
            if path.is_symlink():
                # Kept as a link (unzip restores it), not a second copy of a Qt library.
                link = zipfile.ZipInfo(name, time.localtime(path.lstat().st_mtime)[:6])
                link.external_attr = 0o120777 << 16
                archive.writestr(link, os.readlink(path))
            else:
                archive.write(path, name)
    return dest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="where the bundle folder goes")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "pyinstaller")
    parser.add_argument("--smoke", action="store_true", help="run the program from the bundle and time it")
    parser.add_argument("--zip", action="store_true", help="zip the folder for the USB stick")
    parser.add_argument("--check", type=Path, metavar="DIR", help="only check an existing bundle folder")
    args = parser.parse_args(argv)

    if args.check:
        problems = bundle_problems(args.check)
        print("\n".join(problems) or f"{args.check}: complete")
        return 1 if problems else 0
    problems = source_problems()
    if problems:
        print("cannot build the bundle:", *problems, sep="\n  ", file=sys.stderr)
        return 1
    build_time = build(args.dist, args.work)
    bundle = args.dist / "villagedesk"
    problems = bundle_problems(bundle)
    if problems:
        print("the bundle is incomplete:", *problems, sep="\n  ", file=sys.stderr)
        return 1

    size = folder_size(bundle) / 2**20
    report = [f"bundle       {bundle}",
              f"size         {size:.0f} MB unzipped (goal < {SIZE_GOAL_MB} MB)",
              f"build time   {build_time:.0f} s"]
    if args.zip:
        started = time.perf_counter()
        machine = "win_amd64" if WINDOWS else "linux_x86_64"
        archive = zip_bundle(bundle, args.dist / f"villagedesk-{program_version()}-{machine}.zip")
        report.append(f"zip          {archive} ({archive.stat().st_size / 2**20:.0f} MB, "
                      f"{time.perf_counter() - started:.0f} s)")
    if args.smoke:
        with tempfile.TemporaryDirectory(prefix="vd-bundle-") as scratch:
            took = smoke(bundle, Path(scratch))
            report.append("smoke        " + ", ".join(f"{k} {v:.1f} s" for k, v in took.items()))
            for name, (frozen, installed) in start_times(bundle, Path(scratch)).items():
                report.append(f"start        {name}: bundle {frozen:.2f} s, source install {installed:.2f} s")
    print("\n".join(report))
    if size >= SIZE_GOAL_MB:
        print(f"the bundle is {size:.0f} MB, over the {SIZE_GOAL_MB} MB goal", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
