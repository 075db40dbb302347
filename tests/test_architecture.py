"""The domain never imports Streamlit: only navigator/ui and the entry script may."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module.split(".")[0])
    return found


def test_only_the_ui_package_imports_streamlit():
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "navigator").rglob("*.py")
        if "ui" not in path.relative_to(ROOT / "navigator").parts and "streamlit" in imported_modules(path)
    ]
    assert offenders == []


def test_the_entry_script_only_starts_the_app():
    """navigator_app.py imports the UI's main() and calls it: no logic lives in the entry script."""
    tree = ast.parse((ROOT / "navigator_app.py").read_text())
    body = [node for node in tree.body if not (isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant))]
    assert [type(node) for node in body] == [ast.ImportFrom, ast.Expr]
    assert body[0].module == "navigator.ui.app" and [a.name for a in body[0].names] == ["main"]
    assert isinstance(body[1].value, ast.Call) and body[1].value.func.id == "main" and not body[1].value.args
