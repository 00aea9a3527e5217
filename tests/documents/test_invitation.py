"""The juror's invitation: what each juror reads, only their candidates, files and rendering."""

from __future__ import annotations

import re
import zipfile
from dataclasses import replace
from datetime import date
from pathlib import Path
from xml.dom.minidom import parseString

import pytest

from docgen.documents.invitation import invitation_context, render_invitations
from docgen.errors import InputError
from docgen.settings import Settings
from tests.documents.conftest import ROOT, docx_text, xml_parts
from tests.documents.jury_session import (
    BLANC,
    CARON,
    FIRST,
    HOSTILE_COMPANY,
    HOSTILE_NAME,
    SECOND,
    jury_data,
    jury_plan,
)
from tests.libreoffice import convert_to_pdf, needs_libreoffice


def plain(value: object) -> str:
    return str(value).replace("\u00a0", " ")


def rendered(settings: Settings) -> dict[str, bytes]:
    return render_invitations(jury_data(), jury_plan(), settings)


def test_one_letter_and_one_calendar_per_juror_the_plan_uses(settings: Settings) -> None:
    files = rendered(settings)
    assert sorted(files) == [
        "invitations/AUBERT_Anne.docx",
        "invitations/AUBERT_Anne.ics",
        "invitations/BLANC_Bruno.docx",
        "invitations/BLANC_Bruno.ics",
        "invitations/CARON_Claire.docx",
        "invitations/CARON_Claire.ics",
    ]


def test_the_letter_gives_days_times_place_and_the_manager(settings: Settings) -> None:
    text = docx_text(rendered(settings)["invitations/AUBERT_Anne.docx"])
    assert "Invitation à siéger au jury de la session d'examen du 15 au 17 mars 2027" in text
    assert "Lundi 15 mars 2027 – de 8 h 45 à 11 h 45" in text
    assert "Mardi 16 mars 2027 – de 9 h 00 à 10 h 20" in text
    assert "Mercredi 17 mars 2027" not in text
    assert "Lieu : 12 rue de l'Industrie, Zone d'activités Nord, 93290 Tremblay-en-France" in text
    # The interview, the final interview and the deliberation read as one line.
    assert "Entretien technique, Entretien final, Délibération" in text
    assert "Vous siégerez avec : BLANC Bruno" in text
    assert "Sophie Lemaire" in text and "01 48 60 12 34" in text
    assert "s.lemaire@example.fr" in text
    assert "Métallerie Aubert" in text


def test_an_invitation_lists_only_the_jurors_own_candidates(settings: Settings) -> None:
    files = rendered(settings)
    caron = docx_text(files["invitations/CARON_Claire.docx"])
    assert SECOND in caron and HOSTILE_NAME in caron and HOSTILE_COMPANY in caron
    assert FIRST not in caron and "LEFÈVRE" not in caron and "Chaudronnerie Briard" not in caron
    aubert = docx_text(files["invitations/AUBERT_Anne.docx"])
    # AUBERT supervises both candidates in the MSP: both are hers to declare links with.
    assert "LEFÈVRE Hélène" in aubert and "Chaudronnerie Briard" in aubert
    assert HOSTILE_NAME in aubert
    context = invitation_context(jury_data(), CARON, jury_plan(), settings)
    assert [candidate["number"] for candidate in context["candidates"]] == [SECOND]
    assert "CONFIDENTIEL" in caron and "signalez-le au responsable de session" in caron


def test_the_leave_paragraph_is_for_salaried_jurors_only(settings: Settings) -> None:
    files = rendered(settings)
    caron = docx_text(files["invitations/CARON_Claire.docx"])
    assert "L3142-42" in caron
    # First day the 17th: 15 days before is Tuesday 2 March 2027, a working day.
    assert "au plus tard le mardi 2 mars 2027, en y joignant la présente lettre" in caron
    blanc = docx_text(files["invitations/BLANC_Bruno.docx"])
    assert "L3142-42" not in blanc and "Autorisation d'absence" not in blanc


def test_the_reply_by_date_is_d_minus_21_or_on_receipt_once_past(settings: Settings) -> None:
    text = docx_text(rendered(settings)["invitations/BLANC_Bruno.docx"])
    assert "participation au plus tard le lundi 22 février 2027" in text
    late = replace(settings, as_of=date(2027, 3, 1))
    context = invitation_context(jury_data(), BLANC, jury_plan(), late)
    assert context["reply_by"] == "dès réception de ce courrier"


def test_a_reply_by_date_on_a_weekend_moves_to_the_friday(settings: Settings) -> None:
    # D on Sunday 21 March → D−21 is Sunday 28 February → Friday 26 February.
    data = jury_data(start=date(2027, 3, 21), end=date(2027, 3, 22))
    context = invitation_context(data, BLANC, jury_plan(), settings)
    assert context["reply_by"] == "au plus tard le vendredi 26 février 2027"


def test_hostile_values_survive_and_every_part_parses(settings: Settings) -> None:
    data = jury_data(centre='Métiers & <Soudure> "Pro" 🔧', manager="Anne & Co <x>")
    files = render_invitations(data, jury_plan(), settings)
    content = files["invitations/BLANC_Bruno.docx"]
    for part in xml_parts(content).values():
        parseString(part)  # raises on malformed XML
    text = docx_text(content)
    assert 'Métiers & <Soudure> "Pro" 🔧' in text
    assert "Anne & Co <x>" in text
    assert HOSTILE_NAME in text


def test_two_renders_are_byte_identical(settings: Settings) -> None:
    assert rendered(settings) == rendered(settings)


def test_without_a_plan_the_run_stops_with_a_french_message(settings: Settings) -> None:
    with pytest.raises(InputError, match="planning"):
        render_invitations(jury_data(), None, settings)


def test_the_template_keeps_each_tag_in_one_run() -> None:
    with zipfile.ZipFile(ROOT / "docgen" / "templates" / "invitation.docx") as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
    texts = re.findall(r"<w:t[^>]*>([^<]*)</w:t>", xml)
    tags = [text for text in texts if "{" in text or "}" in text]
    assert len(tags) > 30
    for text in tags:
        assert text.count("{{") == text.count("}}"), text
        assert text.count("{%") == text.count("%}"), text
        assert "safe" not in text, text


@needs_libreoffice
def test_libreoffice_converts_the_letter(settings: Settings, tmp_path: Path) -> None:
    letter = rendered(settings)["invitations/AUBERT_Anne.docx"]
    assert "AUBERT_Anne" in convert_to_pdf({"invitations/AUBERT_Anne.docx": letter}, tmp_path)
