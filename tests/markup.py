"""Reading the renderer's HTML in tests: tags, attributes, and a check that it nests properly."""

from __future__ import annotations

from html.parser import HTMLParser


class Markup(HTMLParser):
    """Start tags with their attributes; fails on an end tag that closes the wrong element."""

    VOID = frozenset({"input", "br", "img", "meta", "link", "hr", "rect"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.VOID:
            return
        assert self.stack, f"</{tag}> closes nothing"
        assert self.stack[-1] == tag, f"</{tag}> closes <{self.stack[-1]}>"
        self.stack.pop()


def parse_markup(html: str) -> Markup:
    """Parse a fragment and check every element it opens is closed."""
    parser = Markup()
    parser.feed(html)
    parser.close()
    assert not parser.stack, f"unclosed: {parser.stack}"
    return parser
