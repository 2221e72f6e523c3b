"""`realist export tables`: every table numbered and captioned, real structure in Word, Excel, LaTeX, HTML."""

from __future__ import annotations

import csv
import io

import pytest

from realist.export.catalogue import build_tables
from realist.export.settings import settings_of
from realist.export.theory_tables import sources_phrase, theory_groups
from realist.store.project import load_project
from tests.conftest import REPO


@pytest.fixture(scope="module")
def example():
    return load_project(REPO)


def _expected_theory_rows(project):
    """(title, if, then, because, rating, source labels) per theory, straight from the theory files."""
    settings = settings_of(project)
    out = {}
    for _gid, _title, members in theory_groups(project, settings):
        for t in members:
            out[t.title] = (t.statement.if_, t.statement.then, t.statement.because, t.strength.rating,
                            sources_phrase(project, t.strength.sources, settings))
    return out


def test_worked_example_tables_are_numbered_like_the_report(example):
    tables = build_tables(example, ["toc", "theories", "phases", "quantitative"])
    assert [(t.number, t.name) for t in tables] == [
        ("A.1", "toc"), ("B.1", "theories-foundations"), ("B.2", "theories-carrot"), ("B.3", "theories-stick"),
        ("B.4", "phases"),
        ("5.1", "evidence-oasys-needs-12-months"), ("5.2", "evidence-oasys-needs-24-months"),
        ("5.3", "evidence-psm-reoffending-rate"), ("5.4", "evidence-psm-reoffending-frequency"),
        ("5.5", "evidence-psm-time-to-reoffence"),
    ]
    assert tables[1].caption == example.manifest.groups["foundations"]
    assert all(t.caption for t in tables)


def test_stance_counts_agree_in_number():
    from realist.export.coding_tables import stance_counts

    assert stance_counts({"refines": 3, "supports": 1, "inconclusive": 2}) == "1 supports\n3 refine\n2 inconclusive"
    assert stance_counts({}) == ""


def test_sources_read_like_the_report(example):
    settings = settings_of(example)
    qualitative = [s for s, v in example.manifest.strands.items() if v.kind == "qualitative"]
    assert sources_phrase(example, qualitative, settings) == "All qualitative data"
    assert sources_phrase(example, qualitative + ["oasys"], settings) == \
        "All qualitative data, and OASys and nDelius needs data"
    assert sources_phrase(example, ["staff-interviews", "observations"], settings) == \
        "Interviews with IOM staff and non-participant observations"


def test_xlsx_theory_tables_cell_by_cell(example, run, tmp_path):
    from openpyxl import load_workbook

    r = run(["export", "tables", "--only", "theories", "--format", "xlsx", "--out", str(tmp_path)], cwd=REPO)
    assert r.code == 0, r.err
    assert r.err.splitlines()[-1] == "3 tables: B.1, B.2, B.3"
    wb = load_workbook(tmp_path / "tables.xlsx")
    assert wb.sheetnames == ["Table B.1", "Table B.2", "Table B.3"]
    expected = _expected_theory_rows(example)
    seen = set()
    for number, group in zip(("B.1", "B.2", "B.3"), ("foundations", "carrot", "stick"), strict=True):
        ws = wb[f"Table {number}"]
        assert ws["A1"].value == f"Table {number}: {example.manifest.groups[group]}"
        assert ws.freeze_panes == "A3"
        assert [c.value for c in ws[2]] == ["Theory title", "If..", "Then..", "Because..",
                                           "Strength and sources of evidence"]
        assert all(c.font.bold for c in ws[2])
        for row in ws.iter_rows(min_row=3, values_only=True):
            if row[0] is None:
                break
            if_, then, because, rating, sources = expected[row[0]]
            assert row[1:4] == (if_, then, because)
            assert row[4] == f"{rating.capitalize()}\nSource: {sources}"
            assert example.theories[_id(example, row[0])].group == group
            seen.add(row[0])
        assert ws.column_dimensions["B"].width >= 10
    assert seen == set(expected)


