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


def test_the_entry_script_stays_thin():
    assert len((ROOT / "navigator_app.py").read_text().splitlines()) <= 20
