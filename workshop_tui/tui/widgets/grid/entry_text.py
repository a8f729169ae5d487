"""The figure being typed into a grid cell: its text and where the next character goes."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class EntryText:
    """One line of text with a caret, edited as in a spreadsheet cell.

    A refused entry is `selected` whole: the next character typed replaces it (the
    room's next figures are not glued onto the refused ones), while the arrows, Home,
    End and Backspace keep it and edit it from its end.
    """

    text: str = ""
    position: int = 0
    selected: bool = False

    @classmethod
    def starting_with(cls, text: str) -> EntryText:
        """An entry holding `text`, the caret at its end."""
        return cls(text, len(text))

    def select_all(self) -> None:
        self.selected, self.position = True, len(self.text)

    def insert(self, text: str) -> None:
        if self.selected:
            self.clear()
        self.text = self.text[: self.position] + text + self.text[self.position :]
        self.position += len(text)

    def backspace(self) -> None:
        self.selected = False
        if self.position:
            self.text = self.text[: self.position - 1] + self.text[self.position :]
            self.position -= 1

    def delete(self) -> None:
        if self.selected:  # the selection goes, as in any text field
            self.clear()
            return
        self.text = self.text[: self.position] + self.text[self.position + 1 :]

    def move(self, step: int) -> None:
        self.selected = False
        self.position = max(0, min(len(self.text), self.position + step))

    def to_edge(self, end: bool) -> None:
        self.selected = False
        self.position = len(self.text) if end else 0

    def clear(self) -> None:
        self.text, self.position, self.selected = "", 0, False

    def shown(self, width: int) -> str:
        """The end being typed, in `width` cells, with a bar where the next character goes
        (none while the text is selected: see selected_cells)."""
        shown = (
            self.text
            if self.selected
            else self.text[: self.position] + "▏" + self.text[self.position :]
        )
        return shown[-width:].ljust(width)

    def selected_cells(self, width: int) -> int:
        """How many of the `width` cells shown, from the left, are the selected text."""
        return min(len(self.text), width) if self.selected else 0
