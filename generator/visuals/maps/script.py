"""How values are written into a map's script: JSON that stays inert, and
references into the map's table of texts (the only way a text reaches folium)."""

from __future__ import annotations

import json
import re
from typing import Any

from generator.emit.jsonld import inert_json

TEXTS = "pl_texts"  # the script's table of texts
_REF = re.compile(rf"^{TEXTS}\[\d+\]$")


def js(value: Any, text: bool = False) -> str:
    """Encodes a value for a script file: JSON, with `</` written as `<\\/`
    so it stays inert even if it were ever inlined in HTML; plain `text` from
    YAML has its <, > and & escaped too."""
    encoded = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    if text:
        return inert_json(encoded)
    return encoded.replace("</", "<\\/")


def ref(value: str) -> str:
    """Lets only a reference into the text table reach a folium template."""
    if not _REF.fullmatch(value):
        raise ValueError(f"not a reference into the map's text table: {value[:40]!r}")
    return value
