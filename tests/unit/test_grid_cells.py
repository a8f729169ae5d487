"""How the grid fits an activity's name into its name column (grid_cells.wrap_name)."""

from workshop_tui.tui.widgets.grid.cells import wrap_name


def test_a_long_name_takes_a_third_line_rather_than_being_cut():
    name = "Indhentning af dokumentation forud for samtalen"
    assert wrap_name(" *", name, 21, 5) == [
        " *Indhentning af     ",
        "  dokumentation      ",
        "  forud for samtalen ",
    ]


def test_a_line_does_not_run_into_the_rule_after_the_column():
    # "forud for samtalen" would fill the 20 cells to the last: it wraps instead
    assert wrap_name(" *", "Indhentning forud for samtalen", 20, 5) == [
        " *Indhentning forud ",
        "  for samtalen      ",
    ]


def test_a_word_longer_than_the_column_is_hyphenated():
    assert wrap_name("  ", "Rehabiliteringsmødet", 14, 5) == ["  Rehabilite- ", "  ringsmødet  "]


def test_a_name_longer_than_its_lines_is_cut_on_the_last_with_an_ellipsis():
    assert wrap_name("  ", "one two three four five six", 10, 2) == ["  one two ", "  three f…"]


def test_one_line_where_names_do_not_wrap():
    assert wrap_name("  ", "Indhentning af dokumentation", 12, 1) == ["  Indhentni…"]
