"""Readers for the kinds of input kg takes besides plain text files.

One module per input kind: ``html`` (saved pages), ``feeds`` (JSON Lines and CSV,
gzip or not, files or standard input), ``urls`` (pages fetched over HTTP), plus the
checks every article gets: ``language`` and ``dates`` (publication date inferred
from the URL or the dateline). ``kg.inputs.read_inputs`` dispatches to them.
"""
