"""The Settings page's groups, one widget each: devices, voice, transcription model, practice, data."""
