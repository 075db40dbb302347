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


def _domain(url: str) -> str:
    return re.sub(r"^(https?://)?(www\.)?", "", url.lower()).split("/")[0].rstrip(".,;")


def _digits(phone: str) -> str:
    digits = re.sub(r"\D", "", phone)
    return "0" + digits[2:] if digits.startswith("33") and len(digits) == 11 else digits


def contacts_in_prose(data: dict) -> list[tuple[str, str]]:
    """(field, warning) for each phone number, email or web address a French text writes out itself."""
    contacts = data.get("contacts") if isinstance(data.get("contacts"), dict) else {}
    own_site = _domain(str(contacts.get("website") or "")) or None
    own_phone = _digits(str(contacts.get("phone") or "")) or None
    own_email = str(contacts.get("email") or "").lower() or None
    found = []
    for field, lang, text in _texts(data):
        if lang != "fr":
            continue
        where = ".".join(field)
        for url in URL.findall(text):
            if _domain(url) == own_site:
                found.append((where, f"writes the programme's own website ({url.rstrip('.,;')}): write {{website}} instead"))
            else:
                found.append((where, f"writes a web address that is not the programme's own ({url.rstrip('.,;')})"))
        for email in EMAIL.findall(text):
            own = email.lower() == own_email
            found.append((where, "writes the programme's own email: write {email} instead" if own else f"writes another email ({email})"))
        for phone in PHONE.findall(text):
            own = _digits(phone) == own_phone
            found.append(
                (
                    where,
                    "writes the programme's own phone number: write {phone} instead"
                    if own
                    else f"writes a phone number that is not the programme's own ({phone})",
                )
            )
    return found
