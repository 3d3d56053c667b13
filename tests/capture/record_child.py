"""Child process for the crash tests: records from file sources in real time until killed.

Usage: python record_child.py OUTPUT VIDEO_FILE|- AUDIO_FILE SECONDS
Prints "started" once recording, then "recorded <seconds>" about four times a second (the media time
handed to the recorder so far), so the parent can kill it at a known point without sleeping.
"""

from __future__ import annotations

import sys
import threading

from app.capture.recorder import Recorder, VideoSpec
from app.capture.sources import FileAudioSource, FileVideoSource


def main() -> int:
    output, video_path, audio_path, seconds = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
    video = (
        None if video_path == "-" else FileVideoSource(video_path, speed=1.0, loop=True, max_seconds=seconds)
    )
    audio = FileAudioSource(audio_path, speed=1.0, loop=True, max_seconds=seconds)
    recorder = Recorder(output, VideoSpec.of(video) if video else None, audio=True)
    recorder.attach(video, audio)
    recorder.start()
    if video:
        video.start()
    audio.start()
    print("started", flush=True)
    done = threading.Event()
    while not done.wait(0.25):
        print(f"recorded {recorder.recorded_seconds:.3f}", flush=True)
        if audio.ended and (video is None or video.ended):
            done.set()
    result = recorder.finish()
    print(f"finished {result.duration_s:.3f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
