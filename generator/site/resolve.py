"""From validated content to the resolved site: records become nodes, ids
become links, and every check that needs more than one record runs here (the
checks themselves live beside this module, one concern each). Drafts are
published only when asked for, stories only with their narrator's consent;
records with errors are left out, every problem collected."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Iterator

from generator.content.load import Content, Item
from generator.content.bundle import Bundle, Kind, TextSource
from generator.content.kinds import PAGES, PARTNERS, PEOPLE, PILOTS, STORIES
from generator.content.messages import N_, SITE, _, translations
from generator.content.problems import Problems
from generator.content.yamlsrc import line_at
from generator.images.probe import ImageIndex
from generator.site.prose import Text
from generator.site.geo import AREA_POINTS, area_points, check_country, check_near, read_area
from generator.site.images import ImageChecks
from generator.site.mapsettings import check_map_settings
from generator.site.media import MediaChecks
from generator.site.model import (NODE_TYPES, InterventionNode, Node, Pilot, Prose,
                                  PublicationNode, Site, Story)
from generator.site.references import References, check_links, check_terms
from generator.site.texts import (check_chapters, check_description, check_headings,
                                  check_markup, check_placeholders, check_rendered,
                                  check_translations)
from generator.site.textwork import TextWork

# Addresses the site itself uses: a free page may not take them
RESERVED = {"pilots", "stories", "people", "partners", "publications", "assets", "search",
            "data", "media", "404", "sitemap", "robots", "social", "vendor", "licences",
            "pagefind"}


def included(bundle: Bundle, drafts: bool) -> bool:
    """Whether a valid record takes part in this build (a draft only with --drafts)."""
    return bundle.meta is not None and (drafts or not bundle.meta.draft)


def consented(bundle: Bundle, problems: Problems) -> bool:
    """Whether a story's narrator agreed to publication; says so when not."""
    if bundle.meta.consent.given:
        if bundle.meta.consent.date is None:  # the record of when, should anyone ask
            problems.add(bundle.meta_path, line_at(bundle.raw, ("consent",)),
                         _("the consent has no date"),
                         _("write when the narrator agreed, e.g. consent: {given: true, date: "
                           "2019-05-01}"), level="notice")
        return True
    problems.add(bundle.meta_path, line_at(bundle.raw, ("consent",)),
                 _('story "{id}" is not published: consent is not given').format(id=bundle.id),
                 _("set consent: {given: true, date: ...} once the narrator has agreed"),
                 level="notice")
    return False


def resolve(content: Content, problems: Problems, drafts: bool, images: ImageIndex,
            texts: TextWork) -> Site:
    """Builds the cross-linked site from validated content, with drafts or not;
    `images` knows each image file, `texts` analyses the Markdown (the preview
    keeps both for all its rebuilds)."""
    images.limit = content.site.images.max_megapixels
    return _Resolver(content, problems, drafts, images, texts).run()


