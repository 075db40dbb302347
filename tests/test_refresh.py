"""Every app process picks up a new snapshot and a changed catalogue by itself: the background check (`refresh`) looks
at the files' signature, reads everything again aside and swaps it in; a visitor's rerun (`get`) looks at no file."""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path

import pyarrow as pa
import pytest

from navigator.catalogue.data_inclusion import prepared
from navigator.catalogue.data_inclusion.importer import run_import
from navigator.catalogue.data_inclusion.records import read_records
from navigator.catalogue.data_inclusion.snapshot import SNAPSHOT_NAME
from navigator.catalogue.loading import CATALOGUE_DIR
from navigator.loaded import GENERATION_NAME, bump_generation, sources_signature
from navigator.ui import resources

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "data_inclusion"
#: Two programmes of the shipped catalogue: enough to read, quick to read again.
SOME = ("france-travail.yaml", "infolang-poitiers.yaml")


def import_fixtures(data: Path, source: str) -> None:
    """An import as the command line runs it: written beside the current snapshot, then swapped in."""
    run_import(read_records(FIXTURES / "services.json"), read_records(FIXTURES / "structures.json"), source, directory=data)


@pytest.fixture
def folders(tmp_path, monkeypatch):
    """A small catalogue folder and an empty data folder (NAVIGATOR_DATA_DIR), for a holder of the test's own."""
    catalogue, data = tmp_path / "catalogue", tmp_path / "data"
    catalogue.mkdir()
    data.mkdir()
    for name in SOME:
        shutil.copy(CATALOGUE_DIR / name, catalogue / name)
    monkeypatch.setenv("NAVIGATOR_DATA_DIR", str(data))
    return catalogue, data


class Counting:
    """The app's own builder, counted."""

    def __init__(self):
        self.calls = 0

    def __call__(self, directory, **options):
        self.calls += 1
        return resources.build(directory, **options)


@pytest.fixture
def holder(folders):
    made = resources.CatalogueHolder(directory=lambda: folders[0], builder=Counting())
    made.get()
    return made


def test_nothing_is_read_again_when_nothing_changed(holder):
    first, _ = holder.get()
    assert [holder.refresh() for _ in range(5)] == [False] * 5
    assert holder._build.calls == 1 and holder.get()[0] is first


def test_a_visitors_rerun_looks_at_no_file(holder, monkeypatch):
    """`get` on a good catalogue reads an attribute: no stat, listing or open on the way."""
    looked = []

    def noted(name, real):
        return lambda *args, **kwargs: looked.append(name) or real(*args, **kwargs)

    for name in ("stat", "lstat", "scandir", "listdir", "open"):
        monkeypatch.setattr(os, name, noted(name, getattr(os, name)))
    loaded, error = holder.get()
    monkeypatch.undo()
    assert loaded is not None and error is None and looked == []


def test_a_new_snapshot_is_served_once_swapped_in_and_a_visitor_mid_flow_keeps_theirs(holder, folders):
    before, _ = holder.get()
    assert before.directory is None
    import_fixtures(folders[1], "fixtures of the night")
    assert holder.refresh()
    after, _ = holder.get()
    assert after is not before and after.directory.info.source == "fixtures of the night"
    assert after.route("dora--emploi-paris-11") is not None
    assert before.route("infolang-poitiers") is not None  # what a rerun already holds still answers
    assert not holder.refresh()  # and is not read a second time


def test_a_second_import_replaces_the_first_and_its_prepared_file_is_reused_not_built(holder, folders, monkeypatch):
    import_fixtures(folders[1], "first")
    holder.refresh()
    import_fixtures(folders[1], "second")
    built = []
    monkeypatch.setattr(prepared, "prepare_again", lambda *args: built.append(args))
    assert holder.refresh()
    loaded, _ = holder.get()
    assert loaded.directory.info.source == "second" and built == []
    (made,) = folders[1].glob("data-inclusion.index-*.arrow")
    assert loaded.directory.prepared_file == made


def test_a_broken_snapshot_is_refused_the_old_one_kept_with_a_clear_log_line(holder, folders, caplog):
    import_fixtures(folders[1], "good")
    holder.refresh()
    good, _ = holder.get()
    broken = folders[1] / "broken.partial"
    broken.write_bytes(b"ARROW1 half of a file")
    os.replace(broken, folders[1] / SNAPSHOT_NAME)  # as a rename would swap it in
    with caplog.at_level(logging.ERROR, logger="navigator.ui.resources"):
        assert holder.refresh()
    served, error = holder.get()
    assert served is good and error is None and served.route("dora--emploi-paris-11") is not None
    (line,) = [r.getMessage() for r in caplog.records]
    assert line.startswith("new national directory snapshot refused:") and SNAPSHOT_NAME in line
    assert "keeps serving" in line and "imported" in line and "from good" in line
    assert holder.refused and SNAPSHOT_NAME in holder.refused
    assert not holder.refresh(), "not read again until the file changes"
    import_fixtures(folders[1], "mended")
    assert holder.refresh() and holder.get()[0].directory.info.source == "mended" and holder.refused is None


