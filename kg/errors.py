"""User-facing errors: a code, one line saying what is wrong and what to do."""
from __future__ import annotations


class KgError(Exception):
    """An error the CLI prints as ``Error: E### message`` with exit code 1 (never a traceback)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{code} {message}")
        self.code = code
        self.message = message


def bad_input(message: str) -> KgError:
    return KgError("E001", message)


def bad_graph(message: str) -> KgError:
    return KgError("E002", message)


def bad_query(message: str) -> KgError:
    return KgError("E003", message)


def bad_model(message: str) -> KgError:
    return KgError("E004", message)
