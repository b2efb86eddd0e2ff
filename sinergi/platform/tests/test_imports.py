"""The shape of the house, checked: no import cycles between modules (function-local imports
count too: hiding a cycle inside a function does not remove it), and the outbox and platform
import no domain app."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]  # sinergi/
DOMAIN = {
    "cases",
    "engagement",
    "patrols",
    "humas",
    "early_warning",
    "news",
    "dashboards",
    "units",
    "areas",
    "people",
    "home",
}


def modules() -> dict[str, Path]:
    found = {}
    for path in ROOT.rglob("*.py"):
        parts = path.relative_to(ROOT.parent).with_suffix("").parts
        if "tests" in parts or "migrations" in parts:
            continue
        name = ".".join(parts).removesuffix(".__init__")
        found[name] = path
    return found


def imports(path: Path, *, anywhere: bool) -> set[str]:
    """The sinergi modules a file imports: at load, or anywhere (inside functions too)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes = ast.walk(tree) if anywhere else iter(tree.body)
    names: set[str] = set()
    for node in nodes:
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("sinergi"):
            names |= {node.module} | {f"{node.module}.{a.name}" for a in node.names}
        elif isinstance(node, ast.Import):
            names |= {a.name for a in node.names if a.name.startswith("sinergi")}
    return names


def graph(*, anywhere: bool) -> dict[str, set[str]]:
    found = modules()
    return {
        name: {t for t in imports(path, anywhere=anywhere) if t in found and t != name}
        for name, path in found.items()
    }


def cycles(edges: dict[str, set[str]]) -> list[set[str]]:
    """The strongly connected groups of more than one module (Tarjan, iteratively)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[set[str]] = []
    counter = 0
    for start, targets in edges.items():
        if start in index:
            continue
        work = [(start, iter(sorted(targets)))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.add(member)
                    if member == node:
                        break
                if len(group) > 1:
                    groups.append(group)
    return groups


def test_the_cycle_finder_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [{"a", "b", "c"}]


def test_no_module_imports_itself_round_about():
    # the one allowed pair: an app's services enqueue its tasks, whose tasks call the services
    # (the services import the tasks inside the enqueuing function, with the reason written)
    found = cycles(graph(anywhere=True))
    allowed = [
        {f"{app}.services", f"{app}.tasks"} for app in ("sinergi.cases", "sinergi.messaging")
    ] + [{"sinergi.news.services", "sinergi.news.tasks"}]
    assert [g for g in found if g not in allowed] == []


def test_the_outbox_imports_no_domain_app():
    edges = graph(anywhere=True)
    reached = {
        target.split(".")[1]
        for name, targets in edges.items()
        if name.startswith("sinergi.messaging")
        for target in targets
    }
    assert reached & DOMAIN == set()


def test_platform_imports_no_domain_app():
    # the timetable names each app's sweeps (read once the apps are ready); the media doors are
    # registered by the apps that own the folders
    edges = graph(anywhere=True)
    reached = {
        (name, target)
        for name, targets in edges.items()
        if name.startswith("sinergi.platform") and name != "sinergi.platform.schedule"
        for target in targets
        if target.split(".")[1] in DOMAIN
    }
    assert reached == set()
