"""The national directory's prepared file: what every process would build from the snapshot, built once at import,
written beside it and memory-mapped by each process — the same answers as building them in the process, and a
missing, stale, damaged or unwritable file is built again or built in memory, with a log line, never a crash."""

import json
import logging
import subprocess
import sys
from datetime import date
from pathlib import Path

import numpy as np
import pyarrow as pa
import pytest

from navigator.catalogue.data_inclusion import prepared as prepared_module
from navigator.catalogue.data_inclusion.directory_search import DirectorySearch
from navigator.catalogue.data_inclusion.importer import run_import
from navigator.catalogue.data_inclusion.national import load_national
from navigator.catalogue.data_inclusion.prepared import BuiltArrays, load_prepared
from navigator.catalogue.data_inclusion.records import read_records
from navigator.catalogue.data_inclusion.snapshot import INDEX_KEY, index_record, read_snapshot, snapshot_path
from navigator.catalogue.loading import CATALOGUE_DIR
from navigator.cli import main
from navigator.eligibility import CandidateIndex, match_offered
from navigator.eligibility.ranking import rank_routes
from navigator.indexing.mapped import MappedArrays
from navigator.loaded import load
from navigator.person.places import commune_positions
from navigator.person.profile import Profile
from navigator.presentation.sheet import route_code, route_codes

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "data_inclusion"
TODAY = date(2026, 12, 2)
PROFILES = [
    {"projects": ["find_job"], "statuses": ["job_seeker"], "postal_code": "75011"},
    {"projects": ["learn_french", "training"], "postal_code": "86000", "mobility": "walk"},
    {"projects": ["create_business"], "postal_code": "33500"},
    {"projects": ["digital_admin"], "abroad": True},
    {"statuses": ["refugee"]},
]
QUERIES = ["emploi paris", "atelier numerique", "francais", "poitiers", "conseil recrutement", "permanance", "dora", "xqzwv", "75011"]


def _import(folder: Path) -> Path:
    run_import(read_records(FIXTURES / "services.json"), read_records(FIXTURES / "structures.json"), "fixtures", directory=folder)
    return folder


def _prepared_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.glob("data-inclusion.index-*"))


def _answers(national) -> list:
    """What a visitor and the staff get: ranked routes with verdicts and reasons, and search hits with scores."""
    catalogue, directory = national.catalogue, national.directory
    candidates = CandidateIndex(catalogue.programmes)
    found = []
    for answers in PROFILES:
        person = Profile(**answers)
        routes = rank_routes(person, match_offered(person, candidates, TODAY), directory, TODAY, shown_per_project=50)
        found.append([(g.total, [(m.programme.id, m.verdict, m.reasons, m.warnings) for m in g.shown]) for g in routes.projects])
    search = DirectorySearch(directory)
    found.append([[h.as_json() for h in search.search(q)] for q in QUERIES])
    found.append([m.__dict__ for m in national.merges])
    found.append([directory.row_of[i] for i in directory.ids])
    return found


@pytest.fixture(scope="module")
def imported(tmp_path_factory, catalogue):
    folder = _import(tmp_path_factory.mktemp("data"))
    return folder, load_national(catalogue, folder)


def test_the_import_writes_the_prepared_file_the_snapshot_records(imported):
    folder, national = imported
    table, _info = read_snapshot(folder)
    name, token = index_record(table)
    assert _prepared_files(folder) == [name] and token in name
    assert isinstance(national.directory.arrays, MappedArrays) and national.directory.arrays.path == folder / name
    assert national.directory.arrays.metadata["snapshot"] == token


def test_mapped_arrays_answer_as_arrays_built_in_the_process(imported, catalogue, monkeypatch):
    folder, national = imported
    monkeypatch.setattr(prepared_module, "load_prepared", lambda table, _folder: BuiltArrays(table))
    monkeypatch.setattr("navigator.catalogue.data_inclusion.national.load_prepared", lambda table, _folder: BuiltArrays(table))
    built = load_national(catalogue, folder)
    assert isinstance(built.directory.arrays, BuiltArrays)
    assert _answers(national) == _answers(built)
    for name in ("project_bits", "status_bits", "updated", "has_conditions", "latitude", "name_rank", "zone_array", "level"):
        mine, theirs = getattr(national.directory, name), getattr(built.directory, name)
        assert mine.dtype == theirs.dtype and np.array_equal(mine, theirs, equal_nan=True), name


def test_what_matching_reads_is_read_only_pages_of_the_file(imported):
    directory = imported[1].directory
    for array in (directory.project_bits, directory.zone_array, directory.level, directory.zones.france):
        assert not array.flags.writeable
    assert directory.active.flags.writeable  # the curated duplicates left out: this process's own


