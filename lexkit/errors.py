"""One error hierarchy for lexkit; the CLI maps each class to a documented exit code.

Exit codes (also in the README):
  0  success
  1  a lexkit error: not found, ambiguous citation, invalid knowledge base, refused output file
  2  usage error: a bad option, date, period or fact on the command line
  3  an unexpected internal error (a bug: please report it, with --debug output)
"""

from __future__ import annotations


class LexkitError(Exception):
    """Base of every error lexkit reports to a user. exit_code is the process exit status."""

    exit_code = 1

    def __init__(self, message: str, hint: str | None = None) -> None:
        message = _one_line(message)
        super().__init__(message)
        self.message = message
        self.hint = None if hint is None else _one_line(hint)


#: The longest message or hint: an argument echoed in it can be a pasted page.
MESSAGE_LIMIT = 1000


def _one_line(text: str) -> str:
    """Errors are one line: a newline echoed from an argument is shown as \\n, a page is cut short."""
    text = text.replace("\r", "\\r").replace("\n", "\\n")
    return text if len(text) <= MESSAGE_LIMIT else text[: MESSAGE_LIMIT - 1] + "…"


class UsageProblem(LexkitError):
    """Bad input on the command line: a date, a period, a fact."""

    exit_code = 2


class NotFound(LexkitError):
    """A citation, id or template that the knowledge base does not hold."""

    exit_code = 1


class Ambiguous(LexkitError):
    """A citation that names more than one provision (a bare '302')."""

    exit_code = 1

    def __init__(self, message: str, candidates: list[str], hint: str | None = None) -> None:
        super().__init__(message, hint)
        self.candidates = candidates


class KnowledgeBaseInvalid(LexkitError):
    """The knowledge base failed to load or validate."""

    exit_code = 1


class OutputRefused(LexkitError):
    """An output file that would overwrite an existing file without --force."""

    exit_code = 1
