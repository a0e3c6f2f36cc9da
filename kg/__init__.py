"""kg: a knowledge graph of casualty figures and the sources that assert them."""

__version__ = "0.1.0"
