"""Patterns compiled on first use.

Compiling a pattern runs the `re` or `regex` module's parser in Python, and newslint's
modules define about two hundred of them: done at import time, that was most of the
start-up of a run that needs few or none of them (a warm cache, ``--version``, one
rule selected). A lazy pattern costs nothing until it is first used, and after that
its methods are the compiled pattern's own bound methods, so hot loops pay nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, cast

if TYPE_CHECKING:
    import re

    import regex

_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split")


class LazyPattern:
    """Stands for a compiled pattern until something uses it."""

    def __init__(self, compile: Callable[..., Any], pattern: str, flags: int,
                 kwargs: dict[str, Any]) -> None:
        self._compile = compile
        self._source = pattern
        self._flags = flags
        self._kwargs = kwargs

    def _load(self) -> Any:
        compiled = self._compile(self._source, self._flags, **self._kwargs)
        # Instance attributes shadow the class's methods below: every later call goes
        # straight to the compiled pattern.
        for name in _METHODS:
            setattr(self, name, getattr(compiled, name))
        self.__dict__["compiled"] = compiled
        return compiled

    def __getattr__(self, name: str) -> Any:
        # Only reached for attributes not set above: pattern, flags, groupindex, ...
        if name.startswith("_"):
            raise AttributeError(name)
        compiled = self.__dict__.get("compiled") or self._load()
        return getattr(compiled, name)

    def search(self, *args: Any, **kwargs: Any) -> Any:
        return self._load().search(*args, **kwargs)

    def match(self, *args: Any, **kwargs: Any) -> Any:
        return self._load().match(*args, **kwargs)

    def fullmatch(self, *args: Any, **kwargs: Any) -> Any:
        return self._load().fullmatch(*args, **kwargs)

    def finditer(self, *args: Any, **kwargs: Any) -> Any:
        return self._load().finditer(*args, **kwargs)

    def findall(self, *args: Any, **kwargs: Any) -> Any:
        return self._load().findall(*args, **kwargs)

    def sub(self, *args: Any, **kwargs: Any) -> Any:
        return self._load().sub(*args, **kwargs)

    def subn(self, *args: Any, **kwargs: Any) -> Any:
        return self._load().subn(*args, **kwargs)

    def split(self, *args: Any, **kwargs: Any) -> Any:
        return self._load().split(*args, **kwargs)

    def __repr__(self) -> str:
        return f"LazyPattern({self._source!r})"


def _regex_compile(pattern: str, flags: int, **kwargs: Any) -> Any:
    import regex

    return regex.compile(pattern, flags, **kwargs)


def _re_compile(pattern: str, flags: int) -> Any:
    import re

    return re.compile(pattern, flags)


def lazy_regex(pattern: str, flags: int = 0, **kwargs: Any) -> regex.Pattern[str]:
    """``regex.compile(pattern, flags, **kwargs)``, done on first use."""
    return cast("regex.Pattern[str]", LazyPattern(_regex_compile, pattern, flags, kwargs))


def lazy_re(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, done on first use."""
    return cast("re.Pattern[str]", LazyPattern(_re_compile, pattern, flags, {}))
