"""newslint: a consistency linter for news copy.

The pure core is ``lint_text``: an article as a string in, findings out, no I/O.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# The public names are imported on first use (PEP 562), so ``newslint --version``, the
# CLI's start-up and worker processes do not pay for modules they never touch.
_EXPORTS = {
    "Config": "newslint.config", "load_config": "newslint.config",
    "lint_text": "newslint.engine", "Facts": "newslint.facts",
    "Finding": "newslint.findings", "Fix": "newslint.findings",
    "Severity": "newslint.findings", "Violation": "newslint.findings",
    "Context": "newslint.rule", "ProjectRule": "newslint.rule", "Rule": "newslint.rule",
}

if TYPE_CHECKING:
    from newslint.config import Config, load_config
    from newslint.engine import lint_text
    from newslint.facts import Facts
    from newslint.findings import Finding, Fix, Severity, Violation
    from newslint.rule import Context, ProjectRule, Rule


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'newslint' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_EXPORTS])

__all__ = [
    "Config", "Context", "Facts", "Finding", "Fix", "ProjectRule", "Rule", "Severity",
    "Violation", "__version__", "lint_text", "load_config",
]
