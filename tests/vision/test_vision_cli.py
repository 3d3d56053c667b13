"""`mock-interview vision`: printed cues with definitions, JSON output, annotated copy, clear errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.cli import main
from app.core.body_language import CUE_DEFINITIONS


@pytest.mark.media
@pytest.mark.slow
def test_vision_command_prints_json_and_annotated_copy(
    talking_video: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import av

    out_json, out_video = tmp_path / "cues.json", tmp_path / "annotated.mp4"
    code = main(["vision", str(talking_video), "--json", str(out_json), "--annotated", str(out_video)])
    printed = capsys.readouterr().out
    assert code == 0
    for definition in CUE_DEFINITIONS.values():
        assert definition.label in printed and definition.unit in printed
    assert "Facing the camera: 1" in printed
    assert "Eye contact" not in printed and "eye contact" not in printed
    data = json.loads(out_json.read_text(encoding="utf-8"))
    assert data["facing_camera_ratio"] >= 0.7
    assert data["frames_analyzed"] == pytest.approx(11.73 * 8, abs=3)
    assert len(data["timeline"]) == 12
    with av.open(str(out_video)) as container:
        stream = container.streams.video[0]
        frames = list(container.decode(stream))
    assert len(frames) == data["frames_analyzed"]
    assert (frames[0].width, frames[0].height) == (640, 1138)  # analysed at most 640 wide, aspect kept


def test_vision_command_on_a_non_video_fails_clearly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "cv.txt"
    path.write_text("Jane Doe, engineer\n", encoding="utf-8")
    assert main(["vision", str(path)]) == 1
    err = capsys.readouterr().err
    assert "cv.txt is not a video file" in err and "Choose a video file" in err
