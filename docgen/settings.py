"""One frozen Settings built at the edge: defaults < docgen.toml < environment < flags."""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from datetime import date
from pathlib import Path
from typing import Any

from docgen.errors import InputError

CONFIG_FILE = "docgen.toml"
AS_OF_VARIABLE = "DOCGEN_AS_OF"


@dataclass(frozen=True)
class Settings:
    """Every threshold and path a run uses. Deadlines are in calendar days before D."""

    as_of: date
    inputs_dir: Path = Path("inputs")
    out_dir: Path = Path("outputs")
    templates_dir: Path | None = None  # overrides docgen's templates file by file
    convocation_days: int = 31
    pli_order_days: int = 90
    pli_received_days: int = 14
    invitation_warning_days: int = 45
    invitation_error_days: int = 15
    equipment_check_days: int = 7
    arrival_margin_minutes: int = 15
    max_session_days: int = 92
    workbook_max_mb: int = 50
    """Largest session workbook read, uncompressed (a guard against zip bombs)."""
    force: bool = False


def parse_cli_date(text: str) -> date:
    """A date typed on the command line or in DOCGEN_AS_OF: `2027-03-15` or `15/03/2027`."""
    text = text.strip()
    iso = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
    french = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", text)
    try:
        if iso:
            return date(int(iso[1]), int(iso[2]), int(iso[3]))
        if french:
            return date(int(french[3]), int(french[2]), int(french[1]))
    except ValueError:
        pass
    raise ValueError(f"« {text} » n'est pas une date : écrivez 2027-03-15 ou 15/03/2027.")


def _read_config(path: Path) -> dict[str, Any]:
    if not path.is_file():
        return {}
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise InputError(
            f"Le fichier de réglages {path} est illisible ({exc}). Corrigez-le ou supprimez-le."
        ) from exc
    section = data.get("docgen", data)
    return section if isinstance(section, dict) else {}


def _coerce(name: str, value: Any, source: str) -> Any:
    """Type a setting read from TOML or the environment, with a French message when it is off."""
    kinds = {f.name: f.type for f in fields(Settings)}
    kind = kinds[name]
    try:
        if kind == "date":
            return value if isinstance(value, date) else parse_cli_date(str(value))
        if kind in ("Path", "Path | None"):
            return Path(str(value))
        if kind == "bool":
            if isinstance(value, bool):
                return value
            raise ValueError
        if kind == "int":
            if isinstance(value, bool):
                raise ValueError
            return int(value)
    except ValueError as exc:
        raise InputError(
            f"Le réglage « {name} » ({source}) a une valeur invalide : {value!r}."
        ) from exc
    return value


def load_settings(
    overrides: Mapping[str, Any] | None = None,
    *,
    config_path: Path | None = None,
    environ: Mapping[str, str] | None = None,
    today: date | None = None,
) -> Settings:
    """Build the run's Settings; `overrides` are the flags actually given on the command line."""
    environ = os.environ if environ is None else environ
    settings = Settings(as_of=today or date.today())
    known = {f.name for f in fields(Settings)}
    config = _read_config(config_path or Path(CONFIG_FILE))
    unknown = sorted(set(config) - known)
    if unknown:
        raise InputError(
            f"Réglage(s) inconnu(s) dans {CONFIG_FILE} : {', '.join(unknown)}. "
            f"Réglages possibles : {', '.join(sorted(known))}."
        )
    layered: dict[str, Any] = {
        name: _coerce(name, value, CONFIG_FILE) for name, value in config.items()
    }
    if environ.get(AS_OF_VARIABLE):
        layered["as_of"] = _coerce("as_of", environ[AS_OF_VARIABLE], AS_OF_VARIABLE)
    for name, value in (overrides or {}).items():
        if value is not None:
            layered[name] = value
    return replace(settings, **layered)
