"""Plain paragraphs from the small HTML of exercise descriptions (wger's `description`)."""

from __future__ import annotations

from html.parser import HTMLParser

_BLOCKS = frozenset(
    {"p", "div", "li", "br", "ul", "ol", "tr", "hr", "dd", "dt", "pre", "blockquote", "section"}
    | {f"h{level}" for level in range(1, 7)}
)
_HIDDEN = frozenset(("script", "style", "template"))


class _Paragraphs(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self._current: list[str] = []
        self._hidden = 0

    def _break(self) -> None:
        text = " ".join("".join(self._current).split())
        if text:
            self.paragraphs.append(text)
        self._current = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self._hidden += 1
        elif tag in _BLOCKS:
            self._break()

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self._hidden = max(0, self._hidden - 1)
        elif tag in _BLOCKS:
            self._break()

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self._current.append(data)


def paragraphs(html: str) -> list[str]:
    """The text of each block (paragraph, list item, line) in order; tags and entities resolved.

    Text is never interpreted beyond that: what was markup of another kind stays literal.
    """
    parser = _Paragraphs()
    parser.feed(html)
    parser.close()
    parser._break()
    return parser.paragraphs
