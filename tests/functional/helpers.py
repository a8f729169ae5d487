"""Helpers the app's functional tests share: running async tests, reading the screen, typing."""

import asyncio
import functools
import unicodedata

from textual import events

from workshop_tui.core.process.catalogue import load_catalogue
from workshop_tui.core.session.storage import load_session
from workshop_tui.tui.app import WorkshopApp

CATALOGUE = load_catalogue()


def run_async(test):
    """Run an async test body in its own event loop (no asyncio plugin needed)."""

    @functools.wraps(test)
    def wrapper(*args, **kwargs):
        asyncio.run(test(*args, **kwargs))

    return wrapper


def screen_lines(app) -> list[str]:
    """The text the terminal shows now, line by line."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


def screen_text(app) -> str:
    return "\n".join(screen_lines(app))


async def settle(pilot) -> None:
    """Wait until a screen pushed by the last key has processed its first messages too."""
    await pilot.pause()
    await pilot.pause()


def burst(app, keys: list[str]) -> None:
    """Queue every key at once, as a terminal delivers a burst, before any is handled.

    A character comes as the terminal sends it: named as Textual names keys ("!" is
    "exclamation_mark"), with the character itself; other keys by their name.
    """
    for key in keys:
        if len(key) == 1:
            name = key if key.isalnum() else unicodedata.name(key).lower().replace(" ", "_")
            event = events.Key(name.replace("-", "_"), key)
        else:
            event = events.Key(key, None)
        event.set_sender(app)  # as Pilot sends a key
        app.post_message(event)


async def searched(pilot) -> None:
    """Wait until the command palette has searched for what was typed into it (it
    searches in a worker) and shows what it found."""
    await settle(pilot)
    await pilot.app.workers.wait_for_complete()
    await settle(pilot)


async def type_text(pilot, text: str) -> None:
    """Type `text` as a quick typist does: every key queued, then one wait until handled.

    Pilot's own `press` waits for the app to be idle after each key (about 40 ms a key),
    which made typing most of the time the functional tests took.
    """
    burst(pilot.app, list(text))
    await pilot.pause()


def app_for(editor) -> WorkshopApp:
    """The app opened on an editor's session, as `workshop-tui open FILE` does."""
    return WorkshopApp(CATALOGUE, editor.path.parent, editor.lang, editor=editor)


def saved(editor):
    """The session as it is on disk now."""
    return load_session(editor.path)
