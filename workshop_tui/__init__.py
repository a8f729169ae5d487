"""workshop-tui: estimate the staff hours of Danish job centres' key processes."""

__version__ = "0.1.0"
