"""The template checker: what a staff member broke in a Word template, found before a batch run.

For each XML part of a template (body, headers, footers) it reads every paragraph as Word shows it
and reports, with the paragraph's number and text:

- tags docxtpl cannot repair: `{{` or `{%` left open or closed in another paragraph, braces
  separated by a space, two `{%p %}` in one paragraph, tags inside a text box (Word stores those
  twice) or inside a tracked change;
- Jinja syntax errors (an `{% if %}` without `{% endif %}`…), located by the line docxtpl gives
  each paragraph;
- variables the template uses that its context does not provide, found on the template's syntax
  tree against sample contexts, so a misspelt name in a branch the sample never takes is found
  too.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.etree import ElementTree

import jinja2
from jinja2 import nodes
from jinja2.sandbox import SandboxedEnvironment

from docgen.documents.compiled import paragraph_per_line, tagless

if TYPE_CHECKING:
    from docxtpl import DocxTemplate

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
PART_NAME = re.compile(r"word/(document|header\d*|footer\d*)\.xml")
PART_LABELS = {"document": "corps du document", "header": "en-tête", "footer": "pied de page"}
TOKEN = re.compile(r"\{\{|\}\}|\{%|%\}|\{#|#\}")
SPACED_BRACES = re.compile(r"\{\s+[{%#]|[}%#]\s+\}")
CLOSER = {"{{": "}}", "{%": "%}", "{#": "#}"}
EXCERPT = 90


@dataclass(frozen=True, order=True)
class TemplateProblem:
    """One thing broken in a template, where a person finds it in Word."""

    template: str
    part: str
    paragraph: int | None
    excerpt: str
    message: str

    def describe(self) -> str:
        where = f"{self.part}, paragraphe {self.paragraph}" if self.paragraph else self.part
        shown = f" « {self.excerpt} »" if self.excerpt else ""
        return f"{self.template} ({where}){shown} : {self.message}"


@dataclass
class _Paragraph:
    number: int
    text: str
    in_text_box: bool
    in_tracked_change: bool


@dataclass
class _Part:
    label: str
    xml: str
    paragraphs: list[_Paragraph] = field(default_factory=list)


def _shorten(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= EXCERPT else text[: EXCERPT - 1] + "…"


def _part_label(name: str) -> str:
    stem = PART_NAME.fullmatch(name)
    kind = re.sub(r"\d+", "", stem.group(1)) if stem else name
    return PART_LABELS.get(kind, name)


def _ancestor_tags(
    element: ElementTree.Element, parents: dict[int, ElementTree.Element]
) -> set[str]:
    tags = set()
    while id(element) in parents:
        element = parents[id(element)]
        tags.add(element.tag)
    return tags


def _paragraphs(xml: bytes) -> list[_Paragraph]:
    root = ElementTree.fromstring(xml)
    parents = {id(child): parent for parent in root.iter() for child in parent}
    tracked_tags = {f"{W}ins", f"{W}del"}
    found = []
    for number, paragraph in enumerate(root.iter(f"{W}p"), start=1):
        texts = [node.text or "" for node in paragraph.iter(f"{W}t")]
        ancestors = _ancestor_tags(paragraph, parents)
        inside = {element.tag for element in paragraph.iter()}
        found.append(
            _Paragraph(
                number=number,
                text="".join(texts),
                in_text_box=f"{W}txbxContent" in ancestors,
                in_tracked_change=bool((ancestors | inside) & tracked_tags),
            )
        )
    return found


def _read_parts(path: Path) -> list[_Part]:
    with zipfile.ZipFile(io.BytesIO(path.read_bytes())) as archive:
        names = sorted(name for name in archive.namelist() if PART_NAME.fullmatch(name))
        parts = []
        for name in names:
            raw = archive.read(name)
            part = _Part(_part_label(name), raw.decode("utf-8"), _paragraphs(raw))
            parts.append(part)
    return parts


def _tag_problems(paragraph: _Paragraph) -> Iterator[str]:
    """What docxtpl cannot repair inside one paragraph."""
    text = paragraph.text
    if SPACED_BRACES.search(text):
        yield "les accolades d'une balise sont séparées par un espace (écrivez {{ … }} ou {% … %})"
    opened: str | None = None
    for token in TOKEN.findall(text):
        if token in CLOSER:
            if opened is not None:
                yield f"la balise « {opened} » n'est pas refermée avant « {token} »"
                return
            opened = token
        elif opened is None or CLOSER[opened] != token:
            yield f"« {token} » ferme une balise qui n'a pas été ouverte dans ce paragraphe"
            return
        else:
            opened = None
    if opened is not None:
        yield (
            f"la balise « {opened} » n'est pas refermée dans ce paragraphe "
            "(une balise doit tenir dans un seul paragraphe)"
        )
    if len(re.findall(r"\{%p\s", text)) > 1:
        yield "deux balises {%p … %} dans le même paragraphe : mettez-les sur deux paragraphes"
    has_tag = bool(TOKEN.search(text))
    if has_tag and paragraph.in_text_box:
        yield "balise dans une zone de texte : docxtpl ne sait pas la remplir, sortez-la du cadre"
    if has_tag and paragraph.in_tracked_change:
        yield (
            "balise dans une modification suivie : acceptez ou refusez les modifications "
            "(Révision › Accepter) puis enregistrez"
        )


def _patched_source(template: DocxTemplate, xml: str) -> str:
    """The Jinja source docxtpl renders for this part, one paragraph per line as docxtpl does."""
    return paragraph_per_line(str(template.patch_xml(xml)))


def _line_text(source: str, line: int | None) -> str:
    lines = source.splitlines()
    if line is None or not 1 <= line <= len(lines):
        return ""
    return tagless(lines[line - 1])


def _normal(text: str) -> str:
    """Text with docxtpl's `{%p`, `{{r`… prefixes dropped and spaces folded, for matching."""
    return " ".join(re.sub(r"(\{[{%])(?:p|tr|tc|r)\s", r"\1 ", text).split())


