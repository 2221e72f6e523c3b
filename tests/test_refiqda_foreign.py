"""Projects in the shapes other tools write import, and every coding lands on the same characters."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from realist.refiqda.offsets import Reading
from tests.test_refiqda_offsets import units

U1, U2 = "{0A1B2C3D-0000-4000-8000-00000000AA01}", "0a1b2c3d-0000-4000-8000-00000000aa02"
SRC = "5E6F7A8B-1111-4111-8111-000000000001"
TEXT = ("\ufeffInterviewer: Thanks for coming 😀😀\r\nJane: I trust my officer 👍 completely.\r\n\r\n"
        "Jane: I comply because I fear recall.\r\nInterviewer: And family? 🏠\r\n"
        "Jane: My sister drives me to appointments.\r\n")

CODES = {  # guid -> name (the tree is written below)
    "C0000000-0000-4000-8000-000000000001": "Trust",
    "C0000000-0000-4000-8000-000000000002": "Positive",
    "C0000000-0000-4000-8000-000000000003": "Negative",
    "C0000000-0000-4000-8000-000000000004": "Compliance",
    "C0000000-0000-4000-8000-000000000005": "Positive",
    "C0000000-0000-4000-8000-000000000006": "Negative",
    "C0000000-0000-4000-8000-000000000007": "Family",
}
TRUST_POS, TRUST_NEG = "C0000000-0000-4000-8000-000000000002", "C0000000-0000-4000-8000-000000000003"
COMP, COMP_POS, COMP_NEG = ("C0000000-0000-4000-8000-000000000004", "C0000000-0000-4000-8000-000000000005",
                            "C0000000-0000-4000-8000-000000000006")
FAMILY = "C0000000-0000-4000-8000-000000000007"

#: (phrase, [(user, [codes])...], as separate selections?) -- the shapes tools write
SELECTIONS = [
    ("I trust my officer", [(U1, [TRUST_POS]), (U1, [FAMILY])]),  # one selection repeated once per code
    ("I comply because I fear recall", [(U1, [COMP_POS]), (U2, [COMP_POS, COMP])]),  # two users
    ("My sister drives me to appointments", [(U2, [FAMILY, TRUST_NEG])]),  # two codings in one selection
    ("completely", [(U1, [COMP_NEG])]),
]


def project_xml(reading: Reading, named: bool) -> str:
    u = units(TEXT, reading)
    sels = []
    n = 0
    for phrase, codings in SELECTIONS:
        i = TEXT.index(phrase)
        start, end = u[i], u[i + len(phrase)]
        for user, codes in codings:
            n += 1
            name = f' name="{phrase}"' if named else ""
            inner = "".join(f'<Coding guid="D0000000-0000-4000-8000-0000000000{n:02d}{k}" creatingUser="{user}">'
                            f'<CodeRef targetGUID="{code}"/></Coding>' for k, code in enumerate(codes))
            note = '<NoteRef targetGUID="E0000000-0000-4000-8000-000000000001"/>' if n == 1 else ""
            said = "<Description>Hesitant here.\nStance: refutes.</Description>" if phrase == "completely" else ""
            sels.append(f'<PlainTextSelection guid="F0000000-0000-4000-8000-0000000000{n:02d}"{name} '
                        f'startPosition="{start}" endPosition="{end}" creatingUser="{user}">{said}{inner}{note}'
                        "</PlainTextSelection>")
    return f"""<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  name="Desistance study" origin="Some QDA tool 12" creatingUserGUID="{U1}">
  <Users><User guid="{U1}" name="Ann Smith"/><User guid="{U2}" name="Bo"/></Users>
  <CodeBook><Codes>
    <Code guid="C0000000-0000-4000-8000-000000000001" name="Trust" isCodable="false">
      <Code guid="{TRUST_POS}" name="Positive" isCodable="true"/>
      <Code guid="{TRUST_NEG}" name="Negative" isCodable="true"/>
    </Code>
    <Code guid="{COMP}" name="Compliance" isCodable="true">
      <Description>Doing what supervision asks</Description>
      <NoteRef targetGUID="E0000000-0000-4000-8000-000000000002"/>
      <Code guid="{COMP_POS}" name="Positive" isCodable="true"/>
      <Code guid="{COMP_NEG}" name="Negative" isCodable="true"/>
    </Code>
    <Code guid="{FAMILY.lower()}" name="Family" isCodable="true" color="#00ff00"/>
  </Codes></CodeBook>
  <Variables>
    <Variable guid="A0000000-0000-4000-8000-000000000001" name="Role" typeOfVariable="Text"/>
    <Variable guid="A0000000-0000-4000-8000-000000000002" name="Site" typeOfVariable="Text"/>
    <Variable guid="A0000000-0000-4000-8000-000000000003" name="Age" typeOfVariable="Integer"/>
  </Variables>
  <Cases>
    <Case guid="B0000000-0000-4000-8000-000000000001" name="Jane Doe">
      <VariableValue><VariableRef targetGUID="A0000000-0000-4000-8000-000000000001"/><TextValue>Person on probation</TextValue></VariableValue>
      <VariableValue><VariableRef targetGUID="A0000000-0000-4000-8000-000000000002"/><TextValue>Region A</TextValue></VariableValue>
      <VariableValue><VariableRef targetGUID="A0000000-0000-4000-8000-000000000003"/><IntegerValue>34</IntegerValue></VariableValue>
      <SourceRef targetGUID="{SRC}"/>
    </Case>
  </Cases>
  <Sources>
    <TextSource guid="{{{SRC}}}" name="Interview Jane.txt" plainTextPath="internal://{SRC}.txt">
      {"".join(sels)}
    </TextSource>
    <PDFSource guid="5E6F7A8B-1111-4111-8111-000000000002" name="Leaflet.pdf" path="internal://leaflet.pdf"/>
  </Sources>
  <Notes>
    <Note guid="E0000000-0000-4000-8000-000000000001" name="On trust"><PlainTextContent>She says this twice.</PlainTextContent></Note>
    <Note guid="E0000000-0000-4000-8000-000000000002" name="Compliance memo"><PlainTextContent>Compliance is fear-driven here.</PlainTextContent></Note>
    <Note guid="E0000000-0000-4000-8000-000000000003" name="Project diary"><PlainTextContent>Day one.</PlainTextContent></Note>
  </Notes>
  <Sets><Set guid="90000000-0000-4000-8000-000000000001" name="Feelings"><MemberCode targetGUID="{FAMILY}"/></Set></Sets>
