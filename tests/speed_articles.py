"""Articles written for the runner and cache tests, and a project rule to go with them.

The text is made up here (never taken from the corpus); some articles carry a doubled
word so that every run has findings to compare.
"""

from __future__ import annotations

import types
from pathlib import Path
from typing import Any, Iterable, Mapping

from newslint.config import Config
from newslint.engine import active_rules
from newslint.findings import Violation
from newslint.hookspecs import hookimpl
from newslint.plugins import build_manager, build_registry
from newslint.rule import Context, ProjectRule

_SENTENCES = (
    "The council met on a wet evening to argue about the new bus lanes.",
    "Residents said the the timetable had changed twice since spring.",
    "A spokesman for the operator promised fewer delays by the autumn.",
    "Shopkeepers on the high street reported a quiet month for trade.",
    "The mayor said she would publish the survey results next week.",
    "Cyclists welcomed the plan but asked for safer junctions near the park.",
    "Officials expect the work to cost less than the first estimate.",
    "Two bridges will close for repairs, and and drivers face diversions.",
)


def article(i: int, *, paragraphs: int = 3) -> str:
    """Article ``i``: a headline, a blank line and paragraphs of varied sentences."""
    headline = f"Town hall story number {i % 7}"  # repeats, for the project rule
    body = []
    for p in range(paragraphs):
        sentences = [_SENTENCES[(i * 3 + p * 5 + k) % len(_SENTENCES)] for k in range(3)]
        body.append(" ".join(sentences))
    return headline + "\n\n" + "\n\n".join(body) + "\n"


def write_articles(folder: Path, count: int, *, paragraphs: int = 3) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        path = folder / f"story_{i:03d}.txt"
        path.write_text(article(i, paragraphs=paragraphs), encoding="utf-8")
        paths.append(path)
    return paths


class SameHeadline(ProjectRule):
    """Flags a headline another article of the run also uses (a test rule)."""

    code = "XT601"
    name = "test-same-headline"
    summary = "two articles share a headline"

    def collect(self, doc: Any, ctx: Context) -> Any:
        if doc.headline is None:
            return None
        return (doc.headline.start, doc.headline.end, doc.text[doc.headline.start:doc.headline.end])

    def check_project(self, summaries: Mapping[str, Any], ctx: Context
                      ) -> Iterable[tuple[str, Violation]]:
        by_text: dict[str, list[str]] = {}
        for path, s in summaries.items():
            if s is not None:
                by_text.setdefault(s[2], []).append(path)
        for path, s in sorted(summaries.items()):
            if s is None:
                continue
            others = [p for p in by_text[s[2]] if p != path]
            if others:
                yield path, Violation(s[0], s[1], f"headline also used by {len(others)} other article(s)")


TEST_PLUGIN = types.SimpleNamespace(
    __name__="speed_test_plugin",
    newslint_register_rules=hookimpl(lambda register: register(SameHeadline())),
)


def setup(config: Config | None = None, *, project_rule: bool = True):
    """(config, registry, rules) with the built-ins (and the test project rule)."""
    config = config or Config()
    pm = build_manager(config, entry_points=False, extra=[TEST_PLUGIN] if project_rule else [])
    registry = build_registry(pm, config)
    return config, registry, active_rules(registry, config)
