"""Per-answer body-language cues from per-frame features: smoothing, episodes, oscillations, baselines.

Input is the (n, ROW_SIZE) array of a FeatureTrack; output is BodyLanguageCues with the definitions in
app.core.body_language.CUE_DEFINITIONS. Smoothing uses time windows (not frame counts), so the same
answer gives nearly the same cues whether it was analysed at 8 fps from a file or live (face 15, pose 10 fps).
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable

import numpy as np

from app.core import body_language as bl
from app.core.body_language import BodyLanguageCues, CueSample, LookAway
from app.vision.features import BLEND_OFFSET, COLUMNS, N_BLENDSHAPES
from app.vision.framing import assess_framing

MAX_GAP_S = 0.5  # consecutive samples further apart than this are not differenced


def _rolling(t: np.ndarray, x: np.ndarray, window_s: float, reducer: Callable[..., np.ndarray]) -> np.ndarray:
    """Centred rolling nan-reduction over about `window_s` seconds; NaN stays NaN."""
    if len(x) < 3:
        return x.copy()
    dt = float(np.median(np.diff(t))) if len(t) > 1 else 1.0
    half = max(0, int(math.floor(window_s / max(dt, 1e-3) / 2 + 0.01)))  # span <= window_s
    if half == 0:
        return x.copy()
    padded = np.concatenate([np.full(half, np.nan), x, np.full(half, np.nan)])
    windows = np.lib.stride_tricks.sliding_window_view(padded, 2 * half + 1)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        out = reducer(windows, axis=1)
    out[np.isnan(x)] = np.nan
    return np.asarray(out, dtype=np.float64)


def time_weights(t: np.ndarray) -> np.ndarray:
    """How long each analysed frame stands for: the time to the next one, at most MAX_GAP_S.

    Live analysis skips frames when the machine is busy, and skips them unevenly, so a plain share of
    frames would over-weight the calm stretches that were analysed densely. Weighting by time makes a
    ratio the share of the answer's time, whatever was dropped (the last frame counts one usual step).
    """
    if len(t) < 2:
        return np.ones(len(t))
    steps = np.diff(t)
    usual = float(np.median(steps))
    return np.clip(np.append(steps, usual), 0.0, MAX_GAP_S)


def _ratio(mask: np.ndarray, among: np.ndarray, t: np.ndarray) -> float | None:
    """Time-weighted share of the `among` frames where `mask` holds (None when there are none)."""
    weights = time_weights(t)[among]
    if not among.any() or weights.sum() <= 0:
        return None
    return round(float((weights * mask[among]).sum() / weights.sum()), 3)


def _runs(flags: np.ndarray) -> list[tuple[int, int]]:
    """(first, last) index pairs of consecutive True values."""
    runs: list[tuple[int, int]] = []
    start = None
    for i, flag in enumerate(flags):
        if flag and start is None:
            start = i
        elif not flag and start is not None:
            runs.append((start, i - 1))
            start = None
    if start is not None:
        runs.append((start, len(flags) - 1))
    return runs


def _turning_points(x: np.ndarray, amplitude: float) -> list[int]:
    """Indices of the extremes of a zigzag whose swings are all >= amplitude (hysteresis)."""
    points: list[int] = []
    direction, lo, hi, ext = 0, 0, 0, 0
    for i in range(1, len(x)):
        if direction == 0:
            lo = i if x[i] < x[lo] else lo
            hi = i if x[i] > x[hi] else hi
            if x[i] - x[lo] >= amplitude:
                points.append(lo)
                direction, ext = 1, i
            elif x[hi] - x[i] >= amplitude:
                points.append(hi)
                direction, ext = -1, i
        elif direction == 1:
            if x[i] > x[ext]:
                ext = i
            elif x[ext] - x[i] >= amplitude:
                points.append(ext)
                direction, ext = -1, i
        else:
            if x[i] < x[ext]:
                ext = i
            elif x[i] - x[ext] >= amplitude:
                points.append(ext)
                direction, ext = 1, i
    if direction != 0:
        points.append(ext)
    return points


def count_oscillations(t: np.ndarray, x: np.ndarray, amplitude: float, max_period_s: float) -> int:
    """Count there-and-back swings of at least `amplitude` completed within `max_period_s` (NaN splits)."""
    count = 0
    valid = ~np.isnan(x)
    for first, last in _runs(valid):
        seg_t, seg_x = t[first : last + 1], x[first : last + 1]
        breaks = np.where(np.diff(seg_t) > MAX_GAP_S)[0]
        for piece_t, piece_x in zip(np.split(seg_t, breaks + 1), np.split(seg_x, breaks + 1), strict=True):
            points = _turning_points(piece_x, amplitude)
            i = 0
            while i + 2 < len(points):
                if piece_t[points[i + 2]] - piece_t[points[i]] <= max_period_s:
                    count += 1
                    i += 2
                else:
                    i += 1
    return count


def _step_speeds(t: np.ndarray, *series: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Euclidean speed between consecutive samples of several series, and the index of each step's end."""
    dt = np.diff(t)
    step = np.sqrt(sum(np.diff(s) ** 2 for s in series))
    ok = ~np.isnan(step) & (dt > 0) & (dt <= MAX_GAP_S)
    return step[ok] / dt[ok], np.nonzero(ok)[0] + 1


