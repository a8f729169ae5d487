"""No import cycle between the package's modules.

The graph is grimp's, the library import-linter uses. Imports made only for type
checking (under `if TYPE_CHECKING:`) are left out: they never run. A cycle is a
strongly connected set of modules (each reaches every other by imports), or a
module that imports itself; each is named with the imports that close it.
"""

from __future__ import annotations

import sys
import textwrap

import grimp
import pytest


def import_cycles(package: str) -> list[list[tuple[str, str]]]:
    """Every cycle among `package`'s modules, as the imports between its modules."""
    graph = grimp.build_graph(package, exclude_type_checking_imports=True, cache_dir=None)
    imports = {module: graph.find_modules_directly_imported_by(module) for module in graph.modules}
    cycles = []
    for members in _strongly_connected(imports):
        edges = sorted((a, b) for a in members for b in imports[a] if b in members)
        if len(members) > 1 or edges:  # one module in a cycle only if it imports itself
            cycles.append(edges)
    return sorted(cycles)


def _strongly_connected(imports: dict[str, set[str]]) -> list[set[str]]:
    """Tarjan's algorithm, iterative (a deep import chain must not hit the recursion limit)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[set[str]] = []
    for root in sorted(imports):
        if root in index:
            continue
        work = [(root, iter(sorted(imports[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            module, targets = work[-1]
            target = next(targets, None)
            if target is not None:
                if target not in index:
                    index[target] = low[target] = len(index)
                    stack.append(target)
                    on_stack.add(target)
                    work.append((target, iter(sorted(imports[target]))))
                elif target in on_stack:
                    low[module] = min(low[module], index[target])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[module])
            if low[module] == index[module]:
                members = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    members.add(member)
                    if member == module:
                        break
                found.append(members)
    return found


def _described(cycles: list[list[tuple[str, str]]]) -> str:
    return "\n".join("cycle: " + ", ".join(f"{a} -> {b}" for a, b in edges) for edges in cycles)


def test_no_import_cycle_between_the_packages_modules():
    cycles = import_cycles("workshop_tui")
    assert not cycles, _described(cycles)


@pytest.fixture
def tiny_package(tmp_path, monkeypatch):
    """A package `tinypkg` written to tmp_path and put on sys.path: {name: source}."""

    def write(modules: dict[str, str]) -> str:
        root = tmp_path / "tinypkg"
        root.mkdir()
        (root / "__init__.py").write_text("")
        for name, source in modules.items():
            (root / f"{name}.py").write_text(textwrap.dedent(source))
        return "tinypkg"

    monkeypatch.syspath_prepend(str(tmp_path))
    yield write
    for name in [m for m in sys.modules if m == "tinypkg" or m.startswith("tinypkg.")]:
        del sys.modules[name]


def test_a_cycle_is_found_and_named(tiny_package):
    package = tiny_package(
        {
            "a": "from tinypkg import b\n",
            "b": "from tinypkg.c import x\n",
            "c": "import tinypkg.a\nx = 1\n",
            "d": "from tinypkg import a\n",  # imports the cycle, is not part of it
        }
    )
    cycles = import_cycles(package)
    assert cycles == [
        [("tinypkg.a", "tinypkg.b"), ("tinypkg.b", "tinypkg.c"), ("tinypkg.c", "tinypkg.a")]
    ]
    assert "tinypkg.c -> tinypkg.a" in _described(cycles)


def test_an_import_made_only_for_type_checking_closes_no_cycle(tiny_package):
    package = tiny_package(
        {
            "a": "from tinypkg import b\n",
            "b": """\
                from typing import TYPE_CHECKING

                if TYPE_CHECKING:
                    from tinypkg import a
                """,
        }
    )
    assert import_cycles(package) == []


def test_a_package_without_cycles_passes(tiny_package):
    package = tiny_package({"a": "from tinypkg import b\n", "b": "import json\n"})
    assert import_cycles(package) == []
