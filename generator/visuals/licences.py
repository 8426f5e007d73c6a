"""The licences page: every library the site serves, the map tiles' terms and
the open data's licence."""

from __future__ import annotations

from generator.emit.context import LangSite, PageCtx
from generator.emit.pages import page
from generator.emit.project import EmittedPage
from generator.emit.visuals import Visuals
from generator.site.mapsettings import Tiles
from generator.site.model import Shown
from generator.visuals.maps.assets import libraries


def licences_page(ls: LangSite, tiles: list[Tiles], data_licence: str,
                  visuals: Visuals) -> EmittedPage:
    """Emits the page naming every library the site serves and its licence."""
    c = PageCtx(ls, "licences/")
    title = Shown(c.gettext("Licences"), c.code)
    about = c.gettext("The software, map tiles and data this site uses, with their licences.")
    return page(c, "licences.html.j2", title, about, "licences", visuals, libraries=libraries(),
                tiles=tiles, data_licence=data_licence)
