"""Importing transcripts: formats, normalisation, speaker turns, metadata, participants."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
import yaml

from realist import load_project
from realist.coding import load_transcripts

VTT = """\
WEBVTT

00:00:01.000 --> 00:00:04.000
<v Interviewer>How long have you been on the scheme?</v>

00:00:04.500 --> 00:00:09.000
<v Jo Bloggs>About a year now.</v>

00:00:09.000 --> 00:00:12.250
<v Jo Bloggs>My officer rings me <i>every</i> week.</v>

NOTE this block is ignored

00:01:02.000 --> 00:01:05.000
<v Interviewer>Does that help?</v>
"""

SRT = """\
1
00:00:01,000 --> 00:00:03,000
Interviewer: Tell me about the meetings.

2
00:00:03,500 --> 00:00:06,000
Alex: They are every Tuesday.

3
00:00:06,000 --> 00:00:08,000
Alex: Sometimes twice.
"""


def make_docx(paragraphs: list[tuple[str | None, str]]) -> bytes:
    """A Word file whose paragraphs start with a bold speaker label (None: no label)."""
    from docx import Document

    doc = Document()
    for label, text in paragraphs:
        para = doc.add_paragraph()
        if label is not None:
            para.add_run(f"{label}:").bold = True
            para.add_run(f" {text}")
        else:
            para.add_run(text)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def turns(root: Path, tid: str) -> list[tuple[str | None, str, str | None]]:
    """(speaker, what they said, time) of each turn, as the API finds them."""
    t = load_transcripts(load_project(root))[tid]
    return [(turn.speaker, t.text[turn.start:turn.end], turn.time) for turn in t.turns]


def meta(root: Path, tid: str) -> dict:
    return yaml.safe_load((root / "transcripts" / f"{tid}.yaml").read_text(encoding="utf-8"))


def text_of(root: Path, tid: str) -> str:
    return (root / "transcripts" / f"{tid}.txt").read_bytes().decode("utf-8")


def test_txt_is_normalised_and_turns_found(make_project, run):
    raw = "\ufeffInterviewer: Caf\u0065\u0301?  \r\nSam: Yes,\r\n\r\n\r\n\r\nplease.\r\nInterviewer: Ok\r\n"
    root = make_project({"a.txt": raw.encode("utf-8")})
    r = run(["transcripts", "import", "a.txt", "--site", "Region A"], cwd=root)
    assert r.code == 0, r.err
    assert r.err.splitlines()[0] == "imported a: interview, stage initial, site Region A, 2 speakers, 5 lines (from a.txt)"
    assert "note: no --stage given: recorded as stage 'initial'" in r.err
    text = text_of(root, "a")
    assert text == "Interviewer: Café?\nSam: Yes,\n\nplease.\nInterviewer: Ok\n"
    m = meta(root, "a")
    assert m["speakers"] == {"Interviewer": None, "Sam": None}
    assert turns(root, "a") == [("Interviewer", "Café?", None), ("Sam", "Yes,\n\nplease.", None),
                                ("Interviewer", "Ok", None)]
    assert "times" not in m
    assert m["source"]["file"] == "a.txt" and len(m["source"]["sha256"]) == 64


def test_utf16_is_accepted(make_project, run):
    root = make_project({"b.txt": "Interviewer: Grüße\nKim: Hallo\nKim: ja\n".encode("utf-16")})
    assert run(["transcripts", "import", "b.txt"], cwd=root).code == 0
    assert text_of(root, "b") == "Interviewer: Grüße\nKim: Hallo\nKim: ja\n"


@pytest.mark.parametrize("name,content,message", [
    ("latin.txt", "Line one\nCaf\xe9 au lait\n".encode("latin-1"),
     "error: latin.txt: is not UTF-8 text: byte 0xe9 at byte offset 12 (line 2) cannot be read; "
     "save the file as UTF-8 and import it again\n"),
    ("bin.txt", b"PK\x03\x04\x00\x00binary", "error: bin.txt: is a binary file, not text (a zero byte at byte "
     "offset 4); import .txt, .md, .docx, .vtt or .srt\n"),
    ("empty.txt", b"", "error: empty.txt: is empty; there is nothing to import\n"),
    ("blank.md", b"\n  \n# \n", "error: blank.md: has no text to import (it is empty once blank lines and markup "
     "are removed)\n"),
    ("fake.docx", b"not a zip", "error: fake.docx: is not a readable Word document (BadZipFile); open it in Word "
     "and save it again as .docx\n"),
    ("old.doc", b"whatever", "error: old.doc: .doc files cannot be imported; save it as .docx or .txt and import "
     "that\n"),
    ("x.vtt", b"no header\n", "error: x.vtt: is not a WebVTT file (it must start with 'WEBVTT')\n"),
])
def test_bad_files_are_refused_and_nothing_written(make_project, run, name, content, message):
    root = make_project({name: content, "good.txt": "Interviewer: hi\nSam: hello\n"})
    r = run(["transcripts", "import", "good.txt", name], cwd=root)
    assert (r.code, r.out, r.err) == (2, "", message)
    assert not (root / "transcripts").exists()


def test_missing_file(make_project, run):
    root = make_project()
    r = run(["transcripts", "import", "nope.txt"], cwd=root)
    assert (r.code, r.err) == (2, "error: nope.txt: file not found\n")


def test_bad_options(make_project, run):
    root = make_project({"a.txt": "hello\n"})
    r = run(["transcripts", "import", "a.txt", "--stage", "secnd"], cwd=root)
    assert (r.code, r.err) == (2, "error: --stage 'secnd' is not a phase of this project; choose 'initial', "
                                  "'second' or 'third' (did you mean 'second'?)\n")
    r = run(["transcripts", "import", "a.txt", "--type", "interveiw"], cwd=root)
    assert r.code == 2 and "(did you mean 'interview'?)" in r.err
    r = run(["transcripts", "import", "a.txt", "--participant", "P01"], cwd=root)
    assert (r.code, r.err) == (2, "error: no participant 'P01'; add one first with `realist participants add "
                                  "--role ROLE --group GROUP --site SITE`\n")


def test_docx_bold_speaker_labels(make_project, run):
    data = make_docx([("Interviewer", "What changed?"), ("Officer B", "We meet  every week."),
                      (None, "And we talk on the phone."), ("Interviewer", "Thanks.")])
    root = make_project({"po 2.docx": data})
    r = run(["transcripts", "import", "po 2.docx", "--stage", "third", "--type", "interview"], cwd=root)
    assert r.code == 0, r.err
    text = text_of(root, "po-2")
    assert text == ("Interviewer: What changed?\nOfficer B: We meet  every week.\nAnd we talk on the phone.\n"
                    "Interviewer: Thanks.\n")
    assert turns(root, "po-2") == [
        ("Interviewer", "What changed?", None), ("Officer B", "We meet  every week.\nAnd we talk on the phone.", None),
        ("Interviewer", "Thanks.", None)]


def test_vtt_voices_merge_and_keep_times(make_project, run):
    root = make_project({"call.vtt": VTT})
    assert run(["transcripts", "import", "call.vtt"], cwd=root).code == 0
    text = text_of(root, "call")
    assert text == ("Interviewer: How long have you been on the scheme?\n"
                    "Jo Bloggs: About a year now. My officer rings me every week.\nInterviewer: Does that help?\n")
    assert [(who, time) for who, _, time in turns(root, "call")] == [
        ("Interviewer", "00:00:01.000"), ("Jo Bloggs", "00:00:04.500"), ("Interviewer", "00:01:02.000")]
    assert meta(root, "call")["times"] == ["00:00:01.000", "00:00:04.500", "00:01:02.000"]
    assert "00:0" not in text


def test_srt_labels_and_times(make_project, run):
    root = make_project({"g.srt": SRT})
    assert run(["transcripts", "import", "g.srt"], cwd=root).code == 0
    assert text_of(root, "g") == "Interviewer: Tell me about the meetings.\nAlex: They are every Tuesday. Sometimes twice.\n"
    assert [time for _, _, time in turns(root, "g")] == ["00:00:01.000", "00:00:03.500"]


def test_markdown_bold_labels(make_project, run):
    root = make_project({"n.md": "# Interview 3\n\n**Interviewer:** Hello?\n\n**Pat:** Hi there.\n"})
    assert run(["transcripts", "import", "n.md"], cwd=root).code == 0
    assert text_of(root, "n") == "Interview 3\n\nInterviewer: Hello?\n\nPat: Hi there.\n"
    assert meta(root, "n")["speakers"] == {"Interviewer": None, "Pat": None}


def test_focus_group_default_and_speaker_map(make_project, run):
    fg = "".join(f"{who}: point {i}\n" for i in range(2) for who in ("Facilitator", "A", "B", "C"))
    root = make_project({"fg.txt": fg})
    run(["participants", "add", "--role", "Police Officer", "--group", "staff", "--site", "Region B"], cwd=root)
    r = run(["transcripts", "import", "fg.txt", "--site", "Region B"], cwd=root)
    assert "note: 3 speakers: recorded as a focus group (use --type to say otherwise)" in r.err
    assert "note: 3 speakers not yet linked to a participant (A, B, C): `realist participants map fg 'A' PARTICIPANT`" in r.err
    r = run(["participants", "map", "fg", "B", "P01"], cwd=root)
    assert (r.code, r.err) == (0, "fg: 'B' is P01 (Police Officer 1, Region B)\n")
    project = load_project(root)
    t = load_transcripts(project)["fg"]
    assert t.type == "focus-group" and t.speakers["B"] == "P01" and t.participants == ["P01"]
    assert t.participant_at(t.text.index("B: point 1") + 3) == "P01"
    r = run(["participants", "map", "fg", "D", "P01"], cwd=root)
    assert (r.code, r.err) == (2, "error: transcript 'fg' has no speaker 'D'; its speakers are 'Facilitator', "
                                  "'A', 'B' or 'C'\n")
    r = run(["participants", "map", "fg", "A", "P09"], cwd=root)
    assert r.code == 2 and r.err.startswith("error: no participant 'P09'")


def test_participants_numbered_within_role(make_project, run):
    root = make_project()
    for site in ("Region A", "Region B"):
        run(["participants", "add", "--role", "Probation Officer", "--group", "staff", "--site", site], cwd=root)
    run(["participants", "add", "--role", "Peer Mentor", "--group", "peer-mentor", "--id", "PM1"], cwd=root)
    r = run(["participants", "--format", "json"], cwd=root)
    assert [(p["id"], p["attribution"]) for p in json.loads(r.out)] == [
        ("P01", "Probation Officer 1, Region A"), ("P02", "Probation Officer 2, Region B"), ("PM1", "Peer Mentor 1")]
    r = run(["participants", "add", "--role", "X", "--group", "staf"], cwd=root)
    assert r.code == 2 and "(did you mean 'staff'?)" in r.err
    r = run(["participants", "add", "--role", "X", "--id", "P01"], cwd=root)
    assert (r.code, r.err) == (2, "error: participant 'P01' already exists (Probation Officer 1)\n")
    assert run(["check"], cwd=root).code == 0


def test_reimport_unchanged_and_changed(make_project, run):
    root = make_project({"a.txt": "Interviewer: one\nSam: two\nSam: three\n"})
    run(["transcripts", "import", "a.txt"], cwd=root)
    first = meta(root, "a")
    r = run(["transcripts", "import", "a.txt"], cwd=root)
    assert (r.code, r.err) == (0, "  note: a.txt is already imported as 'a', unchanged\n")
    assert meta(root, "a") == first
    run(["code", "a", "2", "alpha", "--coder", "al"], cwd=root)
    (root / "a.txt").write_text("Interviewer: one!\nSam: two\nSam: three\n", encoding="utf-8")
    r = run(["transcripts", "import", "a.txt", "--site", "Region C"], cwd=root)
    assert r.code == 0
    assert r.err.startswith("replaced a: interview, stage initial, site Region C")
    assert "note: the text changed and 'a' has codings: run `realist reanchor` to re-locate them" in r.err
    assert meta(root, "a")["source"]["sha256"] != first["source"]["sha256"]
    assert meta(root, "a")["stage"] == "initial"


def test_two_files_one_id(make_project, run):
    root = make_project({"a.txt": "x\n", "sub/a.md": "y\n"})
    r = run(["transcripts", "import", "a.txt", "sub/a.md"], cwd=root)
    assert (r.code, r.err) == (2, "error: sub/a.md and a.txt would both be transcript 'a'; rename one, or import "
                                  "it with --id\n")


def test_observer_notes_are_an_observation(make_project, run):
    notes = "Observer: The chair opens the meeting.\nPO1: Two breaches this week.\nObserver: Nobody replies.\n"
    root = make_project({"obs.txt": notes})
    r = run(["transcripts", "import", "obs.txt", "--stage", "second"], cwd=root)
    assert "note: an Observer's notes: recorded as an observation (use --type to say otherwise)" in r.err
    assert meta(root, "obs")["type"] == "observation"


def test_speaker_option_maps_labels_on_import(make_project, run):
    fg = "Facilitator: go\nA: one\nB: two\nC: three\n"
    root = make_project({"fg.txt": fg})
    run(["participants", "add", "--role", "Police Officer", "--group", "staff", "--site", "Region B"], cwd=root)
    run(["participants", "add", "--role", "Probation Officer", "--group", "staff", "--site", "Region B"], cwd=root)
    r = run(["transcripts", "import", "fg.txt", "--speaker", "A=P01", "--speaker", "C=P02"], cwd=root)
    assert r.code == 0, r.err
    m = meta(root, "fg")
    assert m["speakers"] == {"Facilitator": None, "A": "P01", "B": None, "C": "P02"}
    assert m["participants"] == ["P01", "P02"]
    r = run(["transcripts", "import", "fg.txt", "--speaker", "D=P01"], cwd=root)
    assert (r.code, r.err) == (2, "error: --speaker D=P01: fg.txt has no speaker 'D'; its speakers are "
                                  "'Facilitator', 'A', 'B' or 'C'\n")
    r = run(["transcripts", "import", "fg.txt", "--speaker", "A"], cwd=root)
    assert (r.code, r.err) == (2, "error: --speaker 'A': write LABEL=PARTICIPANT, e.g. --speaker PO1=P03\n")


def test_participant_number_of_your_own(make_project, run):
    root = make_project()
    r = run(["participants", "add", "--role", "Police Sergeant", "--id", "ps-2", "--number", "2"], cwd=root)
    assert (r.code, r.err) == (0, "added ps-2: Police Sergeant 2\n")
    r = run(["participants", "add", "--role", "Police Sergeant", "--number", "2"], cwd=root)
    assert (r.code, r.err) == (2, "error: Police Sergeant 2 is already participant 'ps-2'; choose another --number\n")
    assert run(["participants", "add", "--role", "police sergeant"], cwd=root).err == "added P02: police sergeant 3\n"
