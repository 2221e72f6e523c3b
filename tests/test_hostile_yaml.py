"""Hostile and broken YAML: every case ends in a finding (exit 1) or one clear line (exit 2).

Never a traceback, never a hang, never a write.
"""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import THEORY_A

ALIAS_BOMB = """\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
id: alpha
"""

CASES = {
    "alias bomb": ALIAS_BOMB,
    "deep nesting": "id: alpha\ntitle: " + "[" * 200 + "]" * 200 + "\n",
    "tab indentation": THEORY_A.replace("  - {id: C1", "\t- {id: C1"),
    "duplicate keys": THEORY_A + "title: again\n",
    "non-utf8": THEORY_A.encode() + b"\xff\xfe\xfa",
    "list at top": "- a\n- b\n",
    "scalar at top": "just a sentence\n",
    "empty file": "",
    "huge scalar": "id: alpha\ntitle: " + "x" * 2_000_000 + "\n",
    "wrong types everywhere": "id: 5\ntitle: [1]\nstatement: yes\ncontexts: {a: b}\nhistory: 3\n",
    "python tag": "id: !!python/object/apply:os.system ['echo pwned']\n",
    "binary renamed": bytes(range(256)) * 4,
    "utf-16": THEORY_A.encode("utf-16"),
}


@pytest.mark.parametrize("name", list(CASES))
def test_hostile_theory_file(make_project, run, name):
    content = CASES[name]
    root = make_project({"theories/alpha.yaml": content})
    before = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
    start = time.monotonic()
    r = run(["check"], cwd=root)
    assert time.monotonic() - start < 10
    assert r.code == 1, (name, r.out, r.err)
    assert "Traceback" not in r.err and "unexpected problem" not in r.err
    assert any(line.startswith("theories/alpha.yaml:") for line in r.out.splitlines()), r.out
    other = run(["theories"], cwd=root)
    assert other.code == 2 and other.err.startswith("error: theories/alpha.yaml:")
    assert len(other.err.strip().splitlines()) == 1
    assert {p: p.read_bytes() for p in root.rglob("*") if p.is_file() and ".realist-cache" not in p.parts} == before


def _mutate(text: str, data: st.DataObject) -> str:
    ops = data.draw(st.lists(st.tuples(st.sampled_from(["delete", "insert", "replace"]),
                                       st.integers(0, max(0, len(text) - 1)),
                                       st.text(alphabet=":-[]{}#&*!|>'\"\t\n ,?%@`abc1", max_size=4)),
                             min_size=1, max_size=6))
    for op, at, chunk in ops:
        if op == "delete":
            text = text[:at] + text[at + len(chunk) + 1:]
        elif op == "insert":
            text = text[:at] + chunk + text[at:]
        else:
            text = text[:at] + chunk + text[at + len(chunk):]
    return text


@pytest.mark.slow
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_mutated_yaml_never_crashes(make_project, run, data):
    root = make_project()
    target = data.draw(st.sampled_from(["theories/alpha.yaml", "realist.yaml"]))
    path = root / target
    path.write_text(_mutate(path.read_text(), data))
    r = run(["check"], cwd=root)
    assert r.code in (0, 1), r.err
    assert "Traceback" not in r.err and "unexpected problem" not in r.err
    for line in r.out.splitlines():
        assert line.split(":", 1)[0] in ("theories/alpha.yaml", "realist.yaml", "theories/beta.yaml"), line
    r2 = run(["theories"], cwd=root)
    assert r2.code in (0, 2)
    assert "unexpected problem" not in r2.err


def test_a_finding_is_always_one_line(make_project, run):
    from tests.conftest import MANIFEST

    root = make_project({"realist.yaml": MANIFEST.replace("phases: [initial, second, third]",
                                                          'phases: ["init\\nial", second]')})
    r = run(["check"], cwd=root)
    assert r.code == 1
    lines = r.out.splitlines()
    assert lines and all(line.split(":", 1)[0].endswith(".yaml") for line in lines), r.out
    assert lines[0].startswith("realist.yaml:6:10: 'init\\nial' is not a valid value here")


def test_cut_transcript_metadata_is_one_line_on_every_reading_path(make_project, run):
    """Found by the fuzz test: `speakers:` cut to a string crashed the cached reading path."""
    text = "Interviewer: tell me\n" + "".join(f"Sam: line {i} about trust.\n" for i in range(20))
    root = make_project({"s1.txt": text})
    assert run(["transcripts", "import", "s1.txt"], cwd=root).code == 0
    meta = root / "transcripts" / "s1.yaml"
    data = meta.read_text(encoding="utf-8")
    cut = data[: data.index("speakers:\n") + len("speakers:\n  Inte")]
    meta.write_text(cut, encoding="utf-8")
    assert run(["check"], cwd=root).code == 1
    for args in (["transcripts", "list"], ["transcripts", "show", "s1"], ["excerpts"]):
        r = run(args, cwd=root)
        assert (r.code, r.err) == (2, "error: transcripts/s1.yaml: is not a readable transcript metadata file "
                                      "(a value has the wrong type); run `realist check` to see which\n"), args


def test_participant_number_of_the_wrong_type_is_one_line(make_project, run):
    """Found by the fuzz test: a mangled `number:` raised ValueError from int()."""
    root = make_project()
    assert run(["participants", "add", "--role", "Officer", "--group", "staff"], cwd=root).code == 0
    path = root / "transcripts" / "participants.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("number: 1", "number: 1[[["), encoding="utf-8")
    assert "1[[[" in path.read_text(encoding="utf-8")
    assert run(["check"], cwd=root).code == 1
    r = run(["participants", "list"], cwd=root)
    assert r.code == 2
    assert r.err.startswith("error: transcripts/participants.yaml: participant 1 has a value of the wrong type")
