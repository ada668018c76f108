"""The card browser's search language, a small part of Anki's: words, tag:, deck:, is:, and -."""

from __future__ import annotations

import shlex
from dataclasses import dataclass

FLAGS = ("due", "new", "suspended")
# As in Anki, tag:none finds the cards without tags, not a tag named "none".
NO_TAGS = "none"


class SearchError(ValueError):
    """A search the browser cannot run; the message says which part is wrong."""


@dataclass(frozen=True)
class CardSearch:
    """What a search asks for. Every term must match (AND); text is case-insensitive.

    Each term is a ``Term``: a kind (word, tag, deck or is) and a value, possibly negated.
    """

    terms: tuple[Term, ...] = ()


@dataclass(frozen=True)
class Term:
    """One part of a search: ``python``, ``tag:basics``, ``-deck:sql``, ``is:due``.

    A tag term whose value is ``NO_TAGS`` asks for cards without tags.
    """

    kind: str
    value: str
    negated: bool = False


def parse_search(text: str) -> CardSearch:
    """Parse ``python "list comprehension" tag:basics -deck:sql is:due -is:suspended``.

    ``tag:none`` finds untagged cards and ``-tag:none`` tagged ones, as in Anki.
    """
    try:
        tokens = shlex.split(text)
    except ValueError:
        raise SearchError(f"the search has an unclosed quote: {text}") from None
    terms = []
    for token in tokens:
        negated = token.startswith("-") and len(token) > 1
        body = token[1:] if negated else token
        kind, _, value = body.partition(":") if ":" in body else ("word", "", body)
        if kind not in ("word", "tag", "deck", "is") or not value:
            raise SearchError(f"'{token}': searches know words, tag:, deck: and is:")
        if kind == "is" and value not in FLAGS:
            raise SearchError(f"'{token}': is: takes one of {', '.join(FLAGS)}")
        terms.append(Term(kind, value.lower(), negated))
    return CardSearch(tuple(terms))
