"""What search engines read: the sitemap (every page in every language, with
its alternates) and robots.txt."""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from generator.emit.project import Project


def sitemap(projects: list[Project], base_url: str) -> str:
    """Returns a sitemap listing every page in every language, with hreflang
    alternates, and the date of what a page shows when it has one (a story's):
    never the time of the build, so that two builds write the same sitemap.

    Args:
        projects: Every language's project (the same pages in each).
        base_url: The site's address, ending in "/".
    """
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
             'xmlns:xhtml="http://www.w3.org/1999/xhtml">']
    urls = sorted({page.url for project in projects for page in project.pages.values()})
    dates = {page.url: page.date for project in reversed(projects)
             for page in project.pages.values() if page.date}
    for url in urls:
        alternates = [(p.lang, base_url + p.root + url) for p in projects]
        alternates.append(("x-default", base_url + projects[0].root + url))
        for project in projects:
            lines.append(f"<url><loc>{escape(base_url + project.root + url)}</loc>")
            if url in dates:
                lines.append(f"<lastmod>{dates[url]}</lastmod>")
            lines.extend(f'<xhtml:link rel="alternate" hreflang={quoteattr(lang)} '
                         f"href={quoteattr(href)}/>" for lang, href in alternates)
            lines.append("</url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def robots(base_url: str) -> str:
    """Returns robots.txt: everything may be indexed; here is the sitemap."""
    return f"User-agent: *\nAllow: /\n\nSitemap: {base_url}sitemap.xml\n"
