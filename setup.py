"""Build hook: ship the top-level ``rules/`` packs inside the package.

All project metadata is in pyproject.toml. The built-in rule packs are edited in
``rules/`` at the top of the repository (data, not a Python package); this copies
them to ``newslint/_packs/`` in the built wheel, where ``newslint.packs`` finds them.
An editable install reads ``rules/`` from the source tree directly.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildPyWithPacks(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        source = Path(__file__).resolve().parent / "rules"
        target = Path(self.build_lib) / "newslint" / "_packs"
        target.mkdir(parents=True, exist_ok=True)
        for pack in sorted(source.glob("*.toml")):
            shutil.copyfile(pack, target / pack.name)


setup(cmdclass={"build_py": BuildPyWithPacks})
