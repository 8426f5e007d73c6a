"""Map tiles from site.yml: an xyzservices provider name or a URL."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from urllib.parse import urlsplit

import xyzservices

from generator.content.records.site import CustomTiles


@dataclass(frozen=True)
class Tiles:
    """A tile source.

    Attributes:
        url: The tile URL template ({z}/{x}/{y}, {s} for subdomains).
        attribution: The attribution as HTML (always shown on the map): from
            xyzservices' own data, or built here from site.yml's plain text.
        max_zoom: The deepest zoom level the source serves.
        subdomains: Values for {s}.
    """

    url: str
    attribution: str
    max_zoom: int
    subdomains: str = "abc"

    def origins(self) -> list[str]:
        """Returns the origins tiles come from (for Content-Security-Policy)."""
        parts = urlsplit(self.url.replace("{s}", "SUB"))
        host = parts.netloc
        hosts = [host.replace("SUB", s) for s in self.subdomains] if "SUB" in host else [host]
        return sorted({f"{parts.scheme}://{h}" for h in hosts})


class UnknownTiles(ValueError):
    """site.yml names a tile provider xyzservices does not know."""


def resolve_tiles(setting: str | CustomTiles) -> Tiles:
    """Turns the `map.tiles` setting into a tile source.

    Raises:
        UnknownTiles: for an unknown provider name.
    """
    if isinstance(setting, CustomTiles):
        return Tiles(setting.url, attribution_html(setting), setting.max_zoom)
    try:
        provider = xyzservices.providers.query_name(setting)
    except ValueError as exc:
        raise UnknownTiles(f'"{setting}" is not a tile provider xyzservices knows') from exc
    if provider.get("requires_token"):
        raise UnknownTiles(f'"{setting}" needs an access key; choose a provider without one')
    url = provider.build_url(scale_factor="")
    subdomains = provider.get("subdomains", "abc")
    return Tiles(url, provider.html_attribution, int(provider.get("max_zoom", 19)),
                 "".join(subdomains) if isinstance(subdomains, (list, tuple)) else subdomains)


def attribution_html(setting: CustomTiles) -> str:
    """Builds the attribution of a custom tile server from plain text and a link."""
    text = escape(setting.attribution)
    if setting.attribution_url:
        return f'<a href="{escape(setting.attribution_url)}">{text}</a>'
    return text


def provider_names() -> list[str]:
    """Returns every provider name xyzservices knows (for suggestions)."""
    return sorted(xyzservices.providers.flatten())


