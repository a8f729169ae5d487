"""The merge package offers its functions lazily: each stays what it is, whatever was imported."""

import importlib
import pkgutil

import workshop_tui.core.merge as merge


def test_every_name_the_package_offers_is_its_function_after_every_module_is_imported():
    """A module named like a function it offers would replace that function in the package
    once imported (`report --anonymise` then called a module: TypeError)."""
    for module in pkgutil.iter_modules(merge.__path__):
        importlib.import_module(f"{merge.__name__}.{module.name}")
    for name, home in merge._HOMES.items():
        offered = getattr(merge, name)
        assert offered is getattr(importlib.import_module(f"{merge.__name__}.{home}"), name), name
