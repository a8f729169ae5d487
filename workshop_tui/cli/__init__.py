"""The command line: `workshop-tui` and one module per subcommand."""
