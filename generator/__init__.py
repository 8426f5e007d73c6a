"""Pilot storytelling: a bilingual static site from structured records."""

__version__ = "0.1.0"
