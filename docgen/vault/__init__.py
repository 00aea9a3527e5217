"""The DTE vault: sealed until the opening, two custodians, a tamper-evident journal."""

from docgen.vault.keys import (
    Argon2Params,
    ScryptParams,
    SealError,
    Secrets,
    generate_passphrase,
    new_recovery_code,
)
from docgen.vault.opening import OpenedFile, OpenReport, Refusal, open_vault
from docgen.vault.report import VaultStatus, Verification, vault_status, verify_vault
from docgen.vault.sealing import seal_files
from docgen.vault.store import Sealed, SealRecord

__all__ = [
    "Argon2Params",
    "OpenReport",
    "OpenedFile",
    "Refusal",
    "ScryptParams",
    "SealError",
    "SealRecord",
    "Sealed",
    "Secrets",
    "VaultStatus",
    "Verification",
    "generate_passphrase",
    "new_recovery_code",
    "open_vault",
    "seal_files",
    "vault_status",
    "verify_vault",
]
