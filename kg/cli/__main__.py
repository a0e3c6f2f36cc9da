"""``python -m kg.cli``: the same as the `kg` console script."""

from kg.cli import app

if __name__ == "__main__":
    app()
