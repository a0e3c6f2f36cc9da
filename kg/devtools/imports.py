"""kg's own import graph, read from the source with ``ast`` (nothing is imported).

    python -m kg.devtools.imports            the package-level graph, then any cycle
    python -m kg.devtools.imports --modules  the module-level graph as well

Every ``import`` and ``from ... import`` of a ``kg`` module counts, relative or absolute,
at the top of a module or inside a function (a lazy import is still a dependency).
``from kg.a import b`` is an edge to ``kg.a.b`` when that is a module, else to ``kg.a``.
A package is ``kg`` plus its first name (``kg.readers``, ``kg.load``); the package graph
joins the module edges that cross from one package to another.

Exits 1 when the module graph or the package graph has a cycle, naming each one.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent  # the kg package folder


def module_files(root: Path = ROOT) -> dict[str, Path]:
    """Module name -> file, for every .py under ``root`` (a package's ``__init__.py`` is the package)."""
    base = root.name
    out = {}
    for path in sorted(root.rglob("*.py")):
        parts = list(path.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join([base, *parts])] = path
    return out


def _resolve(module: str, is_package: bool, node: ast.ImportFrom) -> str:
    """The absolute name ``from`` imports from, relative levels resolved against ``module``."""
    if not node.level:
        return node.module or ""
    package = module.split(".") if is_package else module.split(".")[:-1]
    if node.level > 1:
        package = package[: len(package) - (node.level - 1)]
    return ".".join(package + ([node.module] if node.module else []))


def imports_of(module: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The kg modules ``module`` imports anywhere in its source."""
    base = next(iter(modules)).split(".")[0] if modules else "kg"
    is_package = path.name == "__init__.py"
    found: set[str] = set()

    def add(name: str) -> None:
        # the longest prefix of ``name`` that is a kg module
        parts = name.split(".")
        while parts:
            candidate = ".".join(parts)
            if candidate in modules:
                found.add(candidate)
                return
            parts.pop()

    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name == base or alias.name.startswith(base + "."):
                    add(alias.name)
        elif isinstance(node, ast.ImportFrom):
            source = _resolve(module, is_package, node)
            if not (source == base or source.startswith(base + ".")):
                continue
            for alias in node.names:
                sub = f"{source}.{alias.name}"
                add(sub if sub in modules else source)
    found.discard(module)
    return found


def module_graph(root: Path = ROOT) -> dict[str, set[str]]:
    """Module -> the kg modules it imports."""
    modules = module_files(root)
    return {name: imports_of(name, path, modules) for name, path in modules.items()}


def package_of(module: str) -> str:
    """``kg.readers.feeds`` -> ``kg.readers``; ``kg.load`` -> ``kg.load``; ``kg`` -> ``kg``."""
    return ".".join(module.split(".")[:2])


def package_graph(graph: dict[str, set[str]]) -> dict[str, set[str]]:
    """Package -> the other packages its modules import."""
    out: dict[str, set[str]] = {}
    for module, targets in graph.items():
        mine = package_of(module)
        out.setdefault(mine, set())
        out[mine].update(package_of(t) for t in targets if package_of(t) != mine)
    return out


def find_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One cycle (``[a, b, ..., a]``) for each strongly connected group of nodes that import each other."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def strongconnect(v: str) -> None:  # Tarjan; graphs here are small enough for recursion
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                strongconnect(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1 or v in graph.get(v, ()):
                groups.append(sorted(group))

    for v in sorted(graph):
        if v not in index:
            strongconnect(v)
    return [_cycle_in(group, graph) for group in sorted(groups)]


def _cycle_in(group: list[str], graph: dict[str, set[str]]) -> list[str]:
    """A shortest path from the group's first node back to itself, through the group."""
    start, members = group[0], set(group)
    paths = {start: [start]}
    frontier = [start]
    while frontier:
        nxt = []
        for v in frontier:
            for w in sorted(graph.get(v, ())):
                if w == start:
                    return paths[v] + [start]
                if w in members and w not in paths:
                    paths[w] = paths[v] + [w]
                    nxt.append(w)
        frontier = nxt
    return group + [start]  # not reached: a strongly connected group always closes


def format_cycle(cycle: list[str]) -> str:
    return " -> ".join(cycle)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    graph = module_graph()
    packages = package_graph(graph)
    print("kg packages and the kg packages they import:")
    width = max(len(p) for p in packages)
    for package in sorted(packages):
        print(f"  {package:<{width}}  -> {', '.join(sorted(packages[package])) or '(none)'}")
    if "--modules" in argv:
        print("\nmodules:")
        for module in sorted(graph):
            print(f"  {module} -> {', '.join(sorted(graph[module])) or '(none)'}")
    cycles = [("module", c) for c in find_cycles(graph)] + [("package", c) for c in find_cycles(packages)]
    if not cycles:
        print("\nno import cycles")
        return 0
    print()
    for level, cycle in cycles:
        print(f"{level} import cycle: {format_cycle(cycle)}")
    return 1


if __name__ == "__main__":
    sys.exit(main())
