"""Review: past sessions, replay with the synced transcript, notes, re-run, import and debriefs."""
