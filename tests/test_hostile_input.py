"""Hostile and broken input beyond theory YAML (tests/test_hostile_yaml.py does those):
truncated and mangled .docx/.vtt/.srt/.md/.qdpx, binary files renamed .txt, and random or
mutated YAML in every tool-managed file. Every case ends in exit 0, a finding (exit 1) or one
clear line (exit 2): never a traceback, never a hang, never a partial write.
"""

from __future__ import annotations

import io
import json
import os
import time
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.test_coding_processes import LINES

SETTINGS = dict(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
SCALE = float(os.environ.get("REALIST_FUZZ_SCALE", "1"))  # docs/reliability.md: how many inputs were tried


def n(examples: int) -> int:
    return max(1, int(examples * SCALE))


def _docx_bytes() -> bytes:
    from docx import Document

    doc = Document()
    for i in range(30):
        para = doc.add_paragraph()
        para.add_run("Interviewer:" if i % 2 == 0 else "Sam:").bold = True
        para.add_run(f" line {i} about the weekly meetings and trust.")
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


VTT = "WEBVTT\n\n" + "".join(f"{i}\n00:00:{i:02d}.000 --> 00:00:{i + 1:02d}.000\n<v {'Sam' if i % 2 else 'Interviewer'}>"
                               f"words {i} about trust</v>\n\n" for i in range(1, 40))
SRT = "".join(f"{i}\n00:00:{i:02d},000 --> 00:00:{i + 1:02d},000\n{'Sam' if i % 2 else 'Interviewer'}: words {i}\n\n"
              for i in range(1, 40))
MD = "# Interview\n\n" + "".join(f"**{'Sam' if i % 2 else 'Interviewer'}:** words {i}\n\n" for i in range(40))
SOURCES = {"docx": _docx_bytes, "vtt": lambda: VTT.encode(), "srt": lambda: SRT.encode(), "md": lambda: MD.encode()}
BINARY_HEADERS = [b"\x89PNG\r\n\x1a\n", b"%PDF-1.7\n", b"PK\x03\x04", b"\x7fELF\x02\x01\x01", b"\xd0\xcf\x11\xe0",
                  b"\x00\x00\x01\x00", b"GIF89a"]


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*")
            if p.is_file() and ".realist-cache" not in p.parts and p.parent != root / "in"}


def clean(r) -> None:  # noqa: ANN001
    assert "Traceback" not in r.err and "unexpected problem" not in r.err, r.err
    if r.code == 2:
        assert r.err.startswith("error: ") and len(r.err.strip().splitlines()) == 1, r.err


def _import(root: Path, run, name: str, data: bytes):  # noqa: ANN001, ANN202
    folder = root / "in"
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_bytes(data)
    before = snapshot(root)
    start = time.monotonic()
    r = run(["transcripts", "import", str(path)], cwd=root)
    assert time.monotonic() - start < 20
    clean(r)
    assert r.code in (0, 2), (r.code, r.err)
    if r.code == 2:
        assert snapshot(root) == before  # nothing half-written
    return r


@pytest.mark.slow
@settings(max_examples=n(120), **SETTINGS)
@given(fmt=st.sampled_from(sorted(SOURCES)), data=st.data())
def test_truncated_and_mangled_transcripts(make_project, run, fmt, data):
    root = make_project()
    raw = SOURCES[fmt]()
    cut = data.draw(st.integers(0, len(raw)))
    mangled = bytearray(raw[:cut])
    for _ in range(data.draw(st.integers(0, 4))):
        if mangled:
            at = data.draw(st.integers(0, len(mangled) - 1))
            mangled[at] = data.draw(st.integers(0, 255))
    _import(root, run, f"s.{fmt}", bytes(mangled))


@pytest.mark.slow
@settings(max_examples=n(60), **SETTINGS)
@given(head=st.sampled_from(BINARY_HEADERS), body=st.binary(min_size=0, max_size=4000))
def test_binary_files_renamed_txt_are_refused(make_project, run, head, body):
    root = make_project()
    r = _import(root, run, "notes.txt", head + body + b"\x00")
    assert r.code == 2


def _qdpx(make_project, tmp_path) -> bytes:  # noqa: ANN001
    from tests.test_refiqda_roundtrip import coded

    root = coded(make_project, tmp_path)
    out = tmp_path / "p.qdpx"
    from realist.refiqda.write import export_qdpx
    from realist.store.project import load_project

    export_qdpx(load_project(root), out)
    return out.read_bytes()


@pytest.fixture(scope="module")
def qdpx_bytes(tmp_path_factory) -> bytes:
    from tests.conftest import BASE

    tmp = tmp_path_factory.mktemp("qdpx")

    def make(files=None):  # noqa: ANN001, ANN202
        root = tmp / "proj"
        for rel, text in {**BASE, **(files or {})}.items():
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            (root / rel).write_text(text, encoding="utf-8")
        (root / "theories/evidence").mkdir(parents=True, exist_ok=True)
        return root

    return _qdpx(make, tmp)


@pytest.mark.slow
@settings(max_examples=n(60), **SETTINGS)
@given(data=st.data())
def test_truncated_qdpx_never_half_imports(qdpx_bytes, tmp_path_factory, run, data):
    work = tmp_path_factory.mktemp("qd")
    cut = data.draw(st.integers(0, len(qdpx_bytes)))
    path = work / "t.qdpx"
    path.write_bytes(qdpx_bytes[:cut])
    r = run(["import", "qdpx", str(path), "--new", str(work / "new")])
    clean(r)
    assert r.code in (0, 2)
    if r.code == 2:
        assert not (work / "new").exists() or not any((work / "new").rglob("*.yaml")), r.err


