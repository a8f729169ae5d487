from workshop_tui.cli.main import entry

entry()
