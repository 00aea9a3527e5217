"""The template checker names what a staff member broke in Word, with the paragraph."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from docgen.documents.convocation import convocation_context
from docgen.documents.template_check import check_template, problems_as_text
from docgen.settings import Settings
from tests.documents.conftest import ROOT, make_candidate, make_data, make_plan

TEMPLATE = ROOT / "docgen" / "templates" / "convocation.docx"


@pytest.fixture
def contexts(settings: Settings) -> list[dict[str, object]]:
    candidate = make_candidate()
    data = make_data(candidate)
    return [
        convocation_context(data, candidate, None, settings),
        convocation_context(data, candidate, make_plan(candidate.number), settings),
    ]


def edited(tmp_path: Path, *replacements: tuple[str, str], part: str = "word/document.xml") -> Path:
    """A copy of the convocation template with text replaced in one XML part, as Word would."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(TEMPLATE) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for member in source.infolist():
            content = source.read(member.filename)
            if member.filename == part:
                xml = content.decode("utf-8")
                for old, new in replacements:
                    assert old in xml, old
                    xml = xml.replace(old, new, 1)
                content = xml.encode("utf-8")
            target.writestr(member, content)
    path = tmp_path / "convocation.docx"
    path.write_bytes(out.getvalue())
    return path


def test_the_shipped_template_is_clean(contexts: list[dict[str, object]]) -> None:
    assert check_template(TEMPLATE, contexts) == []


def test_a_misspelt_variable_is_named_with_its_paragraph(
    tmp_path: Path, contexts: list[dict[str, object]]
) -> None:
    path = edited(tmp_path, ("{{ recipient.name }}", "{{ recipient.nom }}"))
    [problem] = check_template(path, contexts)
    assert "recipient.nom" in problem.message
    assert problem.paragraph is not None
    assert "{{ recipient.nom }}" in problem.excerpt
    assert problem.part == "corps du document"


def test_a_misspelt_variable_inside_a_loop_is_found(
    tmp_path: Path, contexts: list[dict[str, object]]
) -> None:
    path = edited(tmp_path, ("{{ row.description }}", "{{ row.descriptoin }}"))
    [problem] = check_template(path, contexts)
    assert "row.descriptoin" in problem.message


def test_a_variable_in_a_branch_the_sample_never_takes_is_still_checked(
    tmp_path: Path, contexts: list[dict[str, object]]
) -> None:
    path = edited(tmp_path, ("{{ manager.email }}", "{{ responsable.email }}"))
    [problem] = check_template(path, contexts)
    assert "« responsable »" in problem.message


def test_an_unclosed_tag_is_reported_where_it_sits(
    tmp_path: Path, contexts: list[dict[str, object]]
) -> None:
    path = edited(tmp_path, ("{{ objet }}", "{{ objet }"))
    [problem] = check_template(path, contexts)
    assert "n'est pas refermée" in problem.message
    assert "Objet" in problem.excerpt


def test_separated_braces_are_explained(tmp_path: Path, contexts: list[dict[str, object]]) -> None:
    path = edited(tmp_path, ("{{ objet }}", "{ { objet }}"))
    messages = problems_as_text(check_template(path, contexts))
    assert "séparées par un espace" in messages


def test_a_block_without_its_end_is_a_structure_problem(
    tmp_path: Path, contexts: list[dict[str, object]]
) -> None:
    path = edited(tmp_path, ("{%p endif %}", "{%p endi %}"))
    [problem] = check_template(path, contexts)
    assert "structure des balises" in problem.message
    assert problem.paragraph is not None


def test_two_paragraph_tags_in_one_paragraph(
    tmp_path: Path, contexts: list[dict[str, object]]
) -> None:
    path = edited(tmp_path, ("{%p endif %}", "{%p endif %}{%p if true %}"))
    messages = problems_as_text(check_template(path, contexts))
    assert "deux balises {%p" in messages


def test_a_tag_in_a_text_box_is_refused(tmp_path: Path, contexts: list[dict[str, object]]) -> None:
    box = (
        "<w:p><w:r><w:pict><v:shape xmlns:v='urn:schemas-microsoft-com:vml'><v:textbox>"
        "<w:txbxContent><w:p><w:r><w:t>{{ objet }}</w:t></w:r></w:p></w:txbxContent>"
        "</v:textbox></v:shape></w:pict></w:r></w:p>"
    )
    path = edited(tmp_path, ("<w:body>", "<w:body>" + box))
    messages = problems_as_text(check_template(path, contexts))
    assert "zone de texte" in messages


def test_the_footer_is_checked_too(tmp_path: Path, contexts: list[dict[str, object]]) -> None:
    with zipfile.ZipFile(TEMPLATE) as archive:
        footer = next(name for name in archive.namelist() if name.startswith("word/footer"))
    path = edited(tmp_path, ("{{ recipient.number }}", "{{ recipient.numero }}"), part=footer)
    [problem] = check_template(path, contexts)
    assert problem.part == "pied de page"
    assert "recipient.numero" in problem.message


def test_a_file_that_is_not_word(tmp_path: Path, contexts: list[dict[str, object]]) -> None:
    path = tmp_path / "convocation.docx"
    path.write_text("pas un document", encoding="utf-8")
    [problem] = check_template(path, contexts)
    assert "pas un document Word" in problem.message
    assert check_template(tmp_path / "absent.docx", contexts)[0].message == (
        "le modèle est introuvable"
    )


def test_reaching_inside_python_is_refused_before_the_run(
    tmp_path: Path, contexts: list[dict[str, object]]
) -> None:
    path = edited(tmp_path, ("{{ objet }}", "{{ objet.__class__.__mro__ }}"))
    [problem] = check_template(path, contexts)
    assert "__class__" in problem.message
    assert "interdit" in problem.message


def test_reaching_inside_python_by_subscript_is_refused_too(
    tmp_path: Path, contexts: list[dict[str, object]]
) -> None:
    path = edited(tmp_path, ("{{ objet }}", "{{ centre['__class__'] }}"))
    [problem] = check_template(path, contexts)
    assert "interdit" in problem.message
