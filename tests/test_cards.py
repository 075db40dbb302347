"""Catalogue text is text: no script, style or undeclared link can come through a card or a sheet."""

import html
from html.parser import HTMLParser

import pytest
from factories import TODAY, make_programme

from navigator.presentation.cards import card_html, safe, text_for
from navigator.presentation.sheet import route_code, route_codes, share_query, sheet_html

ATTACKS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "<style>body{display:none}</style>",
    "[click me](https://evil.example)",
    "![pixel](https://evil.example/p.png)",
    "<a href='javascript:alert(1)'>x</a>",
    "**bold** _it_ `code` # title",
    "https://evil.example/autolink",
]


@pytest.mark.parametrize("attack", ATTACKS)
def test_safe_text_keeps_no_markup(attack):
    out = safe(attack)
    assert "<" not in out and ">" not in out


@pytest.mark.parametrize("text", ["L'Afpa", "зв'яжіться", 'R&D <b> "x"', "**bold** [a](b) # 1.", "ኣብ'ቲ"])
def test_safe_text_reads_as_the_text_once_shown(text):
    """Shown as HTML, escaped text reads exactly as written: no `&#x27;` left for the person to read."""
    shown = html.unescape(safe(text))
    assert shown == text


@pytest.mark.parametrize("lang", ["fr", "ar"])
@pytest.mark.parametrize("attack", ATTACKS)
def test_a_malicious_catalogue_entry_adds_no_tag_or_link(attack, lang):
    p = make_programme(
        name={"fr": attack, "en": attack},
        summary={"fr": attack[:150]},
        description={"fr": attack},
        organisation=attack,
        place=attack,
        contacts={"how_to_reach": {"fr": attack}},
        keywords=[attack],
    )
    p = p.model_copy(update={"name": p.name | {lang: attack}, "summary": p.summary | {lang: attack[:150]}})
    tags = Tags()
    tags.feed(card_html(p, lang, TODAY, full=True))
    assert {name for name, _ in tags.found} <= {"div", "p", "span", "ul", "li", "bdi"}  # no a, img, script, style
    assert not any(attr.startswith("on") or attr in ("href", "src", "style") for _, attrs in tags.found for attr, _ in attrs)


class Tags(HTMLParser):
    """Collects the real tags of a page (escaped text is not a tag)."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, attrs))


def test_declared_contacts_become_tappable_links():
    p = make_programme(contacts={"phone": "05 49 41 00 00", "email": "accueil@example.org", "website": "https://example.org/"})
    out = card_html(p, "fr", TODAY)
    assert 'href="tel:+33549410000"' in out
    assert 'href="mailto:accueil@example.org"' in out
    assert "05 49 41 00 00" in out


def test_phone_numbers_stay_left_to_right_in_arabic():
    p = make_programme(contacts={"phone": "05 49 41 00 00"})
    out = card_html(p, "ar", TODAY)
    assert 'dir="rtl"' in out and '<bdi dir="ltr">05 49 41 00 00</bdi>' in out


def test_french_names_inside_arabic_text_read_left_to_right():
    out = text_for("دروس في Poitiers، موقعها «Apprendre le français à Poitiers».", "ar")
    assert '<bdi dir="ltr">Poitiers</bdi>' in out
    assert '«<bdi dir="ltr">Apprendre le français à Poitiers</bdi>»' in out  # the quotes and full stop stay right-to-left
    assert text_for("Apprendre le français à Poitiers", "fr") == "Apprendre le français à Poitiers"


def test_a_missing_translation_shows_the_french_with_a_marker():
    p = make_programme(name={"fr": "Nom français"}, summary={"fr": "Résumé"})
    out = card_html(p, "uk", TODAY)
    assert "Nom français" in out and 'class="nav-infr"' in out


def test_the_shared_link_holds_route_ids_and_language_only():
    assert share_query(["a-b", "c"], "ar") == f"lang=ar&routes={route_code('a-b')},{route_code('c')}"
    assert route_codes(["a-b", "c"]) == {route_code("a-b"): "a-b", route_code("c"): "c"}


def test_the_sheet_puts_the_french_beside_the_visitors_language():
    p = make_programme()
    out = sheet_html([p], "ar", TODAY, "Mes routes")
    assert '<html lang="ar" dir="rtl">' in out
    assert out.count('class="nav-card"') == 2  # Arabic and French side by side


@pytest.mark.parametrize(
    ("text", "island"),
    [
        ("قدّم مشروعك على https://www.adie.org. يبيّن", "https://www.adie.org"),  # the full stop stays outside
        ("اتصل بـ contact@example.org للسؤال", "contact@example.org"),
        ("اتصل على 05 49 41 00 00 اليوم", "05 49 41 00 00"),
        ("شهادة CAP/BEP مطلوبة", "CAP/BEP"),
    ],
)
def test_addresses_numbers_and_codes_read_left_to_right_in_arabic(text, island):
    assert f'<bdi dir="ltr">{island}</bdi>' in text_for(text, "ar")


def test_plain_numbers_need_no_island():
    assert text_for("العمر 16 إلى 25", "ar") == "العمر 16 إلى 25"


@pytest.mark.parametrize("lang", ["ur", "ar", "fa"])
def test_a_place_in_french_reads_in_its_own_order_in_right_to_left_cards(lang):
    """A place is French words with a comma and brackets: islands word by word would read "(ancien site de l'AFPA)
    Limoges ,Quartier de Babylone" in Urdu; the whole place is one left-to-right island."""
    place = "Quartier de Babylone, Limoges (ancien site de l'AFPA)"
    p = make_programme(place=place, contacts={"phone": "05 49 41 00 00"})
    assert f'📍 <span lang="fr"><bdi dir="ltr">{html.escape(place)}</bdi></span>' in card_html(p, lang, TODAY)
    assert place in html.unescape(sheet_html([p], lang, TODAY, "Mes routes"))
