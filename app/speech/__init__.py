"""Speech: questions spoken aloud (text to speech) and answers heard (transcription, voice activity, delivery).

Qt-free adapters and analyzers; the GUI plays the synthesized WAVs and shows the results.
"""
