"""Builds the plugin manager and the registry. No module-level manager: each run (and
each test) builds its own.

Built-in rules, parsers and formatters are plugins found through the ``newslint``
entry-point group exactly like third-party ones; when newslint runs from a source tree
that was never installed, the built-ins are registered directly instead.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any, Iterable

from newslint.errors import NewslintError, PluginError

if TYPE_CHECKING:
    import pluggy

    from newslint.config import Config
    from newslint.registry import Registry

# pluggy, the hook specs and the registry are imported by the functions that build
# them: a run answered from the cache (``newslint.replay``) only reads the names here.

ENTRY_POINT_GROUP = "newslint"
BUILTIN_PLUGINS = {
    "builtin_parsers": "newslint.parsers",
    "builtin_formatters": "newslint.formatters",
    "builtin_checks": "newslint.checks",
    "builtin_packs": "newslint.packs",
}
DISABLE_ENV = "NEWSLINT_DISABLE_PLUGINS"


def disabled_plugins(config: Config | None = None) -> set[str]:
    names = {n.strip() for n in os.environ.get(DISABLE_ENV, "").split(",") if n.strip()}
    if config is not None:
        names |= set(config.disable_plugins)
    return names


def build_manager(
    config: Config | None = None,
    *,
    entry_points: bool = True,
    extra: Iterable[Any] = (),
    problems: list[PluginError] | None = None,
) -> pluggy.PluginManager:
    """A plugin manager with the specs, entry-point plugins, built-ins and ``extra``."""
    import pluggy

    from newslint import hookspecs
    from newslint.timelimit import RuleTimeout, time_limit

    pm = pluggy.PluginManager(hookspecs.PROJECT)
    pm.add_hookspecs(hookspecs)
    blocked = disabled_plugins(config)
    for name in blocked:
        pm.set_blocked(name)
    problems = problems if problems is not None else []
    if entry_points:
        for ep in _entry_points(config):
            if ep.name in blocked or pm.get_plugin(ep.name) is not None:
                continue
            try:
                with time_limit(0.0 if ep.name in BUILTIN_PLUGINS else _plugin_budget(config)):
                    plugin = ep.load()
            except RuleTimeout:  # an import that hangs
                problems.append(PluginError(
                    f"plugin {ep.name!r} ({ep.value}) took more than {_plugin_budget(config):g} s "
                    f"to import and was stopped (rule-time-limit); set {DISABLE_ENV}={ep.name}"))
                continue
            except (Exception, SystemExit) as e:  # a broken plugin must not stop the run
                problems.append(PluginError(
                    f"plugin {ep.name!r} ({ep.value}) failed to load: {type(e).__name__}: {e}; "
                    f"fix or uninstall it, or set {DISABLE_ENV}={ep.name}"))
                continue
            try:
                pm.register(plugin, name=ep.name)
            except Exception as e:
                problems.append(PluginError(f"plugin {ep.name!r} could not be registered: {e}"))
    for name, module in BUILTIN_PLUGINS.items():
        if name in blocked or pm.get_plugin(name) is not None:
            continue
        pm.register(__import__(module, fromlist=["_"]), name=name)
    for i, plugin in enumerate(extra):
        pm.register(plugin, name=getattr(plugin, "__name__", None) or f"extra-{i}")
    _drop_plugins_with_unknown_hooks(pm, problems)
    return pm


def _drop_plugins_with_unknown_hooks(pm: pluggy.PluginManager, problems: list[PluginError]) -> None:
    """A plugin with a hook newslint does not know (a misspelling) is reported and left
    out; the run goes on with the others."""
    import pluggy

    for _ in range(1000):  # one plugin dropped per round; never loops for ever
        try:
            pm.check_pending()
            return
        except pluggy.PluginValidationError as e:
            name = pm.get_name(e.plugin) if e.plugin is not None else None
            if name is None or name in BUILTIN_PLUGINS:
                raise PluginError(f"plugin has a hook newslint does not know (misspelled?): {e}") from None
            pm.unregister(e.plugin)
            problems.append(PluginError(
                f"plugin {name!r} has a hook newslint does not know (misspelled?): {e}; "
                f"plugin left out, or set {DISABLE_ENV}={name}"))


def plugin_entry_points(config: Config | None = None) -> list:
    """Installed plugins' entry points; remembered in the cache folder between runs
    (see ``newslint.entrypoints``) unless the configuration turns the cache off."""
    from newslint.entrypoints import entry_points

    cache_dir = None
    if config is not None and config.cache:
        from newslint.cache import cache_dir as _cache_dir, cache_enabled

        if cache_enabled(config):
            cache_dir = _cache_dir(config)
    return entry_points(ENTRY_POINT_GROUP, cache_dir)


_entry_points = plugin_entry_points


def build_registry(pm: pluggy.PluginManager, config: Config) -> Registry:
    """Call each plugin's registration hooks one by one, so one broken plugin is
    reported by name and the others still register."""
    from newslint.registry import Registry

    registry = Registry()
    budget = _plugin_budget(config)
    _call_each(pm, "newslint_register_parsers", registry, budget,
               lambda origin: {"register": registry.add_parser})
    _call_each(pm, "newslint_register_formatters", registry, budget,
               lambda origin: {"register": registry.add_formatter})
    _call_each(pm, "newslint_register_fact_kinds", registry, budget,
               lambda origin: {"register": lambda kind: registry.fact_kinds.__setitem__(
                   getattr(kind, "table", repr(kind)), kind)})
    _call_each(pm, "newslint_register_rules", registry, budget,
               lambda origin: {"register": lambda rule: registry.add_rule(rule, origin),
                               "config": config})
    return registry


def _plugin_budget(config: Config | None) -> float:
    """Seconds a third-party plugin gets to import and to run each registration hook:
    the configuration's ``rule-time-limit`` (a hanging plugin must not hang the run)."""
    return float(config.rule_time_limit) if config is not None else 10.0


