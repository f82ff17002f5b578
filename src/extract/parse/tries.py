"""Regexes for many literal words, with shared prefixes factored out.

Python's `re` tries the branches of an alternation one after another, so "januar|februar|...|december"
costs one comparison per word at every position where it fails; a trie ("(?:a(?:pril|ugust)|...)")
fails after a character or two. Used wherever a long word list gates a pass over the text.
"""

from __future__ import annotations

import re

__all__ = ["word_trie"]


def word_trie(words: list[str]) -> str:
    """One regex for many literal words, shared prefixes factored out, so that a failed match is cheap."""
    tree: dict[str, dict] = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict[str, dict]) -> str:
        branches = [re.escape(char) + build(child) if char else "" for char, child in sorted(node.items())]
        if branches == [""]:
            return ""
        optional = "" in branches
        body = "|".join(b for b in branches if b)
        return f"(?:{body})?" if optional else f"(?:{body})" if len(branches) > 1 else body

    return build(tree)
