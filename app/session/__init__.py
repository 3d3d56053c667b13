"""A practice session: the state machine that runs it and the live pipeline that records answers."""
