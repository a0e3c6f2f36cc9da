"""Every format kg writes, by name, alias and file suffix: the one registry behind every `--format/-f`
and every `-o FILE`.

Each command writes a subset (``TABLES``, ``EXPORTS``, ``CHARTS``); ``FormatChoice.named`` and
``FormatChoice.of_file`` turn what the user typed, in any case, into the format's name, or refuse
it with the formats that command writes and the nearest name.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kg.suggest import did_you_mean


@dataclass(frozen=True)
class Format:
    name: str  # what help and messages show
    aliases: tuple[str, ...] = ()
    suffixes: tuple[str, ...] = ()  # file name suffixes that mean this format


REGISTRY = {f.name: f for f in (
    Format("table"),  # aligned text for the terminal
    Format("csv", (), (".csv",)),
    Format("tsv", ("tab",), (".tsv", ".tab")),
    Format("json", (), (".json",)),
    Format("jsonl", ("ndjson", "jsonlines"), (".jsonl", ".ndjson")),
    Format("md", ("markdown",), (".md", ".markdown")),
    Format("ttl", ("turtle",), (".ttl",)),
    Format("nt", ("ntriples", "n-triples"), (".nt",)),
    Format("nq", ("nquads", "n-quads"), (".nq",)),
    Format("trig", (), (".trig",)),
    Format("rdfxml", ("rdf", "xml", "rdf/xml", "rdf+xml"), (".rdf",)),
    Format("jsonld", ("json-ld",), (".jsonld",)),
    Format("graphml", (), (".graphml",)),
    Format("gexf", (), (".gexf",)),
    Format("cyjs", ("cytoscape",), (".cyjs",)),
    Format("dot", ("graphviz", "gv"), (".dot", ".gv")),
    Format("html", ("htm",), (".html", ".htm")),
    Format("png", (), (".png",)),
    Format("svg", (), (".svg",)),
)}
BY_NAME = {n.casefold(): f.name for f in REGISTRY.values() for n in (f.name, *f.aliases)}
BY_SUFFIX = {s: f.name for f in REGISTRY.values() for s in f.suffixes}


class FormatError(ValueError):
    """A format name or file suffix that kg does not know, or that this command does not write."""


@dataclass(frozen=True)
class FormatChoice:
    """The formats one kind of output is written in."""

    what: str  # for messages: "tables", "exports", "charts"
    names: tuple[str, ...]

    def named(self, text: str) -> str:
        """The format ``text`` names (a name or an alias, in any case)."""
        name = BY_NAME.get(text.strip().casefold())
        if name is None:
            spellings = [n for f in self.names for n in (f, *REGISTRY[f].aliases)]
            raise FormatError(f"unknown format {text!r}; choose one of {self.listing()}"
                              + did_you_mean(text, spellings))
        return self._offered(name)

    def of_file(self, path: Path | str) -> str:
        """The format a file's suffix names."""
        path = Path(path)
        name = BY_SUFFIX.get(path.suffix.lower())
        if name is None:
            suffixes = [REGISTRY[f].suffixes[0] for f in self.names if REGISTRY[f].suffixes]
            raise FormatError(f"cannot tell the format from {path.name!r}; name the file "
                              f"{', '.join(suffixes[:-1])} or {suffixes[-1]}, or give --format")
        return self._offered(name)

    def pick(self, text: str | None, path: Path | str) -> str:
        """The format given by name, else by the file's suffix."""
        return self.named(text) if text else self.of_file(path)

    def listing(self) -> str:
        return ", ".join(self.names)

    def _offered(self, name: str) -> str:
        if name not in self.names:
            raise FormatError(f"{name} is not a format for {self.what}; choose one of {self.listing()}")
        return name


TABLES = FormatChoice("tables", ("table", "csv", "tsv", "json", "jsonl", "md"))
NETWORKS = ("graphml", "gexf", "cyjs", "dot")
RDF = ("ttl", "nt", "nq", "trig", "rdfxml", "jsonld")
EXPORTS = FormatChoice("exports", (*NETWORKS, *RDF, *TABLES.names[1:], "html"))  # a file has no terminal table
CHARTS = FormatChoice("charts", ("png", "svg"))
