"""Pilot storytelling: a bilingual static site from structured records."""

# The page contract between the stages: emit writes these markers around each
# page's content; the Content-Security-Policy (generator.site.csp) reads them,
# also in the engine's process (MkDocs loading the hooks), which imports
# nothing else of the generator.
CONTENT_START, CONTENT_END = "<!--pl:content-->", "<!--/pl:content-->"
