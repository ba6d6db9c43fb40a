"""Helpers for the client-language PDF tests: logical text via pdftotext, embedded fonts via pypdf + fontTools."""

from __future__ import annotations

import io
import shutil
import subprocess
import unicodedata
from pathlib import Path

from fontTools.ttLib import TTFont
from pypdf import PdfReader

ROOT = Path(__file__).resolve().parents[3]
FONTS = ROOT / "resources" / "fonts"
_CONTROLS = dict.fromkeys(map(ord, "\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))


def pdf_text(data: bytes, bare: bool = True) -> str:
    """The text layer in logical order (pdftotext runs the bidi algorithm), NFKC-normalised so shaped
    Arabic presentation forms read as the letters they came from."""
    if shutil.which("pdftotext"):
        out = subprocess.run(["pdftotext", "-enc", "UTF-8", "-", "-"], input=data, capture_output=True, check=True)
        text = out.stdout.decode("utf-8")
    else:  # pragma: no cover - poppler-utils is in .ci/run
        text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    return _bare(text) if bare else unicodedata.normalize("NFKC", text).translate(_CONTROLS)


def _bare(text: str) -> str:
    # NFKC; no joiners or direction marks; no combining marks (pdftotext files Arabic vowel and hamza marks,
    # drawn above or below the letter, as separate lines)
    text = unicodedata.normalize("NFKC", text).translate(_CONTROLS)
    return "".join(ch for ch in text if unicodedata.category(ch) != "Mn")


def norm(text: str) -> str:
    """An expected string as the text layer gives it back (joiners are consumed by shaping)."""
    return _bare(text)


def embedded_fonts(data: bytes) -> set[str]:
    """Base names of the fonts embedded in the PDF ("NotoSansArabic-Regular"), subset prefix removed."""
    names: set[str] = set()
    for page in PdfReader(io.BytesIO(data)).pages:
        fonts = page["/Resources"].get_object().get("/Font", {})
        for ref in fonts.values():
            font = ref.get_object()
            desc = font.get("/FontDescriptor")
            if desc is not None and "/FontFile2" in desc.get_object():
                names.add(str(font["/BaseFont"]).lstrip("/").split("+", 1)[-1])
    return names


def uncovered(text: str, fonts: set[str]) -> set[str]:
    """Characters of `text` that none of the embedded fonts (their full files in resources/fonts) covers."""
    files = {"DejaVuSans": "DejaVuSans.ttf", "DejaVuSans-Bold": "DejaVuSans-Bold.ttf"}
    cmap: set[int] = set()
    for name in fonts:
        path = FONTS / files.get(name, f"{name}.ttf")
        with TTFont(str(path), lazy=True) as font:
            cmap |= set(font.getBestCmap())
    return {ch for ch in text if not ch.isspace() and ord(ch) not in cmap}
