"""The search index's postings hold exactly the words a plain, text-by-text reading finds."""

from collections import defaultdict

import numpy as np
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from navigator.indexing.mapped import InMemoryArrays
from navigator.indexing.numpy_tools import (
    arrow_of,
    arrow_texts,
    codes_of,
    expand,
    first_of_each,
    index_by,
    numpy_of,
    positions_by,
    sorted_unique,
)
from navigator.search.index import STOPWORDS
from navigator.search.word_index import MERGE_ABOVE, SHARED_ABOVE, MappedPostings, build_postings, postings_arrays
from navigator.text import fold, fold_each

#: Letters with accents, Arabic with harakat, Ethiopic, punctuation, and the whitespace Python and Arrow may disagree on.
ALPHABET = "abcdeéèœ'’-. 0123456789ÉÇçAB تَعلم ትምህርት\t\n\x00\x1c\x1f\u3000\u00a0\u200b🙂"
texts = st.text(alphabet=ALPHABET, max_size=40)


def plain_postings(programmes, field_texts):
    """word → field → set of positions, one text at a time with `fold`: what the index must hold."""
    found = defaultdict(lambda: defaultdict(set))
    for position, programme in enumerate(programmes):
        for field, texts_of in field_texts.items():
            for text in texts_of(programme):
                for word in fold(text).split():
                    if len(word) > 1 and word not in STOPWORDS:
                        found[word][field].add(position)
    return found


FIELDS = {"name": lambda p: p[0], "summary": lambda p: p[1]}


def assert_same_as_plain_reading(programmes):
    postings = build_postings(programmes, FIELDS, STOPWORDS)
    expected = plain_postings(programmes, FIELDS)
    assert set(postings) == set(expected)
    for word, fields in expected.items():
        got = defaultdict(set)
        for field, docs in postings.of(word):
            assert docs.tolist() == sorted(docs.tolist()), (word, field)
            got[field] |= set(docs.tolist())
        assert got == fields, word


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.lists(texts, max_size=3), st.lists(texts, max_size=2)), max_size=12))
def test_postings_of_any_texts_are_those_of_a_plain_reading(programmes):
    assert_same_as_plain_reading(programmes)
    assert_mapped_same_as_built(programmes)


@settings(max_examples=30, deadline=None)
@given(st.lists(texts, min_size=1, max_size=2), st.integers(min_value=2 * SHARED_ABOVE + 1, max_value=SHARED_ABOVE * 3), st.data())
def test_texts_shared_by_many_programmes_are_merged_like_the_others(pool, size, data):
    """Texts held by more than SHARED_ABOVE programmes take the word-by-word path (with two pool texts and
    over twice SHARED_ABOVE programmes, one pool text always does); mixed with texts held by one programme."""
    programmes = _sharing(pool, size, data)
    assert_same_as_plain_reading(programmes)
    assert_mapped_same_as_built(programmes)


def _sharing(pool, size, data) -> list:
    programmes = []
    for i in range(size):
        shared, again = data.draw(st.sampled_from(pool)), data.draw(st.sampled_from(pool))
        # The same words again in a text only this programme holds ("… n7"), so a word is on both paths.
        programmes.append(([shared, f"{again} n{i}"], [data.draw(st.sampled_from(pool))]))
    return programmes


def test_a_word_in_many_shared_texts_gets_one_merged_array():
    texts = [f"atelier numérique {k}" for k in range(MERGE_ABOVE + 2)]
    programmes = [([texts[i % len(texts)], f"atelier {i}"], []) for i in range(len(texts) * (SHARED_ABOVE + 1))]
    assert_same_as_plain_reading(programmes)
    arrays = [docs for field, docs in build_postings(programmes, FIELDS, STOPWORDS).of("numerique") if field == "name"]
    assert len(arrays) == 1 and len(arrays[0]) == len(programmes)


def test_a_word_absent_from_the_catalogue_has_no_postings():
    postings = build_postings([(["Cours de français"], [])], FIELDS, STOPWORDS)
    assert "cours" in postings and "francais" in postings
    assert postings.of("velo") == []
    assert postings.of("de") == []  # a stopword is not indexed


