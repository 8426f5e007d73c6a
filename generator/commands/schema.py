"""JSON Schemas for editors' tools, generated from the models the validator uses.

`pilots schema` writes them to schemas/ and points VS Code (with the YAML
extension) at them, so `meta.yml` files are completed and checked while typed.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter

from generator.content.kinds import KINDS
from generator.content.records.front import BioFront, Front, StoryFront
from generator.content.records.interventions import Intervention
from generator.content.records.publications import Publication
from generator.content.records.site import SiteConfig
from generator.content.records.taxonomies import Taxonomies

# schema file -> (model, the files it describes)
SCHEMAS: dict[str, tuple[Any, list[str]]] = {
    "site": (SiteConfig, ["content/site.yml"]),
    "taxonomies": (Taxonomies, ["content/taxonomies.yml"]),
    "publications": (list[Publication], ["content/publications.yml"]),
    **{kind.singular: (kind.meta, [f"content/{kind.folder}/*/meta.yml"])
       for kind in KINDS.values() if kind.meta is not None},
    "interventions": (list[Intervention], ["content/pilots/*/interventions.yml"]),
    "front-matter": (Front, []),
    "story-front-matter": (StoryFront, []),
    "bio-front-matter": (BioFront, []),
}


def schema(model: Any, name: str) -> dict:
    """Returns the JSON Schema of a model (or a list of models)."""
    data = TypeAdapter(model).json_schema()
    data["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    data["$id"] = f"{name}.schema.json"
    data.setdefault("title", name)
    return data


def render_all() -> dict[str, str]:
    """Returns every schema file: name -> JSON text."""
    return {f"{name}.schema.json": json.dumps(schema(model, name), indent=2, sort_keys=True) + "\n"
            for name, (model, _) in SCHEMAS.items()}


def vscode_settings(existing: dict | None = None) -> dict:
    """Returns VS Code settings mapping each schema to its files."""
    settings = dict(existing or {})
    mapping = dict(settings.get("yaml.schemas", {}))
    for name, (_, globs) in SCHEMAS.items():
        if globs:
            mapping[f"./schemas/{name}.schema.json"] = globs
    settings["yaml.schemas"] = mapping
    return settings


def write(root: Path) -> list[Path]:
    """Writes schemas/ and .vscode/settings.json under root; returns the files."""
    written = []
    folder = root / "schemas"
    folder.mkdir(exist_ok=True)
    for name, text in render_all().items():
        (folder / name).write_text(text, encoding="utf-8")
        written.append(folder / name)
    vscode = root / ".vscode"
    vscode.mkdir(exist_ok=True)
    settings_path = vscode / "settings.json"
    existing = json.loads(settings_path.read_text()) if settings_path.exists() else {}
    settings_path.write_text(json.dumps(vscode_settings(existing), indent=2) + "\n")
    extensions = vscode / "extensions.json"
    if not extensions.exists():
        extensions.write_text(json.dumps({"recommendations": ["redhat.vscode-yaml"]}, indent=2) + "\n")
    return written + [settings_path]
