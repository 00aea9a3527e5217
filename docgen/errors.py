"""The conditions that stop a run; each carries a French message that says what to do."""

import errno


class DocgenError(Exception):
    """A run cannot go on. The CLI prints `message` and exits with code 3."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InputError(DocgenError):
    """A session folder or workbook is missing or cannot be read at all."""


class TemplateError(DocgenError):
    """A Word template is missing or broken."""


class OutputError(DocgenError):
    """An output file or folder cannot be written."""


class VaultError(DocgenError):
    """The DTE vault refused an action (too early, wrong secret, tampered file, busy)."""


OS_ERROR_WORDS = {
    errno.ENOENT: "fichier ou dossier introuvable",
    errno.EACCES: "accès refusé : vérifiez vos droits sur ce fichier ou dossier",
    errno.EPERM: "opération non permise",
    errno.ENOSPC: "disque plein",
    errno.EROFS: "disque en lecture seule",
    errno.EISDIR: "c'est un dossier, pas un fichier",
    errno.ENOTDIR: "un élément du chemin n'est pas un dossier",
    errno.EEXIST: "existe déjà",
    errno.ENAMETOOLONG: "nom trop long",
    errno.EBUSY: "fichier ou dossier occupé par un autre programme",
    errno.EIO: "erreur de lecture ou d'écriture du disque",
    errno.EMFILE: "trop de fichiers ouverts",
    errno.EXDEV: "déplacement impossible entre deux disques",
    errno.ELOOP: "c'est un lien symbolique, que docgen ne suit pas",
}


def describe_os_error(error: OSError) -> str:
    """A short French description of what the operating system refused."""
    if error.errno in OS_ERROR_WORDS:
        return OS_ERROR_WORDS[error.errno]
    return f"erreur du système ({error.strerror or error})"
