"""Wording the session layer owns and every screen shows the same way (follow-up labels, no-tips text)."""

from __future__ import annotations

from app.analysis.feedback import no_tips_text
from app.analysis.follow_up import FOLLOW_UP_MODES, PROBES, follow_up_label

__all__ = ["FOLLOW_UP_MODES", "PROBES", "follow_up_label", "no_tips_text"]
