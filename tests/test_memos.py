"""Memos: plain-text files under memos/, written by `realist memo add`, shown in `theory show`."""

from __future__ import annotations

import datetime as dt

import pytest

from realist.errors import InputError
from realist.store.memos import format_memo, load_memos, new_memo, parse_memo


def test_file_round_trip_keeps_every_field():
    memo = new_memo("alpha:M1", "First line.\n\nA second: paragraph # not a comment\n", "Coder: A",
                    now=dt.datetime(2026, 3, 4, 5, 6, 7, tzinfo=dt.timezone.utc))
    text = format_memo(memo)
    assert text.startswith(f"---\nid: {memo.id}\non: alpha:M1\nauthor: \"Coder: A\"\ndate: 2026-03-04T05:06:07Z\n---\n")
    again = parse_memo(text)
    assert (again.id, again.on, again.author, again.date, again.text) == (
        memo.id, "alpha:M1", "Coder: A", "2026-03-04T05:06:07Z", "First line.\n\nA second: paragraph # not a comment")


def test_hand_written_memo_without_id_takes_the_file_name(tmp_path):
    folder = tmp_path / "memos" / "theirs"
    folder.mkdir(parents=True)
    (folder / "my-note.md").write_text("---\non: beta\ndate: 2026-01-02\n---\nWritten by hand.\n", encoding="utf-8")
    (tmp_path / "memos" / "broken.md").write_text("no front matter\n", encoding="utf-8")
    found = load_memos(tmp_path)
    assert [(m.id, m.on, m.date, m.author) for m in found.memos] == [("my-note", "beta", "2026-01-02", None)]
    assert [(p.path.name, p.line) for p in found.problems] == [("broken.md", 1)]


@pytest.mark.parametrize("text,line,message", [
    ("on: x\n", 1, "a memo starts with a '---' line"),
    ("---\non: x\ndate: 2026-01-01\n", 1, "the front matter is never closed"),
    ("---\non: [x\ndate: 2026-01-01\n---\nx\n", 3, "the front matter is not valid YAML"),
    ("---\ndate: 2026-01-01\n---\nx\n", 2, "the front matter has no 'on:'"),
])
def test_unusable_memo_files_say_where(text, line, message):
    with pytest.raises(InputError) as err:
        parse_memo(text)
    assert err.value.line == line
    assert err.value.message.startswith(message)


def test_memo_add_list_show_and_theory_show(make_project, run):
    root = make_project()
    r = run(["memo", "add", "--on", "alpha:m1", "--text", "People feel heard\nonly with time.", "--author", "ann"],
            cwd=root)
    assert r.code == 0, r.err
    (path,) = (root / "memos").glob("*.md")
    memo_id = path.read_text(encoding="utf-8").split("\n")[1].removeprefix("id: ")
    assert r.err == f"memo {memo_id} on alpha:M1 saved (memos/{path.name})\n"
    assert run(["memo", "add", "--on", "alpha", "--text", "Holds at both sites", "--author", "bo"], cwd=root).code == 0
    assert run(["memo", "add", "--on", "beta", "--text", "Not yet tested", "--author", "bo"], cwd=root).code == 0

    r = run(["memo", "list", "--on", "alpha"], cwd=root)
    lines = r.out.splitlines()
    assert lines[0] == "id\tdate\tauthor\ton\tmemo"
    # oldest first; these two were written in the same second, so in either order
    assert sorted(line.split("\t")[2:] for line in lines[1:]) == [["ann", "alpha:M1", "People feel heard"],
                                                                   ["bo", "alpha", "Holds at both sites"]]
    assert len(run(["memo", "list"], cwd=root).out.splitlines()) == 4
    assert len(run(["memo", "list", "--author", "BO"], cwd=root).out.splitlines()) == 3

    r = run(["memo", "show", memo_id[:4]], cwd=root)
    assert r.code == 0
    assert r.out.splitlines()[0] == f"memo {memo_id} on alpha:M1"
    assert r.out.splitlines()[2] == "Alpha, M1: Feeling heard"
    assert r.out.endswith("People feel heard\nonly with time.\n")

    r = run(["theory", "show", "alpha"], cwd=root)
    assert "Memos (2)" in r.out
    assert f"ann  on M1  [{memo_id}]" in r.out and "Holds at both sites" in r.out
    assert "Not yet tested" not in r.out


def test_memo_add_refuses_unknown_targets_and_empty_text(make_project, run):
    root = make_project()
    r = run(["memo", "add", "--on", "alpah", "--text", "x"], cwd=root)
    assert r.code == 2
    assert r.err == ("error: no theory or excerpt 'alpah' (did you mean 'alpha'?); "
                     "a memo is on a theory, THEORY:ELEMENT or an excerpt id\n")
    r = run(["memo", "add", "--on", "alpha:M7", "--text", "x"], cwd=root)
    assert r.err == "error: theory 'alpha' has no element 'M7'; its elements are C1, C2, I1, M1, O1\n"
    r = run(["memo", "add", "--on", "alpha", "--text", "   "], cwd=root)
    assert r.err == "error: the memo is empty: give its text with --text \"...\" (or --file FILE)\n"
    assert not (root / "memos").exists()
    r = run(["memo", "show", "mzzz"], cwd=root)
    assert r.code == 2 and r.err.startswith("error: no memo 'mzzz'")


def test_memo_text_from_stdin(make_project, run):
    root = make_project()
    r = run(["memo", "add", "--on", "beta", "--author", "cy"], cwd=root, input="Piped in.\n")
    assert r.code == 0, r.err
    assert "Piped in." in run(["memo", "list", "--format", "md"], cwd=root).out


def test_check_reports_unreadable_memos_and_memos_on_nothing(make_project, run):
    root = make_project({
        "memos/ok.md": "---\non: alpha:M1\ndate: 2026-01-01\n---\nfine\n",
        "memos/gone.md": "---\nid: m1\non: gamma\ndate: 2026-01-01\n---\ntheory renamed since\n",
        "memos/no-element.md": "---\nid: m2\ndate: 2026-01-01\non: beta:O9\n---\nx\n",
        "memos/free.md": "---\nid: m3\non: free:nothing\ndate: 2026-01-01\n---\nx\n",
        "memos/excerpt.md": "---\nid: m4\non: excerpt:abcdefgh\ndate: 2026-01-01\n---\nx\n",
        "memos/broken.md": "---\non: alpha\n",
    })
    r = run(["check"], cwd=root)
    assert r.code == 1
    assert r.out.splitlines() == [
        "memos/broken.md:1:1: the front matter is never closed: add a '---' line before the memo text",
        "memos/excerpt.md:3:1: warning: memo m4 is on excerpt:abcdefgh, but there is no excerpt 'abcdefgh'; "
        "the memo is kept: correct its on: line",
        "memos/free.md:3:1: warning: memo m3 is on free:nothing, but there is no free code 'nothing' in "
        "codebook.yaml; the memo is kept: correct its on: line",
        "memos/gone.md:3:1: warning: memo m1 is on gamma, but there is no theory 'gamma'; the memo is kept: "
        "correct its on: line",
        "memos/no-element.md:4:1: warning: memo m2 is on beta:O9, but there is no element 'O9' in theory 'beta'; "
        "the memo is kept: correct its on: line",
    ]
