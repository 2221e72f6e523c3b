"""Positions from other tools: code points or UTF-16 units, CRLF as 1 or 2, a BOM counted or not."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from realist.refiqda.offsets import READINGS, Reading, Selection, SourceText, align, choose_reading

RAW = "\ufeffInterviewer: How was it? 😀\r\nSam: Cafe\u0301 staff  \r\n\r\n\r\nSam: They listened 👍 to me.\r\n"


def normalise(text: str) -> str:
    """What realist keeps: NFC, LF, no BOM, no trailing blanks, at most one blank line."""
    from realist.refiqda.offsets import normalise_text

    return normalise_text(text)


def units(text: str, reading: Reading) -> list[int]:
    """Positions the way a tool with ``reading`` counts them, for every raw index (written independently)."""
    out, n = [], 0
    for i, ch in enumerate(text):
        out.append(n)
        if i == 0 and ch == "\ufeff" and not reading.bom_counted:
            continue
        if ch == "\r" and text[i + 1:i + 2] == "\n" and not reading.crlf_two:
            continue
        n += len(ch.encode("utf-16-le")) // 2 if reading.utf16 else 1
    out.append(n)
    return out


def written_by(reading: Reading, *phrases: str, named: bool = False) -> list[Selection]:
    u = units(RAW, reading)
    sels = []
    for phrase in phrases:
        i = RAW.index(phrase)
        sels.append(Selection(u[i], u[i + len(phrase)], phrase if named else None))
    return sels


@pytest.mark.parametrize("reading", READINGS, ids=lambda r: r.describe())
def test_every_reading_places_selections_on_the_same_characters(reading):
    text = normalise(RAW)
    source = SourceText(RAW, text)
    for phrase, expected in (("They listened", "They listened"), ("to me", "to me"), ("staff", "staff"),
                             ("Cafe\u0301", "Café")):
        (sel,) = written_by(reading, phrase)
        start, end = source.locate(sel, reading) or (-1, -1)
        assert text[start:end] == expected


@pytest.mark.parametrize("reading", [Reading(), Reading(utf16=True, crlf_two=True)], ids=["code points", "utf16+crlf2"])
@pytest.mark.parametrize("named", [True, False], ids=["named", "unnamed"])
def test_the_chooser_finds_the_reading_the_file_was_written_with(reading, named):
    text = normalise(RAW)
    source = SourceText(RAW, text)
    sels = written_by(reading, "They listened", "to me", "staff", "How was it", named=named)
    choice = choose_reading([(source, sels)])
    placed = [text[slice(*(source.locate(s, choice.reading) or (0, 0)))] for s in sels]
    assert placed == ["They listened", "to me", "staff", "How was it"]
    assert ("hold the text the file names them by" in choice.why) == named


def test_the_chooser_says_when_the_reading_does_not_matter():
    source = SourceText("plain words only\n", "plain words only\n")
    choice = choose_reading([(source, [Selection(6, 11)])])
    assert choice.reading == Reading()
    assert "every reading places the selections alike" in choice.why


def test_positions_inside_an_emoji_or_past_the_end_make_no_sense():
    source = SourceText("a😀b", "a😀b\n")
    utf16 = Reading(utf16=True)
    assert source.locate(Selection(2, 3), utf16) is None  # between the two halves of the emoji
    assert source.locate(Selection(3, 4), utf16) == (2, 3)
    assert source.locate(Selection(0, 9), Reading()) is None
    assert source.locate(Selection(3, 1), Reading()) is None


def test_align_follows_deleted_blanks_and_joined_marks():
    raw = "e\u0301  \r\n\r\n\r\n\r\nx\u00a0y"
    text = normalise(raw)
    assert text == unicodedata.normalize("NFC", "e\u0301\n\nx y\n")
    origin = align(raw, text)
    assert origin is not None
    assert [raw[i] if i < len(raw) else "END" for i in origin] == ["e", "\r", "\n", "x", "\u00a0", "y", "END"]


def test_align_refuses_a_text_that_is_not_a_normalisation():
    assert align("hello", "help\n") is None


PIECES = ["word", "Café", "e\u0301", "😀", "👍🏽", "中文", " ", "  ", "\r\n", "\n", "\r\n\r\n\r\n", "\u00a0", "?"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=30), st.booleans(), st.data())
def test_any_text_any_reading_lands_on_the_characters_the_tool_meant(pieces, bom, data):
    """Property: a selection of a word, counted under any reading, lands on that word after normalisation."""
    raw = ("\ufeff" if bom else "") + "Start " + "".join(pieces) + " target words " + "".join(pieces) + " end"
    text = normalise(raw)
    source = SourceText(raw, text)
    reading = data.draw(st.sampled_from(READINGS))
    u = units(raw, reading)
    i = raw.index("target words")
    sel = Selection(u[i], u[i + len("target words")])
    span = source.locate(sel, reading)
    assert span is not None and text[span[0]:span[1]] == "target words"
    choice = choose_reading([(source, [Selection(u[i], u[i + len("target words")], "target words")])])
    located = source.locate(sel, choice.reading)
    assert located is not None and text[located[0]:located[1]] == "target words"
