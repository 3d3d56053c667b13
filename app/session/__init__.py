"""The application layer the GUI and the CLI both call (they reach capture, speech, vision, analysis and
storage only through it): session plans and the state machine, device and source choice, the live capture
pipeline, analysis of files and typed answers, review and re-run, reports, imports and exports, model warm-up,
crash recovery, and the store (the door to the database). See docs/architecture.md.
"""
