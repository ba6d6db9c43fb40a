"""Shaped, correctly ordered text in PDFs: Arabic and Persian right-to-left, Ethiopic, Latin; never tofu.

Why our own line layout: reportlab's RTL paragraphs need `rlbidi` (not installable here) and, without it,
reverse word order blindly, which turns "020-12 34 56" into "56 34 020-12". We break lines on the logical
text, resolve direction runs per line with a small rule set (strong letters; digits, phone numbers and URLs
stay one left-to-right run), pick a font per character from a fixed chain, shape each run with HarfBuzz
(reportlab's `shapeStr`, which needs `uharfbuzz`) and draw the runs in visual order.
A character no embedded font covers is an error at build time (`MissingGlyph`), never an empty box.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache
from typing import Any

from reportlab.platypus import Flowable

from stodapp.errors import UserInputError
from stodapp.i18n import _
from stodapp.paths import resource_dir

LATIN = ("DejaVuSans", "DejaVuSans-Bold", "DejaVuSans.ttf", "DejaVuSans-Bold.ttf")
SCRIPT_FONTS: dict[str, tuple[str, str, str, str]] = {
    "arabic": ("NotoSansArabic", "NotoSansArabic-Bold", "NotoSansArabic-Regular.ttf", "NotoSansArabic-Bold.ttf"),
    "ethiopic": (
        "NotoSansEthiopic", "NotoSansEthiopic-Bold", "NotoSansEthiopic-Regular.ttf", "NotoSansEthiopic-Bold.ttf"),
}
# Code point blocks that belong to a script font (used to send a character to its own font first).
_BLOCKS: dict[str, tuple[tuple[int, int], ...]] = {
    "arabic": ((0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF)),
    "ethiopic": ((0x1200, 0x139F), (0x2D80, 0x2DDF), (0xAB00, 0xAB2F)),
}
# Format characters HarfBuzz consumes (ZWNJ in Persian, direction marks): need no glyph of their own.
_SENTENCE_END = ".,;:!?،؛؟"
_MIRROR = dict(zip("()[]{}<>«»‹›", ")(][}{><»«›‹", strict=True))
_IGNORABLE = frozenset({0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x061C, 0x2066, 0x2067, 0x2068, 0x2069, 0xFEFF})


class MissingGlyph(UserInputError):
    """A character that no embedded font can draw: the PDF is not built."""


class TextOverflow(UserInputError):
    """A text that does not fit on a page."""


@cache
def _cmap(filename: str) -> frozenset[int]:
    from fontTools.ttLib import TTFont as FTFont

    with FTFont(str(resource_dir() / "fonts" / filename), lazy=True) as font:
        return frozenset(font.getBestCmap())


def coverage(font_name: str) -> frozenset[int]:
    """Code points the font registered as `font_name` has a glyph for."""
    for regular, bold, rfile, bfile in (LATIN, *SCRIPT_FONTS.values()):
        if font_name == regular:
            return _cmap(rfile)
        if font_name == bold:
            return _cmap(bfile)
    raise KeyError(font_name)


_registered: set[str] = set()


def register_script_fonts() -> None:
    """Register the Noto script fonts with reportlab once (DejaVu comes from stodapp.pdf.base)."""
    if _registered:
        return
    try:
        import uharfbuzz  # noqa: F401  (reportlab shapes with it; without it Arabic would print unjoined)
    except ImportError as exc:  # pragma: no cover - a broken install, not a user error
        raise UserInputError(_("Arabisk skrift kan inte formas: paketet uharfbuzz saknas.")) from exc
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    from stodapp.pdf.base import register_fonts

    register_fonts()
    fonts = resource_dir() / "fonts"
    for regular, bold, rfile, bfile in SCRIPT_FONTS.values():
        pdfmetrics.registerFont(TTFont(regular, str(fonts / rfile)))
        pdfmetrics.registerFont(TTFont(bold, str(fonts / bfile)))
    _registered.add("done")


@dataclass(frozen=True)
class TextStyle:
    """How a shaped paragraph looks: size, leading, weight, spacing, grey level (0 black)."""

    size: float = 10.0
    leading: float = 13.5
    bold: bool = False
    space_before: float = 0.0
    space_after: float = 4.0
    grey: float = 0.0


def _bidi_class(ch: str) -> str:
    c = unicodedata.bidirectional(ch)
    if c in ("R", "AL"):
        return "R"
    if c in ("L", "EN", "AN"):  # numbers stay left-to-right (phone numbers, dates, opening hours)
        return "L"
    return "N"


def direction_runs(text: str, rtl: bool) -> list[tuple[bool, str]]:
    """Split one line into (is_rtl, text) runs in logical order.

    A neutral (space, hyphen, colon) takes the direction of its strong neighbours when both agree,
    else the paragraph's, so "020-12 34 56" and "www.example.se" are one left-to-right run.
    """
    classes = [_bidi_class(ch) for ch in text]
    pos = 0
    for token in text.split(" "):  # a word without right-to-left letters stays whole: "bris.se/just-nu/", "(24"
        span = len(token.rstrip(_SENTENCE_END))  # ... but a full stop after it ends the sentence, not the word
        if "R" not in classes[pos:pos + span] and "L" in classes[pos:pos + span]:
            classes[pos:pos + span] = ["L"] * span
        pos += len(token) + 1
    base = "R" if rtl else "L"
    resolved = list(classes)
    for i, c in enumerate(classes):
        if c != "N":
            continue
        before = next((classes[j] for j in range(i - 1, -1, -1) if classes[j] != "N"), base)
        after = next((classes[j] for j in range(i + 1, len(classes)) if classes[j] != "N"), base)
        resolved[i] = before if before == after else base
    runs: list[tuple[bool, str]] = []
    for ch, c in zip(text, resolved, strict=True):
        if runs and runs[-1][0] == (c == "R"):
            runs[-1] = (runs[-1][0], runs[-1][1] + ch)
        else:
            runs.append((c == "R", ch))
    return runs


class FontChain:
    """Which registered font draws each character, for one script and weight."""

    def __init__(self, script: str | None, bold: bool) -> None:
        register_script_fonts()
        self.latin = LATIN[1] if bold else LATIN[0]
        self.script = script
        self.primary = None if script is None else (SCRIPT_FONTS[script][1] if bold else SCRIPT_FONTS[script][0])

    def _own_block(self, cp: int) -> bool:
        return self.script is not None and any(lo <= cp <= hi for lo, hi in _BLOCKS[self.script])

    def font_for(self, ch: str, in_rtl_run: bool) -> str:
        cp = ord(ch)
        order = [self.latin]
        if self.primary is not None:
            order = [self.primary, self.latin] if in_rtl_run or self._own_block(cp) else [self.latin, self.primary]
        for name in order:
            if cp in coverage(name):
                return name
        if cp in _IGNORABLE:
            return order[0]
        raise MissingGlyph(
            _("Tecknet U+{cp:04X} finns inte i något inbäddat typsnitt; PDF:en skapas inte.").format(cp=cp))

    def pieces(self, run: str, rtl: bool) -> list[tuple[str, str]]:
        """(font, text) pieces of one direction run, in logical order."""
        out: list[tuple[str, str]] = []
        for ch in run:
            font = self.font_for(ch, rtl)
            if ch.isspace() and out:  # a space joins the piece before it: fewer, longer shaping calls
                font = out[-1][0]
            if out and out[-1][0] == font:
                out[-1] = (font, out[-1][1] + ch)
            else:
                out.append((font, ch))
        return out


def _shaped(text: str, font: str, size: float) -> tuple[Any, float]:
    """HarfBuzz-shaped text for a script font; Latin/Cyrillic text is drawn as it is (no "st"/"fi" ligatures,
    so the PDF's text layer reads back exactly)."""
    from reportlab.lib.abag import ABag
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import shapeFragWord

    if font in LATIN[:2]:
        return text, float(pdfmetrics.stringWidth(text, font, size))

    width, (_bag, shaped) = shapeFragWord(
        [pdfmetrics.stringWidth(text, font, size), (ABag(fontName=font, fontSize=size), text)], force=True)
    return shaped, float(width)


@dataclass(frozen=True)
class _Line:
    pieces: tuple[tuple[str, Any, float], ...]  # (font, shaped text, width) in visual order, left to right
    width: float


class ShapedParagraph(Flowable):  # type: ignore[misc]
    """A paragraph of plain logical text, broken into lines, ordered and shaped per script."""

    def __init__(self, text: str, style: TextStyle, *, rtl: bool = False, script: str | None = None) -> None:
        super().__init__()
        self.text, self.style, self.rtl = text, style, rtl
        self.chain = FontChain(script, style.bold)
        self.spaceBefore, self.spaceAfter = style.space_before, style.space_after
        self._lines: tuple[_Line, ...] = ()
        self.width = self.height = 0.0
        for ch in text:  # fail when the story is built, before anything is drawn
            self.chain.font_for(ch, rtl)

    def _layout(self, logical: str) -> _Line:
        visual: list[tuple[str, Any, float]] = []
        runs = direction_runs(logical, self.rtl)
        for is_rtl, run in (reversed(runs) if self.rtl else runs):
            pieces = self.chain.pieces(run, is_rtl)
            for font, part in (reversed(pieces) if is_rtl else pieces):
                if is_rtl and not any(_bidi_class(c) == "R" for c in part):
                    # neutrals from the Latin font inside right-to-left text: HarfBuzz sees them as
                    # left-to-right, so order and mirror them here ("(" becomes ")", "— " becomes " —")
                    part = "".join(_MIRROR.get(c, c) for c in reversed(part))
                shaped, width = _shaped(part, font, self.style.size)
                visual.append((font, shaped, width))
        return _Line(tuple(visual), sum(p[2] for p in visual))

    def _measure(self, word: str) -> float:
        return sum(_shaped(part, font, self.style.size)[1] for font, part in self.chain.pieces(word, self.rtl))

    def _words(self, paragraph: str) -> list[str]:
        words: list[str] = []
        for token in paragraph.split(" "):
            if words and token and words[-1] and (words[-1][-1].isdigit() and token[0].isdigit()):
                words[-1] += " " + token  # never break inside a phone number
            else:
                words.append(token)
        return words

    def _break(self, width: float) -> tuple[_Line, ...]:
        lines: list[str] = []
        space = self._measure(" ")
        for paragraph in self.text.split("\n"):
            current, used = "", 0.0
            for word in self._words(paragraph):
                w = self._measure(word)
                if current and used + space + w <= width:
                    current, used = f"{current} {word}", used + space + w
                    continue
                if current:
                    lines.append(current)
                while w > width:  # one word wider than the column (a long URL): split it by characters
                    cut = max(1, max((i for i in range(1, len(word)) if self._measure(word[:i]) <= width), default=1))
                    lines.append(word[:cut])
                    word = word[cut:]
                    w = self._measure(word)
                current, used = word, w
            lines.append(current)
        return tuple(self._layout(line) for line in lines)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 (reportlab API)
        self._lines = self._break(availWidth)
        self.width = availWidth
        self.height = len(self._lines) * self.style.leading
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803 (reportlab API)
        # A client text is never cut across pages: one that does not fit on a page is a build error
        # (reportlab's LayoutError, turned into TextOverflow by the caller).
        return []

    def draw(self) -> None:
        canvas = self.canv
        st = self.style
        canvas.setFillGray(st.grey)
        for i, line in enumerate(self._lines):
            y = self.height - i * st.leading - st.size * 1.02
            x = self.width - line.width if self.rtl else 0.0
            for font, shaped, width in line.pieces:
                canvas.setFont(font, st.size)
                canvas.drawString(x, y, shaped)
                x += width


def used_characters_covered(text: str, script: str | None) -> None:
    """Raise MissingGlyph when a character of `text` has no glyph in the chain for `script` (both weights)."""
    for bold in (False, True):
        chain = FontChain(script, bold)
        for ch in text:
            chain.font_for(ch, False)