def _looking_away(t: np.ndarray, away: np.ndarray, frame_dt: float, duration: float) -> list[LookAway]:
    episodes = []
    for first, last in _runs(away):
        start, end = float(t[first]), min(float(t[last]) + frame_dt, duration)
        if end - start >= bl.LOOK_AWAY_MIN_S:
            episodes.append(LookAway(round(start, 2), round(end, 2)))
    return episodes


def _hand_motion(
    t: np.ndarray, hands: list[tuple[np.ndarray, np.ndarray]]
) -> tuple[float | None, np.ndarray, np.ndarray]:
    """Mean hand speed, and per-frame gesturing / fidgeting flags (positions in shoulder widths)."""
    n = len(t)
    gesturing = np.zeros(n, dtype=bool)
    fidgeting = np.zeros(n, dtype=bool)
    speeds = []
    for hx, hy in hands:
        sx, sy = _rolling(t, hx, 0.1, np.nanmean), _rolling(t, hy, 0.1, np.nanmean)  # jitter only
        speed, _ = _step_speeds(t, sx, sy)
        speeds.append(speed)
        steps = np.hypot(np.diff(sx), np.diff(sy))
        steps[np.isnan(steps) | (np.diff(t) > MAX_GAP_S)] = 0.0
        path = np.concatenate([[0.0], np.cumsum(steps)])
        lo = np.searchsorted(t, t - 0.5)
        hi = np.searchsorted(t, t + 0.5, side="right") - 1
        for i in np.nonzero(~np.isnan(sx))[0]:
            span = t[hi[i]] - t[lo[i]]
            if span <= 0:
                continue
            rate = (path[hi[i]] - path[lo[i]]) / span
            if rate < bl.HAND_FAST_PATH:
                continue
            wx, wy = sx[lo[i] : hi[i] + 1], sy[lo[i] : hi[i] + 1]
            extent = math.hypot(np.nanmax(wx) - np.nanmin(wx), np.nanmax(wy) - np.nanmin(wy))
            if extent >= bl.GESTURE_MIN_RANGE:
                gesturing[i] = True
            elif extent < bl.FIDGET_MAX_RANGE:
                fidgeting[i] = True
    all_speeds = np.concatenate(speeds) if speeds else np.zeros(0)
    energy = round(float(all_speeds.mean()), 3) if len(all_speeds) else None
    return energy, gesturing, fidgeting & ~gesturing


def _near_face_count(t: np.ndarray, near: np.ndarray, frame_dt: float) -> int:
    count = 0
    runs = _runs(near)
    merged: list[list[int]] = []
    for first, last in runs:
        if merged and t[first] - t[merged[-1][1]] <= bl.HAND_NEAR_FACE_MIN_S:
            merged[-1][1] = last
        else:
            merged.append([first, last])
    for first, last in merged:
        if t[last] - t[first] + frame_dt >= bl.HAND_NEAR_FACE_MIN_S:
            count += 1
    return count