</Project>
"""


def write_qdpx(path: Path, reading: Reading, named: bool) -> Path:
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("project.qde", project_xml(reading, named))
        z.writestr(f"Sources/{SRC}.txt", TEXT.encode("utf-8"))  # capital S, UTF-8 BOM, CRLF
        z.writestr("Sources/leaflet.pdf", b"%PDF-1.4")
        z.writestr("sources/.root", b"")
    return path


READINGS = {"code points": Reading(), "code points, CRLF as 2": Reading(crlf_two=True),
            "UTF-16 units, CRLF as 2": Reading(utf16=True, crlf_two=True)}


@pytest.mark.parametrize("named", [True, False], ids=["names hold the text", "no names"])
@pytest.mark.parametrize("label", list(READINGS))
def test_a_foreign_project_lands_on_the_same_characters(tmp_path, run, label, named):
    from realist.coding import load_excerpts, load_participants, load_transcripts
    from realist.coding.codes import load_codebook
    from realist.store.memos import load_memos
    from realist.store.project import load_project

    reading = READINGS[label]
    qdpx = write_qdpx(tmp_path / "study.qdpx", reading, named)
    new = tmp_path / "study"
    r = run(["import", "qdpx", str(qdpx), "--new", str(new)], cwd=tmp_path)
    assert r.code == 0, r.err
    lines = r.out.splitlines()
    assert lines[0] == (f"study.qdpx -> {new}: created 6 free codes, 1 transcript, 1 participant, 2 coders, "
                        "5 excerpts, 1 memo")
    (positions,) = [line for line in lines if line.startswith("text positions: ")]
    assert positions.startswith(f"text positions: read as {reading.describe()} (")
    for expected in (
        "folder 'Trust' cannot be coded; its codes were imported on their own",
        "case 'Jane Doe' became participant P01 (Person on probation 1); case names are not kept, because "
        "participants are pseudonymised",
        "case 'Jane Doe': variable age not kept (realist keeps role, group and site)",
        "PDFSource 'Leaflet.pdf' was not imported: realist codes text only",
        "1 note is not on a code or a coded passage (realist keeps memos on theories, elements, free codes and "
        "excerpts), so not imported: 'Project diary'",
        "1 set (Feelings) not imported: realist groups theories in realist.yaml instead",
        "4 excerpts carry no stance in the file; recorded as 'supports' (change one with "
        "`realist recode ID CODE... --stance refutes`)",
    ):
        assert f"  - {expected}" in lines, expected

    project = load_project(new)
    assert set(load_codebook(project)) == {"trust-positive", "trust-negative", "compliance", "compliance-positive",
                                           "compliance-negative", "family"}
    (transcript,) = load_transcripts(project).values()
    assert transcript.id == "interview-jane" and transcript.participants == ["P01"]
    assert transcript.site == "Region A" and transcript.speakers == {"Interviewer": None, "Jane": "P01"}
    assert transcript.text.startswith("Interviewer: Thanks for coming 😀😀\nJane: I trust")
    assert load_participants(project)["P01"].site == "Region A"
    got = sorted((e.quote, e.coder, tuple(sorted(e.codes))) for e in load_excerpts(project))
    assert got == sorted([
        ("I trust my officer", "Ann-Smith", ("free:family", "free:trust-positive")),
        ("I comply because I fear recall", "Ann-Smith", ("free:compliance-positive",)),
        ("I comply because I fear recall", "Bo", ("free:compliance", "free:compliance-positive")),
        ("My sister drives me to appointments", "Bo", ("free:family", "free:trust-negative")),
        ("completely", "Ann-Smith", ("free:compliance-negative",)),
    ])
    for e in load_excerpts(project):
        assert transcript.text[e.start:e.end] == e.quote
    hesitant = next(e for e in load_excerpts(project) if e.quote == "completely")
    assert (hesitant.stance, hesitant.memo) == ("refutes", "Hesitant here.")
    trust = next(e for e in load_excerpts(project) if e.quote == "I trust my officer")
    assert trust.memo == "She says this twice."
    (memo,) = load_memos(new).memos
    assert (memo.on, memo.text) == ("free:compliance", "Compliance is fear-driven here.")
    assert run(["check"], cwd=new).code == 0


def test_a_foreign_project_into_an_existing_project(tmp_path, run, make_project):
    root = make_project()
    qdpx = write_qdpx(tmp_path / "study.qdpx", Reading(utf16=True, crlf_two=True), True)
    r = run(["import", "qdpx", str(qdpx), "--dry-run"], cwd=root)
    assert r.code == 0, r.err
    assert r.out.splitlines()[0] == (f"study.qdpx -> {root}: would create 6 free codes, 1 transcript, "
                                     "1 participant, 2 coders, 5 excerpts, 1 memo")
    assert not (root / "codebook.yaml").exists() and not (root / "transcripts").exists()
    assert run(["import", "qdpx", str(qdpx)], cwd=root).code == 0
    again = run(["import", "qdpx", str(qdpx)], cwd=root)
    assert again.out.splitlines()[0] == f"study.qdpx -> {root}: created nothing new"


def test_inline_text_and_no_users(tmp_path, run):
    from realist.coding import load_excerpts
    from realist.store.project import load_project

    text = "Worker: The housing list is two years long. 😀 We cannot place anyone.\n"
    start = text.index("two years long")
    qde = f"""<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Inline">
  <CodeBook><Codes><Code guid="c0000000-0000-4000-8000-000000000001" name="Housing delay" isCodable="true"/>
  </Codes></CodeBook>
  <Sources><TextSource guid="50000000-0000-4000-8000-000000000001" name="Field note">
    <PlainTextContent>{text}</PlainTextContent>
    <PlainTextSelection guid="f0000000-0000-4000-8000-000000000001" startPosition="{start}" endPosition="{start + 14}">
      <Coding guid="d0000000-0000-4000-8000-000000000001"><CodeRef targetGUID="c0000000-0000-4000-8000-000000000001"/></Coding>
    </PlainTextSelection>
    <PlainTextSelection guid="f0000000-0000-4000-8000-000000000002" startPosition="5" endPosition="999">
      <Coding guid="d0000000-0000-4000-8000-000000000002"><CodeRef targetGUID="c0000000-0000-4000-8000-000000000001"/></Coding>
    </PlainTextSelection>
  </TextSource></Sources>
