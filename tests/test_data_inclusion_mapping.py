"""The mapping table covers every v1 code of each vocabulary the import reads; nothing makes a hard requirement."""

import pytest
import yaml

from navigator.catalogue.data_inclusion.mapping import IGNORE, MAPPING_FILE, SECTIONS, MappingError, mapping, read_mapping


@pytest.mark.parametrize("section", list(SECTIONS))
def test_every_code_of_the_vocabulary_is_mapped_or_explicitly_ignored(section):
    vocabulary, _ = SECTIONS[section]
    listed = set(mapping().table[section])
    missing = sorted(m.value for m in vocabulary if m.value not in listed)
    assert not missing, f"{MAPPING_FILE.name}: {section} lacks {missing} (map them, or write 'ignore')"


def test_the_table_serves_every_project_but_the_ones_only_curated_entries_know():
    served = {project for projects in mapping().table["thematiques"].values() for project in projects}
    assert served >= {"find_job", "training", "discover_trades", "create_business", "learn_french", "mobility", "digital_admin"}


def test_publics_only_aim_never_require():
    # The table's values are situations aimed at; there is no column that could exclude a person.
    assert set(yaml.safe_load(MAPPING_FILE.read_text(encoding="utf-8"))) == set(SECTIONS)
    assert mapping().apply("publics", ["tous-publics"]) == []
    assert mapping().apply("publics", ["personnes-exilees"]) == ["refugee", "asylum_seeker"]


@pytest.mark.parametrize(
    ("edit", "problem"),
    [
        pytest.param(
            {"thematiques": {"trouver-un-job": ["find_job"]}},
            "trouver-un-job: not a data·inclusion Thematique code",
            id="unknown-source-code",
        ),
        pytest.param({"publics": {"jeunes": ["young"]}}, "jeunes: ['young'] is not", id="unknown-target-code"),
        pytest.param({"frais": {"gratuit": None}}, "gratuit: None is not", id="empty-value"),
    ],
)
def test_a_wrong_table_names_the_section_and_code(tmp_path, edit, problem):
    data = yaml.safe_load(MAPPING_FILE.read_text(encoding="utf-8"))
    for section, rows in edit.items():
        data[section].update(rows)
    path = tmp_path / "mapping.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(MappingError, match=problem.replace("[", r"\[").replace("]", r"\]")):
        read_mapping(path)


def test_ignore_maps_to_nothing():
    assert IGNORE == "ignore"
    assert mapping().apply("thematiques", ["sante--addictions"]) == []