def _call_each(pm: pluggy.PluginManager, hook_name: str, registry: Registry, budget: float,
               kwargs) -> None:
    from newslint.timelimit import RuleTimeout, time_limit

    hook = getattr(pm.hook, hook_name)
    for impl in hook.get_hookimpls():  # registration order
        origin = impl.plugin_name
        args = kwargs(origin)
        try:
            with time_limit(0.0 if origin in BUILTIN_PLUGINS else budget):
                impl.function(**{k: v for k, v in args.items() if k in impl.argnames})
        except RuleTimeout:
            registry.problems.append(PluginError(
                f"plugin {origin!r} took more than {budget:g} s in {hook_name} and was stopped "
                f"(rule-time-limit); set {DISABLE_ENV}={origin} to leave it out"))
        except NewslintError as e:
            registry.problems.append(PluginError(f"plugin {origin!r}: {e}"))
        except Exception as e:
            registry.problems.append(PluginError(
                f"plugin {origin!r} raised in {hook_name}: {type(e).__name__}: {e}"))


def default_registry(config: Config, extra: Iterable[Any] = ()) -> Registry:
    problems: list[PluginError] = []
    pm = build_manager(config, extra=extra, problems=problems)
    registry = build_registry(pm, config)
    registry.problems[:0] = problems
    return registry


_REGISTRIES: dict[int, tuple[Config, Registry]] = {}


def cached_registry(config: Config) -> Registry:
    """One registry per configuration object (for the pure ``lint_text`` API)."""
    hit = _REGISTRIES.get(id(config))
    if hit is not None and hit[0] is config:
        return hit[1]
    registry = default_registry(config)
    _REGISTRIES[id(config)] = (config, registry)
    return registry


__all__ = ["build_manager", "build_registry", "cached_registry", "default_registry",
           "disabled_plugins", "ENTRY_POINT_GROUP"]
