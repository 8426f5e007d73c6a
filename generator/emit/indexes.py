"""The pages that are not one record's: home, the index of each kind, search."""

from __future__ import annotations

from typing import Any

from generator.emit.context import LangSite, PageCtx
from generator.emit.pages import newest, page, publications_list
from generator.emit.project import EmittedPage
from generator.emit.visuals import Visuals
from generator.site.model import Shown, Site

LATEST = 6  # stories on the home page


def index_pages(ls: LangSite, visuals: Visuals) -> list[EmittedPage]:
    """Emits the home page, the index of each kind and the search page."""
    site = ls.site
    pages = [_home(ls, visuals)]
    c = PageCtx(ls, "stories/")
    themes = sorted({t for s in site.stories.values() for t in s.meta.themes},
                    key=lambda t: site.label("themes", t, c.code).text.lower())
    pilots = [p for p in site.pilots.values() if p.stories]
    pages.append(_index(c, "stories", c.gettext("Stories"), c.gettext(
        "Stories from residents, job seekers and professionals about designing services "
        "together."), visuals, stories=list(site.stories.values()), pilots=pilots, themes=themes))
    c = PageCtx(ls, "pilots/")
    pages.append(_index(c, "pilots", c.gettext("Pilots"), c.gettext(
        "Each pilot is a municipality or region renewing a public service together with its "
        "residents."), visuals, pilots=list(site.pilots.values()), extra=visuals.pilots(c)))
    c = PageCtx(ls, "people/")
    pages.append(_index(c, "people", c.gettext("People"), c.gettext(
        "The researchers and project leads behind the pilots."), visuals,
        people=list(site.people.values())))
    c = PageCtx(ls, "partners/")
    partners = sorted(site.partners.values(), key=lambda p: c.title(p).text.lower())
    pages.append(_index(c, "partners", c.gettext("Partners"), c.gettext(
        "The organisations taking part in the project."), visuals, partners=partners))
    c = PageCtx(ls, "publications/")
    pages.append(_index(c, "publications", c.gettext("Publications"), c.gettext(
        "Reports, articles and presentations from the project."), visuals,
        publications=site.publications, listing=publications_list(c, site.publications)))
    c = PageCtx(ls, "search/")
    pages.append(page(c, "search.html.j2", Shown(c.gettext("Search"), c.code), c.gettext(
        "Search the stories, the pilots and everything else on this site."), "search", visuals))
    latest = newest(list(site.stories.values()))  # what the pages of stories show is as new
    for emitted in pages:
        emitted.date = latest if emitted.url in ("", "stories/", "pilots/") else None
    return pages


def _home(ls: LangSite, visuals: Visuals) -> EmittedPage:
    site, c = ls.site, PageCtx(ls, "")
    tagline = ls.pick(site.config.tagline)
    return page(c, "home.html.j2", ls.pick(site.config.title), tagline.text if tagline else None,
                "home", visuals, tagline=tagline, cover=lead_cover(site),
                pilots=list(site.pilots.values()), stories=list(site.stories.values())[:LATEST],
                figures=key_figures(site), extra=visuals.home(c), period=visuals.period(c))


def lead_cover(site: Site) -> Any:
    """The home page's picture: the newest story's cover, else a pilot's, else none."""
    found = (node.cover for node in (*site.stories.values(), *site.pilots.values()))
    return next((cover for cover in found if cover), None)


def key_figures(site: Site) -> list[tuple[str, int]]:
    """The project in numbers, counted from the records."""
    countries = {p.meta.country for p in site.pilots.values()}
    return [("pilots", len(site.pilots)), ("countries", len(countries)),
            ("stories", len(site.stories)), ("interventions", len(list(site.interventions())))]


def _index(c: PageCtx, kind: str, title: str, intro: str, visuals: Visuals,
           **values: Any) -> EmittedPage:
    """Emits the index page of one kind, with its title and intro."""
    return page(c, f"{kind}.html.j2", Shown(title, c.code), intro, kind, visuals, intro=intro,
                **values)
