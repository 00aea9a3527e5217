"""Rebuild every Word template of docgen/templates/ from its `tools/template_<name>.py` builder.

Each builder module exposes `NAME` (the file name in docgen/templates/) and `build() -> bytes`.
Run: `.venv/bin/python tools/build_templates.py` (all) or with template names to rebuild a few.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import sys
from pathlib import Path
from types import ModuleType

TOOLS = Path(__file__).resolve().parent
if str(TOOLS) not in sys.path:
    sys.path.insert(0, str(TOOLS))

from docx_kit import write_template  # noqa: E402  # needs tools/ on sys.path, set just above

from docgen.documents.preparations import PREPARATIONS, preparations_json  # noqa: E402
from docgen.template_files import FINGERPRINTS, packaged_templates  # noqa: E402


def builders() -> list[ModuleType]:
    """Every `template_*.py` builder, in name order."""
    return [importlib.import_module(path.stem) for path in sorted(TOOLS.glob("template_*.py"))]


def main(names: list[str]) -> int:
    for module in builders():
        if not names or module.NAME in names:
            write_template(module.NAME, module.build())
    write_fingerprints()
    write_preparations()
    return 0


def write_fingerprints() -> None:
    """`docgen/templates/empreintes.json`: what a run compares to know a template is docgen's own
    copy as shipped (then the tests have checked it, and the run need not)."""
    folder = packaged_templates()
    fingerprints = {
        path.name: hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.glob("*.docx"))
    }
    target = folder / FINGERPRINTS
    target.write_text(json.dumps(fingerprints, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{target.relative_to(TOOLS.parent)} écrit ({len(fingerprints)} modèles).")


def write_preparations() -> None:
    """`docgen/templates/preparations.json`: docxtpl's preprocessing of each template, done
    here once instead of at each run (see docgen.documents.preparations)."""
    folder = packaged_templates()
    target = folder / PREPARATIONS
    target.write_text(preparations_json(folder.glob("*.docx")), encoding="utf-8")
    print(f"{target.relative_to(TOOLS.parent)} écrit.")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
