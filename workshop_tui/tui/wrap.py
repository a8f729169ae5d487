"""Wrapping names into narrow columns without cutting them: words kept whole where they
fit, a word longer than the column broken with a hyphen between syllables.

Used for the grid's group headers and the totals' subprocess names, where a cut name
("Far from the labour mark…") cannot be read from the back of the room; `cut` is the
one way a text is shortened where there is no room to wrap it.
"""

from __future__ import annotations

VOWELS = frozenset("aeiouyæøåéAEIOUYÆØÅÉ")
MIN_PIECE = 3  # letters on each side of a hyphen: "ar-" or "-ed" reads worse than a longer piece


def syllable_break(word: str, width: int, shortest: int = MIN_PIECE) -> int | None:
    """Where to break `word` so that its head and a hyphen fit in `width` cells: before
    a consonant followed by a vowel ("clarifi-cation", "arbejdsmar-kedet"), the usual
    place for a syllable break in Danish and English; None where there is no such place."""
    last = min(width - 1, len(word) - MIN_PIECE)
    for cut in range(last, shortest - 1, -1):
        if word[cut] not in VOWELS and word[cut].isalpha() and word[cut + 1] in VOWELS:
            return cut
    return None


def own_hyphen_break(word: str, width: int) -> int | None:
    """Where to break `word` after a hyphen of its own ("Sick-listed", "activity-ready")
    so that its head fits in `width` cells; None where it has no such hyphen."""
    cut = word.rfind("-", 0, max(0, width)) + 1
    return cut if cut >= MIN_PIECE and len(word) - cut >= MIN_PIECE else None


def wrap_words(text: str, width: int) -> list[str]:
    """`text` in lines of at most `width` cells, each word whole unless longer than `width`."""
    width = max(2, width)
    lines: list[str] = []
    line = ""
    for word in text.split():
        while len(word) > width:  # too long for any line: hyphenated, at a syllable if any
            own = own_hyphen_break(word, width - len(line) - 1 if line else width)
            if own is None and line and own_hyphen_break(word, width) is not None:
                lines.append(line)  # its own hyphen fits on the next line
                line = ""
                continue
            if own is not None:  # "Sick-" / "listed", never "Sick-lis-" / "ted"
                lines.append(f"{line} {word[:own]}" if line else word[:own])
                line, word = "", word[own:]
                continue
            cut = syllable_break(word, width - len(line) - 1, 5) if line else None
            if line and cut is None:
                lines.append(line)
                line = ""
            if not line:
                cut = syllable_break(word, width) or width - 1
            assert cut is not None
            head = word[:cut] + "-"
            lines.append(f"{line} {head}" if line else head)
            line, word = "", word[cut:]
        if not line:
            line = word
        elif len(line) + 1 + len(word) <= width:
            line = f"{line} {word}"
        else:
            lines.append(line)
            line = word
    if line or not lines:
        lines.append(line)
    return lines


def cut(text: str, width: int) -> str:
    """`text` in at most `width` cells: whole, or cut with an ellipsis."""
    return text if len(text) <= width else text[: max(0, width - 1)] + "…"
