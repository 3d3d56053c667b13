"""Capture: where media comes from (camera, microphone, recorded files), as plain numpy data without Qt."""