def compute_cues(rows: np.ndarray, duration_s: float, frames_total: int) -> BodyLanguageCues:
    """Summarise one answer's analysed frames (rows from FeatureTrack.array()).

    Live analysis runs the face and the pose model at their own rates, so a row may hold only one of
    them: a model that did not run leaves its flag column NaN, and each model's measures are taken over
    the rows where it ran (never counting "not run" as "not found"). Ratios are weighted by time.
    """
    n = len(rows)
    duration = max(duration_s, float(rows[-1, COLUMNS["time"]]) if n else 0.0)
    cues = BodyLanguageCues(
        duration_s=round(duration, 3),
        frames_total=frames_total,
        frames_analyzed=n,
        analysis_fps=round(n / duration, 2) if duration > 0 else 0.0,
    )
    if n == 0:
        return cues
    face_rows = rows[~np.isnan(rows[:, COLUMNS["face"]])]
    if len(face_rows):
        _face_cues(cues, face_rows, duration)
    pose_rows = rows[~np.isnan(rows[:, COLUMNS["pose"]])]
    col: Callable[[str], np.ndarray] = lambda name: pose_rows[:, COLUMNS[name]]  # noqa: E731
    pose = col("pose") > 0.5
    cues.frames_with_pose = int(pose.sum())
    if pose.sum() >= 3:
        t = col("time")
        _posture(cues, t, pose, col)
        _hands(cues, t, pose, col, float(np.median(np.diff(t))))
    return cues


def _face_cues(cues: BodyLanguageCues, rows: np.ndarray, duration: float) -> None:
    """Head, gaze, smile, framing and the timeline from the rows where the face model ran."""
    n = len(rows)
    col: Callable[[str], np.ndarray] = lambda name: rows[:, COLUMNS[name]]  # noqa: E731
    t = col("time")
    frame_dt = float(np.median(np.diff(t))) if n > 1 else 1.0
    face = col("face") > 0.5
    cues.frames_with_face = int(face.sum())
    cues.face_visible_ratio = _ratio(face, np.ones(n, dtype=bool), t) or 0.0

    # Head: angles smoothed over ~0.25 s to remove landmark jitter.
    yaw = _rolling(t, col("yaw"), 0.25, np.nanmedian)
    pitch = _rolling(t, col("pitch"), 0.25, np.nanmedian)
    roll = _rolling(t, col("roll"), 0.25, np.nanmedian)
    with np.errstate(invalid="ignore"):
        facing = face & (np.abs(yaw) <= bl.FACING_MAX_YAW_DEG) & (np.abs(pitch) <= bl.FACING_MAX_PITCH_DEG)
    cues.facing_camera_ratio = _ratio(facing, face, t)
    cues.looking_away = _looking_away(t, ~facing, frame_dt, duration)
    smile = _rolling(t, col("smile"), 0.3, np.nanmedian)
    with np.errstate(invalid="ignore"):
        smiling = smile >= bl.SMILE_THRESHOLD
    cues.smile_ratio = _ratio(smiling, face, t)
    head_speed = np.full(n, np.nan)
    if face.sum() >= 3:
        blend = rows[face][:, BLEND_OFFSET + 1 : BLEND_OFFSET + N_BLENDSHAPES]  # skip "_neutral"
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            cues.expressiveness = round(float(np.nanmean(np.nanstd(blend, axis=0))), 4)
        cues.nod_count = count_oscillations(t, pitch, bl.NOD_MIN_DEG, bl.OSCILLATION_MAX_S)
        cues.shake_count = count_oscillations(t, yaw, bl.SHAKE_MIN_DEG, bl.OSCILLATION_MAX_S)
        speeds, ends = _step_speeds(t, *(_rolling(t, a, 0.25, np.nanmean) for a in (yaw, pitch, roll)))
        if len(speeds):
            cues.head_restlessness = round(float(speeds.mean()), 2)
            head_speed[ends] = speeds
    cues.framing = _framing(col, face)
    cues.timeline = _timeline(t, face, facing, smiling, head_speed, duration)


def _posture(
    cues: BodyLanguageCues, t: np.ndarray, pose: np.ndarray, col: Callable[[str], np.ndarray]
) -> None:
    width = col("shoulder_width")
    cues.shoulder_tilt_deg = round(float(np.nanmedian(np.abs(col("shoulder_tilt")[pose]))), 1)
    with np.errstate(invalid="ignore", divide="ignore"):
        height = col("torso_height") / width
    pose_t = t[pose]
    in_baseline = pose & (t <= pose_t[0] + bl.BASELINE_S)
    if in_baseline.sum() < 3:
        in_baseline = pose & (t <= pose_t[min(len(pose_t) - 1, 2)])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        base_height = float(np.nanmedian(height[in_baseline]))
        base_width = float(np.nanmedian(width[in_baseline]))
    smooth_height = _rolling(t, height, 0.5, np.nanmedian)
    smooth_width = _rolling(t, width, 0.5, np.nanmedian)
    measured = pose & ~np.isnan(smooth_height)
    if measured.any():
        _slouch(cues, t, measured, height, smooth_height, base_height)
    if not math.isnan(base_width) and base_width > 0:
        measured = pose & ~np.isnan(smooth_width)
        with np.errstate(invalid="ignore"):
            cues.lean_ratio = _ratio(np.abs(smooth_width / base_width - 1) > bl.LEAN_CHANGE, measured, t)


