"""What goes wrong with an uploaded ledger, in Chinese sentences shown to the importer as they are."""

from __future__ import annotations


class LedgerFileError(Exception):
    """The file as a whole cannot be read as a ledger (not a spreadsheet, corrupt, encrypted,
    no header, too large)."""


class LedgerRowsError(Exception):
    """Some rows are bad; nothing was imported. `errors` holds one sentence per problem."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("；".join(errors))
        self.errors = errors
