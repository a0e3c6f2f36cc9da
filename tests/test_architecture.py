"""No import cycles in kg: every module's kg imports (relative or absolute, at the top or inside
functions) form a graph without cycles, and so do the packages (docs/architecture.md).
``python -m kg.devtools.imports`` prints the same graph."""

from __future__ import annotations

from kg.devtools.imports import find_cycles, format_cycle, module_graph, package_graph


def test_no_import_cycle_between_kg_modules():
    cycles = find_cycles(module_graph())
    assert not cycles, "import cycles in kg:\n" + "\n".join(format_cycle(c) for c in cycles)


def test_no_import_cycle_between_kg_packages():
    cycles = find_cycles(package_graph(module_graph()))
    assert not cycles, "import cycles between kg packages:\n" + "\n".join(format_cycle(c) for c in cycles)


def test_the_walk_finds_a_cycle_through_relative_and_lazy_imports(tmp_path):
    root = tmp_path / "kg"
    (root / "sub").mkdir(parents=True)
    (root / "__init__.py").write_text("")
    (root / "a.py").write_text("from kg.sub import b\n")
    (root / "sub" / "__init__.py").write_text("")
    (root / "sub" / "b.py").write_text("def f():\n    from .c import g\n")
    (root / "sub" / "c.py").write_text("import kg.a\n")
    assert find_cycles(module_graph(root)) == [["kg.a", "kg.sub.b", "kg.sub.c", "kg.a"]]
    assert find_cycles(package_graph(module_graph(root))) == [["kg.a", "kg.sub", "kg.a"]]
