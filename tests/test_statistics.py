"""--statistics: a count per rule on stderr, most frequent first; stdout is untouched."""

from __future__ import annotations

import json

from newslint.cli import main


def test_counts_per_rule(tmp_path, capsys) -> None:
    (tmp_path / "a.txt").write_text("Talks\n\nThey met in in Geneva and and Bern.\n")
    (tmp_path / "b.txt").write_text(
        "Talks\n\nIt was the the end.\nThe end. <!-- newslint: disable-line=NL101 -->\n")
    assert main(["lint", "--no-cache", "--select", "NL101,NL901", "--statistics",
                 "--format", "json", str(tmp_path)]) == 1
    captured = capsys.readouterr()
    assert len(json.loads(captured.out)) == 4  # the report itself is unchanged
    assert captured.err.splitlines() == [
        "     3  NL101  repeated-word",
        "     1  NL901  unused-suppression",
    ]