def _paragraph_of(part: _Part, needle: str) -> _Paragraph | None:
    """The first paragraph whose text holds `needle`, or else the last tag `needle` holds."""
    tags = re.findall(r"\{[{%].*?[}%]\}", needle)
    for candidate in (needle, *reversed(tags)):
        compact = _normal(candidate)
        for paragraph in part.paragraphs:
            if compact and compact in _normal(paragraph.text):
                return paragraph
    return None


def _names(target: nodes.Node) -> list[str]:
    """The names a `for` or `set` target binds."""
    if isinstance(target, nodes.Name):
        return [target.name]
    return [name.name for name in target.find_all(nodes.Name)]


def _dotted(node: nodes.Node) -> str | None:
    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Getattr):
        base = _dotted(node.node)
        return f"{base}.{node.attr}" if base else None
    if isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const):
        base = _dotted(node.node)
        return f"{base}.{node.arg.value}" if base else None
    return None


class _UnknownNames:
    """Walks a template's syntax tree and resolves each name against sample values."""

    def __init__(self, contexts: Sequence[Mapping[str, Any]]) -> None:
        self.contexts = contexts
        self.found: dict[str, int | None] = {}
        self.unsafe: dict[str, int | None] = {}
        """Attributes the sandbox refuses (`__class__`…): a template must never reach them."""

    def _note(self, path: str, node: nodes.Node) -> None:
        self.found.setdefault(path, getattr(node, "lineno", None))

    def values(self, node: nodes.Node, scope: dict[str, list[Any]]) -> list[Any]:
        """Sample values of an expression; empty when they cannot be known."""
        if isinstance(node, nodes.Name):
            if node.name in scope:
                return scope[node.name]
            present = [context[node.name] for context in self.contexts if node.name in context]
            if not present and self.contexts and node.name not in {"loop", "range", "true"}:
                self._note(node.name, node)
            return present
        if isinstance(node, nodes.Getattr | nodes.Getitem):
            key = node.attr if isinstance(node, nodes.Getattr) else None
            if isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const):
                key = node.arg.value
            if isinstance(key, str) and key.startswith("_"):
                self.unsafe.setdefault(_dotted(node) or key, getattr(node, "lineno", None))
                return []
            bases = self.values(node.node, scope)
            if key is None or not bases:
                return []
            mappings = [base for base in bases if isinstance(base, Mapping)]
            results = [base[key] for base in mappings if key in base]
            if mappings and not results:
                self._note(_dotted(node) or str(key), node)
            return results
        for child in node.iter_child_nodes():
            self.visit(child, scope)
        return []

    def visit(self, node: nodes.Node, scope: dict[str, list[Any]]) -> None:
        if isinstance(node, nodes.For):
            items = [
                item
                for value in self.values(node.iter, scope)
                if isinstance(value, list | tuple)
                for item in value
            ]
            inner = dict(scope)
            for target in _names(node.target):
                inner[target] = items if isinstance(node.target, nodes.Name) else []
            inner["loop"] = []
            for child in (*node.body, *node.else_):
                self.visit(child, inner)
            if node.test is not None:
                self.visit(node.test, inner)
            return
        if isinstance(node, nodes.Assign | nodes.AssignBlock):
            for target in _names(node.target):
                scope[target] = []
        if isinstance(node, nodes.Expr | nodes.Name | nodes.Getattr | nodes.Getitem):
            self.values(node, scope)
            return
        for child in node.iter_child_nodes():
            self.visit(child, scope)


