"""Search cases from tests/cases/search.yaml, and search's promises on bad or empty queries."""

from pathlib import Path

import pytest
import yaml

from navigator.search.index import SearchIndex

CASES = yaml.safe_load((Path(__file__).parent / "cases" / "search.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[c["query"] for c in CASES])
def test_expected_programme_in_the_top_3(case, index):
    hits = index.search(case["query"], lang=case.get("lang", "fr"))
    assert case["expect"] in [h.id for h in hits[:3]], [(h.id, round(h.score, 2)) for h in hits[:5]]


def test_there_are_at_least_30_search_cases():
    assert len(CASES) >= 30


@pytest.mark.parametrize("query", ["", "   ", "xqzwvk", "🙂🙂🙂", "!!!???", "zzzz qqqq"])
def test_empty_or_nonsense_finds_nothing(index, query):
    assert index.search(query) == []


@pytest.mark.parametrize("query", ["a" * 10_000, "cours " * 2000, "🙂" * 10_000, "\u202e" * 500 + "FLE"])
def test_huge_queries_are_cut_not_refused(index, query):
    hits = index.search(query)
    assert len(hits) <= 10
    if query.startswith("cours"):
        assert hits, "the words within the first characters are still searched"


def test_each_hit_says_which_fields_matched(index):
    (top, *_) = index.search("FLE")
    assert top.matched and set(top.matched) <= {"name", "keywords", "organisation", "synonym", "place", "summary", "description"}


def test_ended_programmes_rank_below_active_ones_and_are_labelled(index, catalogue):
    hits = index.search("mission locale agen", limit=20)  # ended ones come last, after every active hit
    ended = [i for i, h in enumerate(hits) if h.ended]
    assert ended and all(not h.ended for h in hits[: ended[0]])
    assert all(hits[i].id == "mission-locale-agen-carap" for i in ended)


def test_the_name_comes_in_the_requested_language(index):
    (top, *_) = index.search("infolang", lang="ar")
    assert top.name != "Espace ressources Infolang"


def test_an_empty_catalogue_finds_nothing():
    assert SearchIndex([]).search("FLE") == []


@pytest.mark.parametrize("limit", [-5, 0, 10_000])
def test_any_limit_is_clamped(index, limit):
    assert 1 <= len(index.search("FLE", limit=limit)) <= 100


def test_search_reads_st_as_saint_like_the_place_question(index):
    """Town names in search go through the same lookup as the place question ('St' is 'Saint')."""
    written_out = [h.id for h in index.search("vigne saint emilion")]
    abbreviated = [h.id for h in index.search("vigne st emilion")]
    assert written_out[0] == abbreviated[0] == "ecole-de-la-vigne"
    assert "plateforme-mobilite-libournais" in {h.id for h in index.search("st emilion")}  # the town's intercommunality
