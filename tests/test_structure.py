"""The code's own rules, checked on the source: one status writer, views imported only by views
and URLconfs, and no imports hidden inside functions (which is how import cycles hide)."""

from __future__ import annotations

import ast
import importlib
import pkgutil
from pathlib import Path

import mingjian

PACKAGE = Path(mingjian.__file__).parent


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "migrations" not in p.parts and "tests" not in p.parts)


def _name(path: Path) -> str:
    return ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts).removesuffix(".__init__")


def _is_view_module(name: str) -> bool:
    return name.endswith(".views") or ".views." in name


def _imports(tree: ast.AST) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found += [(node.lineno, node.module)] + [
                (node.lineno, f"{node.module}.{a.name}") for a in node.names
            ]
        elif isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names]
    return found


def test_only_views_and_urlconfs_import_views() -> None:
    offenders = []
    for path in _modules():
        name = _name(path)
        if _is_view_module(name) or name.endswith(".urls"):
            continue
        for line, module in _imports(ast.parse(path.read_text())):
            if module.startswith("mingjian.") and _is_view_module(module):
                offenders.append(f"{name}:{line} imports {module}")
    assert not offenders, offenders


def _function_imports(node: ast.AST, inside: str = "") -> list[tuple[str, int]]:
    """(function, line) of every import below module level, except in AppConfig.ready(), which
    must import lazily because the app registry is not ready before it runs."""
    found = []
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.Import | ast.ImportFrom) and inside:
            found.append((inside, child.lineno))
        elif isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            if child.name != "ready":
                found += _function_imports(child, child.name)
        elif not isinstance(child, ast.If) or inside:  # module-level `if TYPE_CHECKING:` is fine
            found += _function_imports(child, inside)
    return found


def test_no_imports_inside_functions() -> None:
    offenders = [
        f"{_name(path)}:{line} in {where}"
        for path in _modules()
        for where, line in _function_imports(ast.parse(path.read_text()))
    ]
    assert not offenders, f"move these imports to the module top: {offenders}"


def test_every_module_imports_at_top_level() -> None:
    """With every import at module top, importing each module once proves there is no cycle."""
    names = [m.name for m in pkgutil.walk_packages([str(PACKAGE)], "mingjian.")]
    assert len(names) > 50  # the walker found the package
    for name in names:
        if ".migrations." not in name:
            importlib.import_module(name)


def _status_writes(tree: ast.AST) -> list[int]:
    """Lines assigning `<obj>.status` (also inside a tuple target) or calling setattr(…, "status", …)."""
    found = []
    for node in ast.walk(tree):
        targets: list[ast.AST] = []
        if isinstance(node, ast.Assign):
            targets = list(node.targets)
        elif isinstance(node, ast.AugAssign | ast.AnnAssign):
            targets = [node.target]
        elif isinstance(node, ast.Call) and getattr(node.func, "id", "") == "setattr" and len(node.args) > 1:
            arg = node.args[1]
            if isinstance(arg, ast.Constant) and arg.value == "status":
                found.append(node.lineno)
        for target in targets:
            for leaf in ast.walk(target):
                if (
                    isinstance(leaf, ast.Attribute)
                    and leaf.attr == "status"
                    and isinstance(leaf.ctx, ast.Store)
                ):
                    found.append(node.lineno)
    return found


def test_only_workflow_move_assigns_status() -> None:
    """Creation passes `status=` to the constructor; every later change goes through move()."""
    everything = sorted(p for p in PACKAGE.rglob("*.py") if "migrations" not in p.parts)
    offenders = [
        f"{_name(path)}:{line}"
        for path in everything
        if path != PACKAGE / "workflow" / "services.py"
        for line in _status_writes(ast.parse(path.read_text()))
    ]
    assert not offenders, f"status changes go through workflow.move(): {offenders}"
