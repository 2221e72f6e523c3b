"""realist -> .qdpx -> realist: theories, transcripts, codings, participants, memos and links come back."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
import xmlschema

from realist.store.project import load_project

SCHEMAS = Path(__file__).resolve().parent.parent / "realist" / "schemas" / "refi-qda"

TRANSCRIPT = """\
Interviewer: How did supervision feel at first? 😀
Sam: Honestly, I didn't trust anyone. Café meetings helped — she never lied to me.
Interviewer: And later?
Sam: Later I kept every appointment, because I knew I'd be caught if I didn't.
"""


def coded(make_project, tmp_path: Path) -> Path:
    """A small project coded by two coders, with a free code, participants and memos."""
    from realist.coding.codes import add_free_code
    from realist.coding.ops import add_excerpt
    from realist.ingest.importer import import_transcripts
    from realist.ingest.people import add_participant
    from realist.store.memos import new_memo, save_memo

    root = make_project({"codebook.yaml": "codes:\n  - {name: family-support, definition: Family help}\n"})
    project = load_project(root)
    add_participant(project, "Person on probation", group="recipient", site="Region A")
    add_participant(project, "Probation Officer", group="staff", site="Region B")
    source = tmp_path / "sam interview.txt"
    source.write_text(TRANSCRIPT, encoding="utf-8")
    import_transcripts(project, [source], stage="initial", site="Region A", participants=["P01"])
    project = load_project(root)
    add_free_code(project, "late-trust", "Trust that comes after months")
    project = load_project(root)
    text = TRANSCRIPT
    def span(phrase: str) -> tuple[int, int]:
        i = text.index(phrase)
        return i, i + len(phrase)
    a = add_excerpt(project, "sam-interview", *span("she never lied to me"), ["alpha:C1", "alpha:M1"],
                    coder="alice", memo="trust built on honesty", key=True)
    add_excerpt(project, "sam-interview", *span("she never lied to me"), ["alpha:M1"], coder="bo",
                stance="refines")
    add_excerpt(project, "sam-interview", *span("I knew I'd be caught if I didn't"), ["beta:M1", "beta"],
                coder="alice", stance="supports")
    add_excerpt(project, "sam-interview", *span("I didn't trust anyone"), ["free:late-trust",
                "free:family-support"], coder="bo", stance="refutes")
    save_memo(root, new_memo("alpha:M1", "Trust is earned slowly.\n\nSecond paragraph.", "alice"))
    save_memo(root, new_memo(f"excerpt:{a.id}", "A strong quote.", "bo"))
    return root


def snapshot(root: Path) -> dict[str, object]:
    from realist.coding import load_excerpts, load_participants, load_transcripts
    from realist.coding.codes import load_codebook
    from realist.store.memos import load_memos

    project = load_project(root)
    return {
        "theories": {p.name: p.read_text() for p in (root / "theories").glob("*.yaml")},
        "texts": {t.id: t.text for t in load_transcripts(project).values()},
        "meta": {t.id: (t.type, t.stage, t.site, t.participants, t.speakers,
                        [(x.speaker, x.start, x.end, x.participant) for x in t.turns])
                 for t in load_transcripts(project).values()},
        "excerpts": sorted((e.id, e.transcript, e.coder, e.start, e.end, e.quote, tuple(e.codes), e.stance,
                            e.memo, e.key, e.prefix, e.suffix) for e in load_excerpts(project)),
        "participants": load_participants(project),
        "codebook": {k: v.definition for k, v in load_codebook(project).items()},
        "memos": sorted((m.id, m.on, m.text, m.author, m.date) for m in load_memos(root).memos),
        "links": {t.id: t.links for t in project.theories.values()},
    }


def test_round_trip_of_a_coded_project(make_project, tmp_path, run):
    root = coded(make_project, tmp_path)
    out = tmp_path / "study.qdpx"
    r = run(["export", "qdpx", str(out)], cwd=root)
    assert r.code == 0, r.err
    assert r.err == (f"wrote {out}: 2 theories, 1 transcript, 4 excerpts, 2 participants, 2 coders, 2 memos\n")
    with zipfile.ZipFile(out) as z:
        names = z.namelist()
        qde = z.read("project.qde")
    assert names[0] == "project.qde" and all(n.startswith("sources/") for n in names[1:]) and len(names) == 2
    xmlschema.XMLSchema(str(SCHEMAS / "Project-mrt2019.xsd")).validate(qde.decode("utf-8"))

    r = run(["import", "qdpx", str(out), "--new", str(tmp_path / "copy")], cwd=tmp_path)
    assert r.code == 0, r.err
    assert r.out.splitlines()[0] == (f"study.qdpx -> {tmp_path / 'copy'}: created 2 theories, 8 theory element "
                                     "codes, 2 free codes, 1 transcript, 2 participants, 2 coders, 4 excerpts, "
                                     "2 memos, 1 theory link, 1 project file")
    assert snapshot(tmp_path / "copy") == snapshot(root)
    assert run(["check"], cwd=tmp_path / "copy").code == 0


def test_exporting_twice_gives_the_same_file(make_project, tmp_path, run):
    root = coded(make_project, tmp_path)
    run(["export", "qdpx", str(tmp_path / "a.qdpx")], cwd=root)
    run(["export", "qdpx", str(tmp_path / "b.qdpx")], cwd=root)
    assert (tmp_path / "a.qdpx").read_bytes() == (tmp_path / "b.qdpx").read_bytes()


def test_importing_the_export_into_the_same_project_changes_nothing(make_project, tmp_path, run):
    root = coded(make_project, tmp_path)
    run(["export", "qdpx", str(tmp_path / "a.qdpx")], cwd=root)
    before = snapshot(root)
    r = run(["import", "qdpx", str(tmp_path / "a.qdpx")], cwd=root)
    assert r.code == 0, r.err
    assert r.out.splitlines()[0].endswith("created nothing new")
    assert snapshot(root) == before


@pytest.mark.parametrize("dry", [True])
def test_a_dry_run_writes_nothing(make_project, tmp_path, run, dry):
    root = coded(make_project, tmp_path)
    run(["export", "qdpx", str(tmp_path / "a.qdpx")], cwd=root)
    r = run(["import", "qdpx", str(tmp_path / "a.qdpx"), "--new", str(tmp_path / "copy"), "--dry-run"])
    assert r.code == 0, r.err
    assert "would create 2 theories" in r.out
    assert r.out.splitlines()[-1] == "dry run: nothing was written; run again without --dry-run to import"
    assert not (tmp_path / "copy").exists()


def test_round_trip_of_the_worked_example(tmp_path, run):
    """The IOM example at the repository root: everything it holds comes back the same."""
    from tests.conftest import REPO

    root = tmp_path / "iom"
    root.mkdir()
    for name in ("realist.yaml", "theory-of-change.yaml", "codebook.yaml", "theories", "transcripts_sample",
                 "memos"):
        src = REPO / name
        if src.is_dir():
            shutil.copytree(src, root / name, ignore=shutil.ignore_patterns("sources"))
        elif src.is_file():
            shutil.copy(src, root / name)
    out = tmp_path / "iom.qdpx"
    r = run(["export", "qdpx", str(out)], cwd=root)
    assert r.code == 0, r.err
    with zipfile.ZipFile(out) as z:
        xmlschema.XMLSchema(str(SCHEMAS / "Project-mrt2019.xsd")).validate(z.read("project.qde").decode("utf-8"))
    r = run(["import", "qdpx", str(out), "--new", str(tmp_path / "copy")], cwd=tmp_path)
    assert r.code == 0, r.err
    before = snapshot(root)
    assert snapshot(tmp_path / "copy") == before
    if any((REPO / "transcripts_sample").glob("*.txt")):  # the coded sample: the round trip carried codings
        assert before["excerpts"] and before["participants"] and before["texts"]
    for name in ("realist.yaml", "theory-of-change.yaml", *(f"theories/evidence/{p.name}" for p in
                                                           (root / "theories/evidence").glob("*.yaml"))):
        assert (tmp_path / "copy" / name).read_text() == (root / name).read_text()
    assert run(["check"], cwd=tmp_path / "copy").code == run(["check"], cwd=root).code
