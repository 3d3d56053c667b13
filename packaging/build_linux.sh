#!/usr/bin/env bash
# Build the Linux one-folder bundle: dist/mock-interview/ (run from anywhere; ~10 minutes on 2 cores).
#
#   packaging/build_linux.sh                 # build into dist/
#   DIST=/tmp/out packaging/build_linux.sh   # build elsewhere (WORK= for PyInstaller's work folder)
#   packaging/build_linux.sh --self-test     # build, then run the bundle's self-test
#
# Needs: uv, Python 3.12 (UV_PYTHON), binutils (objdump) and the system libraries the bundle copies from
# this machine: Pango/HarfBuzz/fontconfig for PDF reports (apt libpango-1.0-0 libpangoft2-1.0-0
# libharfbuzz-subset0). See packaging/README.md.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
DIST="${DIST:-$ROOT/dist}"
WORK="${WORK:-$ROOT/build/pyinstaller}"

if [ -z "${UV_PYTHON:-}" ] && command -v pyenv >/dev/null 2>&1 \
    && [ -x "$(pyenv root)/versions/3.12.1/bin/python3.12" ]; then
  export UV_PYTHON="$(pyenv root)/versions/3.12.1/bin/python3.12"
fi
command -v objdump >/dev/null || { echo "PyInstaller needs objdump: apt install binutils" >&2; exit 1; }

started=$(date +%s)
uv run --group packaging pyinstaller packaging/mock-interview.spec --noconfirm --log-level WARN \
  --distpath "$DIST" --workpath "$WORK"
seconds=$(( $(date +%s) - started ))

BUNDLE="$DIST/mock-interview"
# The menu entry and its installer travel with the bundle: `./install.sh` from the unpacked folder.
cp packaging/linux/install.sh packaging/linux/mock-interview-coach.desktop "$BUNDLE/"
size=$(du -sh "$BUNDLE" | cut -f1)
files=$(find "$BUNDLE" -type f | wc -l)
echo "Built $BUNDLE in ${seconds} s: $size, $files files."
echo "Run it: $BUNDLE/mock-interview   (check it: $BUNDLE/mock-interview --self-test)"
echo "Install it with its menu entry and icon: $BUNDLE/install.sh (see packaging/README.md)"

if [ "${1:-}" = "--self-test" ]; then
  "$BUNDLE/mock-interview" --self-test
fi
