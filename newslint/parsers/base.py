"""The parser contract: raw text in, ``Document`` out."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

if TYPE_CHECKING:
    from newslint.document import Document


class Parser:
    name: ClassVar[str] = ""
    extensions: ClassVar[tuple[str, ...]] = ()  # lower-case, with the dot

    def parse(self, text: str, path: str) -> Document:
        raise NotImplementedError
