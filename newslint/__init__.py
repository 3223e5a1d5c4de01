"""newslint: a consistency linter for news copy.

The pure core is ``lint_text``: an article as a string in, findings out, no I/O.
"""

from __future__ import annotations

__version__ = "0.1.0"

from newslint.config import Config, load_config  # noqa: E402
from newslint.engine import lint_text  # noqa: E402
from newslint.facts import Facts  # noqa: E402
from newslint.findings import Finding, Fix, Severity, Violation  # noqa: E402
from newslint.rule import Context, ProjectRule, Rule  # noqa: E402

__all__ = [
    "Config", "Context", "Facts", "Finding", "Fix", "ProjectRule", "Rule", "Severity",
    "Violation", "__version__", "lint_text", "load_config",
]
