"""Every claim traceable (issue #15): a programme cites every seed it draws on, and the dates and numbers of its
French texts appear in one of the seeds it cites — a fact from an uncited article is listed here."""

import re
from pathlib import Path

import pytest
from factories import shipped_catalogue

from navigator.catalogue.loading import CATALOGUE_DIR
from navigator.catalogue.translations import TEXT_FIELDS

SEEDS = Path(__file__).resolve().parents[1].parent.parent / "shared" / "seeds"
SEED_NAME = re.compile(r"\b\d{3}_[0-9a-f]{16}\.txt\b")
MONTHS = "janvier février mars avril mai juin juillet août septembre octobre novembre décembre".split()
DATE = re.compile(r"\b(1er|\d{1,2}) (" + "|".join(MONTHS) + r")\b")
NUMBER = re.compile(r"(?<![\d{])\d+(?![\d}])")
PROGRAMMES = shipped_catalogue().programmes


def seeds_dir() -> Path:
    for candidate in (SEEDS, Path("/work/shared/seeds")):
        if candidate.is_dir():
            return candidate
    pytest.skip("the seed articles are not beside this checkout")


def normalised(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u2019", "'")).lower()


def cited(programme) -> set[str]:
    return {s.file for s in (programme.source, *programme.more_sources) if s.file}


def french_facts(programme) -> list[tuple[str, str]]:
    """(field, date or number) of its French texts and its stated dates."""
    found = []
    for field in TEXT_FIELDS:
        node = programme
        for part in field:
            node = getattr(node, part, None)
        if isinstance(node, dict):
            text = normalised(node["fr"])
            found += [(".".join(field), " ".join(m.groups())) for m in DATE.finditer(text)]
            found += [(".".join(field), n) for n in NUMBER.findall(DATE.sub(" ", text))]
    for field in ("started_on", "ends_on"):
        day = getattr(programme.status, field)
        if day:
            found.append((f"status.{field}", f"{day.day if day.day > 1 else '1er'} {MONTHS[day.month - 1]}"))
    return found


@pytest.mark.parametrize("programme", PROGRAMMES, ids=lambda p: p.id)
def test_every_seed_a_programme_names_is_cited_in_its_source(programme):
    text = (CATALOGUE_DIR / f"{programme.id}.yaml").read_text(encoding="utf-8")
    assert set(SEED_NAME.findall(text)) <= cited(programme)


@pytest.mark.parametrize("programme", [p for p in PROGRAMMES if cited(p)], ids=lambda p: p.id)
def test_dates_and_numbers_come_from_a_cited_seed(programme):
    folder = seeds_dir()
    sources = " ".join(normalised((folder / name).read_text(encoding="utf-8")) for name in cited(programme))
    sources = sources.replace("1er", "1")
    untraced = [
        (field, fact)
        for field, fact in french_facts(programme)
        if not re.search(rf"(?<!\d){re.escape(fact.replace('1er', '1'))}(?!\d)", sources)
    ]
    assert untraced == [], "cite the seed these come from in more_sources, or remove them"
