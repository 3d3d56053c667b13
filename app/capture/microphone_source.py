"""The microphone as an AudioSource: the same interface as a file replay, so sessions don't care.

A small thread polls `MicrophoneRecorder.read_available()` and delivers timestamped 16 kHz chunks. When
the device disappears the source ends with reason "microphone lost"; what was captured stays delivered.
"""

from __future__ import annotations

from app.capture.clock import SampleClock
from app.capture.microphone import MicrophoneRecorder
from app.capture.sources import ThreadedSource
from app.core.errors import MicrophoneUnavailable
from app.platform.constants import SPEECH_SAMPLE_RATE

MICROPHONE_LOST = "microphone lost"
SAMPLE_RATE = SPEECH_SAMPLE_RATE


class MicrophoneSource(ThreadedSource):
    def __init__(self, device: int | str | None = None, recorder: MicrophoneRecorder | None = None,
                 poll_seconds: float = 0.05) -> None:
        super().__init__("microphone")
        self.recorder = recorder or MicrophoneRecorder(device)
        self._poll = poll_seconds
        self._position = 0
        self._clock = SampleClock(SAMPLE_RATE)  # the camera's clock, so picture and sound line up

    @property
    def sample_rate(self) -> int:
        return SAMPLE_RATE

    def _open(self) -> None:
        self.recorder.start()  # raises MicrophoneUnavailable on the caller's thread

    def _run(self) -> str:
        while not self._stop_requested.is_set():
            try:
                samples = self.recorder.read_available()
            except MicrophoneUnavailable:
                return MICROPHONE_LOST
            if samples.size:
                self._deliver(self._clock.timestamp(self._position, samples.size), samples)
                self._position += samples.size
            self._stop_requested.wait(self._poll)
        return "stopped"

    def _close(self) -> None:
        self.recorder.stop()
        tail = self.recorder.read_available() if self.recorder.lost is None else None
        if tail is not None and tail.size:
            self._deliver(self._clock.timestamp(self._position, tail.size), tail)
            self._position += tail.size
