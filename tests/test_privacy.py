"""Pseudonymisation and `check --privacy`: names out of transcripts, codings and every export."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from realist.privacy.match import Matcher, shift

KEY = """\
names:
  Samantha Jones: Sam
  Samantha: Sam
  José Álvarez: Alex
places:
  Leeds: Region A
other:
  HMP Wakefield: the prison
"""

TRANSCRIPT = """\
Interviewer: How do you find the meetings, Samantha?
Samantha: Honestly, José Álvarez in Leeds listens. I trust him, the same as at HMP Wakefield.
Interviewer: Anything else?
Samantha: Samantha Jones is my name, and I feel heard.
"""


@pytest.fixture(autouse=True)
def _config_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("REALIST_CODER", "alice")


@pytest.fixture
def key(tmp_path) -> Path:
    path = tmp_path / "keys" / "iom.yaml"
    path.parent.mkdir()
    path.write_text(KEY, encoding="utf-8")
    return path


@pytest.fixture
def coded(make_project, run):
    root = make_project({"s1.txt": TRANSCRIPT})
    assert run(["transcripts", "import", "s1.txt", "--site", "Leeds"], cwd=root).code == 0
    (root / "s1.txt").unlink()
    for phrase, code in [("in Leeds listens", "alpha:C1"), ("I trust him", "alpha:M1"),
                         ("and I feel heard", "alpha:O1")]:
        r = run(["code", "s1", "--find", phrase, code, "--key"], cwd=root)  # key quotations reach the exports
        assert r.code == 0, r.err
    return root


def test_matching_ignores_case_and_accents_but_keeps_whole_words():
    m = Matcher({"José Álvarez": "Alex", "Sam": "P1"})
    assert [h.found for h in m.find("JOSE ALVAREZ, jose  álvarez and Sam")] == ["JOSE ALVAREZ", "jose  álvarez", "Sam"]
    assert m.find("the same Samuel, Samantha") == []
    assert [h.found for h in m.find("Sam_interview.docx")] == ["Sam"]
    assert m.replace("sam said: SAM!")[0] == "P1 said: P1!"


@given(st.lists(st.sampled_from(["Sam", "Jo Ann", "x", " ", "\n", "listens", "é", "JO  ANN", "sam"]), max_size=30),
       st.data())
@settings(max_examples=200, deadline=None)
def test_positions_follow_the_text(words, data):
    m = Matcher({"Sam": "Participant 7", "Jo Ann": "J"})
    old = "".join(words)
    new, edits = m.replace(old)
    a = data.draw(st.integers(0, len(old)))
    b = data.draw(st.integers(a, len(old)))
    s, e = shift(a, edits), shift(b, edits, end=True)
    assert 0 <= s <= e <= len(new)
    if not any(start < a < stop or start < b < stop for start, stop, _ in edits):
        expected, at = [], a  # the old span with each name inside it replaced, and nothing else changed
        for start, stop, _ in edits:
            if a <= start and stop <= b:
                expected += [old[at:start], m.terms[m.find(old[start:stop])[0].term]]
                at = stop
        assert new[s:e] == "".join(expected) + old[at:b]


def test_check_privacy_finds_a_name_in_a_memo_a_transcript_and_each_export(coded, key, run, tmp_path):
    out = tmp_path / "out"
    assert run(["export", "tables", "--format", "md", "--out", str(out / "md")], cwd=coded).code == 0
    assert run(["report", "--format", "html", "--out", str(out / "report.html")], cwd=coded).code == 0
    assert run(["report", "--format", "docx", "--out", str(out / "report.docx")], cwd=coded).code == 0
    assert run(["export", "qdpx", str(out / "project.qdpx")], cwd=coded).code == 0
    # plant the key's name (in other case and without accents) in a memo and a transcript too
    assert run(["memo", "add", "--on", "alpha", "--text", "jose alvarez explained the rota"], cwd=coded).code == 0
    r = run(["check", "--privacy", "--key", str(key), "--scan", str(out)], cwd=coded)
    assert r.code == 1, r.err
    hits = r.out.splitlines()
    def found(prefix: str) -> bool:
        return any(line.startswith(prefix) and "privacy:" in line for line in hits)
    assert found("transcripts/s1.txt:2:"), r.out
    assert found("transcripts/codings/s1/alice.yaml:"), r.out
    assert any(line.startswith("memos/") and "name 'José Álvarez' found as 'jose alvarez'" in line for line in hits)
    assert found(str(out / "project.qdpx")), r.out
    assert found(str(out / "report.docx")), r.out
    assert found(str(out / "report.html")), r.out
    assert found(str(out / "md")), r.out
    assert found("transcripts/s1.yaml:"), r.out  # the site


def test_planted_names_in_xlsx_csv_and_svg_are_found(coded, key, run, tmp_path):
    out = tmp_path / "planted"
    out.mkdir()
    with zipfile.ZipFile(out / "t.xlsx", "w") as z:  # a name split over two runs, as Word and Excel do
        z.writestr("xl/sharedStrings.xml", "<sst><si><r><t>Sa</t></r><r><t>mantha</t></r></si></sst>")
    (out / "t.csv").write_text("quote\nWe met in LEEDS\n", encoding="utf-8-sig")
    (out / "f.svg").write_text("<svg><text>Jos&#233; &#193;lvarez</text></svg>", encoding="utf-8")
    (out / "f.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(50))
    r = run(["check", "--privacy", "--key", str(key), "--scan", str(out)], cwd=coded)
    lines = [line for line in r.out.splitlines() if line.startswith(str(out))]
    assert any("t.xlsx" in line and "'Samantha'" in line for line in lines), r.out
    assert any("t.csv:2:11:" in line and "'Leeds'" in line for line in lines), r.out
    assert any("f.svg" in line and "'José Álvarez'" in line for line in lines), r.out
    assert any("f.png" in line and "warning: privacy: not scanned" in line for line in lines), r.out


def test_pseudonymise_keeps_every_excerpt_anchored(coded, key, run):
    before = json.loads(run(["excerpts", "--format", "json"], cwd=coded).out)
    r = run(["pseudonymise", "--key", str(key)], cwd=coded)
    assert r.code == 0, r.err
    assert r.out.startswith("s1: replaced 9 terms"), r.out
    text = (coded / "transcripts/s1.txt").read_text(encoding="utf-8")
    assert text.startswith("Interviewer: How do you find the meetings, Sam?\nSam: Honestly, Alex in Region A listens.")
    assert "the same as at the prison" in text
    after = json.loads(run(["excerpts", "--format", "json"], cwd=coded).out)
    assert [e["id"] for e in after] == [e["id"] for e in before]
    quotes = [e["quote"] for e in after]
    assert quotes == ["in Region A listens", "I trust him", "and I feel heard"]
    assert run(["check"], cwd=coded).code == 0
    assert run(["check", "--privacy", "--key", str(key)], cwd=coded).code == 0
    assert run(["pseudonymise", "--key", str(key)], cwd=coded).out == ""  # nothing left to replace


def test_exports_after_pseudonymising_hold_no_real_name(coded, key, run, tmp_path):
    assert run(["pseudonymise", "--key", str(key)], cwd=coded).code == 0
    out = tmp_path / "out"
    for fmt in ("md", "csv", "xlsx", "docx", "tex", "html"):
        assert run(["export", "tables", "--format", fmt, "--out", str(out / fmt)], cwd=coded).code == 0
    assert run(["report", "--format", "docx", "--out", str(out / "r.docx")], cwd=coded).code == 0
    assert run(["export", "qdpx", str(out / "p.qdpx")], cwd=coded).code == 0
    r = run(["check", "--privacy", "--key", str(key), "--scan", str(out)], cwd=coded)
    assert r.code == 0, r.out
    assert len(list(out.rglob("*"))) > 8


def test_import_with_pseudonymise_never_writes_the_names(make_project, run, key):
    root = make_project({"Samantha_Jones_interview.txt": TRANSCRIPT})
    r = run(["transcripts", "import", "Samantha_Jones_interview.txt", "--pseudonymise", "--key", str(key),
             "--site", "Leeds"], cwd=root)
    assert r.code == 0, r.err
    assert "imported sam_interview:" in r.err
    (root / "Samantha_Jones_interview.txt").unlink()
    assert run(["check", "--privacy", "--key", str(key)], cwd=root).code == 0
    meta = (root / "transcripts/sam_interview.yaml").read_text(encoding="utf-8")
    assert "site: Region A" in meta and "Sam: null" in meta and "file: Sam_interview.txt" in meta


def test_a_key_inside_the_project_is_refused(make_project, run):
    root = make_project()
    r = run(["pseudonymise", "--add", "Samantha=Sam", "--key", "secrets/key.yaml"], cwd=root)
    assert r.code == 2
    assert r.err.startswith("error: the key file secrets/key.yaml is inside the project folder")
    assert not (root / "secrets").exists()


def test_the_default_key_is_outside_the_project_and_private(make_project, run, tmp_path):
    root = make_project()
    r = run(["pseudonymise", "--add", "Samantha=Sam", "--add", "Jo=J"], cwd=root)
    assert r.code == 0, r.err
    path = tmp_path / "config/realist/keys/proj.yaml"
    assert run(["pseudonymise", "--where"], cwd=root).out == f"{path}\n"
    assert path.stat().st_mode & 0o777 == 0o600
    assert "Samantha: Sam" in path.read_text(encoding="utf-8")
    r = run(["pseudonymise", "--add", "SAMANTHA=X"], cwd=root)
    assert r.code == 2 and "'SAMANTHA' is already in the key (as 'Samantha')" in r.err


@pytest.mark.parametrize("text, message", [
    ("names:\n  José: A\n  jose: B\n", ":3: 'jose' is in the key twice (also as 'José')"),
    ("names:\n  Jo: A\nnames:\n  Al: B\n", "duplicate key"),
    ("people:\n  Jo: A\n", ":1: unknown section 'people'"),
    ("names:\n  Jo:\n", ":2: 'Jo' needs a pseudonym"),
    ("names:\n  Jo: Jo Smith\n", "the pseudonym 'Jo Smith' of 'Jo' contains a key term"),
    ("names: [Jo]\n", ":1: 'names' must map each real term to its pseudonym"),
])
def test_a_broken_key_is_one_clear_error(make_project, run, tmp_path, text, message):
    root = make_project()
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    r = run(["check", "--privacy", "--key", str(path)], cwd=root)
    assert r.code == 2, r.out
    assert r.err.startswith(f"error: {path}") and message in r.err, r.err


def test_a_name_in_the_undo_history_is_a_warning(coded, key, run):
    assert run(["pseudonymise", "--key", str(key)], cwd=coded).code == 0
    (coded / "s1.txt").unlink(missing_ok=True)
    trash = coded / ".realist-trash/undo/20260101T000000000000Z-1.json"
    trash.parent.mkdir(parents=True, exist_ok=True)
    trash.write_text('{"command": "realist memo add --text \'Leeds\'", "files": []}', encoding="utf-8")
    r = run(["check", "--privacy", "--key", str(key)], cwd=coded)
    assert r.code == 0, r.out
    assert r.out.startswith(".realist-trash/undo/20260101T000000000000Z-1.json:1:39: warning: privacy: place 'Leeds'")
    assert "delete .realist-trash/ before sharing the folder" in r.out
    assert run(["check", "--privacy", "--strict", "--key", str(key)], cwd=coded).code == 1
