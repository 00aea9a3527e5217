"""Where each Word template comes from: an override folder, file by file, else docgen's own copy."""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from docgen.errors import InputError
from docgen.settings import Settings

PROJECT_TEMPLATES = Path("templates")  # a project's own folder, next to inputs/ and docgen.toml
PACKAGED_ORIGIN = "docgen"
FINGERPRINTS = "empreintes.json"
"""Beside the packaged templates: each one's SHA-256 as built by tools/build_templates.py."""


@dataclass(frozen=True)
class TemplateFile:
    """One template as a run uses it: its name, its file and where that file came from."""

    name: str
    path: Path
    overridden: bool

    @property
    def as_shipped(self) -> bool:
        """docgen's own copy, unchanged since it was built (a clone's templates can be edited
        in place): the tests check it against every kind of session, a run need not."""
        return not self.overridden and packaged_fingerprints().get(self.name) == _sha256(self.path)

    @property
    def origin(self) -> str:
        """`templates/convocation.docx` for an override, `docgen` for the copy docgen ships."""
        return self.path.as_posix() if self.overridden else PACKAGED_ORIGIN


def packaged_templates() -> Path:
    """The folder of the templates installed with docgen (always unpacked on disk)."""
    return Path(str(files("docgen") / "templates"))


@functools.cache
def packaged_fingerprints() -> dict[str, str]:
    """The packaged templates' fingerprints as built (empty when the file is missing)."""
    try:
        found = json.loads((packaged_templates() / FINGERPRINTS).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return (
        {str(name): str(value) for name, value in found.items()} if isinstance(found, dict) else {}
    )


def _sha256(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def override_folder(settings: Settings) -> Path | None:
    """The folder whose templates replace docgen's: `--templates` / `templates_dir` when given
    (it must exist), else the project's `templates/` when the current folder has one."""
    if settings.templates_dir is not None:
        if not settings.templates_dir.is_dir():
            raise InputError(
                f"Le dossier de modèles « {settings.templates_dir} » (--templates ou "
                "templates_dir de docgen.toml) n'existe pas : corrigez le chemin, ou retirez le "
                "réglage pour utiliser les modèles fournis avec docgen."
            )
        return settings.templates_dir
    return PROJECT_TEMPLATES if PROJECT_TEMPLATES.is_dir() else None


def locate_template(name: str, settings: Settings) -> TemplateFile:
    """The template `name` this run uses: the override folder's copy if it holds one, else the
    copy shipped with docgen."""
    folder = override_folder(settings)
    if folder is not None and (folder / name).is_file():
        return TemplateFile(name, folder / name, overridden=True)
    return TemplateFile(name, packaged_templates() / name, overridden=False)


def template_path(name: str, settings: Settings) -> Path:
    """The file of the template `name` this run reads."""
    return locate_template(name, settings).path


def locate_templates(names: Iterable[str], settings: Settings) -> list[TemplateFile]:
    """Each named template with its origin, in name order and without repeats."""
    return [locate_template(name, settings) for name in sorted(set(names))]
