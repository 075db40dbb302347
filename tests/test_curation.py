"""The curation desk's work (navigator.catalogue.curation): what needs attention, an edit checked by the models and
shown as a diff, the file written keeping its comments and order, every change logged — never a bad edit written."""

import json
import shutil
from datetime import UTC, date, datetime

import pytest

from navigator.catalogue.curation import EditRefused, apply, needing_attention, propose, recent_changes, translations_to_review
from navigator.catalogue.loading import CATALOGUE_DIR, load_catalogue

TODAY = date(2026, 11, 23)


@pytest.fixture
def folder(tmp_path, monkeypatch):
    """A copy of two programme files, its own change log beside them."""
    monkeypatch.delenv("NAVIGATOR_CURATION_LOG", raising=False)
    target = tmp_path / "catalogue"
    target.mkdir()
    for name in ("infolang-poitiers.yaml", "france-travail.yaml"):
        shutil.copy(CATALOGUE_DIR / name, target / name)
    return target


def test_a_phone_edit_is_one_line_in_one_file(folder):
    path = folder / "infolang-poitiers.yaml"
    proposal = propose(path, {"contacts.phone": "05 47 41 41 00"})
    assert proposal.ok and proposal.problems == []
    assert [line for line in proposal.diff.splitlines() if line.startswith(("+ ", "- ", "+  ", "-  "))] == ["+  phone: 05 47 41 41 00"]
    assert path.read_text(encoding="utf-8") == proposal.before, "a preview writes nothing"


def test_writing_keeps_comments_and_order_and_logs_who_what_when(folder):
    path = folder / "infolang-poitiers.yaml"
    before = path.read_text(encoding="utf-8")
    proposal = propose(path, {"contacts.phone": "05 47 41 41 00", "last_checked": TODAY})
    entry = apply(proposal, "accueil-poitiers", "appel à la médiathèque", now=datetime(2026, 11, 23, 9, 30, tzinfo=UTC))
    after = path.read_text(encoding="utf-8")
    assert after.splitlines()[:3] == before.splitlines()[:3], "the schema line and the curators' comments stay"
    assert [ln for ln in after.splitlines() if ln not in before.splitlines()] == ["  phone: 05 47 41 41 00", "last_checked: 2026-11-23"]
    programme = load_catalogue(folder).get("infolang-poitiers")
    assert programme.contacts.phone == "+33547414100" and programme.last_checked == TODAY
    logged = [json.loads(line) for line in (folder / "changes.jsonl").read_text(encoding="utf-8").splitlines()]
    assert logged == [entry]
    assert set(entry) == {"when", "staff", "programme", "changes", "note"}
    assert entry["staff"] == "accueil-poitiers" and entry["programme"] == "infolang-poitiers"
    assert {c["field"] for c in entry["changes"]} == {"contacts.phone", "last_checked"}
    assert recent_changes(folder) == [entry]


@pytest.mark.parametrize(
    ("edits", "field"),
    [
        pytest.param({"contacts.phone": "01 02"}, "contacts.phone", id="a short phone"),
        pytest.param({"contacts.email": "pas-un-courriel"}, "contacts.email", id="a bad email"),
        pytest.param({"contacts.opening_hours": "le mardi après-midi !"}, "contacts.opening_hours", id="hours not in OSM syntax"),
        pytest.param({"status.state": "ended", "status.note": None}, "status", id="an unknown field for the desk"),
        pytest.param({"last_checked": date(2099, 1, 1)}, "last_checked", id="a check in the future"),
    ],
)
def test_a_bad_edit_never_reaches_the_file(folder, edits, field):
    path = folder / "france-travail.yaml"
    before = path.read_text(encoding="utf-8")
    try:
        proposal = propose(path, edits)
    except ValueError:
        assert field == "status", "only fields the desk does not edit are refused outright"
        return
    assert not proposal.ok
    assert any(p.field.startswith(field) for p in proposal.problems)
    with pytest.raises(EditRefused):
        apply(proposal, "accueil-poitiers")
    assert path.read_text(encoding="utf-8") == before
    assert not (folder / "changes.jsonl").exists()


def test_the_staff_label_is_a_desk_label_and_a_file_changed_meanwhile_is_not_overwritten(folder):
    path = folder / "france-travail.yaml"
    proposal = propose(path, {"contacts.website": "https://www.francetravail.fr/accueil"})
    with pytest.raises(EditRefused, match="label"):
        apply(proposal, "Marie Dupont")
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    with pytest.raises(EditRefused, match="changé"):
        apply(proposal, "accueil-poitiers")


def test_the_desk_lists_what_needs_attention(catalogue):
    reasons = {(a.programme, a.reason.split(" ")[0]) for a in needing_attention(catalogue, TODAY)}
    assert ("infolang-poitiers", "expérimentation") in reasons
    assert ("afpa-la-place", "statut") in reasons
    assert ("wejob-bordeaux", "pas") in reasons, "checked in 2019: past its 12-month re-check"
    assert not any(a.programme == "mission-locale-agen-carap" for a in needing_attention(catalogue, TODAY)), "ended"


def test_translations_to_review_per_language_count_drafts_and_changed_french(folder):
    """On a copy of two programmes with a catalogue.po written here: one reviewed entry, one draft, one fuzzy (its
    French changed), one broken, every other text missing (the real files' counts change as translators work)."""
    infolang = load_catalogue(folder).get("infolang-poitiers")
    name, summary, how, description = infolang.name["fr"], infolang.summary["fr"], infolang.access.how["fr"], infolang.description["fr"]
    po = folder.parent / "translations" / "en" / "LC_MESSAGES" / "catalogue.po"
    po.parent.mkdir(parents=True)
    quote = lambda s: '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'  # noqa: E731
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n\n'
        f"# reviewed-by: accueil-poitiers\nmsgid {quote(name)}\nmsgstr {quote('Infolang (reviewed)')}\n\n"
        f"msgid {quote(summary)}\nmsgstr {quote('A weekly drop-in (draft)')}\n\n"
        f"#, fuzzy\nmsgid {quote(how)}\nmsgstr {quote('An old way in')}\n\n"
        f"msgid {quote(description)}\nmsgstr {quote('Call {phone}')}\n\n",
        encoding="utf-8",
    )
    counts = translations_to_review(load_catalogue(folder))
    assert set(counts) == {"en"}
    english = counts["en"]
    assert (english["reviewed"], english["draft"], english["fuzzy"], english["broken"]) == (1, 1, 1, 1)
    assert english["missing"] == sum(english.values()) - 4 > 0
