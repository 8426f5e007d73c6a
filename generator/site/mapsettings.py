"""What site.yml and taxonomies.yml ask of the maps: a tile source (an
xyzservices provider name, or a URL with a plain-text attribution) and marker
icons (by name, from the icon sets installed with the theme; never a path)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from html import escape
from pathlib import Path
from urllib.parse import urlsplit

import material
import xyzservices

from generator.content.load import Content
from generator.content.kinds import PILOTS
from generator.content.messages import _
from generator.content.problems import Problems, did_you_mean
from generator.content.records.site import CustomTiles
from generator.content.records.taxonomies import ICON_PATTERN
from generator.content.yamlsrc import line_at
from generator.site.model import Pilot, Site

ICON_SETS = ("fontawesome/solid", "material", "fontawesome/regular", "octicons")
ICONS = Path(material.__file__).parent / "templates" / ".icons"  # installed with the theme


@dataclass(frozen=True)
class Tiles:
    """A tile source and the zoom levels it serves."""

    url: str  # the tile URL template ({z}/{x}/{y}, {s} for subdomains)
    # The attribution as HTML (always shown on the map): from xyzservices' own
    # data, or built here from site.yml's plain text
    attribution: str
    max_zoom: int
    subdomains: str = "abc"  # values for {s}
    min_zoom: int = 0
    # The corners ((south, west), (north, east)) of what it covers, if not the
    # world (PDOK's maps cover the Netherlands)
    bounds: tuple | None = None

    def origins(self) -> list[str]:
        """The origins tiles come from (for Content-Security-Policy)."""
        parts = urlsplit(self.url.replace("{s}", "SUB"))
        host = parts.netloc
        hosts = [host.replace("SUB", s) for s in self.subdomains] if "SUB" in host else [host]
        return sorted({f"{parts.scheme}://{h}" for h in hosts})


class UnknownTiles(ValueError):
    """site.yml names a tile provider xyzservices does not know."""


def resolve_tiles(setting: str | CustomTiles) -> Tiles:
    """The tile source `map.tiles` asks for (a custom server's attribution is
    plain text and a link); raises UnknownTiles for an unknown provider name."""
    if not isinstance(setting, CustomTiles):
        return _named_tiles(setting)
    text = escape(setting.attribution)
    if setting.attribution_url:
        text = f'<a href="{escape(setting.attribution_url)}">{text}</a>'
    return Tiles(setting.url, text, setting.max_zoom)


@lru_cache(maxsize=64)  # xyzservices walks all its ~230 providers for each name (5 ms)
def _named_tiles(setting: str) -> Tiles:
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
    subdomains, bounds = provider.get("subdomains", "abc"), provider.get("bounds")
    return Tiles(url, provider.html_attribution, int(provider.get("max_zoom", 19)),
                 "".join(subdomains) if isinstance(subdomains, (list, tuple)) else subdomains,
                 int(provider.get("min_zoom", 0)), tuple(map(tuple, bounds)) if bounds else None)


def icon_file(name: str) -> Path | None:
    """Finds an icon by name (`users`, `recycle`, `material/map-marker`)."""
    if not re.fullmatch(ICON_PATTERN, name):  # a name, never a path
        return None
    candidates = [ICONS / f"{name}.svg"] + [ICONS / s / f"{name}.svg" for s in ICON_SETS]
    return next((path for path in candidates
                 if path.is_file() and path.resolve().is_relative_to(ICONS.resolve())), None)


def icon_names() -> list[str]:
    """Every icon name that `icon_file` finds (for suggestions)."""
    return sorted({p.stem for s in ICON_SETS for p in (ICONS / s).glob("*.svg")})


def tiles_for(site: Site, pilot: Pilot | None = None) -> Tiles:
    """The tiles of a pilot's maps (its own, else the site's), or of the site's."""
    return resolve_tiles(pilot and pilot.meta.tiles or site.config.map.tiles)


def used_tiles(site: Site) -> list[Tiles]:
    """Every tile source a map of the site draws from (for the security policy
    and the licences page): the site's, for the home map, and each pilot's own
    whose pilot has a map (interventions, or a story with a place)."""
    used = [tiles_for(site)] if site.pilots else []
    for pilot in site.pilots.values():
        if pilot.meta.tiles and (pilot.interventions or any(
                s.meta.location and s.meta.format != "map-story" for s in pilot.stories)):
            used.append(tiles_for(site, pilot))
    return list({tiles.url: tiles for tiles in used}.values())


def check_map_settings(content: Content, problems: Problems) -> None:
    """Reports tile providers xyzservices does not know (site.yml's and each
    pilot's) and icons that do not exist."""
    settings = [(content.site.map.tiles, content.root / "site.yml",
                 line_at(content.site_raw, ("map", "tiles")))]
    settings += [(bundle.meta.tiles, bundle.meta_path, line_at(bundle.raw, ("tiles",)))
                 for bundle in content.of(PILOTS).values()
                 if bundle.meta is not None and bundle.meta.tiles]
    for setting, path, line in settings:
        try:
            resolve_tiles(setting)
        except UnknownTiles as exc:
            name, known = str(setting), sorted(xyzservices.providers.flatten())
            problems.add(path, line, f"{exc}." + ("" if name in known else
                                                  did_you_mean(name, known)),
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