def test_a_service_without_coordinates_is_placed_at_its_commune_in_the_file(imported):
    """The ranking's km read a position for every placeable service from the file: its own coordinates, else its
    commune's (worked out at import, not on a visitor's first tap)."""
    folder, national = imported
    directory = national.directory
    own = directory.table.column("latitude").to_pylist()
    communes = directory.table.column("code_insee").to_pylist()
    placed = {service_id: row for row, service_id in enumerate(directory.ids) if own[row] is None and communes[row]}
    assert "carif-oref--formation-vienne" in placed  # no coordinates of its own nor from its structure: Poitiers
    for row in placed.values():
        position = commune_positions()[communes[row]]
        assert (directory.latitude[row], directory.longitude[row]) == (position.latitude, position.longitude)
    row = directory.row_of["dora--emploi-paris-11"]
    assert (directory.latitude[row], directory.longitude[row]) == (own[row], directory.table.column("longitude")[row].as_py())
    nowhere = directory.row_of["1jeune1solution--demarches-en-ligne"]  # national, no commune: no position
    assert np.isnan(directory.latitude[nowhere]) and np.isnan(directory.longitude[nowhere])
    assert not directory.latitude.flags.writeable  # the file's pages, shared by the processes


def _with_metadata(folder: Path, change) -> None:
    """Rewrite the snapshot with its metadata changed (as an older version or another import would have left it)."""
    path = snapshot_path(folder)
    table = pa.ipc.open_file(pa.memory_map(str(path))).read_all()
    meta = dict(table.schema.metadata)
    change(meta)
    table = table.replace_schema_metadata(meta)
    with pa.OSFile(str(path) + ".new", "wb") as sink, pa.ipc.new_file(sink, table.schema) as writer:
        writer.write_table(table)
    Path(str(path) + ".new").replace(path)


@pytest.mark.parametrize(
    "spoil",
    [
        pytest.param(lambda folder, name: (folder / name).unlink(), id="missing"),
        pytest.param(lambda folder, name: (folder / name).write_bytes(b"ARROW1 not an arrow file"), id="damaged"),
        pytest.param(lambda folder, name: (folder / name).write_bytes((folder / name).read_bytes()[:2000]), id="cut-short"),
        pytest.param(lambda folder, name: _with_metadata(folder, lambda m: m.pop(INDEX_KEY)), id="snapshot-of-an-older-version"),
        pytest.param(
            lambda folder, name: _with_metadata(folder, lambda m: m.update({INDEX_KEY: json.dumps({"file": name, "snapshot": "other"})})),
            id="made-for-another-snapshot",
        ),
    ],
)
def test_a_missing_or_stale_prepared_file_is_built_again_for_every_process(tmp_path, catalogue, imported, spoil, caplog):
    folder = _import(tmp_path)
    name = _prepared_files(folder)[0]
    spoil(folder, name)
    with caplog.at_level(logging.WARNING):
        national = load_national(catalogue, folder)
    assert national is not None and "building it again" in caplog.text
    table, _ = read_snapshot(folder)
    rebuilt, _token = index_record(table)
    assert rebuilt in _prepared_files(folder) and isinstance(national.directory.arrays, MappedArrays)
    assert _answers(national) == _answers(imported[1])
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        load_national(catalogue, folder)  # the next process maps it as it is
    assert "building it again" not in caplog.text


def test_a_file_made_by_another_version_of_the_code_is_built_again(tmp_path, catalogue, monkeypatch, caplog):
    folder = _import(tmp_path)
    monkeypatch.setattr(prepared_module, "fingerprint", lambda: "another version")
    with caplog.at_level(logging.WARNING):
        national = load_national(catalogue, folder)
    assert "made by another version" in caplog.text and national.directory.arrays.metadata["fingerprint"] == "another version"


def test_where_the_file_cannot_be_written_each_process_builds_its_own(tmp_path, catalogue, imported, monkeypatch, caplog):
    folder = _import(tmp_path)
    (folder / _prepared_files(folder)[0]).unlink()

    def read_only(*_args):
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr(prepared_module, "write_arrays", read_only)
    with caplog.at_level(logging.WARNING):
        national = load_national(catalogue, folder)
    assert "cannot be written" in caplog.text and "import data-inclusion --prepare-only" in caplog.text
    assert isinstance(national.directory.arrays, BuiltArrays) and _prepared_files(folder) == []
    assert _answers(national) == _answers(imported[1])


def test_a_new_import_replaces_the_previous_prepared_file(tmp_path):
    folder = _import(tmp_path)
    first = _prepared_files(folder)
    _import(folder)
    second = _prepared_files(folder)
    assert len(second) == 1 and second != first
    assert second == [index_record(read_snapshot(folder)[0])[0]]


def test_loading_twice_maps_the_same_file(imported):
    folder, national = imported
    table, _ = read_snapshot(folder)
    again = load_prepared(table, folder)
    assert again.path == national.directory.arrays.path