</Project>"""
    path = tmp_path / "inline.qdpx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("inline.qde", qde)
    r = run(["import", "qdpx", str(path), "--new", str(tmp_path / "p")])
    assert r.code == 0, r.err
    assert "  - selection 5-999 in 'Field note' is outside its text or empty; not imported" in r.out.splitlines()
    (excerpt,) = load_excerpts(load_project(tmp_path / "p"))
    assert (excerpt.quote, excerpt.coder, excerpt.codes) == ("two years long", "imported", ["free:housing-delay"])


def test_positions_can_be_given_and_json_is_the_report(tmp_path, run):
    import json

    from realist.refiqda.read import import_qdpx

    qdpx = write_qdpx(tmp_path / "study.qdpx", Reading(utf16=True, crlf_two=True), False)
    r = run(["import", "qdpx", str(qdpx), "--new", str(tmp_path / "p"), "--dry-run", "--positions",
             "utf16-crlf2", "--format", "json"])
    assert r.code == 0, r.err
    data = json.loads(r.out)
    assert data["reading"] == "read as UTF-16 code units, a CRLF line break counted as 2 (as you asked with --positions)"
    api = import_qdpx(qdpx, new=tmp_path / "p", dry_run=True, reading=Reading(utf16=True, crlf_two=True))
    assert data == json.loads(json.dumps(api.as_dict()))
    # the option is obeyed even when it is wrong: the emoji shift every selection after them
    assert run(["import", "qdpx", str(qdpx), "--new", str(tmp_path / "w"), "--positions", "code-points"]).code == 0
    from realist.coding import load_excerpts
    from realist.store.project import load_project

    quotes = {e.quote for e in load_excerpts(load_project(tmp_path / "w"))}
    assert quotes and not quotes & {phrase for phrase, _ in SELECTIONS}


@pytest.mark.parametrize("encoding,note", [("utf-16", None), ("utf-16-le", None),
                                           ("cp1252", "source 'S' is not UTF-8 text (byte 11)")])
def test_sources_in_other_encodings(tmp_path, run, encoding, note):
    from realist.coding import load_excerpts
    from realist.store.project import load_project

    text = "Worker: café staff listened.\n"
    start = text.index("staff listened")
    qde = f"""<Project xmlns="urn:QDA-XML:project:1.0" name="Enc">
  <CodeBook><Codes><Code guid="c0000000-0000-4000-8000-000000000001" name="Listening" isCodable="true"/></Codes></CodeBook>
  <Sources><TextSource guid="50000000-0000-4000-8000-000000000001" name="S" plainTextPath="internal://s.txt">
    <PlainTextSelection guid="f0000000-0000-4000-8000-000000000001" startPosition="{start}" endPosition="{start + 14}">
      <Coding guid="d0000000-0000-4000-8000-000000000001"><CodeRef targetGUID="c0000000-0000-4000-8000-000000000001"/></Coding>
    </PlainTextSelection></TextSource></Sources></Project>"""
    path = tmp_path / "enc.qdpx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("project.qde", qde)
        z.writestr("sources/s.txt", text.encode(encoding))
    r = run(["import", "qdpx", str(path), "--new", str(tmp_path / "p")])
    assert r.code == 0, r.err
    assert any(note in line for line in r.out.splitlines()) if note else "UTF-8" not in r.out
    (excerpt,) = load_excerpts(load_project(tmp_path / "p"))
    assert excerpt.quote == "staff listened"
