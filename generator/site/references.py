"""References between records: ids of other records and of taxonomy terms,
and links in texts, checked before anything is built.

Every relative link in a body must lead to a page the site will have (a
record's page, an index page, the home page), and an anchor to an id on it (a
heading's, from the body's rendered HTML). So `pilots check` finds what the
link check of the built site (generator.publish.linkcheck, kept as the safety
net) would find, with the file and line, and a build never meets it first.
"""

from __future__ import annotations

import html
import posixpath
import re
from pathlib import Path
from typing import Any, Iterable, NamedTuple
from urllib.parse import unquote, urlsplit

from generator.content.load import Content
from generator.content.bundle import Bundle, Kind
from generator.content.messages import N_, _
from generator.content.problems import Problems, did_you_mean
from generator.content.records.taxonomies import Taxonomies
from generator.content.yamlsrc import line_at
from generator.site import prose as markup
from generator.site.model import Node, Prose, Site
from generator.site.texts import ids_of

# What an unknown term is called, per vocabulary
VOCABULARIES = {"themes": N_('`{field}`: "{term}" is not a theme in taxonomies.yml.'),
                "target_groups": N_('`{field}`: "{term}" is not a target group in taxonomies.yml.'),
                "intervention_types": N_('`{field}`: "{term}" is not an intervention type in '
                                         "taxonomies.yml.")}


class References:
    """Resolves ids a record names into the published records they stand for:
    `published` by kind folder and id (filled as resolution goes on), of all
    the ids that exist in `content`."""

    def __init__(self, content: Content, published: dict[str, dict[str, Any]],
                 problems: Problems):
        self.known = {folder: set(bundles) for folder, bundles in content.bundles.items()}
        self.published, self.problems = published, problems

    def exists(self, kind: Kind, ref: str) -> bool:
        """Whether a record of this kind and id exists (published or not)."""
        return ref in self.known.get(kind.folder, ())

    def of(self, ids: Iterable[str], kind: Kind, bundle: Bundle, field: str) -> list[Any]:
        """Resolves ids of another kind named in a bundle's meta.yml."""
        return self.named(ids, kind, bundle.meta_path, bundle.raw, field)

    def named(self, ids: Iterable[str], kind: Kind, path: Path, raw: Any, field: str,
              line: int | None = None) -> list[Any]:
        """Resolves ids of another kind, reporting unknown ones with a suggestion;
        ids of records that exist but are not published (drafts, no consent) are
        dropped silently: nothing of them may leak into the site."""
        published = self.published.get(kind.folder, {})
        known = self.known.get(kind.folder, set())
        found = []
        for index, ref in enumerate(ids):
            if ref not in known and not self.problems.full(path):
                names = sorted(known)
                hint = _("use the id (folder name) of one in {folder}: {ids}") if names else \
                    _("use the id (folder name) of one in {folder} (there are none yet)")
                self.problems.add(path, line_at(raw, (field, index), line), _(
                    '`{field}`: there is no {kind} "{id}".').format(
                    field=field, kind=_(kind.singular), id=ref) + did_you_mean(ref, names),
                    hint.format(folder=f"content/{kind.folder}/", ids=", ".join(names[:8])
                                + (", ..." if len(names) > 8 else "")))
            elif ref in published:
                found.append(published[ref])
        return found


def check_terms(ids: Iterable[str], vocabulary: str, taxonomies: Taxonomies, path: Path,
                raw: Any, field: str, problems: Problems, line: int | None = None) -> None:
    """Reports taxonomy ids that taxonomies.yml does not define."""
    known = getattr(taxonomies, vocabulary)
    for index, term in enumerate(ids):
        if term not in known and not problems.full(path):
            problems.add(
                path, line_at(raw, (field, index), line),
                _(VOCABULARIES[vocabulary]).format(field=field, term=term)
                + did_you_mean(term, known),
                _("use one of {terms} or add it under `{vocabulary}:` in content/taxonomies.yml")
                .format(terms=", ".join(sorted(known)) or _("(none)"), vocabulary=vocabulary))


INDEXES = ("", "licences/", "search/")  # besides the index of every kind that has records
FILES = ("sitemap.xml", "robots.txt", "404.html")  # beside the pages, in every build
# Made by later stages (images, maps, theme): links there are left to the built site's check
LATER = ("media/", "data/", "assets/", "social/", "vendor/", "search/")
# ... except where the files are named by a hash of what they hold, or by the
# packages that made them: no editor can know the name, and it changes
HASHED = ("media/", "social/", "vendor/")
_HREF = re.compile(r'<a\s[^>]*?href="([^"]*)"')


class _Target(NamedTuple):
    """Where a link leads: a language's root and a page path under it."""

    lang: str
    path: str
    anchor: str


