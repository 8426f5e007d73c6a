"""Emit one language's site as pages (Markdown with front matter) and a menu:
a Project, engine-neutral (`generator.engine` turns it into an MkDocs project).
"""

from __future__ import annotations

from gettext import NullTranslations

from generator.content.language import Lang
from generator.content.messages import SITE, translations
from generator.images.planner import ImagePlanner
from generator.site.model import Node, Site
from generator.emit.context import LangSite, PageCtx, attr, language_root
from generator.emit.visuals import Visuals
from generator.emit.pages import INDEXES, index_pages, index_words, record_page
from generator.emit.project import NavItem, Project
from generator.site import csp
from generator.emit.brand import brand_files, emblem
from generator.site.mapsettings import used_tiles
from generator.emit.feeds import ATOM, JSON_FEED, feeds

__all__ = ["emit_language", "Project", "Visuals"]
# The Open Graph locale of a babel locale name without a country (nl_BE stays)
OG_LOCALES = {"nl": "nl_NL", "en": "en_GB", "de": "de_DE", "fr": "fr_FR"}


def emit_language(site: Site, code: str, images: ImagePlanner, visuals: Visuals,
                  only: frozenset[str] | None = None) -> Project:
    """Emits every page of one language, planning its images' renditions; with
    `only`, only the pages at those paths (stories/x/, ""): the preview shows
    the page just saved first, with no menu and no extra pages."""
    ls = LangSite(site, Lang(code, site.config.locale(code)), images)
    project = Project(code, ls.root, settings(ls), files=brand_files(site, ls.texts))
    nodes = [node for node in site.nodes() if only is None or node.path in only]
    for page in [*index_pages(ls, visuals, only), *(record_page(ls, n, visuals) for n in nodes)]:
        project.add(page)
    if only is not None:
        return project
    for page in visuals.pages(ls):
        project.add(page)
    project.files.update(feeds(ls, visuals))
    project.settings["licences_path"] = "licences/" if "licences/index.md" in project.pages else ""
    project.nav = navigation(ls)
    return project


def navigation(ls: LangSite) -> list[NavItem]:
    """Returns the menu: kinds' indexes, pilots and free pages; never every story."""
    site, c = ls.site, PageCtx(ls, "")
    titles = {kind: attr(title) for kind, (title, _intro) in index_words(c.gettext).items()}

    def item(node: Node) -> NavItem:
        return NavItem(attr(c.title(node).text), f"{node.path}index.md")

    pilots = (NavItem(titles["pilots"], "pilots/index.md"), *map(item, site.pilots.values()))
    items = [NavItem(attr(c.gettext("Home")), "index.md")]
    items += [NavItem(titles["pilots"], children=pilots)] if site.pilots else []
    items += [NavItem(titles[kind], f"{kind}/index.md") for kind in INDEXES
              if kind != "pilots" and getattr(site, kind)]  # a kind without records has no page
    return items + [item(page) for page in site.pages.values() if page.meta.menu == "main"]


def settings(ls: LangSite) -> dict:
    """Returns the site-level settings of a language's project (all escaped)."""
    site, config = ls.site, ls.site.config
    footer = [{"title": attr(PageCtx(ls, "").title(p).text), "path": p.path}
              for p in site.pages.values() if p.meta.menu == "footer"]
    funding, tagline = ls.pick(config.funding), ls.pick(config.tagline)
    locale = config.locale(ls.code)
    return {
        "site_name": attr(ls.pick(config.title).text),
        # what a page without a description of its own says (the 404 page)
        "site_description": attr(tagline.text) if tagline else "",
        "feeds": {"atom": config.base_path + ls.root + ATOM,
                  "json": config.base_path + ls.root + JSON_FEED},
        "root": ls.root,
        "og_locale": OG_LOCALES.get(locale, locale),
        "notfound_others": [] if ls.root else _notfound_others(site),
        "licences_path": "",
        "csp": csp.policy([o for tiles in used_tiles(site) for o in tiles.origins()],
                          config.video_hosts),
        "site_url": config.base_url + ls.root,
        "language": ls.code,
        "languages": [{"lang": code, "root": language_root(code, config.default_language),
                       "name": attr(Lang(code, config.locale(code)).own_name())}
                      for code in site.languages],
        "base_path": config.base_path,
        "ui": theme_words(ls.texts),
        "funding": attr(funding.text) if funding else "",
        "emblem": emblem(ls.texts) if funding and config.funder == "eu" else "",
        "funding_lang": funding.lang if funding else ls.code,
        "footer_links": footer,
        "contact": attr(config.contact.email or ""),
    }


def theme_words(texts: NullTranslations) -> dict[str, str]:
    """The words the theme writes (it asks for them by these names), escaped."""
    gettext = texts.gettext
    words = {"notfound.title": gettext("Page not found"),
             "notfound.text": gettext("This page does not exist (any more). The menu or the "
                                      "search may help you find what you are looking for."),
             "notfound.home": gettext("Go to the home page"), "search.title": gettext("Search"),
             "feed.atom": gettext("Stories (Atom feed)"),
             "feed.json": gettext("Stories (JSON Feed)"), "footer.licences": gettext("Licences"),
             "footer.made": gettext("Made with the open pilot storytelling generator."),
             "palette.auto": gettext("Light or dark as your device is set (click for light)"),
             "palette.light": gettext("Light view (click for dark)"),
             "palette.dark": gettext("Dark view (click to follow your device)")}
    return {name: attr(text) for name, text in words.items()}


def _notfound_others(site: Site) -> list[dict]:
    """The 404 texts of the other languages, for the one 404 page hosts serve."""
    others = []
    for code in site.languages[1:]:
        words = theme_words(site.texts.get(code) or translations(code, SITE))
        others.append({"lang": code, "root": language_root(code, site.config.default_language),
                       **{key: words[f"notfound.{key}"] for key in ("title", "text", "home")},
                       "search": words["search.title"]})
    return others
