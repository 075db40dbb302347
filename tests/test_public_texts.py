"""What the public reads says what to do: notes written for curators ("the source does not say…") stay with staff."""

import html
import re

import pytest
from factories import shipped_catalogue

from navigator.presentation.cards import card_html
from navigator.presentation.sheet import sheet_html
from navigator.ui.state import today

PROGRAMMES = shipped_catalogue().programmes
#: A sentence about the sources, written for curators.
ABOUT_SOURCES = re.compile(
    r"\b(la|les|une|the|an?) (source|sources|article|articles)\b|\bl'article\b|\bsource (does|gives)\b|\b(elle|il) ne dit pas\b|\bit does not say\b",
    re.I,
)


def visible(page: str) -> str:
    page = re.sub(r'<p class="nav-source">.*?</p>', "", page)  # the source's title, shown on purpose
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("programme", PROGRAMMES, ids=lambda p: p.id)
def test_a_public_card_holds_no_note_for_curators(programme, lang):
    found = ABOUT_SOURCES.findall(visible(card_html(programme, lang, today())))
    assert found == []


def test_the_sheet_holds_no_note_for_curators():
    assert ABOUT_SOURCES.findall(visible(sheet_html(PROGRAMMES, "en", today(), "My routes"))) == []


def test_notes_for_curators_are_kept_for_staff():
    noted = [p for p in PROGRAMMES if p.curator_notes]
    assert len(noted) >= 20
    assert all(ABOUT_SOURCES.search(p.curator_notes) for p in noted)
