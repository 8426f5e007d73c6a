"""What site.yml and taxonomies.yml ask of the maps: a tile source (an
xyzservices provider name, or a URL with a plain-text attribution) and marker
icons (by name, from the icon sets installed with the theme; never a path)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from html import escape
from importlib import util
from pathlib import Path
from urllib.parse import urlsplit

import xyzservices

from generator.content import Content
from generator.content.messages import _
from generator.content.problems import Problems, did_you_mean
from generator.content.records.site import CustomTiles
from generator.content.records.taxonomies import ICON_PATTERN
from generator.content.yamlsrc import line_at

ICON_SETS = ("fontawesome/solid", "material", "fontawesome/regular", "octicons")


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
        raise UnknownTiles(_('"{name}" is not a tile provider xyzservices knows')
                           .format(name=setting)) from exc
    if not isinstance(provider, xyzservices.TileProvider) or provider.requires_token():
        raise UnknownTiles(_('"{name}" needs an access key, or is a group of providers; choose '
                             "one provider without a key").format(name=setting))
    try:
        url = provider.build_url(scale_factor="")
    except (ValueError, KeyError) as exc:  # a provider that wants more than a name
        raise UnknownTiles(_('"{name}" cannot be used by name alone').format(name=setting)) \
            from exc
    if not url.startswith("https://"):  # the site is served over https: browsers block these
        raise UnknownTiles(_('"{name}" serves its tiles over http only, which browsers do not '
                             "load on a site served over https; choose another provider")
                           .format(name=setting))
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


@lru_cache(maxsize=1)
def icons_root() -> Path | None:
    """Returns the folder of the SVG icon sets installed with the theme."""
    spec = util.find_spec("material")
    if spec is None or not spec.submodule_search_locations:
        return None
    root = Path(list(spec.submodule_search_locations)[0]) / "templates" / ".icons"
    return root if root.is_dir() else None


def icon_file(name: str) -> Path | None:
    """Finds an icon by name (`users`, `recycle`, `material/map-marker`)."""
    root = icons_root()
    if root is None:
        return None
    if not re.fullmatch(ICON_PATTERN, name):  # a name, never a path out of the icon sets
        return None
    candidates = [root / f"{name}.svg"] + [root / s / f"{name}.svg" for s in ICON_SETS]
    return next((path for path in candidates
                 if path.is_file() and path.resolve().is_relative_to(root.resolve())), None)


def icon_names() -> list[str]:
    """Returns every icon name that `icon_file` finds (for suggestions)."""
    root = icons_root()
    if root is None:
        return []
    return sorted({p.stem for s in ICON_SETS for p in (root / s).glob("*.svg")})


def check_map_settings(content: Content, problems: Problems) -> None:
    """Reports a tile provider xyzservices does not know and icons that do not exist."""
    try:
        resolve_tiles(content.site.map.tiles)
    except UnknownTiles as exc:
        name, known = str(content.site.map.tiles), provider_names()
        problems.add(content.root / "site.yml", line_at(content.site_raw, ("map", "tiles")),
                     f"{exc}." + ("" if name in known else did_you_mean(name, known)),
                     _("use a name such as OpenStreetMap.Mapnik, or give "
                       "{url: https://.../{z}/{x}/{y}.png, attribution: ...}"))
    for kind_id, kind in content.taxonomies.intervention_types.items():
        if icon_file(kind.icon) is None:
            problems.add(content.root / "taxonomies.yml",
                         line_at(content.taxonomies_raw, ("intervention_types", kind_id, "icon")),
                         _('there is no icon called "{name}".').format(name=kind.icon)
                         + did_you_mean(kind.icon, icon_names()),
                         _("use a Font Awesome (solid) or Material Design icon name, "
                           "e.g. users, recycle, leaf"), level="warning")
