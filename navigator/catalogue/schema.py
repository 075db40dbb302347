"""The programme files' JSON Schema, generated from the pydantic models (never written by hand).

Published as catalogue/programme.schema.json and referenced from the first line of every programme file, so editors
that read JSON Schemas (VS Code's YAML extension, IntelliJ…) complete and check fields while a curator types.
Regenerate with `python -m navigator schema --write`; a test fails when the published file is not current.
"""

from __future__ import annotations

import json

from navigator.catalogue.loading import CATALOGUE_DIR
from navigator.catalogue.models import Programme

SCHEMA_FILE = CATALOGUE_DIR / "programme.schema.json"
#: The first line of every programme file: editors with the YAML language server find the schema from it.
SCHEMA_LINE = "# yaml-language-server: $schema=programme.schema.json"


def programme_schema() -> dict:
    schema = Programme.model_json_schema(mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "programme.schema.json",
        "description": "One programme of the navigator's catalogue (catalogue/<id>.yaml). Field guide: catalogue/README.md.",
        **schema,
    }


def schema_text() -> str:
    return json.dumps(programme_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
