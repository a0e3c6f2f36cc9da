"""`kg serve` commands (registered on kg.cli.app)."""
