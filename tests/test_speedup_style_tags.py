"""The quick check of style-only HTML answers what Streamlit's own answers, on the app's blocks and on odd bodies."""

from __future__ import annotations

from streamlit.elements import html

from navigator.ui import style
from navigator.ui.speedups import style_tags

ODD = [
    "",
    "   \n",
    "<style>a{}</style>",
    "  <STYLE media='x'>a{}</STYLE>\n",
    "<style>a{}</style><p>x</p>",
    "<!-- c --><style>a{}</style>",
    "<sty<!-- c -->le>a{}</style>",  # a comment removed first makes a style tag
    "<\u017ftyle>a{}</style>",  # a long s, which a case-insensitive expression takes for an s
    "<div><style>a{}</style></div>",
    "<style>a{}",
    "x<style>a{}</style>",
    "<p>text</p>",
    "\u2003<style></style>\u2003",
]


def test_every_body_gets_streamlit_s_answer():
    bodies = ODD + [
        style.BASE,
        style.BASE + style.RTL + style._urdu_page("serif") + style.KIOSK,
        style.BASE + "<p>x</p>",
        style.BASE + "<script>x()</script>",
    ]
    assert any(style_tags._ORIGINAL(b) for b in bodies) and any(not style_tags._ORIGINAL(b) for b in bodies)
    for body in bodies * 2:  # the second time, from what was remembered
        assert style_tags.html_only_style_tags(body) == style_tags._ORIGINAL(body), repr(body[:60])


def test_install_puts_it_in_streamlit(monkeypatch):
    monkeypatch.setattr(html, "_html_only_style_tags", style_tags._ORIGINAL)
    style_tags.install()
    assert html._html_only_style_tags is style_tags.html_only_style_tags


def test_a_style_sheet_with_more_after_it_is_answered_from_memory_the_second_time(monkeypatch):
    body = style.BASE + "<script>frame()</script>"
    assert style_tags.html_only_style_tags(body) is False
    monkeypatch.setattr(style_tags, "_ORIGINAL", lambda b: (_ for _ in ()).throw(AssertionError("asked again")))
    assert style_tags.html_only_style_tags(body) is False
