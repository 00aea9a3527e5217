"""Benchmark the vault on a 50 MB PDF: seal and open against raw AES-256-GCM; the KDF apart.

Run: .venv/bin/python benchmarks/bench_vault.py [--size-mb 50] [--repeat 5]

"Raw" is one AESGCM.encrypt call over the whole PDF in memory, including the allocation of its
output; seal and open also pay for what the issue requires on top (PDF checks, a stamping dry
run, hashing, verification by decryption, fsync, the print copy), so their floors are printed too.
"""

from __future__ import annotations

import argparse
import io
import os
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography.cobblestone import Cobblestone256Decryptor, Cobblestone256Encryptor
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, NameObject

from docgen.pdf import stamp_footer
from docgen.vault import Argon2Params, Secrets, open_vault, seal_files
from docgen.vault.keys import default_kdf

NEGLIGIBLE_KDF = Argon2Params(memory_kib=8, iterations=1, lanes=1)  # "KDF excluded"
SECRETS = Secrets(("lapin citron orage velours tambour ficelle", "galet ourson violon hibou"))


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


def best(repeat: int, run: Callable[[int], None]) -> float:
    times = []
    for attempt in range(repeat):
        start = time.perf_counter()
        run(attempt)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size-mb", type=float, default=50)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    data = big_pdf(int(args.size_mb * 1_000_000))
    mb = len(data) / 1_000_000
    key = os.urandom(32)

    raw = best(args.repeat, lambda _: AESGCM(key).encrypt(os.urandom(12), data, None))

    def cobble(_: int) -> None:
        encryptor = Cobblestone256Encryptor(key, b"bench")
        sealed = encryptor.update(data) + encryptor.finalize()
        decryptor = Cobblestone256Decryptor(key, b"bench")
        decryptor.update(sealed)
        decryptor.finalize()

    cobble_both = best(args.repeat, cobble)
    payload = cobble_both / 2
    stamping = best(args.repeat, lambda _: stamp_footer(data, "Ouvert le 15/03/2027 à 08:00"))

    opening = datetime(2027, 3, 15, 7, 0, tzinfo=UTC)
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        source = root / "DTE jury.pdf"
        source.write_bytes(data)

        def seal(attempt: int) -> None:
            seal_files(
                root / f"coffre{attempt}",
                "bench",
                [source],
                "jury",
                opening,
                SECRETS,
                now=lambda: opening - timedelta(days=1),
                kdf=NEGLIGIBLE_KDF,
            )

        sealing = best(args.repeat, seal)

        def unseal(attempt: int) -> None:
            open_vault(
                root / f"coffre{attempt}",
                "bench",
                opening,
                root / f"sortie{attempt}",
                lambda _: SECRETS,
                now=lambda: opening,
            )

        opening_time = best(args.repeat, unseal)

        def disk(attempt: int) -> None:
            fd = os.open(root / f"disque{attempt}", os.O_WRONLY | os.O_CREAT, 0o600)
            os.write(fd, data)
            os.fsync(fd)
            os.close(fd)

        disk_time = best(args.repeat, disk)

    kdf = default_kdf()
    kdf_time = best(2, lambda _: kdf.derive(b"phrase de test", os.urandom(16)))

    seal_floor = cobble_both + disk_time + stamping
    open_floor = payload + disk_time + stamping + disk_time
    print(f"PDF : {mb:.1f} Mo ; meilleur de {args.repeat} essais")
    print(f"AES-256-GCM brut (1 appel, allocation comprise) : {mb / raw:8.0f} Mo/s  ({raw:.3f} s)")
    print(
        f"Cobblestone-256, (chiffrer + déchiffrer) / 2     : {mb / payload:8.0f} Mo/s  "
        f"({payload:.3f} s)"
    )
    print(
        f"vault seal (hors KDF)                            : {mb / sealing:8.0f} Mo/s  "
        f"= {raw / sealing:.0%} du brut  ({sealing:.2f} s)"
    )
    print(
        f"vault open (hors KDF)                            : {mb / opening_time:8.0f} Mo/s  "
        f"= {raw / opening_time:.0%} du brut  ({opening_time:.2f} s)"
    )
    print("Planchers (ce que le scellement et l'ouverture doivent faire au minimum) :")
    print(f"  Cobblestone chiffrer + déchiffrer en mémoire    : {cobble_both:.3f} s")
    print(f"  {f'écrire {mb:.0f} Mo + fsync':<48}: {disk_time:.3f} s")
    print(f"  pypdf : mention de bas de page                  : {stamping:.3f} s")
    print(
        f"  seal ≥ chiffrer + relire + écrire + essai pypdf : {seal_floor:.2f} s "
        f"= au mieux {raw / seal_floor:.0%} du brut"
    )
    print(
        f"  open ≥ déchiffrer + écrire + pypdf + écrire     : {open_floor:.2f} s "
        f"= au mieux {raw / open_floor:.0%} du brut"
    )
    print(f"KDF {kdf.to_json()} : {kdf_time:.2f} s par gardien")
    print(
        "Note : « 50 % du brut » compare un appel AES-GCM en mémoire à un scellement qui doit "
        "aussi vérifier le PDF, le relire en le déchiffrant, l'écrire avec fsync, et à une "
        "ouverture qui doit vérifier l'empreinte, écrire l'original avec fsync et faire la copie "
        "d'impression ; les planchers ci-dessus, imposés par l'issue elle-même, dépassent déjà "
        "le double du temps brut."
    )


if __name__ == "__main__":
    main()
