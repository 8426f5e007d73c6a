"""The registry of record kinds: each kind is described once, in its own
module under content/records/, and listed here in the order the site shows them."""

from __future__ import annotations

from generator.content.bundle import Kind
from generator.content.records import pages, partners, people, pilots, stories

PAGES, PILOTS, STORIES, PEOPLE, PARTNERS = (pages.KIND, pilots.KIND, stories.KIND, people.KIND,
                                            partners.KIND)
KINDS: dict[str, Kind] = {kind.folder: kind for kind in (PAGES, PILOTS, STORIES, PEOPLE, PARTNERS)}
FILES = ("site.yml", "taxonomies.yml", "publications.yml")  # beside the kinds' folders


def by_singular(singular: str) -> Kind:
    """The kind of `pilots new story`: story -> stories."""
    return next(kind for kind in KINDS.values() if kind.singular == singular)