def _slouch(
    cues: BodyLanguageCues,
    t: np.ndarray,
    measured: np.ndarray,
    height: np.ndarray,
    smooth_height: np.ndarray,
    base_height: float,
) -> None:
    """Slouching against an absolute reference of upright framing as well as the person's own start:
    someone slouched from the first second has a slouched baseline and would otherwise read as upright."""
    cues.upper_body_height = round(float(np.nanmedian(height[measured])), 3)
    with np.errstate(invalid="ignore"):
        low = smooth_height < bl.LOW_POSTURE_HEIGHT
    cues.low_posture_ratio = _ratio(low, measured, t)
    cues.slouch_ratio = cues.low_posture_ratio
    if math.isnan(base_height) or base_height <= 0:
        return
    with np.errstate(invalid="ignore"):
        sinking = smooth_height < base_height * (1 - bl.SLOUCH_DROP)
    cues.sinking_ratio = _ratio(sinking, measured, t)
    cues.slouch_ratio = _ratio(sinking | low, measured, t)
    measured_t = t[measured]
    span = measured_t[-1] - measured_t[0]
    if span >= 2 * bl.BASELINE_S:
        last_third = measured & (t >= measured_t[0] + span * 2 / 3)
        cues.posture_shift = round(float(np.nanmedian(height[last_third])) / base_height - 1, 3)


def _hands(
    cues: BodyLanguageCues, t: np.ndarray, pose: np.ndarray, col: Callable[[str], np.ndarray], frame_dt: float
) -> None:
    scale = float(np.nanmedian(col("shoulder_width")[pose]))
    if not scale > 0:
        return
    hands = [(col(f"{side}_x") / scale, col(f"{side}_y") / scale) for side in ("left", "right")]
    visible = pose & np.any([~np.isnan(hx) for hx, _ in hands], axis=0)
    cues.hands_visible_ratio = _ratio(visible, pose, t)
    if not visible.any():
        return
    cues.hand_movement_energy, gesturing, fidgeting = _hand_motion(t, hands)
    cues.gesturing_ratio = _ratio(gesturing, visible, t)
    cues.fidgeting_ratio = _ratio(fidgeting, visible, t)
    nose_x, nose_y = col("nose_x") / scale, col("nose_y") / scale
    with np.errstate(invalid="ignore"):
        near = np.any([np.hypot(hx - nose_x, hy - nose_y) <= bl.HAND_NEAR_FACE for hx, hy in hands], axis=0)
    cues.hands_near_face_count = _near_face_count(t, near, frame_dt)


def _framing(col: Callable[[str], np.ndarray], face: np.ndarray) -> bl.Framing:
    luminance = float(np.median(col("luminance")))
    if not face.any():
        return assess_framing(luminance, math.nan, math.nan, math.nan)
    box = [float(np.median(col(name)[face])) for name in ("face_cx", "face_cy", "face_w")]
    return assess_framing(luminance, *box)


def _timeline(
    t: np.ndarray,
    face: np.ndarray,
    facing: np.ndarray,
    smiling: np.ndarray,
    head_speed: np.ndarray,
    duration: float,
) -> list[CueSample]:
    samples = []
    seconds = np.floor(t).astype(int)
    for second in range(int(math.ceil(duration))):
        in_bin = seconds == second
        if not in_bin.any():
            continue
        with_face = in_bin & face
        speed = head_speed[in_bin]
        speed = speed[~np.isnan(speed)]
        samples.append(
            CueSample(
                time=float(second),
                face_visible=round(float(face[in_bin].mean()), 3),
                facing_camera=round(float(facing[with_face].mean()), 3) if with_face.any() else None,
                smiling=round(float(smiling[with_face].mean()), 3) if with_face.any() else None,
                movement=round(float(speed.mean()), 2) if len(speed) else None,
            )
        )
    return samples
