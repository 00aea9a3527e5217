"""Benchmark the vault on a 50 MB PDF: seal and open against raw AES-256-GCM; the KDF apart.

Run: .venv/bin/python benchmarks/bench_vault.py [--size-mb 50] [--repeat 3]
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
    parser.add_argument("--repeat", type=int, default=3)
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

    payload = best(args.repeat, cobble) / 2

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

    print(f"PDF : {mb:.1f} Mo ; meilleur de {args.repeat} essais")
    print(f"AES-256-GCM brut (un appel)      : {mb / raw:8.0f} Mo/s")
    print(f"Cobblestone-256 seul (chiffr.)   : {mb / payload:8.0f} Mo/s")
    print(
        f"vault seal (hors KDF)            : {mb / sealing:8.0f} Mo/s  "
        f"= {raw / sealing:.0%} du brut  ({sealing:.2f} s)"
    )
    print(
        f"vault open (hors KDF)            : {mb / opening_time:8.0f} Mo/s  "
        f"= {raw / opening_time:.0%} du brut  ({opening_time:.2f} s)"
    )
    print(f"référence : écrire 50 Mo + fsync  : {mb / disk_time:8.0f} Mo/s  ({disk_time:.2f} s)")
    print(f"KDF {kdf.to_json()} : {kdf_time:.2f} s par gardien")


if __name__ == "__main__":
    main()
