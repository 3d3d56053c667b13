"""History: trends per dimension and metric, and comparing two sessions."""
