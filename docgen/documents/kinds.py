"""The document kinds a session produces: their templates, sample contexts and renderer."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from docgen.documents import render_convocations
from docgen.documents.attendance import emargement_context, half_days
from docgen.documents.batch import Progress as Progress  # re-exported for docgen.pipeline
from docgen.documents.convocation import convocation_context
from docgen.documents.invitation import invitation_context, render_invitations, scheduled_jurors
from docgen.documents.posters import deroule_context, reglement_context, render_posters
from docgen.documents.render import DocumentTemplate
from docgen.documents.retroplanning import render_retroplanning, retroplanning_context
from docgen.documents.sending import (
    bordereau_context,
    hand_delivered,
    receipt_context,
    register_context,
    render_sending,
)
from docgen.documents.sheets import checklist_context, pv_context, render_sheets
from docgen.documents.template_check import TemplateProblem, check_template, problems_as_text
from docgen.errors import TemplateError
from docgen.model import SessionData
from docgen.planning.plan import Plan
from docgen.settings import Settings
from docgen.template_files import locate_template, template_path

Contexts = Callable[[SessionData, Plan | None, Settings], list[Mapping[str, Any]]]
Renderer = Callable[[SessionData, Plan | None, Settings, Progress | None], dict[str, bytes]]


@dataclass(frozen=True)
class DocumentKind:
    """One family of documents: what a command writes and what its templates must provide."""

    key: str
    """The command and output folder that name it (`convocations`, `affiches`…)."""
    label: str
    """French, for the summary (« Convocations »)."""
    contexts: Mapping[str, Contexts]
    """Each template file name → the contexts it is rendered with (for the checker)."""
    render: Renderer
    needs_plan: bool = False
    """Skipped, with a reason, when the session could not be planned."""
    without_plan: str = ""
    """What is left out (in French) when the session could not be planned, for a kind that
    writes the rest anyway."""


def _convocation_contexts(
    data: SessionData, plan: Plan | None, settings: Settings
) -> list[Mapping[str, Any]]:
    return [convocation_context(data, candidate, plan, settings) for candidate in data.candidates]


def _invitation_contexts(
    data: SessionData, plan: Plan | None, settings: Settings
) -> list[Mapping[str, Any]]:
    if plan is None:
        return []
    return [
        invitation_context(data, juror, plan, settings) for juror in scheduled_jurors(data, plan)
    ]


def _retroplanning_contexts(
    data: SessionData, plan: Plan | None, settings: Settings
) -> list[Mapping[str, Any]]:
    return [retroplanning_context(data, settings)]


CONVOCATIONS = DocumentKind(
    key="convocations",
    label="Convocations",
    contexts={"convocation.docx": _convocation_contexts},
    render=render_convocations,
)

INVITATIONS = DocumentKind(
    key="invitations",
    label="Invitations des jurés",
    contexts={"invitation.docx": _invitation_contexts},
    render=render_invitations,
    needs_plan=True,
)

RETROPLANNING = DocumentKind(
    key="retroplanning",
    label="Rétroplanning",
    contexts={"retroplanning.docx": _retroplanning_contexts},
    render=render_retroplanning,
)


def _reglement_contexts(
    data: SessionData, plan: Plan | None, settings: Settings
) -> list[Mapping[str, Any]]:
    return [reglement_context(data, settings)]


def _deroule_contexts(
    data: SessionData, plan: Plan | None, settings: Settings
) -> list[Mapping[str, Any]]:
    return [deroule_context(data, plan, settings)] if plan is not None and plan.slots else []


def _emargement_contexts(
    data: SessionData, plan: Plan | None, settings: Settings
) -> list[Mapping[str, Any]]:
    if plan is None or data.session is None:
        return []
    return [
        emargement_context(data, plan, half, settings) for half in half_days(plan, data.session)
    ]


def _checklist_contexts(
    data: SessionData, plan: Plan | None, settings: Settings
) -> list[Mapping[str, Any]]:
    return [checklist_context(data, settings)]


def _pv_contexts(
    data: SessionData, plan: Plan | None, settings: Settings
) -> list[Mapping[str, Any]]:
    return [pv_context(data, settings)]


POSTERS = DocumentKind(
    key="affiches",
    label="Affiches (règlement et déroulé)",
    contexts={"reglement.docx": _reglement_contexts, "deroule.docx": _deroule_contexts},
    render=render_posters,
    without_plan="déroulé",
)

SHEETS = DocumentKind(
    key="feuilles",
    label="Feuilles du jour (émargement, matériel et salles, ouverture des plis)",
    contexts={
        "emargement.docx": _emargement_contexts,
        "checklist.docx": _checklist_contexts,
        "pv_ouverture.docx": _pv_contexts,
    },
    render=render_sheets,
    without_plan="feuilles d'émargement",
)


def _register_contexts(
    data: SessionData, plan: Plan | None, settings: Settings
) -> list[Mapping[str, Any]]:
    return [register_context(data, plan, settings)]


def _bordereau_contexts(
    data: SessionData, plan: Plan | None, settings: Settings
) -> list[Mapping[str, Any]]:
    return [bordereau_context(data, plan, settings)]


def _receipt_contexts(
    data: SessionData, plan: Plan | None, settings: Settings
) -> list[Mapping[str, Any]]:
    return [
        receipt_context(data, candidate, settings) for candidate in hand_delivered(data).values()
    ]


SENDING = DocumentKind(
    key="envois",
    label="Envois (registre, bordereau de dépôt, récépissés)",
    contexts={
        "envois.docx": _register_contexts,
        "bordereau_depot.docx": _bordereau_contexts,
        "recepisse.docx": _receipt_contexts,
    },
    render=render_sending,
    without_plan="invitations dans le registre",
)

KINDS: tuple[DocumentKind, ...] = (
    CONVOCATIONS,
    INVITATIONS,
    POSTERS,
    SHEETS,
    RETROPLANNING,
    SENDING,
)


def kinds_named(keys: Sequence[str]) -> tuple[DocumentKind, ...]:
    """The kinds with these keys, in KINDS order."""
    return tuple(kind for kind in KINDS if kind.key in keys)


def template_problems(
    kinds: Sequence[DocumentKind],
    data: SessionData,
    plan: Plan | None,
    settings: Settings,
    *,
    overrides_only: bool = False,
) -> list[TemplateProblem]:
    """Every problem of the templates these kinds use, against this session's contexts; with
    `overrides_only`, not of docgen's own copies as shipped (the tests check those against
    every kind of session, and checking them again costs a tenth of a large run)."""
    problems: list[TemplateProblem] = []
    for kind in kinds:
        for template, contexts in kind.contexts.items():
            found = locate_template(template, settings)
            if overrides_only and found.as_shipped:
                continue
            samples = contexts(data, plan, settings) if data.session is not None else []
            problems.extend(check_template(found.path, samples))
    return problems


def ensure_templates_usable(
    kinds: Sequence[DocumentKind], data: SessionData, plan: Plan | None, settings: Settings
) -> None:
    """Stop before anything is written when a template is broken, with the checker's report."""
    problems = template_problems(kinds, data, plan, settings, overrides_only=True)
    if problems:
        raise TemplateError(
            "un modèle Word est à corriger avant d'écrire les documents :\n"
            f"{problems_as_text(problems)}\n"
            "Corrigez-le dans Word (ou remettez celui fourni avec docgen), puis vérifiez avec "
            "« docgen templates check »."
        )


def render_paths(kinds: Sequence[DocumentKind], settings: Settings) -> list[str]:
    """« convocation.docx : compilé une fois, rendu rapide », one line per template (French):
    whether the compiled path renders it or docxtpl does, and why."""
    names = sorted({name for kind in kinds for name in kind.contexts})
    return [
        f"{name} : {DocumentTemplate.load(template_path(name, settings)).render_path}"
        for name in names
    ]