def test_the_command_writes_the_prepared_file_again_after_an_upgrade(tmp_path, catalogue, capsys, caplog):
    folder = _import(tmp_path)
    (folder / _prepared_files(folder)[0]).unlink()  # as after an upgrade: stale, or gone
    assert main(["import", "data-inclusion", "--prepare-only", "--data-dir", str(folder)]) == 0
    name = index_record(read_snapshot(folder)[0])[0]
    assert capsys.readouterr().out.strip() == f"prepared: {folder / name}" and _prepared_files(folder) == [name]
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        assert isinstance(load_national(catalogue, folder).directory.arrays, MappedArrays)
    assert "building it again" not in caplog.text


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        pytest.param(["--prepare-only"], "no snapshot in", id="no-snapshot"),
        pytest.param(["services.json", "structures.json", "--prepare-only"], "--prepare-only reads no file", id="with-files"),
    ],
)
def test_the_prepare_only_command_says_what_is_wrong(tmp_path, capsys, argv, message):
    assert main(["import", "data-inclusion", *argv, "--data-dir", str(tmp_path)]) == 2
    assert message in capsys.readouterr().err and list(tmp_path.iterdir()) == []


def test_a_shared_link_code_names_the_route_it_was_made_for_curated_or_imported(imported):
    folder, _national = imported
    loaded = load(CATALOGUE_DIR, folder)
    ids = [p.id for p in loaded.catalogue] + list(loaded.directory.ids)
    codes = route_codes(ids)  # what a process used to build: code → id, over the catalogue and the whole directory
    for route_id in ids:
        assert loaded.shared_route(route_code(route_id)).id == route_id == loaded.route(codes[route_code(route_id)]).id
        assert loaded.shared_route(route_id).id == route_id  # an id written out works too
    assert loaded.shared_route("zzzzzzzz") is None and loaded.shared_route("") is None


def test_an_app_process_answers_and_searches_without_importing_what_only_staff_pages_use(imported):
    """pyarrow imports pandas on its first `pa.array` or `to_numpy` (0.2 s and ~30 MB per process), and only the
    staff pages use it (and altair, and the curation desk ruamel.yaml): the app's modules, the snapshot with its
    prepared file, matching, ranking, both search indexes and a shared link must not bring them in."""
    folder, _national = imported
    script = f"""
import sys
from datetime import date
from pathlib import Path
import navigator.ui.app
from navigator.catalogue.loading import CATALOGUE_DIR
from navigator.eligibility import match_offered
from navigator.eligibility.ranking import rank_routes
from navigator.loaded import load
from navigator.person.places import commune_positions
from navigator.person.profile import Profile
loaded = load(CATALOGUE_DIR, Path({str(folder)!r}))
person = Profile(projects=["find_job"], statuses=["job_seeker"], postal_code="75011")
assert rank_routes(person, match_offered(person, loaded.candidates, date.today()), loaded.directory, date.today()).total
assert loaded.search_all("emploi paris") and loaded.shared_route("dora--emploi-paris-11") is not None
print(sorted(m for m in sys.modules if m.split(".")[0] in ("pandas", "altair", "ruamel")))
"""
    found = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT)
    assert found.stdout.strip() == "[]", found.stdout + found.stderr


def test_processes_starting_together_on_a_stale_file_build_it_once_and_all_map_it(tmp_path):
    """Two app processes reading the snapshot at the same moment, its prepared file gone: one builds and writes it
    (under a lock on the snapshot), the other waits and maps what it wrote."""
    folder = _import(tmp_path)
    (folder / _prepared_files(folder)[0]).unlink()
    script = f"""
import logging
from pathlib import Path
from navigator.catalogue.data_inclusion.prepared import load_prepared
from navigator.catalogue.data_inclusion.snapshot import read_snapshot
logging.basicConfig(level=logging.WARNING)
table, _info = read_snapshot(Path({str(folder)!r}))
arrays = load_prepared(table, Path({str(folder)!r}))
print(type(arrays).__name__, len(arrays["rows.project_bits"]))
"""
    runs = [
        subprocess.Popen([sys.executable, "-c", script], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    outputs = [run.communicate(timeout=120) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    assert [out.strip() for out, _err in outputs] == ["MappedArrays 11", "MappedArrays 11"]
    assert sum(err.count("building it again") for _out, err in outputs) == 1, outputs
    assert len(_prepared_files(folder)) == 1 and not list(folder.glob("*.partial"))


def test_a_process_keeps_serving_from_the_files_it_mapped_while_the_nightly_import_replaces_them(tmp_path, catalogue):
    folder = _import(tmp_path)
    serving = load_national(catalogue, folder)
    before = _answers(serving)
    old = _prepared_files(folder)
    _import(folder)  # the cron line: a new snapshot and prepared file swapped in, the old prepared file removed
    assert _prepared_files(folder) != old and not (folder / old[0]).exists()
    assert _answers(serving) == before  # its mapped pages stay readable until it reloads
    assert _answers(load_national(catalogue, folder)) == before  # the same data imported again: the same answers
