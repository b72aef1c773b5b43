"""Layering rules that keep the codebase healthy."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import reader

PACKAGE = Path(reader.__file__).parent

IMPORT_MODEL_LAYER = """
import importlib, pkgutil, sys
import reader
names = [m.name for m in pkgutil.walk_packages(reader.__path__, "reader.")
         if not m.name.startswith("reader.ui") and m.name != "reader.__main__"]
for name in names:
    importlib.import_module(name)
print(len(names), "textual" in sys.modules)
"""


def test_model_layer_never_imports_textual() -> None:
    out = subprocess.run(
        [sys.executable, "-c", IMPORT_MODEL_LAYER], capture_output=True, text=True, check=True
    )
    count, textual = out.stdout.split()
    assert int(count) >= 10
    assert textual == "False"


def test_no_module_grows_past_the_limit() -> None:
    too_long = {}
    for module in pkgutil.walk_packages(reader.__path__, "reader."):
        spec = module.module_finder.find_spec(module.name.rsplit(".", 1)[-1])  # type: ignore[call-arg]
        origin = Path(spec.origin) if spec and spec.origin else None
        if origin and origin.suffix == ".py":
            lines = len(origin.read_text(encoding="utf-8").splitlines())
            if lines > 450:
                too_long[module.name] = lines
    assert too_long == {}


#: Top-level modules outside the model layer: the UI and the command line that starts it.
NOT_MODEL = {"reader.ui", "reader.cli", "reader.analyze_command", "reader.__main__"}


def test_the_import_contract_names_every_model_module() -> None:
    import tomllib

    config = tomllib.loads((PACKAGE.parent / "pyproject.toml").read_text(encoding="utf-8"))
    contract = config["tool"]["importlinter"]["contracts"][0]
    listed = set(contract["source_modules"])
    top_level = {m.name for m in pkgutil.iter_modules(reader.__path__, "reader.")}
    assert listed == top_level - NOT_MODEL
    assert set(contract["forbidden_modules"]) == {"reader.ui", "textual"}
