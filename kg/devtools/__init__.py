"""Tools for working on kg itself (not used by kg at run time)."""
