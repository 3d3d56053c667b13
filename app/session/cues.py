"""Live cues while answering: rare, short, and each from something measured in this answer.

Research on speaking coaches found that a busy live display distracts and that rare, short cues help more,
so at most one cue is shown every CUE_INTERVAL_S, each once per episode (it comes back only after the
thing it was about has stopped and started again), and only for these measurements:

- Time nearly up ("Wrap up"): the answer's own limit (plan.answer_limit) is within max(10 s, 15%).
  The last CUE_INTERVAL_S before that moment is kept free of other cues, so this one is never crowded out.
- A long silence: no voice for rubric.SLOW_START_S at the start ("Start when ready"), or for
  rubric.LONG_SILENCE_AFTER_S after speaking ("Finished? Press Space"). Voice is a level at least
  VOICE_ABOVE_FLOOR_DB above the answer's own noise floor (so a noisy room is not taken for speech).
- Too quiet ("Louder"): voice was heard in the last QUIET_WINDOW_S but never above QUIET_DBFS.
- Looking away for LOOK_AWAY_S or more ("Look at the camera"): no face, or the head turned further than
  body_language.FACING_MAX_YAW_DEG / FACING_MAX_PITCH_DEG, the rule the answer's facing-the-camera score uses.
- Pace far outside the range for PACE_WINDOW_S ("Slow down" / "A little faster"): words per minute over the
  last 20 s of the live transcript, pauses included as rubric.PACE defines it, in a band scoring 2 or
  less (below 80 or from 195 wpm). Live transcript pieces arrive some seconds late, so only a window
  that ended at most PACE_STALE_S ago counts, and one with a long pause in it is left to the silence cue.

Plain numbers in, text out (no Qt): the GUI feeds the level, the head samples and the live words.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass

from app.analysis import rubric
from app.core import body_language as bl
from app.core.transcript import Word

CUE_INTERVAL_S = 20.0  # at least this long between two cues
CUE_VISIBLE_S = 4.0  # a cue stays on screen this long
WRAP_UP_MIN_LIMIT_S = 45.0  # shorter answers get no wrap-up cue (there is no time to act on it)
QUIET_DBFS = -50.0
QUIET_WINDOW_S = 6.0
VOICE_ABOVE_FLOOR_DB = 10.0
VOICE_MIN_DBFS = -65.0  # below this nothing counts as voice, whatever the floor (digital silence)
FLOOR_WINDOW_S = 30.0  # the noise floor is the 10th percentile of the levels over this long
LOOK_AWAY_S = 5.0
FRAME_STALE_S = 2.0  # a looking-away measure needs an analysed frame at most this old
FACING_AGAIN_S = 0.4  # facing the camera this long ends a look-away (one jittery frame does not)
PACE_WINDOW_S = 20.0
PACE_STALE_S = 15.0
PACE_FAR_SCORE = 2  # a pace band scoring this or less is "far outside the range"

WRAP_UP = "Wrap up"
START = "Start when ready"
FINISHED = "Finished? Press Space"
LOUDER = "Louder"
LOOK = "Look at the camera"
SLOW_DOWN = "Slow down"
FASTER = "A little faster"


@dataclass(frozen=True)
class Cue:
    text: str
    reason: str  # the measurement behind it, e.g. "212 wpm over the last 20 s"
    at: float  # answer time it was given


def facing_camera(yaw_deg: float | None, pitch_deg: float | None) -> bool:
    """The facing rule of the body-language score; no face (None) is not facing."""
    if yaw_deg is None or pitch_deg is None:
        return False
    return abs(yaw_deg) <= bl.FACING_MAX_YAW_DEG and abs(pitch_deg) <= bl.FACING_MAX_PITCH_DEG


def facing_in(landmarks: object) -> bool:
    """facing_camera for one analysed frame's landmarks (app.vision.landmarks.FrameLandmarks)."""
    from app.vision.features import head_angles

    face, matrix = getattr(landmarks, "face", None), getattr(landmarks, "face_matrix", None)
    if face is None or matrix is None:
        return False
    yaw, pitch, _roll = head_angles(matrix)
    return facing_camera(yaw, pitch)


def pace_over(words: Sequence[Word], end: float, window_s: float = PACE_WINDOW_S) -> float:
    """Words per minute over [end - window, end], hesitations left out (rubric.PACE's definition)."""
    from app.speech.fillers import is_hesitation

    start = end - window_s
    inside = [w for w in words if start <= (w.start + w.end) / 2 < end and not is_hesitation(w.text)]
    return len(inside) / (window_s / 60.0)