def _id(project, title):
    return next(t.id for t in project.theories.values() if t.title == title)


def test_docx_theory_tables_cell_by_cell(example, run, tmp_path):
    from docx import Document

    r = run(["export", "tables", "--format", "docx", "--out", str(tmp_path)], cwd=REPO)
    assert r.code == 0, r.err
    doc = Document(str(tmp_path / "tables.docx"))
    captions = [p.text for p in doc.paragraphs if p.style.name == "Caption"]
    assert captions[:4] == ["Table A.1: Theory of change"] + [
        f"Table B.{i}: {example.manifest.groups[g]}" for i, g in enumerate(("foundations", "carrot", "stick"), 1)]
    assert len(captions) == len(doc.tables)
    expected = _expected_theory_rows(example)
    seen = set()
    for table in doc.tables[1:4]:
        assert table.style.name == "Table Grid"
        header = table.rows[0]
        assert [c.text for c in header.cells][:2] == ["Theory title", "If.."]
        assert header._tr.trPr.xml.count("tblHeader") == 1  # repeats on every page
        for row in table.rows[1:]:
            cells = [c.text for c in row.cells]
            if_, then, because, rating, sources = expected[cells[0]]
            assert cells[1:4] == [if_, then, because]
            assert [p.text for p in row.cells[4].paragraphs] == [rating.capitalize(), f"Source: {sources}"]
            seen.add(cells[0])
    assert seen == set(expected)
    toc = doc.tables[0]
    inputs = toc.rows[1].cells
    assert inputs[0].text == "Inputs"
    assert [p.text for p in inputs[1].paragraphs] == [e.text for e in example.toc.inputs]
    assert {p.style.name for p in inputs[1].paragraphs} == {"List Bullet"}


def test_markdown_to_stdout_with_caption_and_notes(make_project, run):
    root = make_project()
    r = run(["export", "tables", "--only", "theories-carrot"], cwd=root)
    assert r.code == 0, r.err
    assert r.out == (
        "# Test evaluation: appendix\n\n"
        "**Table B.1: The carrot**\n\n"
        "| Theory title | If.. | Then.. | Because.. | Strength and sources of evidence |\n"
        "|---|---|---|---|---|\n"
        "| Alpha | staff listen | people engage | they feel heard | Plausible<br>Source: Staff interviews |\n")


def test_phases_matrix(make_project, run):
    root = make_project()
    r = run(["export", "tables", "--only", "phases", "--format", "csv"], cwd=root)
    assert r.code == 0, r.err
    rows = list(csv.reader(io.StringIO(r.out)))
    assert rows == [["Theory", "Initial", "Second", "Third"], ["Alpha", "proposed", "", ""],
                    ["Beta", "proposed", "supported", ""]]


def test_csv_one_file_per_table(make_project, run, tmp_path):
    root = make_project()
    out = tmp_path / "csv"
    r = run(["export", "tables", "--format", "csv", "--out", str(out)], cwd=root)
    assert r.code == 0, r.err
    assert sorted(p.name for p in out.iterdir()) == ["B.1-theories-carrot.csv", "B.2-theories-stick.csv",
                                                     "B.3-phases.csv"]
    text = (out / "B.2-theories-stick.csv").read_text(encoding="utf-8-sig")
    assert text.splitlines()[1].startswith("Beta,breaches meet quick responses,")


def test_latex_booktabs_and_escaping(make_project, run):
    root = make_project({"theories/alpha.yaml": "id: alpha\ntitle: Alpha & 100% sure\ngroup: carrot\n"
                                                 "statement: {if: a_b, then: c, because: d}\n"})
    r = run(["export", "tables", "--only", "B.1", "--format", "tex"], cwd=root)
    assert r.code == 0, r.err
    assert r"\usepackage{booktabs,tabularx,array}" in r.out
    assert r"\renewcommand{\thetable}{B.1}" in r.out and r"\caption{The carrot}" in r.out
    assert r"\toprule" in r.out and r"\midrule" in r.out and r"\bottomrule" in r.out
    assert r"Alpha \& 100\% sure & a\_b & c & d & Not yet rated \\" in r.out