def _structure_problems(
    name: str, part: _Part, source: str, environment: jinja2.Environment
) -> Iterator[TemplateProblem]:
    try:
        environment.parse(source)
    except jinja2.TemplateSyntaxError as exc:
        text = _line_text(source, exc.lineno)
        paragraph = _paragraph_of(part, text) if text.strip() else None
        yield TemplateProblem(
            name,
            part.label,
            paragraph.number if paragraph else None,
            _shorten(text),
            "structure des balises incorrecte : un {% if %} ou un {% for %} sans sa fin, une fin "
            f"en trop ou une balise inconnue (détail : {exc.message})",
        )


def _unknown_problems(
    name: str,
    part: _Part,
    source: str,
    environment: jinja2.Environment,
    contexts: Sequence[Mapping[str, Any]],
) -> Iterator[TemplateProblem]:
    walker = _UnknownNames(contexts)
    walker.visit(environment.parse(source), {})
    for path, line in sorted(walker.unsafe.items()):
        paragraph = _paragraph_of(part, path)
        yield TemplateProblem(
            name,
            part.label,
            paragraph.number if paragraph else None,
            _shorten(paragraph.text if paragraph else _line_text(source, line)),
            f"« {path} » accède à l'intérieur de Python : c'est interdit dans un modèle",
        )
    for path, line in sorted(walker.found.items()):
        leaf = path.rsplit(".", 1)[-1]
        paragraph = _paragraph_of(part, path) or _paragraph_of(part, leaf)
        excerpt = paragraph.text if paragraph else _line_text(source, line)
        yield TemplateProblem(
            name,
            part.label,
            paragraph.number if paragraph else None,
            _shorten(excerpt),
            f"la donnée « {path} » n'existe pas pour ce document (nom mal orthographié ?)",
        )


def check_template(path: Path, contexts: Sequence[Mapping[str, Any]]) -> list[TemplateProblem]:
    """Every problem of the template at `path`, given sample contexts of its document kind."""
    from docxtpl import DocxTemplate  # a run checks only the templates docgen did not ship

    name = path.name
    try:
        parts = _read_parts(path)
        template = DocxTemplate(io.BytesIO(path.read_bytes()))
    except FileNotFoundError:
        return [TemplateProblem(name, "fichier", None, "", "le modèle est introuvable")]
    except (OSError, zipfile.BadZipFile, KeyError, ElementTree.ParseError, ValueError):
        return [
            TemplateProblem(
                name, "fichier", None, "", "ce n'est pas un document Word (.docx) lisible"
            )
        ]
    environment = SandboxedEnvironment(autoescape=True, undefined=jinja2.StrictUndefined)
    problems: list[TemplateProblem] = []
    for part in parts:
        tag_problems = [
            TemplateProblem(name, part.label, paragraph.number, _shorten(paragraph.text), message)
            for paragraph in part.paragraphs
            for message in _tag_problems(paragraph)
        ]
        problems.extend(tag_problems)
        if tag_problems:
            continue
        source = _patched_source(template, part.xml)
        structure = list(_structure_problems(name, part, source, environment))
        problems.extend(structure)
        if not structure:
            problems.extend(_unknown_problems(name, part, source, environment, contexts))
    return sorted(set(problems))


def problems_as_text(problems: Sequence[TemplateProblem]) -> str:
    """The checker's French report, one problem a line."""
    return "\n".join(f"  {problem.describe()}" for problem in problems)
