"""The pages that are not one record's: home, the index of each kind, search."""

from __future__ import annotations

from typing import Any, Callable

from generator.emit.context import LangSite, PageCtx
from generator.emit.pages import INDEXES, newest, page
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
    kinds = [kind for kind in INDEXES if getattr(site, kind)] + ["search"]
    pages = [_home(ls, visuals)] if only is None or "" in only else []
    pages += [_index(PageCtx(ls, f"{kind}/"), kind, visuals) for kind in kinds
              if only is None or f"{kind}/" in only]
    latest = newest(list(site.stories.values()))  # what the pages of stories show is as new
    for emitted in pages:
        emitted.date = latest if emitted.url in ("", "stories/", "pilots/") else None
    return pages


def index_words(gettext: Callable[[str], str]) -> dict[str, tuple[str, str]]:
    """The title and intro of each kind's index (the menu names it by its title),
    and of the search page."""
    return {"stories": (gettext("Stories"),
                        gettext("Stories told by the people who took part in the pilots.")),
            "pilots": (gettext("Pilots"),
                       gettext("The places where the project was put into practice.")),
            "people": (gettext("People"), gettext("The people behind the pilots.")),
            "partners": (gettext("Partners"),
                         gettext("The organisations taking part in the project.")),
            "publications": (gettext("Publications"),
                             gettext("Reports, articles and presentations from the project.")),
            "search": (gettext("Search"),
                       gettext("Search the stories, the pilots and everything else on this site."))}


def _index(c: PageCtx, kind: str, visuals: Visuals) -> EmittedPage:
    """Emits the index page of one kind (or the search page), with its title and intro."""
    site = c.ls.site
    title, intro = index_words(c.gettext)[kind]
    values: dict[str, Any] = {"people": list(site.people.values()),
                              "publications": site.publications}
    if kind == "stories":
        themes = {t for s in site.stories.values() for t in s.meta.themes}
        values.update(stories=list(site.stories.values()),
                      pilots=[p for p in site.pilots.values() if p.stories],
                      themes=sorted(themes, key=lambda t: site.label("themes", t, c.code)
                                    .text.lower()))
    elif kind == "pilots":
        values.update(pilots=list(site.pilots.values()), extra=visuals.pilots(c))
    elif kind == "partners":
        values["partners"] = sorted(site.partners.values(), key=lambda p: c.title(p).text.lower())
    return page(c, f"{kind}.html.j2", Shown(title, c.code), intro, kind, visuals, intro=intro,
                **values)


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
