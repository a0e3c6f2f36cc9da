"""`kg conflicts` commands (registered on kg.cli.app)."""
