"""Letters and digits drawn large with block glyphs, to be read from across the room.

A 5-pixel-high font drawn with the full block and the upper and lower half blocks only
(█ ▀ ▄): all three are in code page 437, so the Linux console's fonts have them, unlike
the rounded box corners of Textual's `Digits`. A pixel is `scale` columns wide and `scale`
half-rows high: terminal cells are about twice as high as wide, so pixels come out square.
No Textual here: the widgets turn the rows into Content.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from types import MappingProxyType

HEIGHT = 5
"""Pixels in a glyph's height."""
FULL, UPPER, LOWER = "█", "▀", "▄"

_GLYPHS: dict[str, str] = {
    "0": "### #.# #.# #.# ###",
    "1": ".#. ##. .#. .#. ###",
    "2": "### ..# ### #.. ###",
    "3": "### ..# .## ..# ###",
    "4": "#.# #.# ### ..# ..#",
    "5": "### #.. ### ..# ###",
    "6": "### #.. ### #.# ###",
    "7": "### ..# ..# ..# ..#",
    "8": "### #.# ### #.# ###",
    "9": "### #.# ### ..# ###",
    "A": ".##. #..# #### #..# #..#",
    "B": "###. #..# ###. #..# ###.",
    "C": ".### #... #... #... .###",
    "D": "###. #..# #..# #..# ###.",
    "E": "#### #... ###. #... ####",
    "F": "#### #... ###. #... #...",
    "G": ".### #... #.## #..# .###",
    "H": "#..# #..# #### #..# #..#",
    "I": "### .#. .#. .#. ###",
    "J": "..## ...# ...# #..# .##.",
    "K": "#..# #.#. ##.. #.#. #..#",
    "L": "#... #... #... #... ####",
    "M": "#...# ##.## #.#.# #...# #...#",
    "N": "#...# ##..# #.#.# #..## #...#",
    "O": ".##. #..# #..# #..# .##.",
    "P": "###. #..# ###. #... #...",
    "Q": ".##. #..# #..# #.#. .#.#",
    "R": "###. #..# ###. #.#. #..#",
    "S": ".### #... .##. ...# ###.",
    "T": "##### ..#.. ..#.. ..#.. ..#..",
    "U": "#..# #..# #..# #..# .##.",
    "V": "#...# #...# #...# .#.#. ..#..",
    "W": "#...# #...# #.#.# ##.## #...#",
    "X": "#...# .#.#. ..#.. .#.#. #...#",
    "Y": "#...# .#.#. ..#.. ..#.. ..#..",
    "Z": "#### ...# .##. #... ####",
    " ": ". . . . .",
    ":": ". # . # .",
    "·": ". . # . .",
    ".": ". . . . #",
    ",": ". . . # #",
    "'": "# # . . .",
    "-": "... ... ### ... ...",
    "+": "... .#. ### .#. ...",
    "/": "..# ..# .#. #.. #..",
    "(": ".# #. #. #. .#",
    ")": "#. .# .# .# #.",
    "!": "# # # . #",
    "?": "### ..# .## ... .#.",
}

GLYPHS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {char: tuple(rows.split()) for char, rows in _GLYPHS.items()}
)
"""Each character's pixel rows, top to bottom: '#' is ink, '.' is not."""


def can_draw(text: str) -> bool:
    """True when every character of `text` has a glyph (letters in either case)."""
    return all(char in GLYPHS for char in text.upper())


def pixel_width(text: str) -> int:
    """Pixels across `text`: its glyphs with one pixel between each two."""
    glyphs = [GLYPHS[char] for char in text.upper()]
    return sum(len(glyph[0]) for glyph in glyphs) + max(len(glyphs) - 1, 0)


def columns(text: str, scale: int) -> int:
    """Terminal columns `text` takes at `scale`."""
    return pixel_width(text) * scale


def rows(scale: int) -> int:
    """Terminal rows a line of big letters takes at `scale`."""
    return math.ceil(HEIGHT * scale / 2)


def largest_scale(text: str, width: int, height: int, most: int, *, after: int = 0) -> int:
    """The largest scale, at most `most`, at which `text` fits `width`×`height`; 0 if none.

    `after`: blank pixels drawn after the text, which must fit too.
    """
    if not text or not can_draw(text):
        return 0
    across = pixel_width(text) + after
    for scale in range(most, 0, -1):
        if across * scale <= width and rows(scale) <= height:
            return scale
    return 0


def draw(text: str, scale: int) -> list[str]:
    """`text` as rows of block glyphs at `scale` (letters drawn as capitals).

    Raises KeyError for a character without a glyph: check with `can_draw` first.
    """
    glyphs = [GLYPHS[char] for char in text.upper()]
    pixels = ["" for _ in range(HEIGHT)]
    for index, glyph in enumerate(glyphs):
        gap = "." if index else ""
        pixels = [line + gap + part for line, part in zip(pixels, glyph, strict=True)]
    half_rows = ["".join(pixel * scale for pixel in line) for line in pixels for _ in range(scale)]
    if len(half_rows) % 2:
        half_rows.append("." * len(half_rows[0]))
    return [_pair(top, bottom) for top, bottom in zip(half_rows[::2], half_rows[1::2], strict=True)]


def _pair(top: str, bottom: str) -> str:
    """Two half-rows of pixels as one row of cells."""
    return "".join(
        (FULL if low == "#" else UPPER) if high == "#" else (LOWER if low == "#" else " ")
        for high, low in zip(top, bottom, strict=True)
    )
