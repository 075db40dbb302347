"""Arrays written once and memory-mapped read-only (`navigator.indexing.mapped`): they read back as written, in
place, and sorted keys are found as a dict would find them."""

import bisect
import os

import numpy as np
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from navigator.indexing.mapped import (
    Groups,
    InMemoryArrays,
    MappedArrays,
    SortedKeys,
    groups_arrays,
    read_metadata,
    sorted_keys_array,
    write_arrays,
)

#: Keys as the directory has them: codes, accented and Arabic words, digits, tuples of (kind, code).
KEYS = st.one_of(
    st.text(alphabet="abcéèz09-_ تعلم🙂", min_size=1, max_size=12),
    st.tuples(st.sampled_from(["commune", "epci", "departement"]), st.text(alphabet="0123456789AB", min_size=1, max_size=9)),
)


def test_arrays_read_back_as_written_and_in_place(tmp_path):
    keys, _ = sorted_keys_array(["86194", "75111", "2A004"])
    written = {
        "bits": np.array([1, 2**40, 0], dtype=np.int64),
        "days": np.array([20000, -1, 7], dtype=np.int32),
        "flags": np.array([True, False, True]),
        "km": np.array([1.5, np.nan, -2.0]),
        "keys": keys,
        "empty": np.array([], dtype=np.int64),
        "texts": pa.array(["Poitiers", None, "تعلم"], pa.string()),
    }
    path = write_arrays(tmp_path / "prepared.arrow", written, {"snapshot": "abc", "rows": 3})
    assert read_metadata(path) == {"snapshot": "abc", "rows": 3}
    mapped = MappedArrays(path)
    for name, values in written.items():
        if name == "texts":
            assert mapped.strings(name).to_pylist() == ["Poitiers", None, "تعلم"]
            continue
        got = mapped[name]
        assert got.dtype == values.dtype and np.array_equal(got, values, equal_nan=values.dtype.kind == "f"), name
    assert not mapped["bits"].flags.writeable  # read-only: no process can change what the others read
    with pytest.raises(ValueError):
        mapped["bits"][0] = 5
    # In place: the array's memory lies inside the mapping of the file, not in a copy.
    address = mapped["bits"].__array_interface__["data"][0]
    with open("/proc/self/maps") as maps:
        regions = [line.split() for line in maps if line.rstrip().endswith(str(path))]
    assert any(int(r[0].split("-")[0], 16) <= address < int(r[0].split("-")[1], 16) for r in regions)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["prepared.arrow"]  # no temporary file left
    assert os.stat(path).st_mode & 0o044 == 0o044  # readable by the app's processes, whoever wrote it


def test_a_failed_write_leaves_the_previous_file_and_no_temporary(tmp_path, monkeypatch):
    path = write_arrays(tmp_path / "prepared.arrow", {"a": np.arange(3)}, {"v": 1})
    before = path.read_bytes()

    def failing_replace(*_):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(OSError, match="disk full"):
        write_arrays(path, {"a": np.arange(5)}, {"v": 2})
    assert path.read_bytes() == before and sorted(p.name for p in tmp_path.iterdir()) == ["prepared.arrow"]


@settings(max_examples=100, deadline=None)
@given(st.lists(KEYS, unique=True, max_size=30), st.lists(KEYS, max_size=10))
def test_sorted_keys_are_found_as_a_dict_finds_them_and_sorted_as_python_sorts(keys, others):
    encoded, order = sorted_keys_array(keys)
    found = SortedKeys(encoded)
    texts = ["\x1f".join(k) if isinstance(k, tuple) else k for k in keys]
    assert list(found) == sorted(texts) and [texts[i] for i in order] == sorted(texts)
    for key in [*keys, *others]:
        text = "\x1f".join(key) if isinstance(key, tuple) else key
        at = found.find(key)
        assert (at is not None) == (text in texts) and (key in found) == (text in texts)
        if at is not None:
            assert found[at] == text
        assert bisect.bisect_left(found, text) == bisect.bisect_left(sorted(texts), text)  # prefix look-ups start there


@settings(max_examples=60, deadline=None)
@given(st.dictionaries(KEYS, st.lists(st.integers(min_value=0, max_value=10**6), max_size=5), max_size=20), st.lists(KEYS, max_size=5))
def test_groups_read_like_the_dict_they_were_made_of(groups, others):
    arrays = {k: np.array(v, dtype=np.int64) for k, v in groups.items()}
    read = Groups(InMemoryArrays(groups_arrays("g", arrays)), "g")
    assert len(read) == len(arrays)
    for key, values in arrays.items():
        assert key in read and read[key].tolist() == values.tolist() and read.get(key).tolist() == values.tolist()
    for key in others:
        if key not in arrays:
            assert key not in read and read.get(key) is None and read.get(key, []) == []
            with pytest.raises(KeyError):
                read[key]


def test_keys_a_dict_of_texts_would_not_hold_are_found_nowhere():
    read = Groups(InMemoryArrays(groups_arrays("g", {("epci", "200054781"): np.array([3]), "86": np.array([1])})), "g")
    assert read.get(("epci", "200054781")).tolist() == [3] and read.get("86").tolist() == [1]
    for key in [("epci", None), ("epci",), 86, None]:
        assert read.get(key) is None and key not in read
