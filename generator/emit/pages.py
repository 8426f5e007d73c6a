"""One function per page kind: each returns the page's front matter and body."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from generator.content.language import Lang
from generator.images import html as image_html
from generator.site.model import Node, Pilot, Prose, Shown, Story
from generator.emit.context import LangSite, PageCtx, attr, environment
from generator.emit.links import relative
from generator.emit.project import EmittedPage
from generator.emit.visuals import Visuals

_ENV = environment()
LATEST = 6


def render(template: str, **values: Any) -> str:
    """Renders a page template."""
    return _ENV.get_template(template).render(**values)


def front(c: PageCtx, title: Shown, summary: str | None, kind: str, **extra: Any) -> dict:
    """Returns a page's front matter: title, description, language links.

    Every string is HTML-escaped here, because the theme prints front matter
    values as they are (in <title>, <meta> and the menus).

    Args:
        c: The page's context.
        title: The page title and its language.
        summary: The description, or None.
        kind: The page kind (home, pilot, story, ...), for the theme.
        **extra: More keys for the theme (already safe).
    """
    ls = c.ls
    languages, default = ls.site.languages, ls.site.config.default_language
    data: dict[str, Any] = {"title": attr(title.text)}
    if summary:
        data["description"] = attr(summary)
    data["page_kind"] = kind
    if title.lang != c.code:
        # A page shown in another language's words stays out of this language's search
        data["content_lang"] = title.lang
        data["search"] = {"exclude": True}
    data["alternates"] = [{"hreflang": code, "href": ls.absolute(c.url, code)}
                          for code in languages]
    data["alternates"].append({"hreflang": "x-default", "href": ls.absolute(c.url, default)})
    data["lang_switch"] = [_switch(c, code) for code in languages if code != c.code]
    data.update(extra)
    return data


def _switch(c: PageCtx, code: str) -> dict:
    name = Lang(code, c.ls.site.config.locale(code)).own_name()
    return {"lang": code, "name": attr(name),
            "href": relative(c.here, c.ls.root_of(code) + c.url)}


def body_html(c: PageCtx, prose: Prose, node: Node, zoom: bool = False) -> Markup:
    """Returns a body's clean HTML with its images put in: a figure for an image
    on a line of its own, a picture inside a line of text.

    Args:
        c: The page.
        prose: The text (rendered and cleaned while the content was checked).
        node: The record (its images are files in its bundle).
        zoom: Link figures to a lightbox (photo stories).
    """
    text = prose.rendered.html
    for index, ref in enumerate(prose.images):
        token = prose.rendered.token(index)
        text = _outside_tags(text, token, attr(ref.alt))
        if ref.is_remote or ref.src not in node.media:  # refused while checking
            text = text.replace(token, "")
            continue
        rendition = c.ls.images.get(node.media[ref.src])
        picture = image_html.picture(rendition, c.media(), ref.alt)
        alone = f"<p>{token}</p>"
        if ref.alone and alone in text:
            figure = image_html.figure(rendition, c.media(), ref.alt, ref.title, zoom=zoom,
                                       usage="wide" if zoom else "figure")
            text = text.replace(alone, figure)
        else:
            text = text.replace(token, picture)
    return Markup(text)


def _outside_tags(text: str, token: str, alt: str) -> str:
    """Shows an image written inside an HTML attribute as its alt text: a picture
    can only go where text goes. (Cleaned HTML has no < or > inside attributes.)"""
    at = text.find(token)
    while at >= 0:
        if text.rfind("<", 0, at) > text.rfind(">", 0, at):
            text = text[:at] + alt + text[at + len(token):]
        at = text.find(token, at + 1)
    return text


def page(c: PageCtx, template: str, title: Shown, summary: str | None, kind: str,
         visuals: Visuals, node: Node | None = None, **values: Any) -> EmittedPage:
    """Renders one page: its template, its front matter and its social card.

    Args:
        c: The page's context.
        template: The template's name.
        title: The page title and its language.
        summary: The description, or None.
        kind: The page kind (home, pilot, story, ...), for the theme.
        visuals: Maps, timelines and cards.
        node: The record the page shows, if any.
        **values: What the template shows.
    """
    text = render(template, c=c, title=title, **values)
    src = f"{c.url}index.md" if c.url else "index.md"
    card = visuals.card(c, node, title.text)
    extra = {}
    if card is not None:
        extra = {"social_image": attr(f"{c.ls.site.config.base_url}social/{card.name}"),
                 "social_image_alt": attr(c.t("card.alt", title=card.title))}
    return EmittedPage(src, c.url, front(c, title, summary, kind, **extra), text, card=card)


def record_page(ls: LangSite, node: Node, visuals: Visuals) -> EmittedPage:
    """Emits the page of one record (pilot, story, person, partner or free page)."""
    c = PageCtx(ls, node.path)
    prose = c.prose(node)
    title = c.title(node)
    zoom = isinstance(node, Story) and node.meta.format == "photo-story"
    body = body_html(c, prose, node, zoom) if prose else Markup("")
    if prose:
        body = visuals.body(c, node, prose, body)
    kind = node.kind.template
    summary = prose.summary if prose else None
    values = {kind: node, "prose": prose, "body": body, "extra": visuals.record(c, node)}
    if isinstance(node, Story):
        values["storymap"] = visuals.story_map(c, node)
    if isinstance(node, Pilot):
        values["timeline"] = visuals.timeline(c, node)
        values["publications"] = publications_list(c, node.publications, False)
    emitted = page(c, f"{kind}.md.j2", title, summary, kind, visuals, node, **values)
    emitted.source = prose.path if prose else node.dir / "meta.yml"
    return emitted


def publications_list(c: PageCtx, publications: list, show_pilots: bool = True) -> Markup:
    """Renders a list of publications."""
    return Markup(render("_publications.j2", c=c, publications=publications,
                         show_pilots=show_pilots))


def index_pages(ls: LangSite, visuals: Visuals) -> list[EmittedPage]:
    """Emits the home page and the index of each kind."""
    site = ls.site
    c = PageCtx(ls, "")
    tagline = ls.pick(site.config.tagline)
    pages = [page(c, "home.md.j2", ls.pick(site.config.title), tagline.text if tagline else None,
                  "home", visuals, tagline=tagline, pilots=list(site.pilots.values()),
                  stories=list(site.stories.values())[:LATEST], extra=visuals.home(c),
                  period=visuals.period(c))]
    c = PageCtx(ls, "stories/")
    themes = sorted({t for s in site.stories.values() for t in s.meta.themes},
                    key=lambda t: site.label("themes", t, c.code).text.lower())
    pilots = [p for p in site.pilots.values() if p.stories]
    pages.append(_index(c, "stories", visuals, stories=list(site.stories.values()),
                        pilots=pilots, themes=themes))
    c = PageCtx(ls, "pilots/")
    pages.append(_index(c, "pilots", visuals, pilots=list(site.pilots.values()),
                        extra=visuals.pilots(c)))
    c = PageCtx(ls, "people/")
    pages.append(_index(c, "people", visuals, people=list(site.people.values())))
    c = PageCtx(ls, "partners/")
    partners = sorted(site.partners.values(), key=lambda p: c.title(p).text.lower())
    pages.append(_index(c, "partners", visuals, partners=partners))
    c = PageCtx(ls, "publications/")
    pages.append(_index(c, "publications", visuals, publications=site.publications,
                        listing=publications_list(c, site.publications)))
    return pages


def _index(c: PageCtx, kind: str, visuals: Visuals, **values: Any) -> EmittedPage:
    """Emits the index page of one kind (its title and intro from the interface texts)."""
    title = Shown(c.t(f"nav.{kind}"), c.code)
    return page(c, f"{kind}.md.j2", title, c.t(f"{kind}.intro"), kind, visuals, **values)
