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
