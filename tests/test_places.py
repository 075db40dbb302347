"""Places, offline: postal codes to communes, départements and régions; town names found with typos."""

import pytest

from navigator.person.places import PlaceError, _starting_with, _town_index, find_towns, locate


@pytest.mark.parametrize(
    ("postal_code", "departement", "region", "commune"),
    [
        ("86000", "86", "75", "Poitiers"),  # Vienne, Nouvelle-Aquitaine
        ("33500", "33", "75", "Libourne"),  # one code, several communes
        ("20000", "2A", "94", "Ajaccio"),  # Corsica
        ("97139", "971", "01", "Les Abymes"),  # Guadeloupe
        ("97400", "974", "04", "Saint-Denis"),  # La Réunion
        ("75011", "75", "11", "Paris"),  # Paris arrondissement
    ],
)
def test_a_postal_code_gives_its_communes_departement_and_region(postal_code, departement, region, commune):
    place = locate(postal_code)
    assert departement in place.departements
    assert region in place.regions
    assert commune in {c.name for c in place.communes}


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("1234", "postal_code_format"),  # too short
        ("8600O", "postal_code_format"),  # letter O for zero
        ("99999", "postal_code_unknown"),  # well formed, not a postal code
        ("", "postal_code_format"),
    ],
)
def test_an_invalid_postal_code_is_a_clear_error(typed, code):
    with pytest.raises(PlaceError) as caught:
        locate(typed)
    assert caught.value.code == code


def test_spaces_in_a_postal_code_are_forgiven():
    assert locate("86 000").postal_code == "86000"


@pytest.mark.parametrize(
    ("typed", "town"),
    [
        ("poitier", "Poitiers"),  # missing letter
        ("LIBOURNE", "Libourne"),  # capitals
        ("st benoit", "Saint-Benoît"),  # abbreviation, no accent
        ("niort", "Niort"),
        ("sainte foy la grande", "Sainte-Foy-la-Grande"),
        ("bordo", "Bordeaux"),  # written as it sounds
        ("angouleme", "Angoulême"),
    ],
)
def test_a_town_is_found_by_name(typed, town):
    assert town in [p.communes[0].name for p in find_towns(typed)[:3]]


@pytest.mark.parametrize("typed", ["", "x", "🙂", "zzzzqqqq"])
def test_nonsense_finds_no_town(typed):
    assert find_towns(typed) == []


def test_one_town_lookup_reads_st_as_saint():
    from navigator.person.places import communes_like, communes_named

    assert [c.name for c in communes_named("st emilion")] == ["Saint-Émilion"]
    assert communes_named("st emilion") == communes_named("Saint-Émilion")
    assert "Bordeaux" in {c.name for c in communes_like("bordo")}
    assert communes_like("zzzzqx") == ()


def test_the_towns_a_text_starts_are_every_one_and_only_those():
    """The bisected run of the sorted names (places._starting_with) is what a scan of every name finds."""
    keys = _town_index()[0]
    for prefix in ("poi", "saint jean", "la roche", "y", "zzz", "aix en", ""):
        assert _starting_with(prefix) == [i for i, key in enumerate(keys) if key.startswith(prefix)]
    assert _starting_with("poitiers") and all(keys[i].startswith("poitiers") for i in _starting_with("poitiers"))
