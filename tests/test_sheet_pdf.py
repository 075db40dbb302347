"""The sheet as a PDF, read back as a person's PDF reader would: five routes on two A4 pages at most, the names and
contacts in the person's language and in French as text (copy, search, screen readers), no escaped HTML, every
font embedded, the QR code scannable."""

from __future__ import annotations

import io
import re
import unicodedata

import pytest
import zxingcpp
from PIL import Image
from pypdf import PdfReader

from navigator.presentation.cards import display_phone
from navigator.presentation.sheet import share_query
from navigator.presentation.sheet_fonts import pdf_families
from navigator.presentation.sheet_pdf import pdf_problem, sheet_pdf
from navigator.ui.state import today

FIVE_IDS = ("afpa-hope", "collectif-alpha-poitiers", "france-travail", "infolang-poitiers", "mission-locale")
LANGS = ("fr", "ar", "ti", "fa", "uk")


@pytest.fixture(scope="module")
def five(catalogue):
    return [catalogue.get(i) for i in FIVE_IDS]


@pytest.fixture(scope="module")
def sheets(five):
    assert pdf_problem() is None, pdf_problem()
    made = {}
    for lang in LANGS:
        link = "https://navigateur.example.org/routes?" + share_query(list(FIVE_IDS), lang)
        made[lang] = (link, PdfReader(io.BytesIO(sheet_pdf(five, lang, today(), "Mes routes", link))))
    return made


def text_of(reader: PdfReader) -> str:
    return "\n".join(page.extract_text() for page in reader.pages)


def words(text: str) -> list[str]:
    """A text's words without punctuation: a PDF's text comes back in visual order where scripts mix (and with
    spaces of its own between runs), so a name is looked for word by word."""
    return [w for w in re.split(r"[\s()–·,.:;«»\"'’]+", unicodedata.normalize("NFC", text)) if w]


def squeezed(text: str) -> str:
    """Without spaces, and without the joiners (ZWNJ, ZWJ), which shape the letters but are no glyph of the PDF."""
    return re.sub(r"[\s\u200c\u200d]+", "", text)


@pytest.mark.parametrize("lang", LANGS)
def test_five_routes_fit_on_two_a4_pages(sheets, lang):
    _link, reader = sheets[lang]
    assert 1 <= len(reader.pages) <= 2, f"{len(reader.pages)} pages for 5 routes in {lang}"
    width, height = (float(v) for v in reader.pages[0].mediabox[2:])
    assert (round(width / 72 * 25.4), round(height / 72 * 25.4)) == (210, 297), "A4"


@pytest.mark.parametrize("lang", LANGS)
def test_the_pdf_reads_the_names_and_contacts_in_the_person_s_language_and_in_french(sheets, five, lang):
    _link, reader = sheets[lang]
    text = unicodedata.normalize("NFC", text_of(reader))
    flat = squeezed(text)
    for p in five:
        for shown_in in {lang, "fr"}:
            name = p.name.get(shown_in) or p.name["fr"]
            missing = [w for w in words(name) if squeezed(w) not in flat]
            assert missing == [], f"{p.id} in {shown_in}: {missing} not in the PDF's text"
        c = p.contacts
        for contact in (display_phone(c.phone) if c.phone else None, c.email, str(c.website) if c.website else None, c.address):
            if contact:
                assert squeezed(contact) in flat, f"{p.id}: {contact}"
    for escaped in ("&#", "&amp;", "&lt;", "&gt;", "&quot;"):
        assert escaped not in text


@pytest.mark.parametrize("lang", LANGS)
def test_every_font_of_the_pdf_is_embedded_and_its_script_s_own(sheets, lang):
    _link, reader = sheets[lang]
    used = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), f"{font['/BaseFont']} not embedded"
            used.add(str(font["/BaseFont"]).split("+", 1)[1].removesuffix("-Bold").replace("-", " "))
    assert used <= set(pdf_families(lang)), f"fonts from the machine, not the app's: {used - set(pdf_families(lang))}"
    assert pdf_families(lang)[0] in used, "the language's own script font draws its text"


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_the_qr_code_in_the_pdf_scans_back_to_the_link(sheets, lang):
    link, reader = sheets[lang]
    (image,) = reader.pages[0].images
    picture = Image.open(io.BytesIO(image.data)).convert("L")
    (found,) = zxingcpp.read_barcodes(picture.resize((picture.width * 4, picture.height * 4), Image.NEAREST))
    assert found.text == link


def test_a_selection_is_made_once_and_a_new_one_again(five):
    first = sheet_pdf(five, "ti", today(), "Mes routes")
    assert sheet_pdf(five, "ti", today(), "Mes routes") is first
    assert sheet_pdf(five[:2], "ti", today(), "Mes routes") is not first
