"""The screen's one component (navigator.ui.listen) is two files Streamlit serves: it finds them through the component
table of pyproject.toml in the installed package (an editable install too), and each drawing of the component names
the files instead of carrying their 5 KB of text on every rerun."""

import re

from app_helpers import choose_language, start
from streamlit.components.v2.manifest_scanner import scan_component_manifests

from navigator.ui import listen


def test_each_drawing_of_the_listen_component_names_its_files_instead_of_carrying_them():
    at = start()
    screens = [at.get("bidi_component"), choose_language(at, "en").get("bidi_component")]
    assert all(screens)
    for drawn in screens:
        for element in drawn:
            p = element.proto
            assert (p.component_name, p.js_source_path, p.css_source_path) == ("navigator.listen", "listen.js", "listen.css")
            assert (p.js_content, p.css_content) == ("", "")


def test_streamlit_finds_the_component_in_the_installed_package():
    found = {
        f"{manifest.name}.{c.name}": (root / c.asset_dir).resolve()
        for manifest, root in scan_component_manifests()
        for c in manifest.components
    }
    assert found.get("navigator.listen") == listen.ASSETS.resolve()
    # Streamlit serves whatever this folder holds, to anyone: only the component's own two files.
    assert sorted(p.name for p in listen.ASSETS.iterdir()) == ["listen.css", "listen.js"]


def test_the_component_scrolls_a_new_screen_to_its_top_once():
    script = (listen.ASSETS / "listen.js").read_text("utf-8")
    body = re.search(r"^function toTop\(\) \{\n(.*?)\n\}$", script, re.M | re.S).group(1)
    assert "scrollTo" in body and "pointerEvents" in body
    assert re.findall(r"\btoTop\(\);", script) == ["toTop();"]  # when its screen token changes
