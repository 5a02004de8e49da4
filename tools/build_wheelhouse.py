"""Download every wheel VillageDesk needs for another machine into one folder, with an install script.

    python tools/build_wheelhouse.py --platform win_amd64 --python 3.11 [-o wheelhouse-win_amd64-py3.11]

For an office that already has Python but no internet: copy the folder, run install.bat
(install.sh elsewhere), which is `pip install --no-index --find-links <folder> villagedesk`.
Before downloading the whole set it walks the dependencies one by one and lists every one
without a wheel for that platform (pip would stop at the first), and then stops.
Extra pip options (e.g. --index-url of a mirror) go after `--`.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tomllib
import zipfile
from email.parser import Parser
from pathlib import Path

try:
    from packaging.markers import default_environment
    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name
except ImportError:  # pip always carries a copy
    from pip._vendor.packaging.markers import default_environment
    from pip._vendor.packaging.requirements import Requirement
    from pip._vendor.packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent

# Marker values of the target machine, by the start of its platform tag.
_PLATFORMS = {
    "win": {"sys_platform": "win32", "platform_system": "Windows", "os_name": "nt"},
    "manylinux": {"sys_platform": "linux", "platform_system": "Linux", "os_name": "posix"},
    "musllinux": {"sys_platform": "linux", "platform_system": "Linux", "os_name": "posix"},
    "linux": {"sys_platform": "linux", "platform_system": "Linux", "os_name": "posix"},
    "macosx": {"sys_platform": "darwin", "platform_system": "Darwin", "os_name": "posix"},
}
_MACHINES = {"amd64": "AMD64", "win32": "x86", "arm64": "ARM64", "x86_64": "x86_64", "aarch64": "aarch64"}


def program_requirements(pyproject: Path = ROOT / "pyproject.toml") -> list[str]:
    return list(tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["dependencies"])


def target_environment(platform: str, python: str) -> dict[str, str]:
    """What `sys_platform == "win32"` and the like mean on the machine the wheels are for."""
    family = next((v for k, v in _PLATFORMS.items() if platform.startswith(k)), None)
    if family is None:
        raise SystemExit(f"unknown platform tag {platform!r} (e.g. win_amd64, manylinux2014_x86_64)")
    machine = next((v for k, v in _MACHINES.items() if platform.endswith(k)), "")
    env = dict(default_environment())
    env.update(family, platform_machine=machine, python_version=python, python_full_version=f"{python}.0",
               implementation_name="cpython", platform_python_implementation="CPython")
    return env


def _pip_download(requirements: list[str], dest: Path, platform: str, python: str, pip_args: list[str],
                  *, deps: bool) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "pip", "download", "--disable-pip-version-check", "--only-binary=:all:",
               "--platform", platform, "--python-version", python, "--implementation", "cp", "-d", str(dest),
               *([] if deps else ["--no-deps"]), *pip_args, *requirements]
    return subprocess.run(command, capture_output=True, text=True)


def _wheel_requires(wheel: Path) -> list[str]:
    with zipfile.ZipFile(wheel) as archive:
        metadata = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
        return Parser().parsestr(archive.read(metadata).decode("utf-8")).get_all("Requires-Dist") or []


def missing_wheels(requirements: list[str], platform: str, python: str, pip_args: list[str],
                   folder: Path) -> list[str]:
    """Every requirement, direct or not, that has no wheel for ``platform``; wheels go into ``folder``."""
    env = target_environment(platform, python)
    missing, seen = [], set()
    queue = [Requirement(r) for r in requirements]
    while queue:
        requirement = queue.pop(0)
        name = canonicalize_name(requirement.name)
        if name in seen or (requirement.marker and not requirement.marker.evaluate({**env, "extra": ""})):
            continue
        seen.add(name)
        before = set(folder.glob("*.whl"))
        plain = f"{requirement.name}{requirement.specifier}"
        if _pip_download([plain], folder, platform, python, pip_args, deps=False).returncode != 0:
            missing.append(plain)
            continue
        new = set(folder.glob("*.whl")) - before
        got = new or {w for w in folder.glob("*.whl") if canonicalize_name(w.name.split("-")[0]) == name}
        for wheel in got:
            queue += [Requirement(r) for r in _wheel_requires(wheel)]
    return missing


def own_wheel(dest: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--disable-pip-version-check",
                           "-w", str(dest), str(ROOT)], capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"building the villagedesk wheel failed:\n{done.stdout}{done.stderr}")


def write_install_scripts(dest: Path, platform: str) -> Path:
    if platform.startswith("win"):
        script = dest / "install.bat"
        script.write_text("@echo off\r\nrem VillageDesk without internet: everything comes from this folder.\r\n"
                          'python -m pip install --no-index --find-links "%~dp0." villagedesk\r\n'
                          "if errorlevel 1 pause\r\n", encoding="utf-8")
    else:
        script = dest / "install.sh"
        script.write_text("#!/bin/sh\n# VillageDesk without internet: everything comes from this folder.\n"
                          'exec python3 -m pip install --no-index --find-links "$(dirname "$0")" villagedesk\n',
                          encoding="utf-8")
        script.chmod(0o755)
    return script


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--platform", required=True, help="wheel platform tag, e.g. win_amd64")
    parser.add_argument("--python", default="3.11", help="Python version of the target machine, e.g. 3.11")
    parser.add_argument("-o", "--output", type=Path, help="folder to write (default wheelhouse-PLATFORM-pyX.Y)")
    parser.add_argument("pip_args", nargs="*", help="after --: extra options for pip download")
    args = parser.parse_args(argv)
    dest = args.output or ROOT / f"wheelhouse-{args.platform}-py{args.python}"
    requirements = program_requirements()

    created = not dest.exists()
    dest.mkdir(parents=True, exist_ok=True)
    missing = missing_wheels(requirements, args.platform, args.python, args.pip_args, dest)
    if missing:
        if created:
            shutil.rmtree(dest)
        print(f"no wheel for {args.platform} / Python {args.python}:", *missing, sep="\n  ", file=sys.stderr)
        print("the office needs a build of these, or another Python version.", file=sys.stderr)
        return 1
    # The real resolution, all at once, so the versions fit together (the walk's files are reused);
    # what the walk fetched and the resolution did not choose is dropped.
    done = _pip_download(requirements, dest, args.platform, args.python, args.pip_args, deps=True)
    if done.returncode != 0:
        print(done.stdout, done.stderr, sep="\n", file=sys.stderr)
        return 1
    chosen = {Path(line.split()[-1]).name for line in done.stdout.splitlines()
              if line.strip().startswith(("Saved ", "File was already downloaded "))}
    for wheel in dest.glob("*.whl"):
        if chosen and wheel.name not in chosen:
            wheel.unlink()
    own_wheel(dest)
    script = write_install_scripts(dest, args.platform)
    wheels = sorted(dest.glob("*.whl"))
    size = sum(w.stat().st_size for w in wheels) / 2**20
    print(f"{len(wheels)} wheels, {size:.0f} MB in {dest}; on the office machine run {script.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
