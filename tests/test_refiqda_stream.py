"""The streamed .qdpx export: the same bytes as one tree would give, validated, nothing left behind."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from realist.errors import RealistError, UsageError
from realist.refiqda.schema import check_valid_file, problems
from realist.refiqda.write import export_qdpx, project_archive
from realist.store.project import load_project

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_streamed_export_is_the_in_memory_document_and_valid(tmp_path):
    project = load_project(ROOT)
    out = tmp_path / "iom.qdpx"
    export_qdpx(project, out)
    qde, members, _, _ = project_archive(project)
    with zipfile.ZipFile(out) as archive:
        assert archive.namelist() == ["project.qde", *sorted(members)]
        assert archive.read("project.qde") == qde
        assert all(archive.read(name) == data for name, data in members.items())
    assert problems(qde, "project") == []
    assert [p.name for p in tmp_path.iterdir()] == ["iom.qdpx"]  # no temporary file left


def test_an_invalid_document_is_refused_when_read_from_a_file():
    qde, _, _, _ = project_archive(load_project(ROOT))
    check_valid_file(io.BytesIO(qde), "project")
    bad = qde.replace(b"<Sources>", b"<Sourcez>", 1).replace(b"</Sources>", b"</Sourcez>", 1)
    with pytest.raises(RealistError, match="would not be valid"):
        check_valid_file(io.BytesIO(bad), "project")


def test_a_place_that_cannot_be_written_says_so(tmp_path):
    blocker = tmp_path / "notes.txt"
    blocker.write_text("a file, not a folder", encoding="utf-8")
    with pytest.raises(UsageError, match=r"could not write .*notes.txt/iom.qdpx: .*choose a folder you can write to"):
        export_qdpx(load_project(ROOT), blocker / "iom.qdpx")
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]
