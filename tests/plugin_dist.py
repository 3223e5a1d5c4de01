"""Build a throwaway installed distribution with a ``newslint`` entry point."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def make_plugin(site: Path, name: str, source: str) -> Path:
    """Write module ``name`` and its dist-info into ``site`` (a folder for PYTHONPATH)."""
    site.mkdir(parents=True, exist_ok=True)
    (site / f"{name}.py").write_text(source, encoding="utf-8")
    info = site / f"{name}-0.1.dist-info"
    info.mkdir(exist_ok=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 0.1\n",
                                   encoding="utf-8")
    (info / "entry_points.txt").write_text(f"[newslint]\n{name} = {name}\n", encoding="utf-8")
    return site


def run_newslint(args: list[str], *, site: Path | None = None, cwd: Path | None = None,
                 env: dict[str, str] | None = None, stdin: str | None = None
                 ) -> subprocess.CompletedProcess[str]:
    full_env = dict(os.environ)
    full_env.pop("NEWSLINT_DISABLE_PLUGINS", None)
    if site is not None:
        full_env["PYTHONPATH"] = os.pathsep.join(
            [str(site), *filter(None, [full_env.get("PYTHONPATH")])])
    full_env.update(env or {})
    return subprocess.run([sys.executable, "-m", "newslint", *args], capture_output=True,
                          text=True, cwd=cwd, env=full_env, input=stdin, timeout=120)
