"""The conditions that stop a run; each carries a French message that says what to do."""


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