def test_html_has_caption_header_and_lists(example):
    from realist.export.writers import table_html

    toc = build_tables(example, ["toc"])[0]
    page = table_html(toc)
    assert "<caption>Table A.1: Theory of change</caption>" in page
    assert '<th scope="col">Stage</th>' in page
    assert f"<li>{example.toc.impact[0].text}</li>" in page


def test_only_unknown_name_suggests(make_project, run):
    root = make_project()
    r = run(["export", "tables", "--only", "theoris"], cwd=root)
    assert r.code == 2
    assert r.err == ("error: no table 'theoris' (did you mean 'theories'?); choose a kind (toc, theories, phases, "
                     "quantitative, evidence, codebook, quotations), or a name or number from "
                     "`realist export tables --list`\n")


def test_only_kind_with_no_tables_says_so(make_project, run):
    root = make_project()
    r = run(["export", "tables", "--only", "toc"], cwd=root)
    assert r.code == 2
    assert r.err == ("error: nothing to export: the project has no toc tables yet "
                     "(see `realist export tables --list` for what there is)\n")


def test_wording_and_numbering_from_realist_yaml(make_project, run):
    from tests.conftest import MANIFEST

    manifest = MANIFEST + ("report:\n  numbering: {theories: C}\n  theory_order: [beta, alpha]\n"
                           "  wording: {theory_title: Theory, source: 'Evidence: {sources}'}\n")
    root = make_project({"realist.yaml": manifest})
    r = run(["export", "tables", "--list"], cwd=root)
    assert r.out.splitlines() == ["C.1\ttheories-carrot\tThe carrot", "C.2\ttheories-stick\tThe stick",
                                  "B.1\tphases\tPhases of iteration: what happened to each theory in each phase"]
    r = run(["export", "tables", "--only", "C.1"], cwd=root)
    assert "| Theory | If.. |" in r.out and "Plausible<br>Evidence: Staff interviews |" in r.out
    r = run(["export", "tables", "--only", "phases", "--format", "csv"], cwd=root)
    assert [row[0] for row in csv.reader(io.StringIO(r.out))] == ["Theory", "Beta", "Alpha"]


@pytest.mark.parametrize("setting,message", [
    ("report:\n  wording: {theory_titel: X}\n",
     "report.wording has no entry 'theory_titel' (did you mean 'theory_title'?); see docs/tables.md for the list"),
    ("report:\n  theory_order: [gamma]\n", "report.theory_order names 'gamma', which is not a theory"),
    ("report:\n  wording: {source: 'From {strands}'}\n",
     "report.wording.source in realist.yaml uses 'strands', which is not available here; use only {sources}"),
])
def test_bad_settings_are_one_clear_line(make_project, run, setting, message):
    from tests.conftest import MANIFEST

    root = make_project({"realist.yaml": MANIFEST + setting})
    r = run(["export", "tables"], cwd=root)
    assert r.code == 2
    assert r.err.endswith(f"{message}\n")
    assert r.out == ""


def test_every_wording_entry_is_documented():
    from realist.export.settings import WORDING

    doc = (REPO / "docs" / "tables.md").read_text(encoding="utf-8")
    missing = [key for key in WORDING if f"| `{key}` |" not in doc]
    assert missing == []


def test_out_must_be_a_folder(make_project, run):
    root = make_project()
    r = run(["export", "tables", "--format", "docx", "--out", "tables.docx"], cwd=root)
    assert r.code == 2
    assert r.err == ("error: --out takes a folder, not a file name ('tables.docx'); "
                     "tables.docx is written inside it\n")
    assert not (root / "tables.docx").exists()


def test_report_settings_typo_is_a_positioned_finding(make_project, run):
    from tests.conftest import MANIFEST

    root = make_project({"realist.yaml": MANIFEST + "report:\n  wordng: {theory_title: Theory}\n"})
    r = run(["check"], cwd=root)
    assert r.code == 1
    assert "realist.yaml:17:3" in r.out and "wordng" in r.out
