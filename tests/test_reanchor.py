"""Round trip per format: import, code, change the text above and inside excerpts, reanchor."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from test_ingest import make_docx

V1 = [("Interviewer", "How did the first weeks go?"),
      ("Sam", "At first I did not trust anyone in the office."),
      ("Interviewer", "What changed?"),
      ("Sam", "My officer kept every promise she made to me, so I started to open up."),
      ("Interviewer", "Anything else?"),
      ("Sam", "The hostel was too far away from my family.")]
# above an excerpt: a longer question; inside one: "every" -> "each"; a third removed
V2 = [("Interviewer", "How did the first weeks go on the programme?"),
      ("Sam", "At first I did not trust anyone in the office."),
      ("Interviewer", "What changed?"),
      ("Sam", "My officer kept each promise she made to me, so I started to open up."),
      ("Interviewer", "Anything else?"),
      ("Sam", "Nothing more to add.")]

MOVED = "At first I did not trust anyone in the office."
EDITED = "My officer kept every promise she made to me, so I started to open up."
EDITED_NOW = "My officer kept each promise she made to me, so I started to open up."
GONE = "The hostel was too far away from my family."


def source(fmt: str, turns: list[tuple[str, str]]) -> str | bytes:
    if fmt == "txt":
        return "".join(f"{who}: {say}\n" for who, say in turns)
    if fmt == "md":
        return "# Interview\n\n" + "".join(f"**{who}:** {say}\n\n" for who, say in turns)
    if fmt == "docx":
        return make_docx(list(turns))  # type: ignore[arg-type]
    if fmt == "vtt":
        return "WEBVTT\n\n" + "".join(f"00:00:{i * 5:02d}.000 --> 00:00:{i * 5 + 4:02d}.000\n<v {who}>{say}</v>\n\n"
                                       for i, (who, say) in enumerate(turns))
    if fmt == "srt":
        return "".join(f"{i + 1}\n00:00:{i * 5:02d},000 --> 00:00:{i * 5 + 4:02d},000\n{who}: {say}\n\n"
                       for i, (who, say) in enumerate(turns))
    raise AssertionError(fmt)


def codings(root: Path) -> dict[str, dict]:
    data = yaml.safe_load((root / "transcripts/codings/s1/alice.yaml").read_text(encoding="utf-8"))
    return {e["id"]: e for e in data["excerpts"]}


@pytest.mark.parametrize("fmt", ["txt", "md", "docx", "vtt", "srt"])
def test_round_trip(make_project, run, fmt, monkeypatch):
    monkeypatch.setenv("REALIST_CODER", "alice")
    name = f"s1.{fmt}"
    root = make_project({name: source(fmt, V1)})
    assert run(["transcripts", "import", name, "--site", "Region A"], cwd=root).code == 0
    ids = {}
    for quote, code in ((MOVED, "alpha:C1"), (EDITED, "alpha:M1"), (GONE, "alpha:C2")):
        r = run(["code", "s1", "--find", quote, code], cwd=root)
        assert r.code == 0, r.err
        ids[quote] = r.out.strip()
    assert run(["check"], cwd=root).code == 0

    (root / name).write_bytes(s if isinstance(s := source(fmt, V2), bytes) else s.encode("utf-8"))
    r = run(["transcripts", "import", name], cwd=root)
    assert "run `realist reanchor` to re-locate them" in r.err
    before = (root / "transcripts/codings/s1/alice.yaml").read_bytes()
    text = (root / "transcripts/s1.txt").read_text(encoding="utf-8")

    r = run(["reanchor", "--format", "json"], cwd=root)
    assert r.code == 0
    report = json.loads(r.out)
    assert report["counts"] == {"in-place": 0, "moved": 1, "fuzzy": 1, "orphaned": 1}
    by_id = {e["id"]: e for e in report["excerpts"]}
    moved, fuzzy, orphan = by_id[ids[MOVED]], by_id[ids[EDITED]], by_id[ids[GONE]]
    assert moved["status"] == "moved"
    assert moved["new"] == [text.index(MOVED), text.index(MOVED) + len(MOVED)]
    assert moved["new"][0] - moved["old"][0] == len(" on the programme")
    assert fuzzy["status"] == "fuzzy"
    assert fuzzy["new"] == [text.index(EDITED_NOW), text.index(EDITED_NOW) + len(EDITED_NOW)]
    assert fuzzy["new_quote"] == EDITED_NOW and 85 <= fuzzy["score"] < 100
    assert (orphan["status"], orphan["new"], orphan["old_quote"]) == ("orphaned", None, GONE)
    assert (root / "transcripts/codings/s1/alice.yaml").read_bytes() == before  # nothing written

    r = run(["reanchor"], cwd=root)
    assert r.out.splitlines()[-1] == (f"orphaned  {ids[GONE]}  s1  {orphan['old'][0]}-{orphan['old'][1]}: "
                                      f"\"{GONE}\" is nowhere in the text (alice; recode or uncode it)")
    assert r.err == ("3 excerpts: 0 in place, 1 moved, 1 fuzzy, 1 orphaned; nothing written: run "
                     "`realist reanchor --apply` to write the new positions\n")

    r = run(["reanchor", "--apply"], cwd=root)
    assert r.err == "3 excerpts: 0 in place, 1 moved, 1 fuzzy, 1 orphaned; wrote 2 new positions; orphaned " \
                    "excerpts are kept as they were\n"
    now = codings(root)
    assert (now[ids[MOVED]]["start"], now[ids[MOVED]]["end"]) == tuple(moved["new"])
    assert now[ids[EDITED]]["quote"] == EDITED_NOW
    assert now[ids[EDITED]]["prefix"] == text[fuzzy["new"][0] - 32:fuzzy["new"][0]]
    assert now[ids[GONE]]["quote"] == GONE  # kept, never dropped
    r = run(["check"], cwd=root)
    assert r.code == 1
    n = len(text)
    assert [line.split(": ", 1)[1] for line in r.out.splitlines()] == [
        f"excerpt {ids[GONE]} at {orphan['old'][0]}-{orphan['old'][1]} is past the end of transcript 's1' "
        f"({n} characters; expected \"The hostel was too far away from my fam…\"); run `realist reanchor`"]
    r = run(["reanchor", "--format", "json"], cwd=root)
    assert json.loads(r.out)["counts"] == {"in-place": 2, "moved": 0, "fuzzy": 0, "orphaned": 1}


def test_edit_of_the_text_file_refreshes_turns(make_project, run):
    root = make_project({"s1.txt": source("txt", V1)})
    run(["transcripts", "import", "s1.txt"], cwd=root)
    eid = run(["code", "s1", "--find", "I started to open up", "alpha:O1", "--coder", "al"], cwd=root).out.strip()
    path = root / "transcripts/s1.txt"
    path.write_text("Note: recorded in the office.\n" + path.read_text(encoding="utf-8").replace("\n", "\r\n"),
                    encoding="utf-8", newline="")
    r = run(["reanchor", "--apply"], cwd=root)
    assert r.code == 0, r.err
    assert "recorded the new text of s1" in r.err
    text = path.read_text(encoding="utf-8")
    assert "\r" not in text
    from test_ingest import turns

    assert [said for _, said, _ in turns(root, "s1")][:2] == ["Note: recorded in the office.",
                                                             "How did the first weeks go?"]
    e = yaml.safe_load((root / "transcripts/codings/s1/al.yaml").read_text(encoding="utf-8"))["excerpts"][0]
    assert (e["id"], text[e["start"]:e["end"]]) == (eid, "I started to open up")
    assert run(["check"], cwd=root).code == 0


def test_moved_prefers_the_occurrence_whose_context_agrees(make_project, run):
    lines = ["Interviewer: one", "Sam: yes I agree", "Interviewer: two", "Sam: yes I agree", "Interviewer: end"]
    root = make_project({"s1.txt": "\n".join(lines) + "\n"})
    run(["transcripts", "import", "s1.txt"], cwd=root)
    run(["code", "s1", "--find", "yes I agree", "--nth", "2", "alpha", "--coder", "al"], cwd=root)
    path = root / "transcripts/s1.txt"
    path.write_text("Interviewer: zero\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    run(["reanchor", "--apply"], cwd=root)
    text = path.read_text(encoding="utf-8")
    e = yaml.safe_load((root / "transcripts/codings/s1/al.yaml").read_text(encoding="utf-8"))["excerpts"][0]
    assert e["start"] == text.index("yes I agree", text.index("two"))


def test_reanchor_unknown_transcript(make_project, run):
    root = make_project()
    r = run(["reanchor", "--transcript", "x"], cwd=root)
    assert (r.code, r.err) == (2, "error: no transcript 'x'; import one with `realist transcripts import FILE`\n")
