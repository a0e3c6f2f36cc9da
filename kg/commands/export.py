"""`kg export` commands (registered on kg.cli.app)."""
