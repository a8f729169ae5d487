"""argparse's own words ("usage:", "options", its errors) in the user's language.

argparse looks each of its words up, when it formats help or an error, through the
module-level names `_` and `ngettext` it imported from gettext. `speak()` points those
two at our catalogue for one language: the hook is these two names, nothing else of
argparse is touched. The words are listed below so that Babel's extraction puts them
in the catalogue (they are Python 3.11-3.13's; one argparse lacks stays unused).
"""

from __future__ import annotations

import argparse

from workshop_tui.core.i18n import LANGUAGES, N_, default_language, nt, translations

ARGPARSE_WORDS = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("%(prog)s: error: %(message)s\n"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("the following arguments are required: %s"),
    N_("one of the arguments %s is required"),
    N_("unrecognized arguments: %s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("invalid %(type)s value: %(value)r"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("not allowed with argument %s"),
    N_("ignored explicit argument %r"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("unexpected option string: %s"),
    N_("can't open '%(filename)s': %(error)s"),
    N_("unknown parser %(parser_name)r (choices: %(choices)s)"),
)
"""argparse's words a user can meet; its one plural is in `speak()`."""


def asked_language(argv: list[str]) -> str:
    """The language the command line asks for (--lang), else the locale's."""
    for index, word in enumerate(argv):
        if word == "--lang" and index + 1 < len(argv) and argv[index + 1] in LANGUAGES:
            return argv[index + 1]
        if word.startswith("--lang=") and word.removeprefix("--lang=") in LANGUAGES:
            return word.removeprefix("--lang=")
    return default_language()


def speak(lang: str) -> None:
    """From now on argparse's help and errors are in `lang`."""
    catalogue = translations(lang)

    def plural(singular: str, plural: str, n: int) -> str:
        # argparse's one plural a user meets, written out so that the catalogue has it
        if (singular, plural) == ("expected %s argument", "expected %s arguments"):
            return nt("expected %s argument", "expected %s arguments", n, lang)
        return catalogue.ngettext(singular, plural, n)

    vars(argparse).update(_=catalogue.gettext, ngettext=plural)
