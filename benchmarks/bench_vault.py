"""Benchmark the vault on a 50 MB PDF: seal and open against their own floor, the KDF apart.

Run: .venv/bin/python benchmarks/bench_vault.py [--size-mb 50] [--repeat 5]

The floor is what any correct seal or open must do with these bytes, measured here on the same
disk: Cobblestone encryption or decryption in memory, writing the result with fsync, and the
verification (seal decrypts what it wrote; open's decryption is its verification). Seal and
open are timed whole (KDF excluded: negligible Argon2id costs), including what they add on top:
PDF checks and the stamping dry run at seal, the stamped print copy at open, hashing, journal
entries with their fsyncs and signatures, folder syncs. Target: each within 1.5 × its floor.
The machine may be shared: run it on a quiet machine for figures to compare.
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography.cobblestone import Cobblestone256Decryptor, Cobblestone256Encryptor
from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, NameObject

from docgen.pdf import check_pdf, stamp_footer
from docgen.vault import Argon2Params, Secrets, open_vault, seal_files
from docgen.vault.journal import Journal
from docgen.vault.keys import default_kdf

NEGLIGIBLE_KDF = Argon2Params(memory_kib=8, iterations=1, lanes=1)  # "KDF excluded"
SECRETS = Secrets(("lapin citron orage velours tambour ficelle", "galet ourson violon hibou"))
TARGET = 1.5


def big_pdf(size: int) -> bytes:
    """A one-page PDF carrying `size` random bytes, like a scanned DTE (incompressible)."""
    writer = PdfWriter()
    page = writer.add_blank_page(width=595, height=842)
    blob = DecodedStreamObject()
    blob.set_data(os.urandom(size))
    page[NameObject("/DocgenBench")] = writer._add_object(blob)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def synced_write(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    finally:
        os.close(fd)


def timed(run: Callable[[], object]) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size-mb", type=float, default=50)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    data = big_pdf(int(args.size_mb * 1_000_000))
    mb = len(data) / 1_000_000
    key = os.urandom(32)

    def encrypt() -> bytes:
        encryptor = Cobblestone256Encryptor(key, b"bench")
        return encryptor.update(data) + encryptor.finalize()

    sealed_payload = encrypt()

    def decrypt() -> None:
        decryptor = Cobblestone256Decryptor(key, b"bench")
        decryptor.update(sealed_payload)
        decryptor.finalize()

    opening = datetime(2027, 3, 15, 7, 0, tzinfo=UTC)
    rows = []  # per attempt, measured back to back so that a busy machine hits both alike
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        source = root / "DTE jury.pdf"
        source.write_bytes(data)
        for n in range(args.repeat):
            encrypting = timed(encrypt)
            decrypting = timed(decrypt)
            writing = timed(lambda n=n: synced_write(root / f"disque{n}", data))
            stamping = timed(lambda: stamp_footer(data, "Ouvert le 15/03/2027 à 08:00"))
            checking = timed(lambda: check_pdf(data, "bench"))
            vault = root / f"coffre{n}"
            sealing = timed(
                lambda vault=vault: seal_files(
                    vault,
                    "bench",
                    [source],
                    "jury",
                    opening,
                    SECRETS,
                    now=lambda: opening - timedelta(days=1),
                    kdf=NEGLIGIBLE_KDF,
                )
            )
            fingerprint = Journal(vault).read().fingerprint
            unsealing = timed(
                lambda vault=vault, n=n, fingerprint=fingerprint: open_vault(
                    vault,
                    "bench",
                    opening,
                    root / f"sortie{n}",
                    lambda _: SECRETS,
                    now=lambda: opening,
                    expected_head=fingerprint,
                )
            )
            seal_floor = encrypting + writing + decrypting
            open_floor = decrypting + 2 * writing  # the original and its print copy, synced
            rows.append(
                (
                    encrypting,
                    decrypting,
                    writing,
                    stamping,
                    sealing,
                    seal_floor,
                    unsealing,
                    open_floor,
                    checking,
                )
            )
            # Everything written is removed before the next attempt: each starts alike.
            (root / f"disque{n}").unlink()
            shutil.rmtree(root / f"sortie{n}")
            shutil.rmtree(vault)

    kdf = default_kdf()
    kdf_time = min(timed(lambda: kdf.derive(b"phrase de test", os.urandom(16))) for _ in range(2))
    best = [min(column) for column in zip(*rows, strict=True)]
    seal_ratio = statistics.median(row[4] / row[5] for row in rows)
    open_ratio = statistics.median(row[6] / row[7] for row in rows)
    print(f"PDF : {mb:.1f} Mo ; {args.repeat} essais (meilleurs temps) ; KDF exclu")
    print("Plancher (ce que tout scellement ou ouverture correct doit faire de ces octets) :")
    print(f"  chiffrer (Cobblestone-256, en mémoire)     : {best[0]:.3f} s")
    print(f"  déchiffrer = vérifier (en mémoire)          : {best[1]:.3f} s")
    print(f"  écrire {mb:.0f} Mo + fsync                       : {best[2]:.3f} s")
    print(f"  seal ≥ chiffrer + écrire + relire           : {best[5]:.3f} s")
    print(f"  open ≥ déchiffrer + écrire original + copie : {best[7]:.3f} s")
    print("Hors plancher, exigé par le coffre (pypdf, Python pur) :")
    print(f"  lecture et contrôle du PDF (seal)           : {best[8]:.3f} s")
    print(f"  mention de bas de page (essai au seal, copie à l'open) : {best[3]:.3f} s")
    for label, measured, ratio in (("seal", best[4], seal_ratio), ("open", best[6], open_ratio)):
        verdict = "tient" if ratio <= TARGET else "NE TIENT PAS"
        print(
            f"vault {label} : {measured:.3f} s ({mb / measured:.0f} Mo/s) ; médiane de "
            f"(mesure / son plancher mesuré juste avant) : {ratio:.2f} × — cible ≤ {TARGET} × : "
            f"{verdict}"
        )
    print(f"KDF {kdf.to_json()} : {kdf_time:.2f} s par gardien (une fois par commande)")


if __name__ == "__main__":
    main()
