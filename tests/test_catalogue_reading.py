"""Reading catalogue files written by people, on a bad day: only regular files inside the folder, within size and
YAML caps, every reading error a reported problem; the app keeps the last good catalogue and does not re-read
broken files on every rerun; Streamlit's anonymous clear_cache message drops nothing."""

import os
import shutil
import threading
from pathlib import Path

import pytest
import yaml
from factories import programme_file

from navigator.catalogue.loading import MAX_FILE_BYTES, CatalogueError, load_catalogue, read_programme

GOOD = yaml.safe_dump(programme_file(id="good-one"), allow_unicode=True)

ALIAS_BOMB = """\
id: bomb
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""


def finishes(function, *args, seconds: float = 60):
    """Run `function` in a thread; fail (instead of hanging the suite) if it does not come back."""
    result: dict = {}

    def run():
        try:
            result["value"] = function(*args)
        except BaseException as error:  # noqa: BLE001 (handed back to the test)
            result["error"] = error

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"{function.__name__} did not come back: it hangs on this file"
    if "error" in result:
        raise result["error"]
    return result["value"]


def problems_of(folder: Path) -> list:
    """Every problem of a folder's catalogue (it must fail to load)."""

    def load():
        with pytest.raises(CatalogueError) as caught:
            load_catalogue(folder)
        return caught.value.problems

    return finishes(load)


@pytest.fixture
def folder(tmp_path):
    """A catalogue folder with one good programme."""
    root = tmp_path / "catalogue"
    root.mkdir()
    (root / "good-one.yaml").write_text(GOOD, encoding="utf-8")
    return root


def only_problem(problems, file: str) -> str:
    found = [p for p in problems if p.file == file]
    assert len(found) == 1, problems
    return found[0].message


def test_an_alias_bomb_is_refused_before_any_object_is_built(folder):
    (folder / "bomb.yaml").write_text(ALIAS_BOMB)
    assert "aliases" in only_problem(problems_of(folder), "bomb.yaml")


def test_too_many_aliases_are_refused(folder):
    (folder / "aliases.yaml").write_text("id: aliases\na: &a x\nb: [" + ",".join(["*a"] * 500) + "]\n")
    assert "aliases" in only_problem(problems_of(folder), "aliases.yaml")


def test_an_alias_loop_is_refused(folder):
    (folder / "loop.yaml").write_text("id: loop\na: &a [1, *a]\n")
    assert "loop" in only_problem(problems_of(folder), "loop.yaml")


def test_too_many_values_are_refused(folder):
    (folder / "huge.yaml").write_text("id: huge\nkeywords: [" + ",".join(["w"] * 30_000) + "]\n")
    assert "values" in only_problem(problems_of(folder), "huge.yaml")


def test_values_nested_too_deeply_are_refused(folder):
    (folder / "deep.yaml").write_text("id: deep\nkeywords: " + "[" * 20_000 + "]" * 20_000 + "\n")
    assert "nested" in only_problem(problems_of(folder), "deep.yaml")


def test_a_file_too_large_is_not_read(folder):
    (folder / "large.yaml").write_text(GOOD + "#" + "x" * MAX_FILE_BYTES + "\n")
    assert "larger than" in only_problem(problems_of(folder), "large.yaml")


def test_a_pipe_named_like_a_programme_does_not_hang_the_catalogue(folder):
    os.mkfifo(folder / "pipe.yaml")
    assert "not a regular file" in only_problem(problems_of(folder), "pipe.yaml")


def test_a_folder_named_like_a_programme_is_a_problem(folder):
    (folder / "folder.yaml").mkdir()
    assert "not a regular file" in only_problem(problems_of(folder), "folder.yaml")


def test_a_dangling_link_is_a_problem(folder):
    (folder / "gone.yaml").symlink_to(folder / "nowhere.yaml")
    assert "does not exist" in only_problem(problems_of(folder), "gone.yaml")


def test_a_link_out_of_the_folder_is_not_followed(folder, tmp_path):
    secret = tmp_path / "shadow"
    secret.write_text("root:$6$secret-hash:19000:0:99999:7:::\nid: secret\n")
    (folder / "shadow.yaml").symlink_to(secret)
    problems = problems_of(folder)
    assert "outside the catalogue folder" in only_problem(problems, "shadow.yaml")
    assert not any("secret-hash" in str(p) for p in problems)


