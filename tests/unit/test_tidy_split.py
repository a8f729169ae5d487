"""csv_rows_of reads a CSV's text into exactly the rows csv.reader reads.

The merge splits each tidy CSV with str.split where that is sure to give what the csv
module gives, and leaves the rest to the csv module. If the two ever differed, a cell
would be read wrong without a word: these tests compare them on random text built from
the characters that matter to a CSV (delimiters, quotes, line ends, NUL, spaces).
"""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workshop_tui.core.tidy.split import csv_rows_of

# Every character the csv module treats specially, and a few it does not.
TOKENS = ["a", "b c", '"', '""', ",", ";", "\r\n", "\n", "\r", '"x,y"', '"x;y"', " ", "\0"]
ALPHABET = list(",;\"\r\n\0 a1æ'\t\u2028\x0b\x85\x1c")


def _reader_rows(text: str, delimiter: str) -> list[list[str]] | str:
    try:
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as error:
        return f"csv.Error: {error}"


def _split_rows(text: str, delimiter: str) -> list[list[str]] | str:
    try:
        return csv_rows_of(text, delimiter)
    except csv.Error as error:
        return f"csv.Error: {error}"


@st.composite
def csv_texts(draw: st.DrawFn) -> str:
    """Random text, or random cells written by csv.writer and then perhaps cut or edited."""
    kind = draw(st.sampled_from(["characters", "tokens", "written"]))
    if kind == "characters":
        return draw(st.text(alphabet=ALPHABET, max_size=60))
    if kind == "tokens":  # quotes next to delimiters, cells and line ends, as files have them
        return "".join(draw(st.lists(st.sampled_from(TOKENS), max_size=25)))
    cells = st.text(alphabet=ALPHABET, max_size=8)
    rows = draw(st.lists(st.lists(cells, max_size=5), max_size=5))
    buffer = io.StringIO()
    writer = csv.writer(
        buffer,
        delimiter=draw(st.sampled_from([",", ";"])),
        lineterminator=draw(st.sampled_from(["\r\n", "\n"])),
    )
    writer.writerows(rows)
    text = buffer.getvalue()
    if text and draw(st.booleans()):
        cut = draw(st.integers(0, len(text) - 1))
        text = text[:cut] + draw(st.text(alphabet=ALPHABET, max_size=3)) + text[cut + 1 :]
    return text


@settings(max_examples=2000, deadline=None)
@given(csv_texts(), st.sampled_from([",", ";"]))
def test_the_rows_are_the_csv_modules_rows(text, delimiter):
    assert _split_rows(text, delimiter) == _reader_rows(text, delimiter)


@settings(max_examples=500, deadline=None)
@given(csv_texts(), st.sampled_from([",", ";"]))
def test_a_cell_beyond_the_field_size_limit_is_refused_as_the_csv_module_refuses_it(
    text, delimiter
):
    before = csv.field_size_limit(5)  # so random text reaches it
    try:
        assert _split_rows(text, delimiter) == _reader_rows(text, delimiter)
    finally:
        csv.field_size_limit(before)


@pytest.mark.parametrize(
    "text",
    [
        'id,name\r\n1,"Reading up, and more"\r\n2,plain\r\n',  # an export's quoted cell
        'a,"b ""quoted"" c",d\n',
        "a,b\n\n\nc,d",  # empty lines, no end
        '"a\r\nb",c\r\n',  # a quoted cell over two lines
        'x"y,"z\nw",q\n',  # a quote in an unquoted cell, then one running on
        'a"b",c\n',  # two quotes, the first inside a cell
        '"a"b,c\n',  # text after a closing quote
        '"a",b,"c"\r\n"",,""\r\n',  # two quoted cells on a line, empty ones
        "a,b\rc,d\r\n",  # a lone carriage return ends a line too
        "a\0b,c\n",
        "",
    ],
)
def test_texts_an_export_or_a_spreadsheet_may_hold(text):
    for delimiter in (",", ";"):
        assert _split_rows(text, delimiter) == _reader_rows(text, delimiter)
