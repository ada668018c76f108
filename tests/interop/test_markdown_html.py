"""Card text to an Anki field's HTML and back: formatting kept, text shown as written."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from studyplanner.interop.html_text import html_to_text
from studyplanner.interop.markdown_html import markdown_to_html

# Text as a learner writes it, that comes back from its field character for character.
EXACT = [
    "**bold** and *italic*, `code` and ~~struck~~",
    "a line\nthe next line",
    "two\n\nparagraphs",
    "- one\n- two\n\n1. first\n2. second",
    "- outer\n  - inner\n- last",
    "```python\nx = 1\n\ny = 2\n```",
    "| a | b |\n|---|---|\n| 1 | 2 |",
    "> quoted\n> twice",
    "# A heading",
    "![a picture](cell.png) and ![another](<with space (1).png>)",
    "[the docs](https://docs.python.org/3/)",
    "snake_case, 2 \\* 3 and \\[not a link]\\(x)",
    "\\# not a heading\n\\- nor a list",
    "a <b>tag</b> & an \\&amp; as written",
    "[sound:hello.mp3]",
    "=1+1 and -5",
]


@pytest.mark.parametrize("text", EXACT)
def test_text_comes_back_from_its_field_as_written(text: str) -> None:
    assert html_to_text(markdown_to_html(text)) == text


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("**0**", "<strong>0</strong>"),  # one paragraph: no <p> around it, as Anki's editor
        ("a\nb", "a<br>b"),
        ("2 \\* 3", "2 &#42; 3"),  # shown as a star in Anki, read back as one
        ("![web](https://example.com/x.png)", ""),  # only pictures of kept files
        ("[run](javascript:alert(1))", "&#91;run]&#40;javascript:alert(1))"),  # no link made
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ("[sound:a b.mp3]", "[sound:a b.mp3]"),  # as Anki plays it
    ],
)
def test_a_field_is_what_anki_should_show(text: str, field: str) -> None:
    assert markdown_to_html(text) == field


@pytest.mark.parametrize(
    ("field", "text"),
    [
        ("<b>Bold</b> <i>it</i> <u>under</u>", "**Bold** *it* under"),
        ("<b> spaced </b>x", "**spaced** x"),
        ("<div>one</div><div>two</div>", "one\ntwo"),
        ("<ul><li>a</li><li>b</li></ul>after", "- a\n- b\n\nafter"),
        ('<ol start="3"><li>c</li></ol>', "3. c"),
        ("2*3 = <i>6</i> # not a heading", "2\\*3 = *6* # not a heading"),
        ("<div># at a line's start</div>", "\\# at a line's start"),
        (
            '<a href="https://x.org">site</a> <a href="file:///etc">local</a>',
            "[site](https://x.org) local",
        ),
        ("<code>a*b</code>", "`a*b`"),
        ("<pre>x = 1\ny = 2</pre>", "```\nx = 1\ny = 2\n```"),
    ],
)
def test_anki_formatting_arrives_as_markdown_and_its_text_as_written(field: str, text: str) -> None:
    assert html_to_text(field, literal=True) == text


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        # Control codes and odd spaces never reach a card (see core's printable).
        alphabet=st.sampled_from(list("ab *_`~[]()#>-+=.1|\\!&;\n<"))
        | st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp", "Zs")),
        max_size=40,
    )
)
def test_any_text_shows_the_same_after_a_trip_through_its_field(text: str) -> None:
    field = markdown_to_html(text)
    assert markdown_to_html(html_to_text(field)) == field


@given(st.text(alphabet=st.sampled_from(list("aZ é\"'?,;:@$%^{}019")), max_size=30))
def test_plain_text_needs_no_renderer_and_gets_the_same_html(text: str) -> None:
    from studyplanner.interop import markdown_html

    whole = markdown_html._renderer().render(text).replace("\n", "")
    assert markdown_to_html(text) == markdown_html._SINGLE_PARAGRAPH.sub(r"\1", whole)