def test_a_link_to_a_device_is_not_read(folder):
    (folder / "zero.yaml").symlink_to("/dev/zero")
    assert "outside" in only_problem(problems_of(folder), "zero.yaml")


def test_a_link_inside_the_folder_is_read(folder):
    (folder / "good-two.yaml").symlink_to(folder / "good-one.yaml")
    problems = [p.message for p in problems_of(folder) if p.file == "good-two.yaml"]
    assert any("must match the file name" in message for message in problems)  # read: it names its id


def test_a_file_that_cannot_be_opened_is_a_problem(folder, monkeypatch):
    real_open = os.open

    def refuse(path, *args, **kwargs):
        if str(path).endswith("locked.yaml"):
            raise PermissionError(13, "Permission denied")
        return real_open(path, *args, **kwargs)

    (folder / "locked.yaml").write_text(GOOD)
    monkeypatch.setattr(os, "open", refuse)
    assert "cannot be read (Permission denied)" in only_problem(problems_of(folder), "locked.yaml")


def test_a_long_unknown_field_is_quoted_as_a_short_excerpt(folder):
    (folder / "long.yaml").write_text(GOOD.replace("id: good-one", "id: long") + "a" * 5000 + ": 1\n")
    problems = problems_of(folder)
    long = [p for p in problems if p.file == "long.yaml"]
    assert long and all(len(p.field) <= 40 and len(p.message) <= 300 for p in long)


def test_a_file_with_thousands_of_problems_lists_the_first_ones(folder):
    fields = "".join(f"unknown_{n}: 1\n" for n in range(500))
    (folder / "many.yaml").write_text(GOOD.replace("id: good-one", "id: many") + fields)
    many = [p for p in problems_of(folder) if p.file == "many.yaml"]
    assert len(many) == 21 and "480 more" in many[-1].message


def test_the_good_files_still_read(folder):
    programme, problems = read_programme(folder / "good-one.yaml")
    assert programme is not None and problems == []


# The app's holder: what is shared by the whole process.


class Counting:
    """A catalogue builder that counts its readings."""

    def __init__(self):
        from navigator.ui.resources import build

        self.build, self.calls = build, 0

    def __call__(self, directory, **options):
        self.calls += 1
        return self.build(directory, **options)


@pytest.fixture
def holder(folder):
    from navigator.ui.resources import CatalogueHolder

    class Clock:
        now = 0.0

        def __call__(self):
            return self.now

    clock = Clock()
    builder = Counting()
    made = CatalogueHolder(directory=lambda: folder, builder=builder, recheck_seconds=5, clock=clock)
    made.clock, made.builder = clock, builder
    return made


def test_a_broken_catalogue_is_not_read_again_on_every_rerun(holder, folder):
    (folder / "broken.yaml").write_text("id: [")
    for _ in range(50):
        holder.clock.now += 1
        loaded, error = holder.get()
        assert loaded is None and error is not None
    assert holder.builder.calls == 1


def test_a_broken_catalogue_is_read_again_once_the_files_change(holder, folder):
    (folder / "broken.yaml").write_text("id: [")
    holder.get()
    (folder / "broken.yaml").unlink()
    holder.clock.now += 1
    assert holder.get()[1] is not None, "looked at no sooner than the recheck period"
    holder.clock.now += 5
    loaded, error = holder.get()
    assert error is None and len(loaded.catalogue) == 1
    assert holder.builder.calls == 2


def test_the_last_good_catalogue_keeps_serving_while_the_files_are_broken(holder, folder):
    good, _ = holder.get()
    (folder / "pipe.yaml").unlink(missing_ok=True)
    os.mkfifo(folder / "pipe.yaml")
    holder.reload()
    served, error = holder.get()
    assert served is good and "pipe.yaml" in str(error)


def test_a_missing_folder_is_a_problem_not_a_crash(holder, folder):
    shutil.rmtree(folder)
    loaded, error = holder.get()
    assert loaded is None and "not found" in str(error)


def test_streamlits_clear_cache_message_drops_nothing():
    """What Streamlit does on the anonymous `clear_cache` websocket message (AppSession._handle_clear_cache_request)."""
    from streamlit.runtime import caching

    from navigator.ui import resources

    before, _ = resources.get_catalogue()
    readings = resources.CATALOGUE.readings
    stats = resources.stats_store()
    caching.cache_data.clear()
    caching.cache_resource.clear()
    after, _ = resources.get_catalogue()
    assert after is before and resources.CATALOGUE.readings == readings
    assert resources.stats_store() is stats
