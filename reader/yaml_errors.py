"""One wording for YAML syntax errors, shared by every file the reader parses as YAML."""

from __future__ import annotations

import yaml


def yaml_problem(error: yaml.YAMLError) -> str:
    """The one-line reason a YAML document did not parse, with its line and column.

    Args:
        error: what ``yaml.safe_load`` raised.

    Returns:
        e.g. ``"found unexpected end of stream at line 3, column 1"``.
    """
    mark = getattr(error, "problem_mark", None)
    problem = getattr(error, "problem", None) or "invalid YAML"
    if mark is not None:
        return f"{problem} at line {mark.line + 1}, column {mark.column + 1}"
    return str(problem)
