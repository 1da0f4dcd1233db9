"""Reading built HTML pages back in tests: their tags, nesting, language and code."""

from __future__ import annotations

from collections import Counter
from html.parser import HTMLParser

# Attributes readers see (translated) and the page's language: all others must survive.
SEEN = frozenset({"alt", "title", "content", "lang", "dir"})


class Page(HTMLParser):
    """A page's tags with the attributes readers do not see, its code, its language,
    and whether every element closes where it opened."""

    VOID = frozenset({"meta", "link", "img", "br", "hr", "input", "source", "wbr"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.tags: Counter[str] = Counter()
        self.stack: list[str] = []
        self.nested = True
        self.lang: str | None = None
        self.code: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "html":
            self.lang = dict(attrs).get("lang")
        self.tags[f"{tag} {sorted((k, v) for k, v in attrs if k not in SEEN)}"] += 1
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        self.tags[f"/{tag}"] += 1
        if not self.stack or self.stack.pop() != tag:
            self.nested = False

    def handle_data(self, data: str) -> None:
        if {"code", "pre", "script", "style"} & set(self.stack):
            self.code.append(data)


def page(text: str) -> Page:
    parser = Page()
    parser.feed(text)
    parser.close()
    return parser
