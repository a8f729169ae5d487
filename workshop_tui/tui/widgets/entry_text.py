"""The figure being typed into a grid cell: its text and where the next character goes."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class EntryText:
    """One line of text with a caret, edited as in a spreadsheet cell."""

    text: str = ""
    position: int = 0

    @classmethod
    def starting_with(cls, text: str) -> EntryText:
        """An entry holding `text`, the caret at its end."""
        return cls(text, len(text))

    def insert(self, text: str) -> None:
        self.text = self.text[: self.position] + text + self.text[self.position :]
        self.position += len(text)

    def backspace(self) -> None:
        if self.position:
            self.text = self.text[: self.position - 1] + self.text[self.position :]
            self.position -= 1

    def delete(self) -> None:
        self.text = self.text[: self.position] + self.text[self.position + 1 :]

    def move(self, step: int) -> None:
        self.position = max(0, min(len(self.text), self.position + step))

    def to_edge(self, end: bool) -> None:
        self.position = len(self.text) if end else 0

    def clear(self) -> None:
        self.text, self.position = "", 0

    def shown(self, width: int) -> str:
        """The end being typed, in `width` cells, with a bar where the next character goes."""
        shown = self.text[: self.position] + "▏" + self.text[self.position :]
        return shown[-width:].ljust(width)