# -- random and mutated YAML in every file a project holds --------------------------------------

TARGETS = ["theories/alpha.yaml", "theories/evidence/e.yaml", "codebook.yaml", "transcripts/participants.yaml",
           "transcripts/s1.yaml", "transcripts/codings/s1/alice.yaml", "realist.yaml", "theory-of-change.yaml"]
READERS = [["check"], ["excerpts", "--format", "json"], ["transcripts", "list", "--format", "json"],
           ["codebook"], ["memo", "list"], ["audit"], ["participants", "list"]]

scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**12, 10**12), st.floats(allow_nan=True),
                    st.text(max_size=30), st.sampled_from(["alpha", "alpha:M1", "s1", "P01", "supports", "initial"]))
keys = st.one_of(st.sampled_from(["id", "title", "codes", "excerpts", "start", "end", "quote", "participants",
                                  "speakers", "role", "name", "stance", "strength", "theories", "phases", "format"]),
                 st.text(max_size=8))
documents = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                          st.dictionaries(keys, inner, max_size=5)), max_leaves=25)


_TEMPLATE: dict[str, Path] = {}


@pytest.fixture
def full(make_project, run, monkeypatch, tmp_path_factory):
    """A fresh copy of a small coded project for each example (built once)."""
    import shutil

    monkeypatch.setenv("REALIST_CODER", "alice")
    if "root" not in _TEMPLATE:
        _TEMPLATE["root"] = _build(make_project, run)

    def fresh() -> Path:
        copy = tmp_path_factory.mktemp("ex") / "proj"
        shutil.copytree(_TEMPLATE["root"], copy)
        return copy

    return fresh


def _build(make_project, run) -> Path:  # noqa: ANN001
    root = make_project({"s1.txt": "Interviewer: tell me\n" + LINES[:3000], "codebook.yaml": "codes: []\n",
                         "theories/evidence/e.yaml": "id: e\ntitle: E\nstrand: psm\ndesign: descriptive\n"
                                                     "measure: rate\nunit: percent\n",
                         "theory-of-change.yaml": "inputs: [Funding]\noutcomes: {short: [Trust]}\n"})
    assert run(["transcripts", "import", "s1.txt"], cwd=root).code == 0
    assert run(["participants", "add", "--role", "Officer", "--group", "staff", "--site", "A"], cwd=root).code == 0
    assert run(["code", "s1", "3", "alpha:M1", "--memo", "x"], cwd=root).code == 0
    assert run(["memo", "add", "--on", "alpha", "--text", "a memo"], cwd=root).code == 0
    return root


def _read_everything(root: Path, run) -> None:  # noqa: ANN001
    before = snapshot(root)
    for args in READERS:
        start = time.monotonic()
        r = run(args, cwd=root)
        assert time.monotonic() - start < 20, args
        clean(r)
        assert r.code in (0, 1, 2), (args, r.code, r.err)
        if args == ["check"]:
            assert r.code in (0, 1), r.err
    assert snapshot(root) == before


@pytest.mark.slow
@settings(max_examples=n(100), **SETTINGS)
@given(target=st.sampled_from(TARGETS), doc=documents)
def test_random_yaml_in_any_file(full, run, target, doc):
    root = full()
    path = root / target
    path.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.safe_dump(doc, allow_unicode=True) if doc is not None else ""
    if target.startswith("transcripts/codings"):
        text = json.dumps(doc) if not isinstance(doc, float) else text
    path.write_text(text, encoding="utf-8")
    _read_everything(root, run)


@pytest.mark.slow
@settings(max_examples=n(100), **SETTINGS)
@given(target=st.sampled_from(TARGETS + ["memos"]), data=st.data())
def test_mutated_tool_files(full, run, target, data):
    root = full()
    path = next((root / "memos").glob("*.md")) if target == "memos" else root / target
    raw = bytearray(path.read_bytes())
    for _ in range(data.draw(st.integers(1, 5))):
        op = data.draw(st.sampled_from(["tab", "dup-line", "byte", "cut", "deep", "alias", "huge"]))
        at = data.draw(st.integers(0, max(0, len(raw) - 1)))
        if op == "tab":
            raw[at:at] = b"\t"
        elif op == "dup-line":
            lines = bytes(raw).split(b"\n")
            i = data.draw(st.integers(0, len(lines) - 1))
            raw = bytearray(b"\n".join(lines[: i + 1] + [lines[i]] + lines[i + 1:]))
        elif op == "byte":
            raw[at:at + 1] = bytes([data.draw(st.sampled_from([0xFF, 0xC3, 0x00, 0x80, 0x0A, 0x3A, 0x22, 0x7B]))])
        elif op == "cut":
            raw = raw[:at]
        elif op == "deep":
            raw[at:at] = b"[" * 300
        elif op == "alias":
            raw = bytearray(b"a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
                            b"c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
                            b"e: [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n") + raw
        else:
            raw[at:at] = b"x" * 3_000_000
    path.write_bytes(bytes(raw))
    _read_everything(root, run)
