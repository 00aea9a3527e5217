"""Settings: defaults < docgen.toml < environment < flags, and French errors for bad values."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from docgen.errors import InputError
from docgen.settings import load_settings, parse_cli_date

TODAY = date(2026, 11, 29)


def test_defaults_use_today_and_the_documented_thresholds(tmp_path: Path) -> None:
    settings = load_settings(config_path=tmp_path / "absent.toml", environ={}, today=TODAY)
    assert settings.as_of == TODAY
    assert (settings.convocation_days, settings.pli_order_days, settings.pli_received_days) == (
        31,
        90,
        14,
    )
    assert settings.arrival_margin_minutes == 15


def test_layers_override_in_order(tmp_path: Path) -> None:
    config = tmp_path / "docgen.toml"
    config.write_text('as_of = "2027-01-01"\nconvocation_days = 35\narrival_margin_minutes = 20\n')
    settings = load_settings(
        {"arrival_margin_minutes": 10, "out_dir": None},
        config_path=config,
        environ={"DOCGEN_AS_OF": "10/01/2027"},
        today=TODAY,
    )
    assert settings.as_of == date(2027, 1, 10)
    assert settings.convocation_days == 35
    assert settings.arrival_margin_minutes == 10
    assert settings.out_dir == Path("outputs")


def test_a_flag_beats_the_environment(tmp_path: Path) -> None:
    settings = load_settings(
        {"as_of": date(2027, 2, 2)},
        config_path=tmp_path / "absent.toml",
        environ={"DOCGEN_AS_OF": "2027-01-10"},
        today=TODAY,
    )
    assert settings.as_of == date(2027, 2, 2)


def test_unknown_or_invalid_settings_are_explained_in_french(tmp_path: Path) -> None:
    config = tmp_path / "docgen.toml"
    config.write_text("delai_convocation = 31\n")
    with pytest.raises(InputError, match=r"Réglage\(s\) inconnu\(s\).*delai_convocation"):
        load_settings(config_path=config, environ={}, today=TODAY)
    config.write_text('convocation_days = "trente"\n')
    with pytest.raises(InputError, match="convocation_days"):
        load_settings(config_path=config, environ={}, today=TODAY)
    config.write_text("convocation_days = = 3\n")
    with pytest.raises(InputError, match="illisible"):
        load_settings(config_path=config, environ={}, today=TODAY)
    with pytest.raises(InputError, match="DOCGEN_AS_OF"):
        load_settings(
            config_path=tmp_path / "absent.toml", environ={"DOCGEN_AS_OF": "demain"}, today=TODAY
        )


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("2027-03-15", date(2027, 3, 15)),
        ("15/03/2027", date(2027, 3, 15)),
        (" 1/3/2027 ", date(2027, 3, 1)),
    ],
)
def test_command_line_dates(typed: str, expected: date) -> None:
    assert parse_cli_date(typed) == expected


@pytest.mark.parametrize("typed", ["2027-02-30", "15-03-2027", "demain", ""])
def test_bad_command_line_dates_say_what_to_type(typed: str) -> None:
    with pytest.raises(ValueError, match="2027-03-15 ou 15/03/2027"):
        parse_cli_date(typed)
