"""What a person reads: cards, the shared page and the sheet show text, never escaped markup, and every address,
phone number, email and code reads left to right inside right-to-left text."""

from __future__ import annotations

import re

import pytest
from browser_helpers import shot, wait_idle
from factories import shipped_catalogue

from navigator.presentation.sheet import sheet_html
from navigator.ui.state import today

pytestmark = pytest.mark.browser

#: Markup a person should never have to read: an escaped character left escaped.
ESCAPED = re.compile(r"&#x?[0-9a-fA-F]+;|&amp;|&lt;|&gt;|&quot;")
#: What must read left to right: web and email addresses, phone numbers.
LTR_TEXT = r"/https?:\/\/|www\.|[\w.-]+@[\w-]+\.|\+?\d\d[ .]\d\d[ .]\d\d[ .]\d\d/"

PROGRAMMES = shipped_catalogue().programmes
#: A shared link holds at most 30 routes: every programme, in links of 25.
LINKS = [",".join(p.id for p in PROGRAMMES[i : i + 25]) for i in range(0, len(PROGRAMMES), 25)]

#: Text nodes matching LTR_TEXT whose direction is not left to right, as "text (direction)".
WRONG_WAY = f"""root => {{
  const wanted = new RegExp({LTR_TEXT}.source);
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const wrong = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {{
    const tag = node.parentElement.tagName;  // code in a script or style element is not text anyone reads
    if (tag !== "SCRIPT" && tag !== "STYLE" && wanted.test(node.textContent) && getComputedStyle(node.parentElement).direction !== "ltr") {{
      wrong.push(node.textContent.trim().slice(0, 60));
    }}
  }}
  return wrong;
}}"""


def escaped_in(text: str) -> list[str]:
    return sorted({text[max(0, m.start() - 20) : m.end() + 5] for m in ESCAPED.finditer(text)})


@pytest.mark.parametrize("lang", ["fr", "uk", "ti", "fa", "ar"])
def test_every_card_on_a_shared_page_reads_as_text(server, phone, lang):
    for n, routes in enumerate(LINKS):
        phone.goto(f"{server.url}/?lang={lang}&routes={routes}")
        wait_idle(phone)
        phone.locator(".nav-card").first.wait_for(timeout=20_000)
        assert phone.locator(".nav-card").count() >= 20
        assert escaped_in(phone.inner_text("body")) == []
        wrong = phone.locator('[data-testid="stMain"]').evaluate(WRONG_WAY)
        assert wrong == [], f"read right to left: {wrong}"
        if n == 0:
            shot(phone, f"readable-shared-{lang}")


@pytest.mark.parametrize("lang", ["fr", "ru", "ti", "ps", "ar"])
def test_the_printed_sheet_reads_as_text(browser, lang):
    page = browser.new_page()
    page.set_content(sheet_html(PROGRAMMES, lang, today(), "Mes routes"))
    assert page.locator(".nav-card").count() >= len(PROGRAMMES)
    assert escaped_in(page.inner_text("body")) == []
    assert page.locator("body").evaluate(WRONG_WAY) == []
    page.close()