class _Resolver:
    """One resolution pass; holds what every step needs."""

    def __init__(self, content: Content, problems: Problems, drafts: bool, images: ImageIndex,
                 texts: TextWork):
        self.content, self.problems, self.drafts, self.texts = content, problems, drafts, texts
        self.images = ImageChecks(images, problems)
        self.media = MediaChecks(images.media, self.images, texts, content, problems)
        self.published: dict[str, dict[str, Any]] = {}
        self.refs = References(content, self.published, problems)

    def run(self) -> Site:
        """Resolves every kind, then the links between them; returns the site."""
        self.texts.submit(self._texts())  # analysed in the workers while the records are resolved
        pages = sorted(self._nodes(PAGES), key=lambda p: (p.meta.order, p.id))
        for page in pages:
            self._check_page_id(page)
        self._publish(PAGES, pages)
        self._publish(PARTNERS, self._nodes(PARTNERS))
        self._publish(PEOPLE, sorted(self._nodes(PEOPLE), key=lambda p: p.meta.name.lower()))
        pilots = sorted(self._nodes(PILOTS), key=lambda p: (p.meta.order, p.id))
        self._publish(PILOTS, pilots)
        for pilot in pilots:
            self._link_pilot(pilot)
        self._publish(STORIES, self._stories())
        self._link_people()
        self._interventions()
        publications = self._publications()
        if self.content.site.translations == "required":
            check_translations(self.content, self.problems)
        check_map_settings(self.content, self.problems)
        self.media.check_total()
        site = Site(self.content.site, self.content.taxonomies, self.content.root,
                    publications=publications, drafts=self.drafts, texts=self.content.texts,
                    brand=self.content.brand, **self.published)  # by folder: pilots=...
        check_links(site, self.problems, self._left_out_drafts())
        return site

    def _left_out_drafts(self) -> frozenset[str]:
        """The pages drafts would have, had drafts been asked for."""
        return frozenset(bundle.kind.path(bundle.id) for bundles in self.content.bundles.values()
                         for bundle in bundles.values()
                         if bundle.meta is not None and bundle.meta.draft and not self.drafts)

    def _publish(self, kind: Kind, nodes: Any) -> None:
        self.published[kind.folder] = {node.id: node for node in nodes}

    # -- records ---------------------------------------------------------------

    def _included(self, kind: Kind) -> Iterator[Bundle]:
        return (b for b in self.content.of(kind).values() if included(b, self.drafts))

    def _nodes(self, kind: Kind) -> Iterator[Any]:
        for bundle in self._included(kind):
            if (node := self._guarded(bundle.dir, self._node, bundle)) is not None:
                yield node

    def _guarded(self, path: Path, step: Callable[..., Any], *args: Any) -> Any:
        """Runs one record's step; anything unexpected becomes a problem with the
        record's name, and the record is left out (an editor sees no traceback)."""
        try:
            return step(*args)
        except Exception as exc:  # noqa: BLE001 - whatever it is, the record is named
            self.problems.add(path, None, _("{name} could not be checked ({error})")
                              .format(name=path.name, error=type(exc).__name__),
                              _("check the record for anything unusual; if it looks right, this "
                                "is a bug in the generator: please report it with the record"))
            return None

    def _node(self, bundle: Bundle) -> Node:
        node = NODE_TYPES[bundle.kind.folder](bundle.kind, bundle.id, bundle.dir,
                                              self._prose(bundle), bundle.meta.draft,
                                              dict(bundle.media))
        node.meta = bundle.meta  # type: ignore[attr-defined]
        self.images.record(bundle, node.prose)
        node.players = self.media.record(bundle, node.prose)
        return node

    def _texts(self) -> Iterator[Text]:
        """Every text this pass will ask for, in the order it will ask."""
        for kind in (PAGES, PARTNERS, PEOPLE, PILOTS, STORIES):
            for bundle in self._included(kind):
                yield from (self._text(lang, text) for lang, text in bundle.texts.items())
        for pilot, items in self.content.interventions.items():
            if included(self.content.of(PILOTS)[pilot], self.drafts):
                yield from (Text(text, short=True) for item in items
                            for text in (item.value.description or {}).values())

    def _text(self, lang: str, text: TextSource) -> Text:
        texts = self.content.texts.get(lang) or translations(lang, SITE)
        return Text(text.body, text.body_line, texts.gettext("Back to the text"))

    def _prose(self, bundle: Bundle) -> dict[str, Prose]:
        prose = {}
        for lang, text in bundle.texts.items():
            if not bundle.meta.draft:
                check_placeholders(text, self.problems)
            analysis = self.texts.analysis(self._text(lang, text))
            front = text.front
            prose[lang] = Prose(
                lang, getattr(front, "title", None) or "", getattr(front, "summary", None),
                getattr(front, "quote", None), text.body, text.body_line, text.path,
                analysis.images, analysis.rendered)
            if check_rendered(analysis, text, self.problems):
                check_markup(prose[lang], self.problems)
                check_headings(analysis.headings, text.path, self.problems)
        return prose

    def _check_page_id(self, page: Node) -> None:
        if page.id in RESERVED or page.id in self.content.languages:
            self.problems.add(page.dir, None, _(
                'a free page cannot be called "{id}": that address is used by the site itself')
                .format(id=page.id), _("rename the folder, e.g. over-ons or about-cosie"))

    # -- links -------------------------------------------------------------------

    def _bundle(self, node: Node) -> Bundle:
        return self.content.of(node.kind)[node.id]

    def _terms(self, bundle: Bundle, *vocabularies: str) -> None:
        """Checks the taxonomy terms meta.yml gives (its field is named as the vocabulary)."""
        for vocabulary in vocabularies:
            check_terms(getattr(bundle.meta, vocabulary), vocabulary, self.content.taxonomies,
                        bundle.meta_path, bundle.raw, vocabulary, self.problems)

    def _link_pilot(self, pilot: Pilot) -> None:
        bundle, meta = self._bundle(pilot), pilot.meta
        self._terms(bundle, "themes", "target_groups")
        pilot.partners = self.refs.of(meta.partners, PARTNERS, bundle, "partners")
        pilot.people = self.refs.of(meta.people, PEOPLE, bundle, "people")
        for partner in pilot.partners:
            partner.pilots.append(pilot)
        check_country(pilot, bundle, self.problems)

    def _stories(self) -> list[Story]:
        stories = []
        for bundle in self._included(STORIES):
            # checked even when it will not be published
            story = self._guarded(bundle.dir, self._story, bundle)
            given = consented(bundle, self.problems)
            if story is not None and (given or self.drafts):  # the preview shows it, labelled
                story.unconsented = not given
                stories.append(story)
        stories.sort(key=lambda s: (s.meta.date.first_day(), s.id), reverse=True)
        for story in stories:
            story.pilot.stories.append(story)
        return stories

    def _story(self, bundle: Bundle) -> Story | None:
        meta = bundle.meta
        pilots = self.refs.of([meta.pilot], PILOTS, bundle, "pilot")
        self._terms(bundle, "themes")
        story = self._node(bundle)
        check_chapters(story, bundle, self.problems)
        if not pilots:
            if self.refs.exists(PILOTS, meta.pilot):
                self.problems.add(bundle.meta_path, line_at(bundle.raw, ("pilot",)),
                                  _('story "{id}" is left out: its pilot "{pilot}" is a draft or '
                                    "has errors").format(id=bundle.id, pilot=meta.pilot),
                                  _("publish or fix the pilot first"), level="notice")
            return None
        story.pilot = pilots[0]
        if meta.location:
            check_near(meta.location, story.pilot, bundle.meta_path,
                       line_at(bundle.raw, ("location",)), N_("the story"), self.problems)
        return story

    def _link_people(self) -> None:
        pilots = self.published[PILOTS.folder].values()
        for person in self.published[PEOPLE.folder].values():
            linked = self.refs.of(person.meta.pilots, PILOTS, self._bundle(person), "pilots")
            linked += [p for p in pilots if person in p.people]
            person.pilots = list(dict.fromkeys(linked))
            for pilot in person.pilots:
                if person not in pilot.people:
                    pilot.people.append(person)

    # -- interventions and publications ----------------------------------------

    def _interventions(self) -> None:
        for pilot in self.published[PILOTS.folder].values():
            seen: set[str] = set()
            points = 0
            for item in self.content.interventions.get(pilot.id, []):
                node = self._guarded(item.path, self._intervention, item, pilot, seen)
                if node is None:
                    continue
                points += area_points(node.area)
                if points > AREA_POINTS:
                    self.problems.add(item.path, item.line, _(
                        'the areas of pilot "{id}" hold more than {limit:,} points together (an '
                        "area used by several interventions counts each time)").format(
                        id=pilot.id, limit=AREA_POINTS), _(
                        "simplify the shapes (for example with mapshaper.org), or use fewer"))
                    break
                pilot.interventions.append(node)
                for story in node.stories:
                    story.interventions.append(node)

    def _intervention(self, item: Item, pilot: Pilot, seen: set[str]) -> InterventionNode | None:
        value = item.value
        if value.id in seen:
            self.problems.add(item.path, item.line, _('the intervention id "{id}" is used twice')
                              .format(id=value.id),
                              _("give every intervention of this pilot its own id"))
            return None
        seen.add(value.id)
        check_terms([value.type], "intervention_types", self.content.taxonomies, item.path,
                    item.raw, "type", self.problems, item.line)
        descriptions = self._descriptions(item)
        stories = self.refs.named(value.stories, STORIES, item.path, item.raw, "stories", item.line)
        if value.area:
            area = read_area(item, pilot, self._bundle(pilot), self.content.boundary, self.problems)
            if area is None:
                return None
            geometry, point = area
        else:
            geometry, point = None, (value.location.lat, value.location.lon)
            check_near(value.location, pilot, item.path,
                       line_at(item.raw, ("location",), item.line), N_("this intervention"),
                       self.problems)
        return InterventionNode(value, pilot, stories, geometry, point, item.path, item.line,
                                descriptions)

    def _descriptions(self, item: Item) -> dict[str, str]:
        """An intervention's descriptions as clean HTML, by language."""
        found = {}
        for lang, text in (item.value.description or {}).items():
            analysis = self.texts.analysis(Text(text, short=True))
            line = line_at(item.raw, ("description", lang), item.line)
            check_description(analysis, item.path, line, self.problems)
            if analysis.rendered is not None:  # clean, even where something was refused
                found[lang] = analysis.rendered.html
        return found

    def _publications(self) -> list[PublicationNode]:
        items = sorted(self.content.publications,
                       key=lambda i: (-(i.value.year or 0), i.value.title.lower()))
        found = []
        for item in items:
            pilots = self.refs.named(item.value.pilots, PILOTS, item.path, item.raw, "pilots",
                                     item.line)
            node = PublicationNode(item.value, pilots)
            found.append(node)
            for pilot in pilots:
                pilot.publications.append(node)
        return found
