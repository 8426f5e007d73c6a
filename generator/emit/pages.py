"""A language's pages: what every page has (front matter, a theme template, a
hero, a social card), each record's page, and the pages that are no record's:
home, the index of each kind, search."""

from __future__ import annotations

import re
from typing import Any, Callable

from markupsafe import Markup

from generator.content.language import Lang
from generator.content.kinds import PILOTS, STORIES
from generator.site.model import Node, Prose, Shown, Site, Story
from generator.emit.context import IMAGES, MEDIA, LangSite, PageCtx, attr, language_root
from generator.emit.jsonld import json_ld
from generator.emit.project import EmittedPage
from generator.emit.visuals import Visuals

MORE = 3  # stories in a story's "more from this pilot" strip
LATEST = 6  # stories on the home page
WORDS_A_MINUTE = 200
_TAG = re.compile(r"<[^>]+>")
MAIN = "<!--pl:main-->"  # where a page template's hero ends and the page begins
INDEXES = ("stories", "pilots", "people", "partners", "publications")  # the kinds' index pages
# The theme's template for each kind of page (Material's `template:` front matter)
THEME_TEMPLATES = {"home": "home.html", "story": "story.html", "pilot": "pilot.html",
                   "search": "search.html", **dict.fromkeys(INDEXES, "listing.html")}


def front(c: PageCtx, title: Shown, summary: str | None, kind: str) -> dict[str, Any]:
    """Returns a page's front matter: title, description, kind (home, pilot,
    story...) and language links. Every string is HTML-escaped here, because
    the theme prints front matter values as they are (in <title>, <meta> and
    the menus)."""
    config, languages = c.ls.site.config, c.ls.site.languages
    described = {"description": attr(summary)} if summary else {}
    data: dict[str, Any] = {"title": attr(title.text), **described, "page_kind": kind}
    if title.lang != c.code:
        # A page shown in another language's words stays out of this language's search
        data.update(content_lang=title.lang, search={"exclude": True})
    hreflangs = [*zip(languages, languages), ("x-default", config.default_language)]
    data["alternates"] = [{"hreflang": name, "href": c.ls.absolute(c.url, code)}
                          for name, code in hreflangs]
    data["lang_switch"] = [
        {"lang": code, "name": attr(Lang(code, config.locale(code)).own_name()),
         "href": c.href_site(language_root(code, config.default_language) + c.url)}
        for code in languages if code != c.code]
    return data


def body_html(c: PageCtx, prose: Prose, node: Node) -> Markup:
    """Returns a body's clean HTML (rendered and cleaned while the content was
    checked) with the record's images put in: a figure for an image on a line
    of its own (in a photo story, linked to a lightbox), a picture inside a
    line of text."""
    text = prose.rendered.html
    story_format = node.meta.format if node.kind is STORIES else None
    told, zoom = story_format in ("video-story", "audio-story"), story_format == "photo-story"
    for index, ref in enumerate(prose.images):
        token = prose.rendered.token(index)
        # written inside an HTML attribute, an image shows as its alt text: a picture can
        # only go where text goes (cleaned HTML has no < or > inside attributes)
        text = re.sub(f"<[^>]*{token}[^>]*>", lambda tag: tag[0].replace(token, attr(ref.alt)),
                      text)
        alone = prose.rendered.alone(index)
        if ref.src in node.players and alone in text:  # sound or video (checked: alone)
            text = text.replace(alone, c.part(MEDIA, "player", node.players[ref.src], ref,
                                              prose.lang, told))
        if ref.is_media or ref.is_remote or ref.src not in node.media:  # refused while checking
            text = text.replace(token, "")
            continue
        rendition = c.ls.images.get(node.media[ref.src])
        if ref.alone and alone in text:
            figure = c.part(IMAGES, "figure", rendition, ref.alt, ref.title, None,
                            "wide" if zoom else "figure", False, zoom)
            text = text.replace(alone, figure)
        else:
            text = text.replace(token, c.part(IMAGES, "picture", rendition, ref.alt))
    return Markup(text)


