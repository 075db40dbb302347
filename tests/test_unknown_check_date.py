"""An entry whose last check is unknown (issue #15: the national entries' 2026-11-23 was recorded by no check).

`last_checked` may be left out: the card says, in the visitor's language, that the date is unknown and to call before
going; freshness treats the entry as due for a re-check; the desks list it; "checked today" gives it its date."""

import html
import re
import shutil
from datetime import date

import pytest
from factories import TODAY, make_programme, shipped_catalogue

from navigator.catalogue.curation import apply, needing_attention, propose
from navigator.catalogue.freshness import Concern, concerns, describe, is_stale, recheck_due
from navigator.catalogue.loading import CATALOGUE_DIR, load_catalogue
from navigator.eligibility.matching import lifecycle_warnings
from navigator.eligibility.reasons import ReasonCode
from navigator.i18n import translator
from navigator.presentation.cards import card_html
from navigator.presentation.sheet import sheet_html
from navigator.presentation.staff_labels import hit_line, warning_lines

UNDATED = make_programme(id="undated", last_checked=None)
WARNING = "The date this information was last checked is unknown. Call before you go."


def visible(page: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def test_a_file_may_leave_last_checked_out_and_it_is_read_as_unknown():
    assert UNDATED.last_checked is None


def test_freshness_treats_an_unknown_check_date_as_due_for_a_re_check():
    assert recheck_due(UNDATED) is None and is_stale(UNDATED, TODAY)
    assert concerns(UNDATED, TODAY) == [Concern.CHECK_DATE_UNKNOWN]
    assert concerns(make_programme(last_checked=None, status={"state": "ended", "note": {"fr": "Fini."}}), TODAY) == []


def test_the_visitor_is_told_the_date_is_unknown_rather_than_shown_a_date():
    (warning,) = lifecycle_warnings(UNDATED, TODAY)
    assert warning.code is ReasonCode.INFORMATION_UNDATED
    page = visible(card_html(UNDATED, "en", TODAY))
    assert WARNING in page
    assert "Information checked on" not in page and "None" not in page
    assert "Source:" in page  # the source is still named


@pytest.mark.parametrize("lang", ["fr", "ar", "uk", "ti", "ht"])
def test_the_unknown_date_is_said_in_the_visitors_language(lang):
    said = translator(lang).gettext(WARNING)
    assert said != WARNING, f"no {lang} translation"
    page = visible(card_html(UNDATED, lang, TODAY))
    assert said in page and "None" not in page


def test_the_printed_sheet_says_it_too_and_prints_no_date():
    page = visible(sheet_html([UNDATED], "es", TODAY, "Mis caminos"))
    assert translator("es").gettext(WARNING) in page
    assert "None" not in page and translator("es").gettext("Information checked on {day}.").split("{")[0] not in page


def test_staff_read_that_no_check_is_recorded():
    assert "date de vérification inconnue" in hit_line(UNDATED, TODAY)
    (line,) = [ln for ln in warning_lines([UNDATED], TODAY) if "vérification" in ln]
    assert "date de dernière vérification inconnue" in line
    assert describe(UNDATED, Concern.CHECK_DATE_UNKNOWN).startswith("date de dernière vérification inconnue")


def test_the_shipped_national_entries_are_listed_on_the_curation_desk():
    listed = {a.programme for a in needing_attention(shipped_catalogue(), TODAY) if "inconnue" in a.reason}
    assert {"france-travail", "mission-locale", "cap-emploi", "adie", "france-active"} <= listed


def test_checked_today_gives_an_undated_entry_its_date_where_the_other_files_have_it(tmp_path):
    folder = tmp_path / "catalogue"
    shutil.copytree(CATALOGUE_DIR, folder)
    path = folder / "france-travail.yaml"
    proposal = propose(path, {"last_checked": date(2026, 11, 30)})
    assert proposal.ok, proposal.problems
    assert proposal.changes == [{"field": "last_checked", "from": None, "to": "2026-11-30"}]
    entry = apply(proposal, "accueil-poitiers", "appelé le 3949", now=None)
    lines = path.read_text(encoding="utf-8").splitlines()
    at = lines.index("last_checked: 2026-11-30")
    assert lines[at - 1].startswith("  title:") and lines[at + 1].startswith("keywords:")  # after source, not at the end
    assert entry["changes"][0]["from"] is None
    assert concerns(load_catalogue(folder).get("france-travail"), TODAY) == []


def test_an_unknown_date_makes_a_route_to_check_but_not_one_put_behind_or_left_off_the_sheet():
    """Unknown is not old: the card says to call first (verdict 'check'), yet the route is pre-ticked for the sheet and
    not ranked after fresher ones — unlike an entry last checked years ago."""
    from navigator.eligibility.matching import judge
    from navigator.person.profile import Profile
    from navigator.vocabulary import Verdict

    undated = judge(UNDATED, Profile(projects=["find_job"]), TODAY)
    old = judge(make_programme(last_checked="2019-03-01"), Profile(projects=["find_job"]), TODAY)
    assert undated.verdict is Verdict.CHECK and not undated.doubtful
    assert old.verdict is Verdict.CHECK and old.doubtful
