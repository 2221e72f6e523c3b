"""Coding from the command line: code, uncode, recode, excerpts, transcripts show, check."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from realist import load_project
from realist.coding import add_excerpt, attribution, excerpt_id, load_excerpts, parse_code, query_excerpts

INTERVIEW = """\
Interviewer: How do you find the weekly meetings?
Sam: Honestly the weekly meetings help. She listens and I feel heard.
Interviewer: Anything that gets in the way?
Sam: The housing shortage makes it hard to keep going.
Sam: But I still turn up.
"""


@pytest.fixture
def coded(make_project, run, monkeypatch):
    """A project with two participants and one imported interview (po1), coder alice."""
    monkeypatch.setenv("REALIST_CODER", "alice")
    root = make_project({"po1.txt": INTERVIEW})
    assert run(["participants", "add", "--role", "Probation Officer", "--group", "staff", "--site", "Region A"],
               cwd=root).code == 0
    assert run(["participants", "add", "--role", "Person on IOM", "--group", "recipient", "--site", "Region B"],
               cwd=root).code == 0
    r = run(["transcripts", "import", "po1.txt", "--stage", "second", "--participant", "P02"], cwd=root)
    assert r.code == 0, r.err
    return root


def _codings(root: Path, coder: str = "alice") -> dict:
    return yaml.safe_load((root / "transcripts/codings/po1" / f"{coder}.yaml").read_text(encoding="utf-8"))


def test_code_lines_records_a_configurational_excerpt(coded, run):
    r = run(["code", "po1", "2", "alpha:I1", "alpha:M1", "alpha:O1"], cwd=coded)
    assert r.code == 0, r.err
    text = (coded / "transcripts/po1.txt").read_text(encoding="utf-8")
    start = text.index("Honestly")
    end = text.index("heard.") + len("heard.")
    eid = excerpt_id("po1", start, end, "alice")
    assert r.out == eid + "\n"
    assert r.err == f"coded {eid} in po1 (line 2, alice): alpha:I1, alpha:M1, alpha:O1 [supports, configurational]\n"
    raw = (coded / "transcripts/codings/po1/alice.yaml").read_text(encoding="utf-8")
    assert raw.splitlines()[0] == '{"transcript": "po1", "coder": "alice", "excerpts": ['
    assert raw.splitlines()[1].startswith(f'  {{"id": "{eid}", "start": {start}, "end": {end}, "codes": ["alpha:I1", ')
    assert raw.endswith("\n]}\n") and json.loads(raw) == yaml.safe_load(raw)
    data = _codings(coded)
    assert list(data) == ["transcript", "coder", "excerpts"]
    (item,) = data["excerpts"]
    assert list(item) == ["id", "start", "end", "codes", "stance", "quote", "prefix", "suffix", "created"]
    assert (item["start"], item["end"]) == (start, end)
    assert item["quote"] == "Honestly the weekly meetings help. She listens and I feel heard."
    assert item["prefix"] == text[start - 32:start] and item["suffix"] == text[end:end + 32]
    assert item["codes"] == ["alpha:I1", "alpha:M1", "alpha:O1"]
    (excerpt,) = load_excerpts(load_project(coded))
    assert excerpt.configurational and excerpt.participant == "P02"


def test_code_line_col_span_and_find(coded, run):
    r = run(["code", "po1", "4:10-4:25", "alpha:C2", "--stance", "refutes", "--memo", "housing", "--key"], cwd=coded)
    assert r.code == 0, r.err
    r = run(["code", "po1", "--find", "turn up", "beta"], cwd=coded)
    assert r.code == 0, r.err
    quotes = [(e["quote"], e["stance"], e.get("memo"), e.get("key")) for e in _codings(coded)["excerpts"]]
    assert quotes == [("housing shortage", "refutes", "housing", True), ("turn up", "supports", None, None)]


def test_find_ambiguous_needs_nth(coded, run):
    r = run(["code", "po1", "--find", "weekly meetings", "alpha"], cwd=coded)
    assert (r.code, r.out) == (2, "")
    assert r.err == ("error: 'weekly meetings' occurs 2 times in transcript 'po1' (lines 1, 2); "
                     "add --nth N to choose one, or a longer phrase\n")
    assert not (coded / "transcripts/codings").exists()
    r = run(["code", "po1", "--find", "weekly meetings", "--nth", "2", "alpha"], cwd=coded)
    assert r.code == 0
    text = (coded / "transcripts/po1.txt").read_text(encoding="utf-8")
    assert _codings(coded)["excerpts"][0]["start"] == text.index("weekly meetings", text.index("weekly meetings") + 1)


@pytest.mark.parametrize("args,message", [
    (["code", "po1", "2", "alhpa:M1"], "error: unknown code 'alhpa:M1' (did you mean 'alpha:M1'?); codes are "
     "`theory`, `theory:ELEMENT` or `free:name` (see `realist codebook`)\n"),
    (["code", "po1", "2", "alpha:M9"], "error: theory 'alpha' has no element 'M9'; "
     "its elements are C1, C2, I1, M1, O1\n"),
    (["code", "po1", "2", "free:family"], "error: no free code 'family' in codebook.yaml; add it with "
     "`realist codebook add family`\n"),
    (["code", "po1", "5-9", "alpha"], "error: SPAN '5-9' is past the end: transcript 'po1' has 5 lines\n"),
    (["code", "po1", "2:5-2:99", "alpha"], "error: SPAN '2:5-2:99' is past the end of line 2 (69 characters)\n"),
    (["code", "po1", "two", "alpha"], "error: cannot read SPAN 'two'; give lines (12-14), line:column (12:5-14:20) "
     "or --find \"a phrase\"\n"),
    (["code", "po1", "2"], "error: give at least one CODE after the span: `theory`, `theory:ELEMENT` or `free:name`\n"),
    (["code", "po2", "2", "alpha"], "error: no transcript 'po2' (did you mean 'po1'?)\n"),
    (["code", "po1", "--find", "nowhere", "alpha"], "error: 'nowhere' is not in transcript 'po1' (check the "
     "spelling, or see the text with `realist transcripts show po1`)\n"),
    (["code", "po1", "2", "alpha", "--coder", "a b"], "error: coder name 'a b' cannot be used as a file name; "
     "use letters, digits, '.', '_' or '-' (for example --coder alice)\n"),
])
def test_bad_coding_input_is_one_line_exit_2_and_writes_nothing(coded, run, args, message):
    before = sorted(p.relative_to(coded) for p in coded.rglob("*") if ".realist-cache" not in p.parts)
    r = run(args, cwd=coded)
    assert (r.code, r.out, r.err) == (2, "", message)
    after = sorted(p.relative_to(coded) for p in coded.rglob("*") if ".realist-cache" not in p.parts)
    assert after == before


def test_same_span_twice_points_to_recode(coded, run):
    first = run(["code", "po1", "2", "alpha"], cwd=coded).out.strip()
    r = run(["code", "po1", "2", "beta"], cwd=coded)
    assert r.code == 2
    assert r.err == (f"error: alice already coded this passage as excerpt {first} (alpha); change its codes "
                     f"with `realist recode {first} CODE...`\n")


def test_uncode_keeps_a_copy_in_the_trash_and_recode_replaces(coded, run):
    keep = run(["code", "po1", "4", "alpha:C2"], cwd=coded).out.strip()
    gone = run(["code", "po1", "2", "alpha:M1"], cwd=coded).out.strip()
    r = run(["uncode", gone], cwd=coded)
    assert r.code == 0, r.err
    assert [e["id"] for e in _codings(coded)["excerpts"]] == [keep]
    (trashed,) = (coded / ".realist-trash").glob(f"*-uncode-{gone}.yaml")
    saved = yaml.safe_load(trashed.read_text(encoding="utf-8"))
    assert saved["operation"] == "uncode" and saved["excerpt"]["codes"] == ["alpha:M1"]
    assert saved["file"] == "transcripts/codings/po1/alice.yaml"
    r = run(["recode", keep, "beta:C1", "alpha:c2", "--stance", "refines"], cwd=coded)
    assert r.code == 0, r.err
    (item,) = _codings(coded)["excerpts"]
    assert (item["id"], item["codes"], item["stance"]) == (keep, ["beta:C1", "alpha:C2"], "refines")
    assert len(list((coded / ".realist-trash").glob(f"*-recode-{keep}.yaml"))) == 1
    r = run(["uncode", "nosuchid"], cwd=coded)
    assert (r.code, r.err) == (2, "error: no excerpt 'nosuchid'; list them with `realist excerpts`\n")


def test_last_uncode_removes_the_file(coded, run):
    eid = run(["code", "po1", "2", "alpha"], cwd=coded).out.strip()
    run(["uncode", eid], cwd=coded)
    assert not (coded / "transcripts/codings/po1/alice.yaml").exists()


def test_each_coder_has_a_file_of_their_own(coded, run):
    run(["code", "po1", "2", "alpha:M1"], cwd=coded)
    run(["code", "po1", "2", "alpha:M1", "--coder", "bo"], cwd=coded)
    files = sorted(p.name for p in (coded / "transcripts/codings/po1").iterdir())
    assert files == ["alice.yaml", "bo.yaml"]
    ids = {e.id for e in load_excerpts(load_project(coded))}
    assert len(ids) == 2


def test_free_codes_from_the_codebook(coded, run):
    r = run(["codebook", "add", "family-support", "--definition", "Family helps"], cwd=coded)
    assert (r.code, r.err) == (0, "added free:family-support to codebook.yaml\n")
    assert run(["code", "po1", "2", "free:family-support"], cwd=coded).code == 0
    r = run(["codebook", "--format", "json"], cwd=coded)
    rows = {row["code"]: row for row in json.loads(r.out)}
    assert rows["free:family-support"] == {"code": "free:family-support", "kind": "free", "text": "Family helps",
                                           "definition": "Family helps", "excerpts": 1, "coders": ["alice"]}
    assert rows["alpha:M1"]["excerpts"] == 0
    r = run(["codebook", "add", "family-support"], cwd=coded)
    assert (r.code, r.err) == (2, "error: free code 'family-support' is already in codebook.yaml\n")
    r = run(["codebook", "add", "Family Support"], cwd=coded)
    assert r.code == 2


def test_parse_code_canonical(coded):
    project = load_project(coded)
    assert parse_code(project, "alpha:m1") == "alpha:M1"
    assert parse_code(project, " beta ") == "beta"


def test_excerpts_filters_combine(coded, run):
    a = run(["code", "po1", "2", "alpha:M1", "alpha:O1"], cwd=coded).out.strip()
    b = run(["code", "po1", "4", "alpha:C2", "--stance", "refutes"], cwd=coded).out.strip()
    c = run(["code", "po1", "1", "beta:M1", "--coder", "bo"], cwd=coded).out.strip()

    def ids(*args: str) -> list[str]:
        r = run(["excerpts", "--format", "json", *args], cwd=coded)
        assert r.code == 0, r.err
        return [row["id"] for row in json.loads(r.out)]

    assert ids() == [c, a, b]
    assert ids("--theory", "alpha") == [a, b]
    assert ids("--theory", "alpha", "--stance", "refutes") == [b]
    assert ids("--element", "M1") == [c, a]
    assert ids("--theory", "alpha", "--element", "M1") == [a]
    assert ids("--element", "beta:M1") == [c]
    assert ids("--code", "alpha:C2", "--code", "beta:M1") == [c, b]
    assert ids("--coder", "bo") == [c]
    assert ids("--group", "recipient") == [a, b]  # line 1 is the interviewer's question: nobody's
    assert ids("--role", "person on iom", "--site", "Region B") == [a, b]
    assert ids("--site", "Region A") == []
    assert ids("--stage", "second", "--text", "HOUSING") == [b]
    r = run(["excerpts", "--theory", "alpah"], cwd=coded)
    assert (r.code, r.err) == (2, "error: no theory 'alpah' (did you mean 'alpha'?)\n")
    r = run(["excerpts", "--stage", "fourth"], cwd=coded)
    assert r.code == 2 and "not a phase" in r.err


def test_excerpts_json_equals_the_api(coded, run):
    run(["code", "po1", "2", "alpha:M1"], cwd=coded)
    r = run(["excerpts", "--format", "json"], cwd=coded)
    from realist.coding import excerpt_rows

    project = load_project(coded)
    assert json.loads(r.out) == json.loads(json.dumps(excerpt_rows(project, query_excerpts(project))))
    row = json.loads(r.out)[0]
    assert row["attribution"] == "Person on IOM 1, Region B"
    assert attribution(None, "Region C") == "Region C"


def test_excerpts_table_md_csv(coded, run, monkeypatch):
    run(["code", "po1", "2", "alpha:M1", "alpha:O1"], cwd=coded)
    run(["code", "po1", "4", "alpha:C2", "--stance", "refutes"], cwd=coded)
    md = run(["excerpts", "--format", "md", "--stance", "refutes"], cwd=coded).out
    assert md.splitlines()[2:5] == ["> housing shortage makes it hard to keep going.".replace(
        "> housing", "> The housing"), ">", "> — Person on IOM 1, Region B"]
    csv_out = run(["excerpts"], cwd=coded).out  # piped: csv
    assert csv_out.splitlines()[0] == ("id,transcript,lines,codes,stance,coder,attribution,role,group,site,stage,"
                                       "key,quote,memo,memos")
    assert ",alpha:M1;alpha:O1,supports,alice,\"Person on IOM 1, Region B\"," in csv_out
    monkeypatch.setenv("REALIST_WIDTH", "100")
    table = run(["excerpts", "--format", "table"], cwd=coded).out
    assert "— Person on IOM 1, Region B" in table and "alpha:M1,O1" in table


def test_transcripts_show_has_codes_in_the_margin(coded, run):
    eid = run(["code", "po1", "2-4", "alpha:M1", "alpha:C2"], cwd=coded).out.strip()
    r = run(["transcripts", "show", "po1"], cwd=coded)
    assert r.code == 0
    lines = r.out.splitlines()
    assert lines[0] == "po1: interview, stage second, site —"
    assert lines[2] == (f"   2  Sam: Honestly the weekly meetings help. She listens and I feel heard.    "
                        f"| ▸ {eid} alpha:M1,C2")
    assert lines[3].endswith(f"| ┆ {eid}") and lines[4].endswith(f"| ┆ {eid}")
    assert lines[5] == "   5  Sam: But I still turn up."


def test_transcripts_list(coded, run):
    run(["code", "po1", "2", "alpha"], cwd=coded)
    r = run(["transcripts", "list", "--format", "json"], cwd=coded)
    (row,) = json.loads(r.out)
    assert (row["id"], row["stage"], row["excerpts"], row["coders"], row["lines"]) == ("po1", "second", 1,
                                                                                         ["alice"], 5)


def test_code_without_span_says_when_the_screen_cannot_start(coded, run, monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "realist.tui.app", None)  # as if textual were missing
    r = run(["code", "po1"], cwd=coded)
    assert r.code == 2
    assert r.err.startswith("error: the interactive coding screen cannot start (")
    assert r.err.endswith("or give a SPAN and CODE to code from the command line (see `realist code --help`)\n")


def test_check_verifies_every_excerpt(coded, run):
    run(["code", "po1", "2", "alpha:M1"], cwd=coded)
    assert run(["check"], cwd=coded).code == 0
    path = coded / "transcripts/po1.txt"
    path.write_text(path.read_text(encoding="utf-8").replace("Honestly", "Truly"), encoding="utf-8")
    codings = coded / "transcripts/codings/po1/alice.yaml"
    codings.write_text(codings.read_text(encoding="utf-8").replace('"alpha:M1"', '"alpha:M7"'), encoding="utf-8")
    r = run(["check"], cwd=coded)
    assert r.code == 1
    eid = _codings(coded)["excerpts"][0]["id"]
    assert r.out.splitlines() == [
        f"transcripts/codings/po1/alice.yaml:2:3: excerpt {eid} no longer matches transcript 'po1' at 55-119 "
        "(expected \"Honestly the weekly meetings help. She …\"); run `realist reanchor`",
        f"transcripts/codings/po1/alice.yaml:2:3: excerpt {eid}: unknown code 'alpha:M7' (did you mean 'alpha:M1'?)",
        "transcripts/po1.txt:1:1: warning: was edited since it was imported; run `realist reanchor --apply` to "
        "re-locate its excerpts and record the new text",
    ]


def test_add_excerpt_api(coded):
    project = load_project(coded)
    e = add_excerpt(project, "po1", 0, 12, ["alpha"], coder="cara", memo="m", key=True)
    assert e.quote == "Interviewer:" and e.coder == "cara" and e.key
    with pytest.raises(Exception, match="past the end"):
        add_excerpt(project, "po1", 10, 10_000, ["alpha"], coder="cara")


def test_codings_file_is_yaml_and_json_and_a_hand_written_yaml_file_is_read(coded, run):
    eid = run(["code", "po1", "2", "alpha:M1", "--memo", "odd\u2028line\x85and\ufefftext \"quoted\""],
              cwd=coded).out.strip()
    path = coded / "transcripts/codings/po1/alice.yaml"
    raw = path.read_text(encoding="utf-8")
    assert "\u2028" not in raw and "\\u2028" in raw
    assert yaml.safe_load(raw) == json.loads(raw)
    (e,) = load_excerpts(load_project(coded))
    assert e.memo == "odd\u2028line\x85and\ufefftext \"quoted\""
    data = json.loads(raw)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=False), encoding="utf-8")  # a person's style
    (again,) = load_excerpts(load_project(coded))
    assert (again.id, again.memo, again.codes) == (eid, e.memo, ["alpha:M1"])
    assert run(["check"], cwd=coded).code == 0
    assert run(["recode", eid, "alpha:O1"], cwd=coded).code == 0


def test_check_reports_a_merge_conflict_in_a_codings_file(coded, run):
    run(["code", "po1", "2", "alpha:M1"], cwd=coded)
    path = coded / "transcripts/codings/po1/alice.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([lines[0], "<<<<<<< HEAD", lines[1], "=======", lines[1], ">>>>>>> other", *lines[2:]])
                    + "\n", encoding="utf-8")
    r = run(["check"], cwd=coded)
    assert r.code == 1
    assert r.out == ("transcripts/codings/po1/alice.yaml:2:1: contains git merge-conflict markers (<<<<<<<): "
                     "resolve the conflict, then run the command again\n")
    r = run(["excerpts"], cwd=coded)
    assert (r.code, r.err) == (2, "error: transcripts/codings/po1/alice.yaml:2:1: contains git merge-conflict "
                                  "markers (<<<<<<<): resolve the conflict, then run the command again\n")


def test_a_passage_opening_with_the_question_is_the_answerers(coded, run):
    eid = run(["code", "po1", "3-4", "alpha:C2"], cwd=coded).out.strip()
    (e,) = load_excerpts(load_project(coded))
    assert (e.id, e.participant) == (eid, "P02")
    only_question = run(["code", "po1", "3", "alpha"], cwd=coded).out.strip()
    assert {x.id: x.participant for x in load_excerpts(load_project(coded))}[only_question] is None
