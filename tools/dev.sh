#!/usr/bin/env bash
# Set-up in one step, for a fresh Debian/Ubuntu machine with Python 3.11:
#   bash tools/dev.sh start   install, then open the window on the default database
#   bash tools/dev.sh test    install with test tools, then run the whole test suite
# Extra arguments go to villagedesk (start) or pytest (test).
set -euo pipefail
cd "$(dirname "$0")/.."

mode=${1:-start}
shift || true

# Qt's xcb/offscreen plugins need these shared libraries; fonts-noto-cjk is not needed
# (the program bundles its own CJK font).
packages=(python3-venv libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3
          libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xinerama0 libxcb-randr0
          libxcb-render-util0 libxcb-image0 libnss3 libasound2)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# The tests also turn every workbook into a PDF with LibreOffice Calc (headless, without what it only
# recommends, so it installs quickly), read PDFs back with pdftotext, and need a CJK font for
# LibreOffice to draw the Chinese (tests/documents/excel/test_printing.py).
lean=()
if [ "$mode" = test ]; then
  for p in libreoffice-calc-nogui poppler-utils fonts-droid-fallback; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || lean+=("$p")
  done
  # The county's tests run throwaway PostgreSQL servers of their own (tests/helpers/postgres.py): they
  # need its programs (initdb, pg_ctl), on PATH or where Debian puts them; not a server running.
  command -v initdb >/dev/null || compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || lean+=(postgresql)
fi
if [ $(( ${#missing[@]} + ${#lean[@]} )) -gt 0 ] && command -v apt-get >/dev/null; then
  sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  [ ${#missing[@]} -eq 0 ] || DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
  [ ${#lean[@]} -eq 0 ] ||
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${lean[@]}" >/dev/null
fi

python=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$python" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip

case "$mode" in
  start)
    .venv/bin/python -m pip install -q .
    exec .venv/bin/villagedesk "$@"
    ;;
  test)
    .venv/bin/python -m pip install -q -e '.[test]'
    # One worker per core (pytest-xdist): the suite takes half the time on two cores.
    exec .venv/bin/python -m pytest -n auto "$@"
    ;;
  *)
    echo "usage: bash tools/dev.sh start|test [args…]" >&2
    exit 2
    ;;
esac
