"""Pilot storytelling: a bilingual static site from structured records."""

__version__ = "0.1.0"

# The page contract between the stages: emit writes these markers around each
# page's content and this placeholder into its Content-Security-Policy; publish
# and the engine's hooks read them. They live here so that the engine's process
# (MkDocs loading the hooks) imports nothing else of the generator.
CONTENT_START, CONTENT_END = "<!--pl:content-->", "<!--/pl:content-->"
CSP_PLACEHOLDER = "'pl-inline-scripts'"
