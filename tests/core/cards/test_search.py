"""The card browser's search language."""

from __future__ import annotations

import pytest

from studyplanner.core.cards.search import NO_TAGS, CardSearch, SearchError, Term, parse_search


def test_words_tags_decks_and_flags() -> None:
    assert parse_search('Python "List comp" tag:Basics -deck:sql is:due -is:suspended') == (
        CardSearch(
            (
                Term("word", "python"),
                Term("word", "list comp"),
                Term("tag", "basics"),
                Term("deck", "sql", negated=True),
                Term("is", "due"),
                Term("is", "suspended", negated=True),
            )
        )
    )


def test_tag_none_asks_for_cards_without_tags() -> None:
    assert parse_search("tag:none -tag:None") == CardSearch(
        (Term("tag", NO_TAGS), Term("tag", NO_TAGS, negated=True))
    )


def test_an_empty_search_finds_everything() -> None:
    assert parse_search("  ") == CardSearch()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('"open', "unclosed quote"),
        ("is:lost", "is: takes one of due, new, suspended"),
        ("colour:red", "searches know words, tag:, deck: and is:"),
        ("tag:", "searches know words, tag:, deck: and is:"),
    ],
)
def test_bad_searches_say_what_is_wrong(text: str, message: str) -> None:
    with pytest.raises(SearchError, match=message):
        parse_search(text)
