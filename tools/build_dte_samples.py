"""Write the example session's sample DTE PDFs (fictitious, clearly marked) into inputs/exemple/."""

from __future__ import annotations

from pathlib import Path

from docgen.pdf import text_pdf

MARK = "EXEMPLE — document fictif, sans valeur d'examen"
FOLDER = Path(__file__).resolve().parent.parent / "inputs" / "exemple"

JURY = [
    [
        MARK,
        "",
        "DOSSIER TECHNIQUE D'ÉVALUATION — DTE JURY",
        "Titre professionnel fictif : Technicien d'exemple",
        "Session : exemple",
        "",
        "Grille d'évaluation de la mise en situation professionnelle",
        "  Critère 1 — Préparer le poste de travail ........ oui / non",
        "  Critère 2 — Réaliser l'intervention demandée ..... oui / non",
        "  Critère 3 — Contrôler et rendre compte ........... oui / non",
        "",
        "Ce document est fictif : il sert à essayer le coffre de docgen.",
    ],
    [
        MARK,
        "",
        "Résultats attendus (fictifs)",
        "  Étape A : le poste est prêt en moins de 15 minutes.",
        "  Étape B : l'intervention respecte les consignes de sécurité.",
        "  Étape C : le compte rendu est clair et complet.",
        "",
        "Questions pour l'entretien technique (fictives)",
        "  1. Expliquez votre démarche.",
        "  2. Quelles vérifications avez-vous faites ?",
    ],
]

CANDIDAT = [
    [
        MARK,
        "",
        "DOSSIER TECHNIQUE D'ÉVALUATION — DTE CANDIDAT",
        "Titre professionnel fictif : Technicien d'exemple",
        "",
        "Sujet de la mise en situation professionnelle (fictif)",
        "  Vous préparez votre poste, réalisez l'intervention décrite",
        "  ci-dessous et rendez compte au jury.",
        "",
        "Durée : 4 heures. Documents autorisés : aucun.",
        "",
        "Ce document est fictif : il sert à essayer le coffre de docgen.",
    ],
]


def main() -> None:
    FOLDER.mkdir(parents=True, exist_ok=True)
    samples = {
        "DTE-jury-exemple.pdf": text_pdf(JURY, title="DTE jury — EXEMPLE fictif"),
        "DTE-candidat-exemple.pdf": text_pdf(CANDIDAT, title="DTE candidat — EXEMPLE fictif"),
    }
    for name, data in samples.items():
        (FOLDER / name).write_bytes(data)
        print(f"{FOLDER / name} ({len(data)} octets)")


if __name__ == "__main__":
    main()
