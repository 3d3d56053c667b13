"""Render the app icon (assets/icons/mock-interview-coach.svg) to the PNG sizes and the Windows .ico.

Run after editing the SVG, and commit the results (the build does not render them):

    uv run python packaging/render_icons.py

Qt's SVG renderer draws the icon (ImageMagick's built-in SVG reader is too crude for the curves); the
multi-size .ico is assembled by ImageMagick's `convert` when it is installed. macOS builds let
PyInstaller turn the 512 px PNG into an .icns.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ICONS = Path(__file__).resolve().parent.parent / "assets" / "icons"
SVG = ICONS / "mock-interview-coach.svg"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def render_png(size: int) -> Path:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        raise SystemExit(f"{SVG} is not a valid SVG for Qt")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    target = ICONS / f"mock-interview-coach-{size}.png"
    if not image.save(str(target), "PNG"):
        raise SystemExit(f"could not write {target}")
    return target


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
    pngs = {size: render_png(size) for size in SIZES}
    del app
    convert = shutil.which("convert")
    if convert is None:
        print("ImageMagick `convert` not found: .ico not rebuilt", file=sys.stderr)
    else:
        ico = ICONS / "mock-interview-coach.ico"
        subprocess.run([convert, *(str(pngs[s]) for s in ICO_SIZES), str(ico)], check=True)
    for path in sorted(ICONS.iterdir()):
        print(f"{path.relative_to(ICONS.parent.parent)}  {path.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
