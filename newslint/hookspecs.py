"""The hooks newslint calls. Built-in rules, parsers and formatters use them too.

A plugin is any module or object with ``@hookimpl``-marked functions, made known
through the ``newslint`` entry-point group::

    [project.entry-points.newslint]
    my_rules = "my_package.newslint_plugin"

Registration hooks take a ``register`` callback rather than returning values, so one
plugin can register many things and the registry can refuse duplicates by name.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

import pluggy

if TYPE_CHECKING:
    from newslint.config import Config
    from newslint.formatters.base import Formatter
    from newslint.parsers.base import Parser
    from newslint.rule import Rule

PROJECT = "newslint"
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec
def newslint_register_rules(register: "Callable[[Rule], None]", config: "Config") -> None:
    """Register rules by calling ``register(rule)`` for each ``Rule`` instance.

    ``config`` is the run's configuration (for plugins that build rules from data,
    such as rule packs listed in it). Every registered rule is listed by
    ``newslint rules``; the configuration decides which run.
    """


@hookspec
def newslint_register_parsers(register: "Callable[[Parser], None]") -> None:
    """Register document parsers (``Parser`` instances), chosen by file extension."""


@hookspec
def newslint_register_formatters(register: "Callable[[Formatter], None]") -> None:
    """Register output formats (``Formatter`` instances), chosen by ``--format``."""


@hookspec
def newslint_register_fact_kinds(register: "Callable[[object], None]") -> None:
    """Register extra fact-sheet table kinds (see ``newslint.facts_loader.FactKind``)."""
