"""The participants' page: one HTML page in the participant's language, no script inline.

Every word on it is rendered here from the message catalogue (t()); the script
(static/room.js) adds none of its own: it copies the labels from the page's
<template>s and shows the texts the API sends, already in the participant's language.
"""

from __future__ import annotations

from functools import cache

import jinja2

from workshop_tui.core.i18n import t


@cache
def _templates() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("workshop_tui.web", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )


def page_words(lang: str) -> dict[str, str]:
    """The page's words in `lang`, by the name the template uses."""
    return {
        "title": t("The participants' room", lang),
        "intro": t(
            "Give your own estimate of the staff hours, before anyone says a number aloud.",
            lang,
        ),
        "code": t("Room code", lang),
        "name": t("Your name (optional)", lang),
        "name_hint": t("Leave it empty to be shown as a participant number.", lang),
        "join": t("Join", lang),
        "you_are": t("You are", lang),
        "low": t("Low (hours)", lang),
        "high": t("High (hours)", lang),
        "hours_hint": t("e.g. 0,5 or 30 min or 1t 30m; a range such as 2-3 in Low", lang),
        "send": t("Send my estimate", lang),
        "yours": t("Your estimate:", lang),
        "answered": t("answered", lang),
        "spread": t("The room's estimates (anonymous)", lang),
        "lowest": t("lowest", lang),
        "median": t("median", lang),
        "highest": t("highest", lang),
        "low_short": t("Low", lang),
        "high_short": t("High", lang),
        "lost": t("The connection to the room is lost; trying again…", lang),
        "language": t("Language", lang),
    }


def page_html(lang: str) -> str:
    return _templates().get_template("room.html.j2").render(lang=lang, words=page_words(lang))
