"""The offline-installation tools' own checks, without PyInstaller and without the internet.

The bundle itself is built and run in CI (.ci/run); here: a bundle lacking a font, a translation
or a Qt plugin is refused, and the wheelhouse walk lists every dependency without a wheel.
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import reportlab

from tests.helpers import ROOT


def _tool(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "tools" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


bundle_tool = _tool("build_bundle")
wheelhouse_tool = _tool("build_wheelhouse")


@pytest.fixture
def bundle(tmp_path) -> Path:
    """A folder laid out like a complete Linux bundle, made of the real files (no PyInstaller)."""
    folder = tmp_path / "villagedesk"
    inner = folder / "_internal"
    for name, source in bundle_tool._program_files(ROOT).items():
        (inner / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(source, inner / name)
    vera = Path(reportlab.__file__).parent / "fonts"
    (inner / "reportlab" / "fonts").mkdir(parents=True)
    for font in ("Vera.ttf", "VeraBd.ttf"):
        shutil.copy(vera / font, inner / "reportlab" / "fonts" / font)
    plugin, qt_translation = bundle_tool._qt_files(windows=False)
    for name, content in ((plugin, b"\x7fELF"), (qt_translation, bundle_tool.QM_MAGIC + b"\x00")):
        (inner / name).parent.mkdir(parents=True, exist_ok=True)
        (inner / name).write_bytes(content)
    (folder / "villagedesk").write_bytes(b"\x7fELF")
    return folder


def _problems(folder: Path) -> list[str]:
    return bundle_tool.bundle_problems(folder, ROOT, windows=False)


def test_a_complete_bundle_passes(bundle):
    assert _problems(bundle) == []


def test_a_missing_font_fails_the_build(bundle):
    (bundle / "_internal/villagedesk/resources/fonts/DroidSansFallbackFull.ttf").unlink()
    assert _problems(bundle) == ["missing from the bundle: villagedesk/resources/fonts/DroidSansFallbackFull.ttf"]


def test_a_stale_or_damaged_translation_fails_the_build(bundle):
    qm = bundle / "_internal/villagedesk/resources/translations/villagedesk_zh_CN.qm"
    qm.write_bytes(qm.read_bytes()[:-10])
    assert _problems(bundle) == ["differs from resources/translations/villagedesk_zh_CN.qm: "
                                 "villagedesk/resources/translations/villagedesk_zh_CN.qm"]


def test_qt_plugin_latin_font_and_chinese_qt_strings_are_required(bundle):
    inner = bundle / "_internal"
    (inner / "PySide6/Qt/plugins/platforms/libqxcb.so").unlink()
    (inner / "reportlab/fonts/Vera.ttf").unlink()
    (inner / "PySide6/Qt/translations/qtbase_zh_CN.qm").write_bytes(b"not a qm file, but long enough")
    (inner / "libQt6Quick.so.6").symlink_to("PySide6/Qt/lib/libQt6Quick.so.6")
    problems = _problems(bundle)
    assert "missing from the bundle: PySide6/Qt/plugins/platforms/libqxcb.so" in problems
    assert "missing from the bundle: reportlab/fonts/Vera.ttf" in problems
    assert any(p.startswith("not a compiled Qt translation:") and "qtbase_zh_CN" in p for p in problems)
    assert "link to nothing: _internal/libQt6Quick.so.6" in problems
    assert len(problems) == 4, problems


def test_check_command_exits_1_and_names_what_is_missing(bundle):
    (bundle / "_internal/villagedesk/forms/person_form.ui").unlink()
    done = subprocess.run([sys.executable, str(ROOT / "tools" / "build_bundle.py"), "--check", str(bundle)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert done.stdout.strip() == "missing from the bundle: villagedesk/forms/person_form.ui"


def test_the_checkout_is_checked_before_pyinstaller_runs(tmp_path):
    (tmp_path / "forms").mkdir()
    (tmp_path / "forms" / "a.ui").write_text("<ui/>")
    translations = tmp_path / "resources" / "translations"
    translations.mkdir(parents=True)
    (translations / "villagedesk_zh_CN.ts").write_text("<TS/>")
    (tmp_path / "resources" / "fonts").mkdir()
    problems = bundle_tool.source_problems(tmp_path)
    assert len(problems) == 2, problems
    assert problems[0].startswith("the CJK font is missing")
    assert "villagedesk_zh_CN.ts has no compiled villagedesk_zh_CN.qm" in problems[1]
    assert bundle_tool.source_problems(ROOT) == []


# --- the wheelhouse: a local "index" of hand-made wheels stands in for PyPI ----------------------

def _wheel(index: Path, name: str, tag: str, *requires: str) -> None:
    info = f"{name}-1.0.dist-info"
    metadata = "".join([f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n",
                        *(f"Requires-Dist: {r}\n" for r in requires)])
    with zipfile.ZipFile(index / f"{name}-1.0-py3-none-{tag}.whl", "w") as wheel:
        wheel.writestr(f"{name}/__init__.py", "")
        wheel.writestr(f"{info}/METADATA", metadata)
        wheel.writestr(f"{info}/WHEEL", f"Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: true\nTag: py3-none-{tag}\n")
        wheel.writestr(f"{info}/RECORD", "")


@pytest.fixture
def index(tmp_path) -> Path:
    folder = tmp_path / "index"
    folder.mkdir()
    _wheel(folder, "alpha", "win_amd64", "beta>=1", "delta", 'gamma; sys_platform == "linux"')
    _wheel(folder, "beta", "manylinux1_x86_64")  # no Windows build
    _wheel(folder, "delta", "any", "epsilon")  # epsilon exists nowhere
    return folder


def _missing(index: Path, platform: str, tmp_path: Path) -> list[str]:
    dest = tmp_path / f"got-{platform}"
    dest.mkdir()
    return wheelhouse_tool.missing_wheels(["alpha"], platform, "3.11", ["--no-index", "--find-links", str(index)],
                                          dest)


@pytest.mark.slow
def test_wheelhouse_lists_every_dependency_without_a_wheel(index, tmp_path):
    assert _missing(index, "win_amd64", tmp_path) == ["beta>=1", "epsilon"]
    assert sorted(p.name for p in (tmp_path / "got-win_amd64").iterdir()) == [
        "alpha-1.0-py3-none-win_amd64.whl", "delta-1.0-py3-none-any.whl"]


@pytest.mark.slow
def test_wheelhouse_follows_the_target_platforms_markers(index, tmp_path):
    # alpha itself has no Linux wheel; gamma only counts on Linux.
    assert wheelhouse_tool.target_environment("manylinux2014_x86_64", "3.11")["sys_platform"] == "linux"
    _wheel(index, "alpha", "manylinux1_x86_64", "beta>=1", "delta", 'gamma; sys_platform == "linux"')
    assert _missing(index, "manylinux1_x86_64", tmp_path) == ["gamma", "epsilon"]


def test_install_script_installs_from_its_own_folder_only(tmp_path):
    script = wheelhouse_tool.write_install_scripts(tmp_path, "win_amd64")
    text = script.read_bytes().decode()
    assert script.name == "install.bat" and "\r\n" in text
    assert 'pip install --no-index --find-links "%~dp0." villagedesk' in text


def test_wheelhouse_takes_the_programs_own_dependencies():
    names = [r.split(">")[0].split("=")[0].split("<")[0] for r in wheelhouse_tool.program_requirements()]
    assert "PySide6" in names and "reportlab" in names
