"""Settings: the page, one widget per group (groups/), the stored keys (keys) and their controls."""
