"""Which configuration and fact sheets apply to an open document, reloaded when they change.

The nearest ``newslint.toml`` (or ``pyproject.toml`` with ``[tool.newslint]``) above the
document is looked up on every lint, and the files it depends on (itself, its fact
sheets, its rule packs) are re-stat'ed: a few system calls, so an edit to any of them
takes effect at the next keystroke even when the editor sends no file-change events.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from newslint.config import Config, find_config_file, load_config
from newslint.engine import ActiveRule, active_rules
from newslint.errors import NewslintError
from newslint.facts import EMPTY_FACTS, Facts
from newslint.registry import Registry
from newslint.rule import ProjectRule

Stamp = tuple[tuple[str, int, int], ...]


@dataclass
class Setup:
    """Everything needed to lint a document of one folder."""

    config: Config
    registry: Registry
    rules: Sequence[ActiveRule]
    facts: Facts
    problems: list[str] = field(default_factory=list)  # config or fact sheet errors


def _stat(path: Path | str) -> tuple[str, int, int]:
    try:
        st = os.stat(path)
        return (str(path), st.st_mtime_ns, st.st_size)
    except OSError:
        return (str(path), -1, -1)


class Settings:
    """Setups by configuration file, rebuilt when a file they were built from changes."""

    def __init__(self, fallback_root: Path | None = None) -> None:
        self.fallback_root = fallback_root
        self._cache: dict[str, tuple[Stamp, Setup]] = {}

    def clear(self) -> None:
        self._cache.clear()

    def for_path(self, path: str | None) -> Setup:
        folder = Path(path).parent if path else (self.fallback_root or Path.cwd())
        try:
            found = find_config_file(folder)
        except OSError:
            found = None
        key = str(found) if found else f"<defaults:{folder}>"
        hit = self._cache.get(key)
        if hit is not None and hit[0] == self._stamp(found, hit[1].config):
            return hit[1]
        setup = self._build(found, folder)
        self._cache[key] = (self._stamp(found, setup.config), setup)
        return setup

    @staticmethod
    def _stamp(found: Path | None, config: Config) -> Stamp:
        files: list[Path | str] = [found] if found else []
        files += [*config.facts, *config.packs]
        return tuple(_stat(f) for f in files)

    def _build(self, found: Path | None, folder: Path) -> Setup:
        from newslint.plugins import default_registry

        problems: list[str] = []
        try:
            config = load_config(found) if found else Config(root=folder)
        except NewslintError as e:
            problems.append(f"configuration: {e}")
            config = Config(path=str(found) if found else None, root=folder)
        registry = default_registry(config)
        problems.extend(str(p) for p in registry.problems)
        facts = EMPTY_FACTS
        if config.facts:
            try:
                from newslint.facts_loader import load_facts

                facts = load_facts([str(p) for p in config.facts],
                                   kinds=list(registry.fact_kinds.values()))
            except NewslintError as e:
                problems.append(f"fact sheet: {e}")
            except ImportError:
                problems.append("fact sheets are not supported by this build")
        # Cross-article rules need every article of the repository; one open document
        # cannot feed them, so their per-article pass would be wasted time per keystroke.
        rules = [a for a in active_rules(registry, config) if not isinstance(a.rule, ProjectRule)]
        return Setup(config, registry, rules, facts, problems)
