"""The catalogue says no more than its sources: statuses, zones, audiences and costs pinned after the audit (issue #15).

Each row names a programme and the corrected fact, with the words of the source that support it.
"""

import html

import pytest
from factories import TODAY

from navigator.eligibility.matching import judge, lifecycle_warnings
from navigator.person.profile import parse_profile
from navigator.presentation.cards import card_html
from navigator.vocabulary import Outcome, Status

LIMOGES_METROPOLE = "248719312"

#: Programmes the sources do not show running today, and do not end either: the person is told to check.
#: Each row: the status the sources allow, what they say, and the programmes it is said of.
UNCERTAIN_BY_SOURCE = [
    ("experimental", "the trial was due to end on 25 November 2019", ["infolang-poitiers"]),
    ("unconfirmed", "known only from its 2019 meetings", ["pole-metier-scop-scic-formation"]),
    ("unconfirmed", "two editions known (2018, 2019)", ["rallye-aide-domicile-deux-sevres"]),
    ("announced", "announced ('il s'agira d'implanter'), not shown open", ["afpa-la-place"]),
    ("announced", "workshops planned ('interviendront')", ["apee-poitiers"]),
    (
        "announced",
        "announced for September 2019",
        ["ecole-de-production-limoges", "cfa-btp-prepa-apprentissage", "cfa-btp-prepa-metier", "cfa-btp-parcours-mineurs-non-accompagnes"],
    ),
    (
        "unconfirmed",
        "three-year convention of September 2022",
        [
            "afpa-apprentissage",
            "afpa-axel",
            "afpa-declic-pour-l-action",
            "afpa-hope",
            "afpa-prepa-competences",
            "afpa-promo-16-18",
            "afpa-village-des-solutions",
        ],
    ),
    ("unconfirmed", "a 2014 trial with no follow-up", ["afpa-creation-reprise-entreprise"]),
    ("unconfirmed", "ran inside the Garantie jeunes, since replaced", ["report-emploi"]),
    ("unconfirmed", "for 'the current city contract' of 2019", ["paqte-pau"]),
]
UNCERTAIN = [pytest.param(p, state, id=f"{p}: {said}") for state, said, programmes in UNCERTAIN_BY_SOURCE for p in programmes]


@pytest.mark.parametrize(("programme_id", "state"), UNCERTAIN)
def test_a_status_the_sources_leave_open_tells_the_person_to_check(catalogue, programme_id, state):
    p = catalogue.get(programme_id)
    assert p.status.state == state
    warnings = lifecycle_warnings(p, TODAY)
    assert not p.is_ended, "no source ends it"
    assert not [w for w in warnings if w.outcome is Outcome.NOT_MET], "shown, not hidden as ended or not started"
    assert [w for w in warnings if w.outcome is Outcome.UNKNOWN], "the person is told to check"
    assert p.status.note is not None, "the card needs the reason in plain words"


@pytest.mark.parametrize("programme_id", ["afpa-la-place", "report-emploi"])
def test_the_card_says_why_to_check_in_plain_words(catalogue, programme_id):
    p = catalogue.get(programme_id)
    card = html.unescape(card_html(p, "fr", TODAY, judge(p, parse_profile({}), TODAY)))
    assert "Vérifiez avec eux qu'il fonctionne : " + p.status.note["fr"] in card


def test_infolang_is_past_its_announced_end_and_the_collective_says_so(catalogue):
    infolang, collective = catalogue.get("infolang-poitiers"), catalogue.get("collectif-alpha-poitiers")
    assert "experiment_past_end" in [w.code for w in lifecycle_warnings(infolang, TODAY)]
    assert "25 novembre 2019" in collective.description["fr"]
    assert "existe encore" in collective.access.how["fr"]


@pytest.mark.parametrize(
    "programme_id",
    [
        pytest.param("paqte-pau", id="PAQTE Pau: 'en faveur des habitants des quartiers prioritaires'"),
        pytest.param("apee-poitiers", id="APEE: 'expérimenter le dispositif sur les 17 quartiers'"),
    ],
)
def test_aimed_at_priority_neighbourhoods_not_reserved_to_them(catalogue, programme_id):
    p = catalogue.get(programme_id)
    assert p.audience.qpv_only is False
    assert "residents-qpv-frr" in {x.value for x in p.publics}


def test_ecole_de_la_vigne_aims_at_job_seekers_without_requiring_it(catalogue):
    audience = catalogue.get("ecole-de-la-vigne").audience
    assert audience.statuses_required == []
    assert Status.JOB_SEEKER in audience.statuses_aimed


