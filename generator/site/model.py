"""The resolved site: records cross-linked, ready to be emitted per language.

Nothing here knows MkDocs. `generator.site.resolve` makes one Site per build,
from validated Content, and hands it on complete; nothing changes it after.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from generator.site.prose import Rendered, chapters
from generator.content.bundle import Kind
from generator.content.kinds import PAGES, PARTNERS, PEOPLE, PILOTS, STORIES
from generator.site.mdrefs import ImageRef
from generator.content.fields import Image, LocalText
from generator.content.records.interventions import Intervention
from generator.content.records.people import PersonMeta
from generator.content.records.pages import PageMeta
from generator.content.records.partners import PartnerMeta
from generator.content.records.pilots import PilotMeta
from generator.content.records.publications import Publication
from generator.content.records.site import SiteConfig
from generator.content.records.stories import StoryMeta
from generator.content.records.taxonomies import Taxonomies


@dataclass(frozen=True)
class Prose:
    """One language's text of a record: its title, summary (one or two
    sentences) and pulled-out quote as plain text, its Markdown body."""

    lang: str
    title: str
    summary: str | None
    quote: str | None
    body: str
    body_line: int  # the line of `path` the body starts on
    path: Path
    images: tuple[ImageRef, ...] = ()
    rendered: Rendered | None = None  # the body as clean HTML (images as tokens)

    @property
    def sections(self) -> tuple[str, ...]:
        """The titles of its page's H2 sections (a map story's chapters), from
        the HTML the page is made of: asked of map stories only."""
        if not self.rendered:
            return ()
        image = self.rendered.tokens  # no title shows one
        return tuple(" ".join(image.sub("", title).split())
                     for title in chapters(self.rendered.html))


@dataclass(frozen=True)
class Shown:
    """A text chosen for a language, with the language it is really in."""

    text: str
    lang: str


@dataclass(eq=False)
class Node:
    """A record with a page of its own in every language (its id is its
    folder's name, `dir`)."""

    kind: Kind
    id: str
    dir: Path
    prose: dict[str, Prose] = field(default_factory=dict)  # possibly not every language
    draft: bool = False
    # Its image and data files by name: real files the content boundary
    # checked (nothing else is ever opened)
    media: dict[str, Path] = field(default_factory=dict)
    meta: Any = None
    unconsented: bool = False  # a story shown (labelled) only where drafts are: the preview
    # The sound and video its texts show, by what they wrote (generator.site.players.Player)
    players: dict[str, Any] = field(default_factory=dict)

    def text(self, lang: str, order: list[str]) -> Prose | None:
        """Returns the prose for `lang`, else the first language that has one."""
        return next((self.prose[other] for other in (lang, *order) if other in self.prose), None)

    @property
    def path(self) -> str:
        """The page's path under a language root, e.g. `stories/x/`."""
        return self.kind.path(self.id)

    @property
    def cover(self) -> tuple[Image, Path] | None:
        """The record's picture (its kind's `picture` in meta.yml), with its file."""
        image = getattr(self.meta, self.kind.picture) if self.kind.picture else None
        return (image, self.media[image.file]) if image else None


@dataclass(eq=False)
class Pilot(Node):
    meta: PilotMeta = None  # type: ignore[assignment]
    stories: list["Story"] = field(default_factory=list)
    partners: list["Partner"] = field(default_factory=list)
    people: list["Person"] = field(default_factory=list)
    interventions: list["InterventionNode"] = field(default_factory=list)
    publications: list["PublicationNode"] = field(default_factory=list)


@dataclass(eq=False)
class Story(Node):
    """A published story (consent given)."""

    meta: StoryMeta = None  # type: ignore[assignment]
    pilot: Pilot = None  # type: ignore[assignment]
    interventions: list["InterventionNode"] = field(default_factory=list)

    @property
    def cover(self) -> tuple[Image, Path] | None:
        """The story's cover, else its pilot's, with its file."""
        return super().cover or self.pilot.cover


@dataclass(eq=False)
class Person(Node):
    meta: PersonMeta = None  # type: ignore[assignment]
    pilots: list[Pilot] = field(default_factory=list)


@dataclass(eq=False)
class Partner(Node):
    meta: PartnerMeta = None  # type: ignore[assignment]
    pilots: list[Pilot] = field(default_factory=list)


@dataclass(eq=False)
class Page(Node):
    """A free page."""

    meta: PageMeta = None  # type: ignore[assignment]


NODE_TYPES: dict[str, type[Node]] = {PAGES.folder: Page, PILOTS.folder: Pilot,
                                     STORIES.folder: Story, PEOPLE.folder: Person,
                                     PARTNERS.folder: Partner}


@dataclass(eq=False)
class InterventionNode:
    """An intervention (its entry in interventions.yml, `path`, at `line`),
    with its pilot, its published stories and its area's shape."""

    value: Intervention
    pilot: Pilot
    stories: list[Story]
    area: dict | None  # its GeoJSON geometry, or None for a point
    point: tuple[float, float]  # where its marker goes: the location, or the area's centre
    path: Path
    line: int
    descriptions: dict[str, str] = field(default_factory=dict)  # clean HTML, by language

    @property
    def key(self) -> str:
        """A site-wide unique id: `<pilot>/<intervention>`."""
        return f"{self.pilot.id}/{self.value.id}"


@dataclass(eq=False)
class PublicationNode:
    value: Publication
    pilots: list[Pilot]


@dataclass(eq=False)
class Site:
    """The whole site, resolved: records by id in display order (stories and
    publications newest first)."""

    config: SiteConfig
    taxonomies: Taxonomies
    root: Path
    pilots: dict[str, Pilot] = field(default_factory=dict)
    stories: dict[str, Story] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    partners: dict[str, Partner] = field(default_factory=dict)
    pages: dict[str, Page] = field(default_factory=dict)
    publications: list[PublicationNode] = field(default_factory=list)
    drafts: bool = False
    texts: dict[str, Any] = field(default_factory=dict)  # each language's words (gettext)
    brand: dict[str, bytes] = field(default_factory=dict)  # the logo and fonts site.yml names

    @property
    def languages(self) -> list[str]:
        """The site's languages, the default first."""
        return self.config.languages

    def nodes(self) -> Iterator[Node]:
        """Yields every record that has a page, kind by kind."""
        for group in (self.pages, self.pilots, self.stories, self.people, self.partners):
            yield from group.values()

    def interventions(self) -> Iterator[InterventionNode]:
        for pilot in self.pilots.values():
            yield from pilot.interventions

    def pick(self, text: LocalText | dict | None, lang: str) -> Shown | None:
        """Chooses a short text (by language) for a language, falling back in
        language order; None when there is none."""
        if not text:
            return None
        other = next((code for code in (lang, *self.languages) if code in text), next(iter(text)))
        return Shown(text[other], other if other != "*" else lang)

    def label(self, vocabulary: str, term: str, lang: str) -> Shown:
        """Returns the label of a taxonomy term (themes, target_groups, ...)."""
        entry: Any = getattr(self.taxonomies, vocabulary).get(term)
        return self.pick(entry.label, lang) if entry else Shown(term, lang)
