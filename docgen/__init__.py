"""docgen prepares French titre professionnel exam sessions from one session workbook."""

__version__ = "0.1.0"
