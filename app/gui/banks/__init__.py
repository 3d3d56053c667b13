"""Question banks: the banks dialog, its list and the question editor form."""
