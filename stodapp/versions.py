"""Library versions for `doctor` and "Om stodapp" without importing Qt into the core (metadata only)."""

from __future__ import annotations

from importlib import metadata


def package_version(name: str) -> str | None:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


def qt_versions() -> dict[str, str | None]:
    """PySide6 ships Qt of the same version number, so package metadata is enough (no Qt import)."""
    pyside = package_version("PySide6-Essentials") or package_version("PySide6")
    return {"pyside6": pyside, "qt": pyside}
