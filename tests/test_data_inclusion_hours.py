"""Opening hours at fixed times (a frozen clock), in French, Arabic and Persian; unparseable hours shown as written."""

import html
import re
from datetime import datetime

import pytest

from navigator.catalogue.data_inclusion.hours import week_of
from navigator.presentation.contact_details import hours_lines

HOURS = "Mo-Fr 09:00-12:30,14:00-17:30; PH off"
TUESDAY_10 = datetime(2026, 12, 1, 10, 0)
TUESDAY_13 = datetime(2026, 12, 1, 13, 0)
SATURDAY_10 = datetime(2026, 12, 5, 10, 0)


def visible(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


@pytest.mark.parametrize(
    ("lang", "when", "expected"),
    [
        pytest.param("fr", TUESDAY_10, "Ouvert maintenant, jusqu'à 12:30", id="fr-open"),
        pytest.param("fr", TUESDAY_13, "Fermé maintenant, ouvre mardi à 14:00", id="fr-lunch"),
        pytest.param("fr", SATURDAY_10, "Fermé maintenant, ouvre lundi à 09:00", id="fr-weekend"),
        pytest.param("ar", TUESDAY_10, "مفتوح الآن، حتى 12:30 م", id="ar-open"),
        pytest.param("ar", SATURDAY_10, "مغلق الآن، يفتح يوم الاثنين الساعة 9:00 ص", id="ar-weekend"),
        pytest.param("fa", TUESDAY_10, "اکنون باز است، تا 12:30", id="fa-open"),
        pytest.param("fa", SATURDAY_10, "اکنون بسته است، دوشنبه ساعت 9:00 باز می‌شود", id="fa-weekend"),
    ],
)
def test_open_now_or_when_it_opens(lang, when, expected):
    (line,) = hours_lines(HOURS, lang, when)
    assert expected in visible(line)


@pytest.mark.parametrize(
    ("lang", "first_day", "closed"),
    [("fr", "samedi", "fermé"), ("ar", "السبت", "مغلق"), ("fa", "شنبه", "بسته")],
)
def test_the_week_from_today_in_the_visitor_language(lang, first_day, closed):
    days = re.findall(r"<li[^>]*>(.*?)</li>", hours_lines(HOURS, lang, SATURDAY_10)[0])
    assert len(days) == 7 and visible(days[0]) == f"{first_day} {closed}"  # today first
    assert [visible(d).endswith(closed) for d in days] == [True, True, False, False, False, False, False]


def test_a_slot_past_midnight_counts_on_both_days():
    week = week_of("Fr 22:00-02:00", datetime(2026, 12, 4, 12, 0))
    friday, saturday = week.days[0][1], week.days[1][1]
    assert [(a.hour, b.hour) for a, b in friday] == [(22, 23)] and [(a.hour, b.hour) for a, b in saturday] == [(0, 2)]


@pytest.mark.parametrize("written", ["lundi et jeudi matin", "sur rendez-vous le matin", "Mo-Fr 25:00-26:00", "x" * 600])
def test_hours_the_parser_does_not_read_are_shown_as_written_and_marked_french(written):
    assert week_of(written, TUESDAY_10) is None
    (line,) = hours_lines(written, "ar", TUESDAY_10)
    assert html.escape(written, quote=True) in line and 'lang="fr"' in line and "(بالفرنسية)" in visible(line)


def test_no_hours_no_line():
    assert hours_lines(None, "fr", TUESDAY_10) == [] and hours_lines("", "fr", TUESDAY_10) == []


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        pytest.param("fr", "Fermé maintenant, ouvre mardi 8 décembre à 09:00", id="fr"),
        pytest.param("pt", "Fechado agora, abre terça-feira, 8 de dezembro às 09:00", id="pt-de"),
        pytest.param("es", "Cerrado ahora, abre el martes, 8 de diciembre a las 9:00", id="es-de"),
        pytest.param("so", "wuxuu furmayaa Talaado, Diseembar 8", id="so-month-first"),
        pytest.param("ht", "l ap louvri madi 8 desanm a 09:00", id="ht-fallback"),
    ],
)
def test_an_opening_a_week_away_is_dated_in_the_language_s_own_pattern(lang, expected):
    """A day a week or more away is named with its date, in CLDR's pattern for the language ("terça-feira, 8 de
    dezembro", not "terça-feira 8 dezembro")."""
    (line,) = hours_lines("Tu 09:00-12:00", lang, TUESDAY_13)
    assert expected in visible(line)
