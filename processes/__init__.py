"""The five bundled process definitions (YAML), shipped as package data."""
