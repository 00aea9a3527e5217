"""Generated convocations: their text, their escaping, their bytes, and LibreOffice's opinion."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from docx import Document
from lxml import etree
from markupsafe import Markup

from docgen import template_files
from docgen.documents import render_convocations
from docgen.documents.render import (
    DocumentProperties,
    DocumentTemplate,
    fixed_moment,
    xml_safe,
)
from docgen.errors import TemplateError
from docgen.model import Civility, Delivery
from docgen.settings import Settings
from tests.documents.conftest import (
    ROOT,
    docx_text,
    make_candidate,
    make_data,
    make_plan,
    xml_parts,
)
from tests.libreoffice import convert_to_pdf, needs_libreoffice

HOSTILE_FIRST_NAME = 'Zoé & <Lou> "l\'Éclair" 🔥'


def only(files: dict[str, bytes]) -> bytes:
    """The one letter rendered (a planned candidate also gets a calendar file beside it)."""
    [content] = (content for name, content in files.items() if name.endswith(".docx"))
    return content


def letters(files: dict[str, bytes]) -> dict[str, bytes]:
    return {name: content for name, content in files.items() if name.endswith(".docx")}


def test_the_letter_holds_the_candidate_and_the_mandatory_content(settings: Settings) -> None:
    text = docx_text(only(render_convocations(make_data(), None, settings)))
    for expected in [
        "Institut des Métiers & Soudure",  # letterhead
        "Mme LEFÈVRE Hélène",
        "3 allée des Tilleuls",
        "93420 Villepinte",
        "2245403",
        "Tremblay-en-France, le 11 janvier 2027",
        "Objet : Convocation à la session d'examen du 15 au 17 mars 2027 pour le Titre "
        "professionnel « Soudeur assembleur industriel »",
        "Lundi 15 mars 2027 – arrivée à 8 h 00",
        "12 rue de l'Industrie, Zone d'activités Nord, 93290 Tremblay-en-France",
        "Mise en situation professionnelle",
        "Original d'une pièce d'identité en cours de validité",
        "Votre dossier professionnel (DP)",
        "Masque de soudage",
        "téléphones portables",
        "l'heure de fin de l'épreuve n'est pas reportée",
        "arrêté du 21 juillet 2016",
        "Sophie Lemaire",
        "Lettre recommandée avec accusé de réception n° 1A 012 345 6789 0",
        "vous seront communiqués à votre arrivée",
    ]:
        assert expected in text, expected
    assert "Aménagement" not in text
    assert "main propre" not in text
    assert "{{" not in text and "{%" not in text


def test_extra_time_and_hand_delivery_appear_only_when_granted(settings: Settings) -> None:
    candidate = make_candidate(extra_time_percent=33, delivery=Delivery.MAIN_PROPRE)
    text = docx_text(only(render_convocations(make_data(candidate), None, settings)))
    assert "temps majoré de 33 %" in text
    assert "Signature du candidat" in text
    assert "recommandée" not in text


def test_special_characters_survive_and_every_xml_part_parses(settings: Settings) -> None:
    candidate = make_candidate(
        first_name=HOSTILE_FIRST_NAME,
        usage_name=None,
        birth_name="O'Connor-Müller",
        civility=Civility.MONSIEUR,
        address="Résidence « Les Ça & Là »\nBât. <B>\x0b\x00",
    )
    data = make_data(candidate, centre='Soudure & Fils <SARL> "l\'Atelier"')
    content = only(render_convocations(data, None, settings))
    for name, xml in xml_parts(content).items():
        etree.fromstring(xml)  # raises on a broken part: Word would say "unreadable content"
        assert b"&amp;amp;" not in xml, name
    text = docx_text(content)
    assert f"M. O'CONNOR-MÜLLER {HOSTILE_FIRST_NAME}" in text
    assert "Résidence « Les Ça & Là »\nBât. <B>" in text
    assert 'Soudure & Fils <SARL> "l\'Atelier"' in text  # footer too
    assert Document(io.BytesIO(content)).core_properties.author == data.session.centre  # type: ignore[union-attr]


def test_two_renders_are_byte_identical_and_carry_no_tool_metadata(settings: Settings) -> None:
    data = make_data(make_candidate(), make_candidate(number="2245404", first_name="Léo"))
    first = letters(render_convocations(data, make_plan(), settings))
    second = letters(render_convocations(data, make_plan(), settings))
    assert first == second
    core = Document(io.BytesIO(first[sorted(first)[0]])).core_properties
    assert core.author == "Institut des Métiers & Soudure"
    assert core.last_modified_by == "Institut des Métiers & Soudure"
    assert core.created.replace(tzinfo=None) == fixed_moment(date(2027, 1, 11))
    for content in first.values():
        assert b"python-docx" not in b"".join(xml_parts(content).values())


RENDER_IN_ANOTHER_PROCESS = """
import hashlib, sys
from datetime import date
from docgen.documents import render_convocations
from docgen.settings import Settings
from tests.documents.conftest import ROOT, make_data, make_plan
settings = Settings(as_of=date(2027, 1, 11))
files = render_convocations(make_data(), make_plan(), settings)
print(hashlib.sha256(b"".join(files[name] for name in sorted(files))).hexdigest())
"""


def test_reruns_in_other_processes_give_the_same_bytes() -> None:
    digests = set()
    for seed in ("1", "2"):
        completed = subprocess.run(
            [sys.executable, "-c", RENDER_IN_ANOTHER_PROCESS],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
            env={**os.environ, "PYTHONHASHSEED": seed},
            timeout=120,
        )
        digests.add(completed.stdout.strip())
    assert len(digests) == 1


def test_the_same_template_serves_both_cases(settings: Settings) -> None:
    data = make_data()
    planned = docx_text(only(render_convocations(data, make_plan(), settings)))
    unplanned = docx_text(only(render_convocations(data, None, settings)))
    assert "Mardi 16 mars 2027 – arrivée à 8 h 45" in planned
    assert "9 h 00 – 9 h 40" in planned
    assert "Délibération" not in planned  # jury only
    assert "communiqués à votre arrivée" not in planned
    assert "Mardi 16 mars 2027" not in unplanned
    assert "communiqués à votre arrivée" in unplanned


def test_file_names_are_safe_and_unique(settings: Settings) -> None:
    data = make_data(
        make_candidate(number="../../x", usage_name="CON", first_name=""),
        make_candidate(number="7", usage_name="A" * 200),
        make_candidate(number="7", usage_name="a" * 200),
    )
    files = render_convocations(data, None, settings)
    assert len(files) == 3
    out = Path("/tmp/out").resolve()
    for name in files:
        folder, file_name = name.split("/")
        assert folder == "convocations"
        assert len(file_name) <= 120
        assert (out / folder / file_name).resolve().parent == out / folder


def test_a_missing_template_stops_the_run_in_french(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(template_files, "packaged_templates", lambda: tmp_path / "vide")
    settings = Settings(as_of=date(2027, 1, 11), templates_dir=tmp_path)
    with pytest.raises(TemplateError, match="introuvable"):
        render_convocations(make_data(), None, settings)


def test_an_override_that_is_not_word_stops_the_run_in_french(tmp_path: Path) -> None:
    settings = Settings(as_of=date(2027, 1, 11), templates_dir=tmp_path)
    (tmp_path / "convocation.docx").write_text("pas un document Word")
    with pytest.raises(TemplateError, match=r"pas un document Word \(\.docx\)"):
        render_convocations(make_data(), None, settings)


def test_a_broken_or_misspelt_tag_stops_the_run(tmp_path: Path, settings: Settings) -> None:
    properties = DocumentProperties("Centre", "Titre", "Sujet", fixed_moment(date(2027, 1, 11)))
    for text, expected in [("{{ candidat.nom }}", "donnée inconnue"), ("{% if %}", "balise")]:
        document = Document()
        document.add_paragraph(text)
        path = tmp_path / "modele.docx"
        document.save(str(path))
        with pytest.raises(TemplateError, match=expected) as caught:
            DocumentTemplate.load(path).render({}, properties)
        assert str(path) in caught.value.message


def test_the_sandbox_refuses_unsafe_attribute_access(tmp_path: Path) -> None:
    properties = DocumentProperties("Centre", "Titre", "Sujet", fixed_moment(date(2027, 1, 11)))
    document = Document()
    document.add_paragraph("{{ value.__class__.__mro__ }}")
    path = tmp_path / "modele.docx"
    document.save(str(path))
    with pytest.raises(TemplateError):
        DocumentTemplate.load(path).render({"value": "x"}, properties)


@needs_libreoffice
def test_libreoffice_converts_a_convocation_to_pdf(tmp_path: Path, settings: Settings) -> None:
    candidate = make_candidate(first_name=HOSTILE_FIRST_NAME, extra_time_percent=33)
    files = render_convocations(make_data(candidate), make_plan(), settings)
    pdfs = convert_to_pdf({"convocation.docx": only(files)}, tmp_path)
    assert len(pdfs["convocation"]) > 10_000


def test_very_long_names_and_titles_still_render(settings: Settings) -> None:
    candidate = make_candidate(birth_name="A" * 200, usage_name=None, first_name="B" * 60)
    data = make_data(candidate, title="Titre " * 60, centre="Centre " * 50)
    content = only(render_convocations(data, None, settings))
    core = Document(io.BytesIO(content)).core_properties
    assert len(core.title) == 255
    assert core.title.endswith("…")
    assert "A" * 200 in docx_text(content)


def test_every_string_of_a_context_loses_what_xml_cannot_hold_and_markup_its_trust() -> None:
    context = {
        "nom": "Zoé\x00\x0b",
        "jours": [("lundi\ufffe", 3, 2.5, None, True)],
        "html": Markup("<b>gras</b>\x1f"),
    }
    safe = xml_safe(context)
    assert safe == {"nom": "Zoé", "jours": [["lundi", 3, 2.5, None, True]], "html": "<b>gras</b>"}
    assert type(safe["html"]) is str  # escaped by the template like any other value
