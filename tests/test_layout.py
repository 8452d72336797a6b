"""The layout stays readable: no module in ``journal/`` over 600 lines, no function over 60,
and no view (a function decorated with ``.route``, ``.get`` or ``.post``) over 25. A view that
grows past that moves its rule into an operation, a query or a form helper."""

from __future__ import annotations

import ast
from pathlib import Path

JOURNAL = Path(__file__).resolve().parent.parent / "journal"
MODULE_LINES, FUNCTION_LINES, VIEW_LINES = 600, 60, 25
ROUTES = {"route", "get", "post"}


def _is_view(node: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    return any(
        isinstance(d, ast.Call) and isinstance(d.func, ast.Attribute) and d.func.attr in ROUTES
        for d in node.decorator_list
    )


def too_long(source: str, name: str) -> list[str]:
    """What in one module's source is over the limits (lines from ``def`` to the end)."""
    found = []
    lines = len(source.splitlines())
    if lines > MODULE_LINES:
        found.append(f"{name}: {lines} lines (at most {MODULE_LINES})")
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            length = node.end_lineno - node.lineno + 1
            limit = VIEW_LINES if _is_view(node) else FUNCTION_LINES
            if length > limit:
                found.append(f"{name}:{node.lineno} {node.name}: {length} lines (at most {limit})")
    return found


def test_no_module_function_or_view_is_too_long():
    found = [
        problem
        for path in sorted(JOURNAL.rglob("*.py"))
        for problem in too_long(path.read_text(), str(path.relative_to(JOURNAL.parent)))
    ]
    assert not found, "\n".join(found)


def test_the_check_sees_a_long_view_and_a_long_function():
    view = "@bp.route('/')\ndef page():\n" + "    x = 1\n" * 25
    function = "def helper():\n" + "    x = 1\n" * 60
    assert too_long(view, "v") == ["v:2 page: 26 lines (at most 25)"]
    assert too_long(function, "f") == ["f:1 helper: 61 lines (at most 60)"]
    assert too_long("x = 1\n" * 601, "m") == ["m: 601 lines (at most 600)"]
    assert too_long("@bp.get('/')\ndef page():\n" + "    x = 1\n" * 24, "ok") == []
