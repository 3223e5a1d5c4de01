"""Built-in rules, registered through the same hook as any third-party plugin.

Every module in this package ends with ``RULES = (RuleClass, ...)``; they are all
registered here, in module-name order.
"""

from __future__ import annotations

import importlib
import pkgutil
from typing import Callable

from newslint.config import Config
from newslint.hookspecs import hookimpl
from newslint.rule import Rule


def builtin_rule_classes() -> list[type[Rule]]:
    classes: list[type[Rule]] = []
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        classes.extend(getattr(module, "RULES", ()))
    return classes


@hookimpl
def newslint_register_rules(register: Callable[[Rule], None], config: Config) -> None:
    for cls in builtin_rule_classes():
        register(cls())