@pytest.mark.parametrize(
    "programme_id, zone_epcis",
    [
        pytest.param(
            "nouvelr",
            {"200070092", "200035533", "243301223", "243301181", "243300811"},
            id="Nouvel'R: the five intercommunalities its partners name",
        ),
        pytest.param(
            "vignerons-du-vivant",
            {"200069995", "200070720", "243301447", "243301389"},
            id="Vignerons du vivant: the Médoc's four intercommunalities, Médullienne included",
        ),
    ],
)
def test_zone_is_the_intercommunalities_the_source_names(catalogue, programme_id, zone_epcis):
    zone = catalogue.get(programme_id).zone
    assert set(zone.epcis) == zone_epcis
    assert not (zone.departements or zone.regions or zone.communes or zone.postal_codes)


@pytest.mark.parametrize("programme_id", ["mission-locale-rurale-haute-vienne", "report-emploi"])
def test_the_rural_mission_locale_works_through_rural_antennas_not_limoges(catalogue, programme_id):
    zone = catalogue.get(programme_id).zone
    antennas = {"200059400", "248719288", "248700189", "200071942"}  # Saint-Junien, Aixe-sur-Vienne, Saint-Yrieix, Bellac
    assert antennas <= set(zone.epcis)
    assert LIMOGES_METROPOLE not in zone.epcis
    assert not zone.departements


MOBILITY_PARTNERS = ["auto-ecole-solidaire-d-place", "librt-deux-roues", "apreva-location-voitures"]
#: Bordeaux: outside the Libournais, within reach by car, too far on foot.
BORDEAUX_BY_CAR = {"age": 40, "mobility": "car", "driving_licence": True, "projects": ["mobility"], "postal_code": "33000"}


def test_the_residence_condition_is_the_mobility_platforms_only(catalogue):
    """Seed 004: 'Tous les publics sont pris en compte, sous réserve de résider sur le territoire' is said of the
    platform; of D-PLACE, LibRT and APREVA it says only that they share the maison de la mobilité in Fronsac."""
    assert catalogue.get("plateforme-mobilite-libournais").zone.residence_required
    assert [p for p in MOBILITY_PARTNERS if catalogue.get(p).zone.residence_required] == []


@pytest.mark.parametrize("programme_id", MOBILITY_PARTNERS)
def test_someone_just_outside_the_libournais_is_told_to_ask_the_partners_not_turned_away(catalogue, programme_id):
    person = parse_profile(BORDEAUX_BY_CAR)
    platform = judge(catalogue.get("plateforme-mobilite-libournais"), person, TODAY)
    partner = judge(catalogue.get(programme_id), person, TODAY)
    assert [r.outcome for r in platform.reasons if r.criterion.value == "residence"] == [Outcome.NEAR]
    assert [r.outcome for r in partner.reasons if r.criterion.value == "residence"] == [Outcome.UNKNOWN]
    page = html.unescape(card_html(catalogue.get(programme_id), "fr", TODAY, partner))
    assert "Rien ne dit s'il faut y habiter" in page and "Libournais" in page
    assert "pour les habitants de" not in page  # what the platform's card says
    assert "pour les habitants de" in html.unescape(card_html(catalogue.get("plateforme-mobilite-libournais"), "fr", TODAY, platform))


@pytest.mark.parametrize("programme_id", ["infolang-poitiers", "boite-aux-metiers-plie-libournais", "plie-libournais"])
def test_no_cost_is_stated_where_the_source_is_silent(catalogue, programme_id):
    assert catalogue.get(programme_id).cost is None


def test_the_two_scop_union_entries_are_one(catalogue):
    assert catalogue.get("scop-scic-creation-reprise") is None
    union = catalogue.get("urscop-union-regionale")
    assert union.source.file == "000_d57a3e61ede8a5a4.txt"
    assert "reprennent" in union.description["fr"]


@pytest.mark.parametrize("programme_id", ["coopaname", "pole-metier-scop-scic-formation", "cae-alteractifs"])
def test_seed_001_has_no_publication_date(catalogue, programme_id):
    source = catalogue.get(programme_id).source
    if source.file == "001_c3a9bb24cd52144f.txt":
        assert source.published is None, "seed 001 states no date; its year comes from the next meeting it announces"


@pytest.mark.parametrize(
    "programme_id, seed",
    [
        ("adive", "004_51e17562872d0b9c.txt"),
        ("cae-alteractifs", "001_c3a9bb24cd52144f.txt"),
        ("clefs-des-savoirs-citoyens", "004_51e17562872d0b9c.txt"),
        ("coraplis", "004_51e17562872d0b9c.txt"),
        ("pmsmp", "004_51e17562872d0b9c.txt"),
    ],
)
def test_what_the_sources_name_is_in_the_catalogue_without_invented_contacts(catalogue, programme_id, seed):
    p = catalogue.get(programme_id)
    assert p.source.file == seed
    contacts = p.contacts
    assert (contacts.phone, contacts.email, contacts.address, contacts.website) == (None, None, None, None), "no source gives one"
    assert contacts.how_to_reach is not None
