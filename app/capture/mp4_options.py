"""Muxer options for our MP4 recordings, shared by the recorder that writes them and the repair that rewrites them."""

from __future__ import annotations

# Fragmented MP4: every fragment is playable on its own, so a crash loses at most the last fragment.
FRAGMENTED_MP4_OPTIONS = {"movflags": "frag_keyframe+empty_moov+default_base_moof", "flush_packets": "1"}
# FFmpeg cuts fragments at *video* keyframes only: an audio-only file needs a fragment length instead.
AUDIO_ONLY_MP4_OPTIONS = {**FRAGMENTED_MP4_OPTIONS, "frag_duration": "1000000"}
