"""Printable PDF documents (recaps, decision letters, personnel orders) in a Unicode font.

The font is Open Sans from the `ttf-opensans` package (a pinned dependency, Apache 2.0): it is
installed with everything else and read from the package, never downloaded while running. It
covers Indonesian text with its typographic quotes and dashes (“ ” – —), Latin accents and more.
"""

from __future__ import annotations

import importlib.resources
import logging
from pathlib import Path

from fpdf import FPDF

FAMILY = "OpenSans"
# fpdf2 subsets the font with fontTools, which logs every table it touches at INFO
logging.getLogger("fontTools").setLevel(logging.WARNING)


def font_path(style: str = "Regular") -> Path:
    return Path(str(importlib.resources.files("ttf_opensans") / "ttf" / f"OpenSans-{style}.ttf"))


class Document(FPDF):
    """An A4 page with the Unicode font loaded: regular, bold and italic."""

    def __init__(self, *, title: str, orientation: str = "P") -> None:
        super().__init__(orientation=orientation, format="A4")
        self.add_font(FAMILY, "", str(font_path("Regular")))
        self.add_font(FAMILY, "B", str(font_path("Bold")))
        self.add_font(FAMILY, "I", str(font_path("Italic")))
        self.set_title(title)
        self.set_creator("Sinergi")
        self.set_auto_page_break(auto=True, margin=15)
        self.add_page()
        self.set_font(FAMILY, size=10)

    def heading(self, lines: list[str]) -> None:
        """The unit's letterhead: its chain of command, in capitals, centred, with a rule."""
        self.set_font(FAMILY, "B", 11)
        for line in lines:
            self.cell(0, 5.5, line.upper(), align="C", new_x="LMARGIN", new_y="NEXT")
        y = self.get_y() + 1.5
        self.set_line_width(0.6)
        self.line(self.l_margin, y, self.w - self.r_margin, y)
        self.set_line_width(0.2)
        self.ln(5)
        self.set_font(FAMILY, size=10)

    def title_block(self, text: str, sub: str = "") -> None:
        self.set_font(FAMILY, "B", 12)
        self.multi_cell(0, 6.5, text, align="C", new_x="LMARGIN", new_y="NEXT")
        if sub:
            self.set_font(FAMILY, size=10)
            self.multi_cell(0, 5.5, sub, align="C", new_x="LMARGIN", new_y="NEXT")
        self.ln(3)
        self.set_font(FAMILY, size=10)

    def grid(
        self,
        header: list[str],
        rows: list[list[str]],
        widths: list[float],
        *,
        bold_last: bool = False,
        align: str = "",
    ) -> None:
        """A bordered table; numbers (right-aligned) are every column but the first."""
        self.set_font(FAMILY, "B", 9)
        for text, width in zip(header, widths, strict=True):
            self.cell(width, 6.5, text, border=1, align="C")
        self.ln()
        for number, row in enumerate(rows):
            last = bold_last and number == len(rows) - 1
            self.set_font(FAMILY, "B" if last else "", 9)
            for column, (text, width) in enumerate(zip(row, widths, strict=True)):
                side = align[column] if column < len(align) else ("L" if column == 0 else "R")
                self.cell(width, 6, text, border=1, align=side)
            self.ln()
        self.set_font(FAMILY, size=10)
        self.ln(3)

    def as_bytes(self) -> bytes:
        return bytes(self.output())
