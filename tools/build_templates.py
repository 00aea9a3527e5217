"""Rebuild every Word template of docgen/templates/ from its `tools/template_<name>.py` builder.

Each builder module exposes `NAME` (the file name in docgen/templates/) and `build() -> bytes`.
Run: `.venv/bin/python tools/build_templates.py` (all) or with template names to rebuild a few.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from types import ModuleType

TOOLS = Path(__file__).resolve().parent
if str(TOOLS) not in sys.path:
    sys.path.insert(0, str(TOOLS))

from docx_kit import write_template  # noqa: E402  # needs tools/ on sys.path, set just above


def builders() -> list[ModuleType]:
    """Every `template_*.py` builder, in name order."""
    return [importlib.import_module(path.stem) for path in sorted(TOOLS.glob("template_*.py"))]


def main(names: list[str]) -> int:
    for module in builders():
        if not names or module.NAME in names:
            write_template(module.NAME, module.build())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
