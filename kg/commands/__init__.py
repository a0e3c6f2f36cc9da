"""CLI commands beyond the core ones in ``kg.cli``; each module registers its commands on ``kg.cli.app``."""
