"""Data files shipped with the reader (the alias table), read with importlib.resources."""