class LiveCues:
    """One answer's cues. Feed measurements as they come (any order of calls), ask `cue(now)` to show.

    Args:
        answer_limit_s: seconds after which this answer stops (the question's own limit).
    """

    def __init__(self, answer_limit_s: float) -> None:
        self.answer_limit_s = answer_limit_s
        self.given: list[Cue] = []
        self._levels: deque[tuple[float, float]] = deque()
        self._voice_at: float | None = None  # last time voice was heard
        self._heard_at = 0.0  # latest level sample
        self._away_since: float | None = None
        self._facing_since: float | None = None
        self._seen_at: float | None = None  # newest analysed frame
        self._words: list[Word] = []
        self._armed = {"silence": True, "quiet": True, "look": True, "pace": True, "wrap": True}

    # ---- measurements ---------------------------------------------------------------------------

    def hear(self, time_s: float, level_dbfs: float) -> None:
        """The microphone level (dBFS) at `time_s` into the answer."""
        self._levels.append((time_s, level_dbfs))
        while self._levels and time_s - self._levels[0][0] > FLOOR_WINDOW_S:
            self._levels.popleft()
        self._heard_at = time_s
        if self._voiced(level_dbfs):
            self._voice_at = time_s
            self._armed["silence"] = True

    def see(self, time_s: float, facing: bool) -> None:
        """One analysed camera frame: was the person facing the camera (facing_camera)?"""
        self._seen_at = time_s
        if facing:
            self._facing_since = self._facing_since if self._facing_since is not None else time_s
            if time_s - self._facing_since >= FACING_AGAIN_S or self._away_since is None:
                self._away_since = None
                self._armed["look"] = True
        else:
            self._facing_since = None
            if self._away_since is None:
                self._away_since = time_s

    def read(self, words: Sequence[Word]) -> None:
        """The live transcript so far (words with answer times)."""
        self._words = list(words)

    # ---- the cue ------------------------------------------------------------------------------

    def cue(self, now: float) -> str:
        """The cue to show at `now` ('' for none)."""
        last = self.given[-1] if self.given else None
        if last is not None and now - last.at < CUE_INTERVAL_S:
            return last.text if now - last.at < CUE_VISIBLE_S else ""
        found = self._wrap_up(now) or (None if self._reserved(now) else self._other(now))
        if found is None:
            return ""
        kind, text, reason = found
        self._armed[kind] = False
        self.given.append(Cue(text, reason, now))
        return text

    def _reserved(self, now: float) -> bool:
        """The stretch before the wrap-up moment is kept free, so the wrap-up is never crowded out."""
        if not self._armed["wrap"] or self.answer_limit_s < WRAP_UP_MIN_LIMIT_S:
            return False
        return self.answer_limit_s - now <= self._wrap_at() + CUE_INTERVAL_S

    def _wrap_at(self) -> float:
        return max(10.0, 0.15 * self.answer_limit_s)

    def _wrap_up(self, now: float) -> tuple[str, str, str] | None:
        remaining = self.answer_limit_s - now
        long_enough = self.answer_limit_s >= WRAP_UP_MIN_LIMIT_S
        if self._armed["wrap"] and long_enough and remaining <= self._wrap_at():
            return "wrap", WRAP_UP, f"{max(0.0, remaining):.0f} s left of {self.answer_limit_s:.0f} s"
        return None

    def _other(self, now: float) -> tuple[str, str, str] | None:
        return self._silence(now) or self._quiet() or self._looking_away(now) or self._pace(now)

    def _floor(self) -> float:
        levels = sorted(level for _t, level in self._levels)
        return levels[len(levels) // 10] if levels else -90.0

    def _voiced(self, level: float) -> bool:
        return level >= VOICE_MIN_DBFS and level >= self._floor() + VOICE_ABOVE_FLOOR_DB

    def _silence(self, now: float) -> tuple[str, str, str] | None:
        if not self._armed["silence"] or not self._levels:
            return None
        if self._voice_at is None:
            if self._heard_at >= rubric.SLOW_START_S:
                return "silence", START, f"no voice in the first {self._heard_at:.0f} s"
            return None
        silent = self._heard_at - self._voice_at
        if silent >= rubric.LONG_SILENCE_AFTER_S:
            return "silence", FINISHED, f"no voice for {silent:.0f} s"
        return None

    def _quiet(self) -> tuple[str, str, str] | None:
        recent = [level for t, level in self._levels if self._heard_at - t <= QUIET_WINDOW_S]
        if not self._armed["quiet"] or self._heard_at < QUIET_WINDOW_S or not recent:
            return None
        voiced = [level for level in recent if self._voiced(level)]
        if voiced and max(voiced) < QUIET_DBFS:
            return "quiet", LOUDER, f"voice peaks at {max(voiced):.0f} dBFS over {QUIET_WINDOW_S:.0f} s"
        if voiced and max(voiced) >= QUIET_DBFS:
            self._armed["quiet"] = True
        return None

    def _looking_away(self, now: float) -> tuple[str, str, str] | None:
        if not self._armed["look"] or self._away_since is None or now - self._away_since < LOOK_AWAY_S:
            return None
        if self._seen_at is None or now - self._seen_at > FRAME_STALE_S:
            return None  # the camera stopped being analysed: nothing is measured now
        return "look", LOOK, f"looking away for {now - self._away_since:.0f} s"

    def _pace(self, now: float) -> tuple[str, str, str] | None:
        words = self._words
        if not words:
            return None
        end = words[-1].end
        if end - words[0].start < PACE_WINDOW_S or now - end > PACE_STALE_S:
            return None
        inside = [w for w in words if w.end > end - PACE_WINDOW_S]
        gaps = [b.start - a.end for a, b in zip(inside, inside[1:], strict=False)]
        if gaps and max(gaps) >= rubric.LONG_PAUSE_S:
            return None  # a long pause in the window: the silence cue's business, not the pace's
        wpm = pace_over(words, end)
        band = rubric.PACE.band_for(wpm)
        if band.score > PACE_FAR_SCORE:
            self._armed["pace"] = True
            return None
        if not self._armed["pace"]:
            return None
        text = SLOW_DOWN if wpm > 150 else FASTER
        return "pace", text, f"{wpm:.0f} wpm over the last {PACE_WINDOW_S:.0f} s ({band.label})"
