"""`assist data export --out` somewhere it cannot write: `assist: error: ...`, exit 2, no traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from assist.cli.main import main


@pytest.mark.parametrize("where", ["a-file", "under-a-file"])
def test_export_to_a_place_it_cannot_write_is_a_clear_error(
    sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], where: str
) -> None:
    blocker = tmp_path / "afile"
    blocker.write_text("not a directory\n")
    out = blocker if where == "a-file" else blocker / "sub"
    code = main(["--database-url", sqlite_url, "data", "export", "--out", str(out)])
    err = capsys.readouterr().err
    assert code == 2, err
    assert f"assist: error: {out}: cannot write the export there" in err
    assert "Traceback" not in err
    assert blocker.read_text() == "not a directory\n"


def test_export_to_a_new_directory_still_works(sqlite_url: str, tmp_path: Path) -> None:
    out = tmp_path / "new" / "export"
    assert main(["--database-url", sqlite_url, "data", "export", "--out", str(out)]) == 0
    assert (out / "manifest.json").is_file()


def test_the_export_is_the_owner_s_only_even_with_a_permissive_umask(sqlite_url: str, tmp_path: Path) -> None:
    """Like the database it comes from (0700 directory, 0600 files), also under umask 000."""
    import os
    import stat

    out = tmp_path / "export"
    old = os.umask(0o000)
    try:
        assert main(["--database-url", sqlite_url, "data", "export", "--out", str(out)]) == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE(out.stat().st_mode) == 0o700
    files = sorted(out.iterdir())
    assert files and {f.name for f in files} >= {"manifest.json", "pairs.train.jsonl"}
    assert {stat.S_IMODE(f.stat().st_mode) for f in files} == {0o600}