def test_no_programmes_no_postings():
    assert len(build_postings([], FIELDS, STOPWORDS)) == 0


@given(st.lists(texts, max_size=20))
def test_folding_many_texts_at_once_is_folding_each(items):
    assert [" ".join(f.split()) for f in fold_each(items)] == [fold(t) for t in items]


@pytest.mark.parametrize(
    ("keys", "codes", "distinct"),
    [
        (["b", "a", "b", "c"], [0, 1, 0, 2], ["b", "a", "c"]),
        ([], [], []),
        ([("x", 1), ("x", 1)], [0, 0], [("x", 1)]),
    ],
)
def test_equal_keys_get_equal_numbers_in_order_of_first_appearance(keys, codes, distinct):
    got_codes, got_distinct = codes_of(keys)
    assert got_codes.tolist() == codes and got_distinct == distinct


def test_positions_are_grouped_by_number_and_indexed_by_key():
    codes = np.array([1, 0, 1, 2, 0])
    groups = positions_by(codes, 3)
    assert [g.tolist() for g in groups] == [[1, 4], [0, 2], [3]]
    by_key = index_by([["fr", "en"], ["fr"], []], groups)
    assert {k: v.tolist() for k, v in by_key.items()} == {"fr": [0, 1, 2, 4], "en": [1, 4]}
    assert positions_by(np.array([], dtype=np.int64), 0) == []


def test_runs_are_laid_end_to_end():
    owner, at = expand(np.array([10, 0, 5]), np.array([2, 0, 3]))
    assert owner.tolist() == [0, 0, 2, 2, 2] and at.tolist() == [10, 11, 5, 6, 7]


def test_sorted_unique_is_numpys_unique():
    values = np.array([5, 1, 5, 3, 1, 9])
    assert sorted_unique(values).tolist() == np.unique(values).tolist()
    assert sorted_unique(np.array([], dtype=np.int64)).tolist() == []


def test_first_of_each_value_and_the_group_of_every_element():
    firsts, group = first_of_each(np.array([7, 3, 7, 9, 3]))
    assert sorted(firsts) == [0, 1, 3]
    assert group.tolist() == [1, 0, 1, 2, 0]  # groups numbered by value: 3, 7, 9


def assert_mapped_same_as_built(programmes):
    """The postings as the prepared file holds them (`postings_arrays`, read by `MappedPostings`) give each word the
    same fields and programmes as the built ones, and the same words in the same sorted order."""
    built = build_postings(programmes, FIELDS, STOPWORDS)
    mapped = MappedPostings(InMemoryArrays(postings_arrays(built, len(programmes))), list(built.fields))
    assert list(mapped) == sorted(built) and len(mapped) == len(built)
    for word in built:
        assert word in mapped
        expected, got = defaultdict(set), defaultdict(set)
        for field, docs in built.of(word):
            expected[field] |= set(docs.tolist())
        for field, docs in mapped.of(word):
            assert docs.tolist() == sorted(set(docs.tolist())), (word, field)
            got[field] |= set(docs.tolist())
        assert got == expected and [f for f, _ in mapped.of(word)] == list(dict.fromkeys(f for f, _ in built.of(word))), word
    assert mapped.of("zzzz-absent") == [] and "zzzz-absent" not in mapped


@given(st.lists(texts, max_size=20))
def test_texts_reach_arrow_as_pyarrow_would_carry_them(items):
    assert arrow_texts(items).to_pylist() == items


@pytest.mark.parametrize("dtype", [np.int8, np.int32, np.int64, np.uint8, np.float64])
def test_numbers_go_between_numpy_and_arrow_on_the_same_memory(dtype):
    values = np.arange(10).astype(dtype)
    arrow = arrow_of(values)
    assert arrow.to_pylist() == values.tolist()
    back = numpy_of(arrow.slice(3, 4))  # an offset into the buffer
    assert back.dtype == values.dtype and back.tolist() == values[3:7].tolist() and np.shares_memory(back, values)
    assert numpy_of(arrow.slice(0, 0)).tolist() == []


def test_an_arrow_array_with_nulls_has_no_numpy_view():
    with pytest.raises(ValueError, match="nulls"):
        numpy_of(pa.array([1, None], pa.int64()))