def check_links(site: Site, problems: Problems, drafts: frozenset[str]) -> None:
    """Reports every link in a body that leads to no page (or no anchor) of the
    site; `drafts` are the pages of drafts left out of this build (a link to one
    is said to lead to a draft, not to nowhere)."""
    pages: dict[str, Node | None] = dict.fromkeys(drafts) | {n.path: n for n in site.nodes()}
    for node in site.nodes():
        for text in (t for t in _texts(node) if t.rendered is not None):
            after: dict[str, int] = {}
            for link in dict.fromkeys(html.unescape(h) for h in _HREF.findall(text.rendered.html)):
                found = _problem(site, pages, node, text, link)
                if found is not None and not problems.full(text.path):
                    line = markup.line_of(link, text.body, text.body_line, after)
                    problems.add(text.path, line, *found, level="warning")


def web_address_hint(link: str) -> str | None:
    """What to do with a link that is another website's address without
    https:// (www.houten.nl); None for any other link."""
    if not markup.bare_address(link):
        return None
    return _("a link to another website starts with https://: https://{link}").format(link=link)


def _texts(node: Node, lang: str | None = None) -> list[Prose]:
    """A record's texts and the transcripts shown with them (in `lang`, or all)."""
    return [text for text in (*node.prose.values(), *(t for player in node.players.values()
                                                      for t in player.transcripts.values()))
            if lang in (None, text.lang)]


def _problem(site: Site, pages: dict[str, Node | None], node: Node, text: Prose,
             link: str) -> tuple[str, str] | None:
    if not link or markup.scheme_of(link) or link.startswith("//"):
        return None  # a web address, or mailto: and tel:
    if hint := web_address_hint(link):  # a browser would look for it on this site
        return (_("broken link {link}: without https:// in front, it leads to a page of this "
                  "site, and there is none of that name").format(link=link), hint)
    here = ("" if text.lang == site.config.default_language else f"{text.lang}/") + node.path
    target = _resolve(site, here, link)
    if target is None:
        return (_("broken link {link}: it leads outside the site").format(link=link),
                _("write a web address (https://...) for another website, or a path to a page "
                  "of this site, e.g. ../other-story/"))
    if target.path.startswith(HASHED):
        return (_("broken link {link}: it leads to a file the site makes for its own use, whose "
                  "name can change with any build").format(link=link),
                _("link to the page that shows it instead"))
    indexes = _indexes(site)
    if target.path.startswith(LATER) and target.path not in indexes or target.path in FILES:
        return None
    shown = pages.get(target.path)
    if target.path not in pages and target.path not in indexes:
        return (_("broken link {link}: it leads to no page of the site").format(link=link),
                _("correct the link; links to pages end in /, e.g. ../other-story/ or "
                  "../../pilots/houten/"))
    if target.path in pages and (shown is None or shown.draft) and not node.draft:
        return (_("broken link {link}: it leads to a draft, which is not published")
                .format(link=link), _("publish that record first, or remove the link"))
    return _anchor_problem(site, shown, target, link)


def _anchor_problem(site: Site, node: Node | None, target: _Target,
                    link: str) -> tuple[str, str] | None:
    if not target.anchor or markup.RESERVED_ID.match(target.anchor):
        return None  # the generator's own (#pl-map): the built site's check sees them
    shown = node.text(target.lang, site.languages) if node else None
    ids = [i for text in (_texts(node, shown.lang) if shown else ()) if text.rendered
           for i in ids_of(text.rendered.html)]
    if target.anchor in ids:
        return None
    message = _('broken link {link}: there is no anchor "#{anchor}" on that page').format(
        link=link, anchor=target.anchor)
    if node is None:  # an index page: every id on it is the generator's
        return message, _("link to the page itself, without the part from #")
    listing = ", ".join(f"#{i}" for i in ids[:6]) or _("(none)")
    return message, _("use the id of a heading on that page: {ids}").format(ids=listing)


def _indexes(site: Site) -> tuple[str, ...]:
    """The index pages the site has: a kind without records has none."""
    kinds = {"stories/": site.stories, "pilots/": site.pilots, "people/": site.people,
             "partners/": site.partners, "publications/": site.publications}
    return INDEXES + tuple(path for path, records in kinds.items() if records)


def _resolve(site: Site, here: str, link: str) -> _Target | None:
    """Where a link on page `here` (a site path such as en/stories/x/) leads."""
    parts = urlsplit(link)
    path, base = unquote(parts.path), site.config.base_path
    if path.startswith("/") and not path.startswith(base):
        return None
    joined = path[len(base):] if path.startswith("/") else posixpath.join(here, path)
    folder = joined.endswith("/") or not posixpath.splitext(joined)[1]
    joined = posixpath.normpath(joined)
    if joined.startswith(".."):
        return None
    if joined.endswith("index.html"):
        joined, folder = posixpath.dirname(joined), True
    joined = "" if joined == "." else joined + ("/" if folder and joined else "")
    first, rest = joined.partition("/")[::2]
    if first in site.languages[1:]:
        return _Target(first, rest, unquote(parts.fragment))
    return _Target(site.config.default_language, joined, unquote(parts.fragment))
