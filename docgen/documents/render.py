"""Word templates rendered with docxtpl in a sandbox, with escaping on and byte-identical output."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Mapping, MutableMapping
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from docgen.documents.compiled import CompiledTemplate, rendered_part_names, unsupported_reason
from docgen.documents.compiled import DocumentProperties as DocumentProperties  # re-exported
from docgen.documents.preparations import shipped_preparation
from docgen.errors import TemplateError, describe_os_error

WHAT_TO_DO = (
    "Corrigez-le dans Word (balises {{ … }} et {% … %} complètes, chacune d'un seul tenant) "
    "ou remettez le modèle fourni avec docgen."
)


XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
"""Characters XML 1.0 cannot hold: one of them in a value would make Word refuse the file."""


def xml_safe(value: Any) -> Any:
    """The context with XML-forbidden characters removed from every string, at any depth."""
    kind = type(value)  # plain types tried first: a poster's context has tens of thousands
    if kind is str:  # a printable one holds none (each is a control or a non-character)
        return value if value.isprintable() else XML_FORBIDDEN.sub("", value)
    if kind in _LEAVES:
        return value
    if isinstance(value, str):  # a subclass such as Markup must come out a plain `str`, escaped
        return XML_FORBIDDEN.sub("", value)
    if kind is dict or isinstance(value, Mapping):
        return {key: xml_safe(item) for key, item in value.items()}
    if kind is list or kind is tuple or isinstance(value, list | tuple):
        return [xml_safe(item) for item in value]
    return value


_LEAVES = frozenset({int, float, bool, type(None)})


CORE_PROPERTY_LIMIT = 255
"""python-docx refuses longer core properties (title, subject, author)."""


def _property(text: str) -> str:
    """A core property value: XML-safe and cut to what the format allows."""
    safe = str(xml_safe(text))
    if len(safe) <= CORE_PROPERTY_LIMIT:
        return safe
    return safe[: CORE_PROPERTY_LIMIT - 1] + "…"


def fixed_moment(as_of: date) -> datetime:
    """The one timestamp stamped into a run's documents, so that reruns give the same bytes."""
    return datetime.combine(as_of, time(0, 0))


class _CompileOnceEnvironment(SandboxedEnvironment):
    """Compiles each distinct XML part once per run: docxtpl recompiles it for every document."""

    def __init__(self) -> None:
        super().__init__(autoescape=True, undefined=jinja2.StrictUndefined)
        self._compiled: dict[str, jinja2.Template] = {}

    def from_string(  # type: ignore[override]  # narrower than Jinja's: docxtpl passes only str
        self,
        source: str,
        globals: MutableMapping[str, Any] | None = None,
        template_class: Any = None,
    ) -> jinja2.Template:
        if globals is not None or template_class is not None:
            return super().from_string(source, globals, template_class)
        compiled = self._compiled.get(source)
        if compiled is None:
            compiled = super().from_string(source)
            self._compiled[source] = compiled
        return compiled


def _template_error(path: Path, detail: str) -> TemplateError:
    return TemplateError(f"Le modèle {path} est inutilisable : {detail}. {WHAT_TO_DO}")


def _jinja_detail(exc: jinja2.TemplateError) -> str:
    if isinstance(exc, jinja2.UndefinedError):
        return f"il utilise une donnée inconnue ({exc.message})"
    where = getattr(exc, "docx_context", None)
    snippet = " ".join(line.strip() for line in where if line.strip()) if where else ""
    text = f"erreur de balise ({exc.message})"
    return f"{text} près de « {snippet[:160]} »" if snippet else text


class DocumentTemplate:
    """One Word template, read and checked once, then rendered for any number of documents."""

    def __init__(self, path: Path, source: bytes) -> None:
        self.path = path
        self._source = source
        self._environment = _CompileOnceEnvironment()
        self._patched: dict[str, str] = {}
        self._compiled: CompiledTemplate | None = None
        prepared = shipped_preparation(source)
        parts = [part.name for part in prepared] if prepared is not None else []
        self.fallback_reason: str | None = None
        """Why docxtpl renders this template document by document (French), None when compiled."""
        if prepared is None:
            with zipfile.ZipFile(io.BytesIO(source)) as archive:
                parts = rendered_part_names(archive)
                self.fallback_reason = unsupported_reason(archive, parts)
        if self.fallback_reason is None:
            try:
                self._compiled = CompiledTemplate(source, self._environment, parts, prepared)
            except jinja2.TemplateError as exc:
                raise _template_error(path, _jinja_detail(exc)) from exc
            except (SyntaxError, ValueError) as exc:
                raise _template_error(path, f"son XML est invalide ({exc})") from exc

    @property
    def render_path(self) -> str:
        """How its documents are made, for --verbose (French)."""
        if self.fallback_reason is None:
            return "compilé une fois, rendu rapide"
        return f"rendu document par document avec docxtpl ({self.fallback_reason})"

    @classmethod
    def load(cls, path: Path) -> DocumentTemplate:
        """Read the template; a missing or non-Word file stops the run with a French message."""
        try:
            source = path.read_bytes()
        except FileNotFoundError as exc:
            raise _template_error(path, "le fichier est introuvable") from exc
        except OSError as exc:
            raise _template_error(
                path, f"le fichier ne peut pas être lu ({describe_os_error(exc)})"
            ) from exc
        try:
            with zipfile.ZipFile(io.BytesIO(source)) as archive:
                archive.getinfo("word/document.xml")
        except (zipfile.BadZipFile, KeyError) as exc:
            raise _template_error(path, "ce n'est pas un document Word (.docx)") from exc
        return cls(path, source)

    def render(self, context: Mapping[str, Any], properties: DocumentProperties) -> bytes:
        """The finished .docx bytes for one context; the same inputs always give the same bytes."""
        safe = DocumentProperties(
            author=_property(properties.author),
            title=_property(properties.title),
            subject=_property(properties.subject),
            moment=properties.moment,
        )
        if self._compiled is not None:
            try:
                return self._compiled.render(xml_safe(context), safe)
            except jinja2.TemplateError as exc:
                raise _template_error(self.path, _jinja_detail(exc)) from exc
            except (SyntaxError, ValueError, KeyError) as exc:
                raise _template_error(self.path, f"le XML produit est invalide ({exc})") from exc
        return self._render_with_docxtpl(context, safe)

    def _render_with_docxtpl(
        self, context: Mapping[str, Any], properties: DocumentProperties
    ) -> bytes:
        """docxtpl's whole path, for templates with images or embedded objects."""
        from docgen.documents.docxtpl_path import render_with_docxtpl

        try:
            return render_with_docxtpl(
                self._source, self._patched, xml_safe(context), self._environment, properties
            )
        except jinja2.TemplateError as exc:
            raise _template_error(self.path, _jinja_detail(exc)) from exc
        except (SyntaxError, ValueError, KeyError) as exc:
            raise _template_error(self.path, f"le XML produit est invalide ({exc})") from exc
