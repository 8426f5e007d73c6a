"""The pages that are not one record's: home, the index of each kind, search."""

from __future__ import annotations

from typing import Any

from generator.emit.context import LangSite, PageCtx
from generator.emit.pages import newest, page, publications_list
from generator.emit.project import EmittedPage
from generator.emit.visuals import Visuals
from generator.site.model import Shown, Site

LATEST = 6  # stories on the home page


def index_pages(ls: LangSite, visuals: Visuals,
                only: frozenset[str] | None = None) -> list[EmittedPage]:
    """Emits the home page, the index of each kind that has records (a kind
    without any has no page, and no place in the menu) and the search page
    (or only those at the paths `only` names)."""
    site = ls.site
    kinds = {"stories/": (site.stories, _stories), "pilots/": (site.pilots, _pilots),
             "people/": (site.people, _people), "partners/": (site.partners, _partners),
             "publications/": (site.publications, _publications)}
    pages = [_home(ls, visuals)] if only is None or "" in only else []
    pages += [emit(PageCtx(ls, path), visuals) for path, (records, emit) in kinds.items()
              if records and (only is None or path in only)]
    if only is None or "search/" in only:
        c = PageCtx(ls, "search/")
        pages.append(page(c, "search.html.j2", Shown(c.gettext("Search"), c.code), c.gettext(
            "Search the stories, the pilots and everything else on this site."), "search", visuals))
    latest = newest(list(site.stories.values()))  # what the pages of stories show is as new
    for emitted in pages:
        emitted.date = latest if emitted.url in ("", "stories/", "pilots/") else None
    return pages


def _stories(c: PageCtx, visuals: Visuals) -> EmittedPage:
    site = c.ls.site
    themes = sorted({t for s in site.stories.values() for t in s.meta.themes},
                    key=lambda t: site.label("themes", t, c.code).text.lower())
    return _index(c, "stories", c.gettext("Stories"), c.gettext(
        "Stories told by the people who took part in the pilots."), visuals,
        stories=list(site.stories.values()), pilots=[p for p in site.pilots.values() if p.stories],
        themes=themes)


def _pilots(c: PageCtx, visuals: Visuals) -> EmittedPage:
    return _index(c, "pilots", c.gettext("Pilots"), c.gettext(
        "The places where the project was put into practice."), visuals,
        pilots=list(c.ls.site.pilots.values()), extra=visuals.pilots(c))


def _people(c: PageCtx, visuals: Visuals) -> EmittedPage:
    return _index(c, "people", c.gettext("People"), c.gettext("The people behind the pilots."),
                  visuals, people=list(c.ls.site.people.values()))


def _partners(c: PageCtx, visuals: Visuals) -> EmittedPage:
    partners = sorted(c.ls.site.partners.values(), key=lambda p: c.title(p).text.lower())
    return _index(c, "partners", c.gettext("Partners"), c.gettext(
        "The organisations taking part in the project."), visuals, partners=partners)


def _publications(c: PageCtx, visuals: Visuals) -> EmittedPage:
    publications = c.ls.site.publications
    return _index(c, "publications", c.gettext("Publications"), c.gettext(
        "Reports, articles and presentations from the project."), visuals,
        publications=publications, listing=publications_list(c, publications))


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
