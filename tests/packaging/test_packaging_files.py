"""The platform files the bundles need: the Linux menu entry, the icon sizes, the macOS permissions."""

from __future__ import annotations

import configparser
import plistlib
from pathlib import Path

from PIL import Image

REPO_ROOT = Path(__file__).resolve().parents[2]
PACKAGING = REPO_ROOT / "packaging"
ICONS = REPO_ROOT / "assets" / "icons"


def test_desktop_entry_launches_the_app_with_its_icon() -> None:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(PACKAGING / "linux" / "mock-interview-coach.desktop", encoding="utf-8")
    entry = parser["Desktop Entry"]
    assert entry["Type"] == "Application"
    assert entry["Name"] == "Mock Interview Coach"
    assert entry["Exec"] == "mock-interview"  # no arguments: the desktop app, not a subcommand
    assert entry["Terminal"] == "false"
    assert entry["Icon"] == "mock-interview-coach"
    assert entry["Categories"].endswith(";") and "Education" in entry["Categories"].split(";")


def test_icon_pngs_have_their_sizes_and_the_ico_holds_them() -> None:
    for size in (16, 24, 32, 48, 64, 128, 256, 512):
        with Image.open(ICONS / f"mock-interview-coach-{size}.png") as image:
            assert image.size == (size, size) and image.mode == "RGBA"
            assert image.getpixel((0, 0))[3] == 0  # transparent corner: the tile is rounded
            assert image.getpixel((size // 2, size // 2))[3] == 255
    with Image.open(ICONS / "mock-interview-coach.ico") as ico:
        assert {(16, 16), (32, 32), (48, 48), (256, 256)} <= set(ico.info["sizes"])


def test_macos_bundle_declares_camera_and_microphone() -> None:
    with (PACKAGING / "macos" / "Info.plist").open("rb") as handle:
        info = plistlib.load(handle)
    assert "answers on video" in info["NSCameraUsageDescription"]
    assert "spoken answers" in info["NSMicrophoneUsageDescription"]
    with (PACKAGING / "macos" / "entitlements.plist").open("rb") as handle:
        entitlements = plistlib.load(handle)
    assert entitlements["com.apple.security.device.camera"] is True
    assert entitlements["com.apple.security.device.audio-input"] is True
