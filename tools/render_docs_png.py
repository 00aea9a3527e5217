"""Render the example session's documents to the PNG pictures the README shows (docs/*.png).

Run from the repository root once LibreOffice (soffice) and pdftoppm are installed:
`.venv/bin/python tools/render_docs_png.py`. It writes every document of inputs/exemple into a
temporary folder with `docgen all`, converts the ones the README shows to PDF in one soffice call,
and turns the pages wanted into PNG files under docs/.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
AS_OF = "2027-02-08"  # convocations sent on time, the rétroplanning half done
RESOLUTION = "70"

# document under outputs/exemple/ (a glob: the first match in name order) → (picture stem in
# docs/, pages to keep)
PICTURES = {
    "convocations/2270148_DIALLO_Mamadou.docx": ("convocation-exemple", (1, 2)),
    "invitations/*.docx": ("invitation-exemple", (1, 2)),
    "affiches/reglement.docx": ("reglement-exemple", (1,)),
    "affiches/deroule.docx": ("deroule-exemple", (1,)),
    "feuilles/emargement_*_apres-midi.docx": ("emargement-exemple", (1,)),
    "feuilles/checklist_materiel_salles.docx": ("checklist-exemple", (1,)),
    "feuilles/pv_ouverture_plis.docx": ("pv-ouverture-exemple", (1,)),
    "retroplanning/retroplanning.docx": ("retroplanning-exemple", (1,)),
}


def run(command: list[str], cwd: Path) -> None:
    completed = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    if completed.returncode != 0:
        sys.exit(f"{' '.join(command)} a échoué :\n{completed.stderr}")


def main() -> int:
    for tool in ("soffice", "pdftoppm"):
        if shutil.which(tool) is None:
            sys.exit(f"{tool} est introuvable : installez LibreOffice et poppler-utils.")
    docgen = ROOT / ".venv" / "bin" / "docgen"
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        run([str(docgen), "all", "inputs/exemple", "--as-of", AS_OF, "--out", str(work)], ROOT)
        session = work / "exemple"
        pdf_folder = work / "pdf"
        sources = []
        for index, relative in enumerate(PICTURES):
            copy = work / "docx" / f"{index:02d}.docx"
            copy.parent.mkdir(exist_ok=True)
            shutil.copyfile(sorted(session.glob(relative))[0], copy)
            sources.append(str(copy))
        profile = f"-env:UserInstallation=file://{work / 'profil'}"
        run(["soffice", profile, "--headless", "--convert-to", "pdf", "--outdir",
             str(pdf_folder), *sources], ROOT)  # fmt: skip
        for index, (stem, pages) in enumerate(PICTURES.values()):
            for page in pages:
                suffix = f"-{page}" if len(pages) > 1 else ""
                target = ROOT / "docs" / f"{stem}{suffix}"
                pdf = pdf_folder / f"{index:02d}.pdf"
                first_last = ["-f", str(page), "-l", str(page)]
                run(["pdftoppm", "-png", "-r", RESOLUTION, *first_last, "-singlefile",
                     str(pdf), str(target)], ROOT)  # fmt: skip
                print(f"docs/{target.name}.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
