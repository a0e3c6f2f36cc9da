"""kg benchmarks: `python -m bench --help`."""
