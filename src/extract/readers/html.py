"""A release page's main text and metadata, through trafilatura.

Release pages carry menus, cookie banners, "related news" lists and footers, whose names and dates would
otherwise become rows of every release. trafilatura finds the article body and reads the title, the
publication date and the canonical address from the page's metadata.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")


@dataclass(frozen=True)
class Page:
    text: str
    title: str | None
    published: str | None  # ISO date
    url: str | None


def read_page(html: str) -> Page:
    """The main text (paragraphs on their own lines), title, date and canonical url of a page."""
    import trafilatura

    doc: Any = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_links=False,
        favor_precision=True,
        deduplicate=False,
    )
    if doc is None or not (doc.text or "").strip():
        return Page(text="", title=_clean(doc.title) if doc else None, published=None, url=None)
    lines = [_SPACES.sub(" ", line).strip() for line in doc.text.split("\n")]
    text = "\n".join(line for line in lines if line) + "\n"
    return Page(text=text, title=_clean(doc.title), published=_iso(doc.date), url=_clean(doc.url))


def _clean(value: str | None) -> str | None:
    value = _SPACES.sub(" ", value).strip() if value else ""
    return value or None


def _iso(value: str | None) -> str | None:
    return value[:10] if value and re.fullmatch(r"\d{4}-\d{2}-\d{2}.*", value) else None