def test_a_snapshot_of_another_shape_is_refused_too(holder, folders):
    import_fixtures(folders[1], "good")
    holder.refresh()
    with pa.OSFile(str(folders[1] / SNAPSHOT_NAME), "wb") as sink, pa.ipc.new_file(sink, pa.schema([("x", pa.int8())])) as writer:
        writer.write_table(pa.table({"x": pa.array([1], pa.int8())}))
    assert holder.refresh()
    assert holder.get()[0].directory.info.source == "good" and holder.refused


def test_a_changed_programme_file_is_read_again(holder, folders):
    path = folders[0] / SOME[1]
    path.write_text(
        path.read_text(encoding="utf-8").replace("Espace ressources Infolang", "Espace ressources Infolang (nouvelle adresse)", 1),
        encoding="utf-8",
    )
    assert holder.refresh()
    assert "nouvelle adresse" in holder.get()[0].catalogue.get("infolang-poitiers").name["fr"]


def test_a_broken_programme_file_keeps_the_good_catalogue_and_is_not_read_on_every_check(holder, folders):
    good, _ = holder.get()
    (folders[0] / "broken.yaml").write_text("id: [")
    assert holder.refresh()
    served, error = holder.get()
    assert served is good and "broken.yaml" in str(error)
    assert not holder.refresh() and holder._build.calls == 2


def test_the_staff_reload_reaches_the_other_processes(holder, folders, monkeypatch):
    """Another process is another holder on the same files: the staff reload replaces the generation file it looks at."""
    other = resources.CatalogueHolder(directory=lambda: folders[0], builder=Counting())
    other.get()
    monkeypatch.setattr(resources, "CATALOGUE", holder)
    resources.reload_catalogue()
    assert holder._build.calls == 2 and (folders[1] / GENERATION_NAME).is_file()
    assert not holder.refresh(), "the process that reloaded does not read a second time"
    assert other.refresh() and other._build.calls == 2


def test_the_generation_file_is_replaced_not_rewritten(folders):
    first = sources_signature(folders[0])
    bump_generation()
    second = sources_signature(folders[0])
    bump_generation()
    assert len({first, second, sources_signature(folders[0])}) == 3
    assert [p.name for p in folders[1].iterdir()] == [GENERATION_NAME]  # nothing left beside it


def test_where_the_data_folder_cannot_be_written_the_staff_reload_still_reloads_this_process(holder, monkeypatch, caplog):
    def read_only(*_args):
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr(resources, "CATALOGUE", holder)
    monkeypatch.setattr(resources, "bump_generation", read_only)
    with caplog.at_level(logging.WARNING, logger="navigator.ui.resources"):
        resources.reload_catalogue()
    assert holder._build.calls == 2 and "Read-only file system" in caplog.text


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param(None, resources.DEFAULT_REFRESH_SECONDS, id="unset: the default"),
        pytest.param("2.5", 2.5, id="seconds"),
        pytest.param("0", 0.0, id="0: never"),
        pytest.param("-3", 0.0, id="negative: never"),
        pytest.param("soon", resources.DEFAULT_REFRESH_SECONDS, id="not a number: the default"),
    ],
)
def test_how_often_a_process_looks(monkeypatch, value, expected):
    if value is None:
        monkeypatch.delenv(resources.REFRESH_VARIABLE, raising=False)
    else:
        monkeypatch.setenv(resources.REFRESH_VARIABLE, value)
    assert resources.refresh_seconds() == expected


def test_no_background_thread_when_refreshing_is_off():
    assert resources.watch(every=0) is None


def test_the_staff_desk_says_what_this_process_serves_and_a_refused_snapshot(holder, folders, monkeypatch, staff_key):
    from app_helpers import unlocked_staff_desk

    monkeypatch.setattr(resources, "CATALOGUE", holder)
    import_fixtures(folders[1], "fixtures of the night")
    holder.refresh()

    def said(at) -> str:
        return "\n".join([c.value for c in at.caption] + [w.value for w in at.warning])

    page = said(unlocked_staff_desk().run())
    assert f"Ce processus (n° {os.getpid()}) sert 2 programmes du catalogue" in page
    assert "l'instantané data·inclusion importé le" in page and "(fixtures of the night) : 10 services proposés" in page
    assert "refusé" not in page
    (folders[1] / "broken.partial").write_bytes(b"not arrow")
    os.replace(folders[1] / "broken.partial", folders[1] / SNAPSHOT_NAME)  # never written over the mapped file
    holder.refresh()
    page = said(unlocked_staff_desk().run())
    assert "(fixtures of the night) : 10 services proposés" in page
    assert "Un nouvel instantané a été refusé, ce processus sert encore le précédent" in page and SNAPSHOT_NAME in page


def test_a_changed_translation_is_read_again(folders, tmp_path):
    """A catalogue's translations are each language's catalogue.po in the translations folder beside it."""
    po = tmp_path / "translations" / "en" / "LC_MESSAGES" / "catalogue.po"
    po.parent.mkdir(parents=True)
    po.write_text('msgid ""\nmsgstr ""\n', encoding="utf-8")
    first = sources_signature(folders[0])
    assert sources_signature(folders[0]) == first
    po.write_text('msgid ""\nmsgstr ""\n\nmsgid "Espace ressources Infolang"\nmsgstr "Infolang resource centre"\n', encoding="utf-8")
    assert sources_signature(folders[0]) != first
