"""The terminal UI: renders the model layer's corpus with Textual."""
