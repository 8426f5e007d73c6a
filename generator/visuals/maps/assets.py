"""The files every map needs, taken from installed packages (never copied
into the repository): Leaflet and Leaflet.markercluster from PyPI's xstatic
packages, marker icons from the SVG icon sets installed with the theme (found
by generator.site.mapsettings)."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import metadata, util
from pathlib import Path


VENDOR = "vendor/"  # site path of the vendored files


@dataclass(frozen=True)
class Library:
    """A third-party library the site serves itself, with its licence."""

    name: str
    package: str
    version: str
    licence: str
    copyright: str
    url: str


def _xstatic_dir(module: str) -> Path:
    spec = util.find_spec(module)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(f"{module} is not installed; run `make site` to install it")
    return Path(list(spec.submodule_search_locations)[0]) / "data"


def leaflet_files() -> dict[str, Path]:
    """Returns the vendored map files: site path -> installed file."""
    leaflet = _xstatic_dir("xstatic.pkg.leaflet")
    cluster = _xstatic_dir("xstatic.pkg.leaflet_markercluster")
    files = {f"{VENDOR}leaflet/leaflet.js": leaflet / "leaflet.js",
             f"{VENDOR}leaflet/leaflet.css": leaflet / "leaflet.css"}
    for image in sorted((leaflet / "images").iterdir()):
        files[f"{VENDOR}leaflet/images/{image.name}"] = image
    for name in ("leaflet.markercluster.js", "MarkerCluster.css", "MarkerCluster.Default.css"):
        files[f"{VENDOR}markercluster/{name}"] = cluster / name
    return files


def icon_site_path(name: str) -> str:
    """Returns where an icon is served on the site."""
    return f"{VENDOR}icons/{name.replace('/', '-')}.svg"


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "?"


def libraries() -> list[Library]:
    """Returns the third-party libraries the site serves, for the licences page."""
    return [
        Library("Leaflet", "XStatic-Leaflet", _version("XStatic-Leaflet").rsplit(".", 1)[0],
                "BSD 2-Clause", "© Volodymyr Agafonkin, © CloudMade", "https://leafletjs.com/"),
        Library("Leaflet.markercluster", "XStatic-Leaflet-MarkerCluster",
                _version("XStatic-Leaflet-MarkerCluster").rsplit(".", 1)[0], "MIT",
                "© David Leaver", "https://github.com/Leaflet/Leaflet.markercluster"),
        Library("Material for MkDocs", "mkdocs-material", _version("mkdocs-material"), "MIT",
                "© Martin Donath", "https://squidfunk.github.io/mkdocs-material/"),
        Library("Pagefind", "pagefind", _version("pagefind"), "MIT", "© CloudCannon",
                "https://pagefind.app/"),
        Library("Font Awesome Free (icons)", "mkdocs-material", "", "CC BY 4.0", "© Fonticons, Inc.",
                "https://fontawesome.com/license/free"),
        Library("Material Design Icons", "mkdocs-material", "", "Apache 2.0", "© Pictogrammers",
                "https://pictogrammers.com/"),
    ]
