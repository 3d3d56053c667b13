#!/usr/bin/env bash
# Install a built Linux bundle for the current user (or system-wide with --prefix /opt and sudo):
#
#   packaging/linux/install.sh [--prefix DIR] [BUNDLE]      default BUNDLE: dist/mock-interview
#   packaging/linux/install.sh --uninstall [--prefix DIR]
#
# build_linux.sh also copies this script and the desktop file into the bundle, so from an unpacked
# bundle it is simply `./install.sh`.
#
# Per user (default prefix ~/.local): the bundle goes to ~/.local/lib/mock-interview/, the command
# ~/.local/bin/mock-interview links to it, the menu entry to ~/.local/share/applications/ and the icon
# to ~/.local/share/icons/hicolor/{16..512}/apps/mock-interview-coach.png (+ scalable/…svg). The icon
# name matches the desktop file's name, which the app also sets (QGuiApplication.setDesktopFileName),
# so docks and window switchers show the right icon.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
PREFIX="$HOME/.local"
UNINSTALL=0
BUNDLE=""
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) PREFIX="$2"; shift 2 ;;
    --uninstall) UNINSTALL=1; shift ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) BUNDLE="$1"; shift ;;
  esac
done
if [ -z "$BUNDLE" ]; then
  if [ -x "$HERE/mock-interview" ]; then BUNDLE="$HERE"; else BUNDLE="$(cd "$HERE/../.." && pwd)/dist/mock-interview"; fi
fi
ICON_SOURCE="$BUNDLE/_internal/assets/icons"
DATA="${XDG_DATA_HOME:-$PREFIX/share}"
[ "$PREFIX" = "$HOME/.local" ] || DATA="$PREFIX/share"
APPDIR="$PREFIX/lib/mock-interview"
ICONS="$DATA/icons/hicolor"
SIZES="16 24 32 48 64 128 256 512"

refresh_caches() {  # the menu and icon indexes are shared with other apps: rebuild, never delete
  if command -v update-desktop-database >/dev/null; then update-desktop-database -q "$DATA/applications" || true; fi
  if command -v gtk-update-icon-cache >/dev/null; then gtk-update-icon-cache -q -t "$ICONS" 2>/dev/null || true; fi
}

if [ "$UNINSTALL" = 1 ]; then
  rm -rf "$APPDIR" "$PREFIX/bin/mock-interview" "$DATA/applications/mock-interview-coach.desktop" \
    "$ICONS/scalable/apps/mock-interview-coach.svg"
  for size in $SIZES; do rm -f "$ICONS/${size}x${size}/apps/mock-interview-coach.png"; done
  refresh_caches
  echo "Removed Mock Interview Coach from $PREFIX (your recordings and settings are kept)."
  exit 0
fi

[ -x "$BUNDLE/mock-interview" ] || { echo "No bundle at $BUNDLE: run packaging/build_linux.sh first." >&2; exit 1; }
mkdir -p "$PREFIX/lib" "$PREFIX/bin" "$DATA/applications" "$ICONS/scalable/apps"
rm -rf "$APPDIR"
cp -a "$BUNDLE" "$APPDIR"
ln -sfn "$APPDIR/mock-interview" "$PREFIX/bin/mock-interview"
sed -e "s|^Exec=.*|Exec=$APPDIR/mock-interview|" -e "s|^TryExec=.*|TryExec=$APPDIR/mock-interview|" \
  "$HERE/mock-interview-coach.desktop" > "$DATA/applications/mock-interview-coach.desktop"
for size in $SIZES; do
  mkdir -p "$ICONS/${size}x${size}/apps"
  cp "$ICON_SOURCE/mock-interview-coach-$size.png" "$ICONS/${size}x${size}/apps/mock-interview-coach.png"
done
cp "$ICON_SOURCE/mock-interview-coach.svg" "$ICONS/scalable/apps/mock-interview-coach.svg"
refresh_caches
echo "Installed to $APPDIR; menu entry $DATA/applications/mock-interview-coach.desktop."
echo "Check it: $PREFIX/bin/mock-interview --self-test"