def page(c: PageCtx, title: Shown, summary: str | None, kind: str, visuals: Visuals,
         node: Node | None = None, **values: Any) -> EmittedPage:
    """Renders one page of a kind (see `front`): its template (kind.html.j2),
    showing `values`; its front matter and its social card; `node` is the
    record it shows."""
    hero, _, text = c.render(f"{kind}.html.j2", title=title, **values).partition(MAIN)
    data = front(c, title, summary, kind)
    data.update(template=THEME_TEMPLATES.get(kind, "page.html"), hide=["navigation", "toc"])
    if hero.strip():
        data["pl_hero"] = hero.strip()
    social = visuals.social(c, node, title.text)
    image = c.ls.site.config.base_url + social.path if social else None
    if social is not None:
        data.update(social_image=attr(image), social_image_alt=attr(social.alt),
                    social_image_width=social.width, social_image_height=social.height)
    if node is not None and node.kind is STORIES:
        data["published_time"] = node.meta.date.iso()
        if node.meta.example:  # shared, it says so
            example = c.gettext("Illustrative example")
            data["social_title"] = attr(f"{title.text} ({example})")
    if jsonld := json_ld(c, node, title, summary, image):
        data["jsonld"] = jsonld  # JSON, made inert: the theme writes it as it is
    return EmittedPage(f"{c.url}index.md", c.url, data, text,
                       card=social.card if social else None)


def newest(stories: list[Story]) -> str | None:
    """The date of the newest of some stories (ISO 8601), or None."""
    dates = [story.meta.date for story in stories]
    return max(dates, key=lambda date: date.first_day()).iso() if dates else None


def description(c: PageCtx, node: Node, prose: Prose | None) -> str | None:
    """What a record's page is about, for search results: its summary, else the
    role and organisation a person or partner has (None: the site's tagline)."""
    if prose and prose.summary:
        return prose.summary
    said = [c.pick(getattr(node.meta, name, None)) for name in ("role", "affiliation")]
    return "; ".join(shown.text for shown in said if shown) or None


def record_page(ls: LangSite, node: Node, visuals: Visuals) -> EmittedPage:
    """Emits the page of one record (pilot, story, person, partner or free page),
    dated by what it shows: a story's own date, a pilot's newest story's."""
    c = PageCtx(ls, node.path)
    prose = c.prose(node)
    body = visuals.body(c, node, body_html(c, prose, node)) if prose else Markup("")
    kind = node.kind.template
    values = {kind: node, "prose": prose, "body": body, "extra": visuals.record(c, node),
              "image": search_image(c, node)}
    if node.kind is STORIES:
        values.update(storymap=visuals.story_map(c, node), reading=reading_minutes(prose),
                      more=[s for s in node.pilot.stories if s is not node][:MORE])
    elif node.kind is PILOTS:
        values["timeline"] = visuals.timeline(c, node)
    emitted = page(c, c.title(node), description(c, node, prose), kind, visuals, node, **values)
    emitted.source = prose.path if prose else node.dir / "meta.yml"
    emitted.date = node.meta.date.iso() if node.kind is STORIES else (
        newest(node.stories) if node.kind is PILOTS else None)
    return emitted


def reading_minutes(prose: Prose) -> int:
    """How long the text takes to read, at 200 words a minute (at least one)."""
    words = len(_TAG.sub(" ", prose.rendered.html).split())
    return max(1, round(words / WORDS_A_MINUTE))


def search_image(c: PageCtx, node: Node) -> str | None:
    """The small image search results show for a record: its site path,
    written in hexadecimal. Pagefind makes words of its metadata too, and a
    search for "media" or "jpg" should not find every page with a picture."""
    if node.cover is None:
        return None
    rendition = c.ls.images.get(node.cover[1])
    return f"media/{rendition.of(rendition.fallback_format)[0].name}".encode().hex()


def index_pages(ls: LangSite, visuals: Visuals, only: frozenset[str] | None) -> list[EmittedPage]:
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
    return page(c, Shown(title, c.code), intro, kind, visuals, intro=intro, **values)


def _home(ls: LangSite, visuals: Visuals) -> EmittedPage:
    site, c = ls.site, PageCtx(ls, "")
    tagline = ls.pick(site.config.tagline)
    return page(c, ls.pick(site.config.title), tagline.text if tagline else None, "home",
                visuals, tagline=tagline, cover=lead_cover(site),
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
