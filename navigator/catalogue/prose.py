"""Contact facts are written once, in `contacts`: texts refer to them with placeholders, filled at loading.

    access:
      how:
        fr: Inscrivez-vous sur {website} ou appelez le {phone}.

Editing the phone number is then one line in one file, and every language shows the new number (the translations
keep the same placeholders; a translation that loses one is never shown). A curator is warned when a text still
writes a phone number, an email or a web address itself — the programme's own (use the placeholder) or another's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from navigator.catalogue.translations import TEXT_FIELDS

#: Placeholders a text may use, filled from the programme's `contacts`.
CONTACT_FIELDS = ("phone", "email", "website", "address")
PLACEHOLDER = re.compile(r"\{(" + "|".join(CONTACT_FIELDS) + r")\}")

URL = re.compile(r"\b(?:https?://|www\.)[^\s»)\]]+", re.I)
EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
#: French numbers written in prose (05 47 41 41 00, 05.47.41.41.00, +33 5…) and four-digit short numbers (3949).
PHONE = re.compile(r"(?<![\w+])(?:(?:\+33\s?|0)[1-9](?:[\s.]?\d\d){4}|3\d\s?\d\d)(?!\d)")


def _texts(data: dict):
    """(field path, language, text) of every text of a parsed programme file."""
    for field in TEXT_FIELDS:
        node = data
        for key in field:
            node = node.get(key) if isinstance(node, dict) else None
        if isinstance(node, dict):
            for lang, text in node.items():
                if isinstance(text, str):
                    yield field, lang, text


def fill_contacts(data: dict) -> tuple[dict, list[tuple[str, str]]]:
    """The parsed file with every {phone}, {email}, {website}, {address} replaced by the contact (a new dict), and
    the (field, placeholder) pairs used without that contact."""
    contacts = data.get("contacts") if isinstance(data.get("contacts"), dict) else {}
    missing: list[tuple[str, str]] = []
    filled = dict(data)
    for field, lang, text in list(_texts(data)):
        if "{" not in text:
            continue

        where = f"{'.'.join(field)}.{lang}"

        def value(match: re.Match, where: str = where) -> str:
            name = match.group(1)
            given = contacts.get(name)
            if given in (None, ""):
                missing.append((where, name))
                return match.group(0)
            return str(given).strip()

        node = filled
        for key in field[:-1]:
            node[key] = dict(node[key])
            node = node[key]
        node[field[-1]] = {**node[field[-1]], lang: PLACEHOLDER.sub(value, text)}
    return filled, sorted(set(missing))


def domain_of(url: str) -> str:
    """'https://www.francetravail.fr/accueil' → 'francetravail.fr'."""
    return re.sub(r"^(https?://)?(www\.)?", "", url.lower()).split("/")[0].rstrip(".,;")


def phone_digits(phone: str) -> str:
    """'+33 5 49…', '05 49…' → '0549…'; '3949' → '3949'."""
    digits = re.sub(r"\D", "", phone)
    return "0" + digits[2:] if digits.startswith("33") and len(digits) == 11 else digits


@dataclass(frozen=True)
class ContactInProse:
    """A phone number, email or web address a French text writes out itself (the warning's words: `freshness`)."""

    field: str  # 'access.how'
    kind: str  # 'website', 'email' or 'phone' (the placeholder's name)
    value: str  # as written
    own: bool  # the programme's own contact: the text should use the placeholder


def contacts_in_prose(data: dict) -> list[ContactInProse]:
    """Each phone number, email or web address the French texts of a parsed programme file write out themselves."""
    contacts = data.get("contacts") if isinstance(data.get("contacts"), dict) else {}
    own_site = domain_of(str(contacts.get("website") or "")) or None
    own_phone = phone_digits(str(contacts.get("phone") or "")) or None
    own_email = str(contacts.get("email") or "").lower() or None
    found = []
    for field, lang, text in _texts(data):
        if lang != "fr":
            continue
        where = ".".join(field)
        found.extend(ContactInProse(where, "website", url.rstrip(".,;"), domain_of(url) == own_site) for url in URL.findall(text))
        found.extend(ContactInProse(where, "email", email, email.lower() == own_email) for email in EMAIL.findall(text))
        found.extend(ContactInProse(where, "phone", phone, phone_digits(phone) == own_phone) for phone in PHONE.findall(text))
    return found
