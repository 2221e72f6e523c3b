"""Evidence matrix, codebook and quotation appendix of a small coded project."""

from __future__ import annotations

import pytest

from tests.conftest import MANIFEST

INTERVIEW = """\
Interviewer: How do you find the meetings?
Sam: Honestly, when she listens to me I feel heard and I turn up every week.
Interviewer: And when things go wrong?
Sam: If I breach they come quick, so I keep my head down.
"""

OFFICER = """\
Interviewer: What makes the difference?
Jo: Weekly meetings with small caseloads, that is what makes people engage.
"""


@pytest.fixture
def coded(make_project, run, tmp_path):
    manifest = MANIFEST + 'attribution: {format: "— {role} {number}, {site}"}\n'
    root = make_project({"realist.yaml": manifest, "codebook.yaml": "codes:\n  - {name: family, definition: "
                                                                    "Family keep the person going}\n"})
    (tmp_path / "sam.txt").write_text(INTERVIEW, encoding="utf-8")
    (tmp_path / "jo.txt").write_text(OFFICER, encoding="utf-8")
    steps = [
        ["participants", "add", "--role", "Person receiving IOM", "--group", "recipient", "--site", "Region A",
         "--strand", "recipient-interviews"],
        ["participants", "add", "--role", "Probation Officer", "--group", "staff", "--site", "Region B",
         "--strand", "staff-interviews"],
        ["transcripts", "import", str(tmp_path / "sam.txt"), "--id", "sam", "--stage", "initial", "--participant",
         "P01"],
        ["transcripts", "import", str(tmp_path / "jo.txt"), "--id", "jo", "--stage", "second", "--participant",
         "P02"],
        ["code", "sam", "--find", "when she listens to me I feel heard", "alpha:M1", "alpha:O1", "--key",
         "--coder", "ann"],
        ["code", "sam", "--find", "If I breach they come quick", "beta:C1", "--coder", "ann"],
        ["code", "sam", "--find", "I keep my head down", "beta:O1", "--stance", "refines", "--coder", "ann",
         "--key"],
        ["code", "jo", "--find", "Weekly meetings with small caseloads", "alpha:I1", "alpha:C1", "--coder", "ann",
         "--key"],
        ["code", "jo", "--find", "makes people engage", "alpha", "--stance", "refutes", "--coder", "ann"],
    ]
    for args in steps:
        r = run(args, cwd=root)
        assert r.code == 0, (args, r.err)
    return root


def test_quotation_appendix_per_theory_with_attributions(coded, run):
    r = run(["export", "tables", "--only", "quotations", "--format", "csv", "--out", "q"], cwd=coded)
    assert r.code == 0, r.err
    alpha = (coded / "q" / "E.1-quotations-alpha.csv").read_text(encoding="utf-8-sig")
    assert alpha.splitlines() == [
        "Quotation,Attributed to,Codes",
        "“Weekly meetings with small caseloads”,\"— Probation Officer 1, Region B\",\"C1, I1\"",
        "“when she listens to me I feel heard”,"
        "\"— Person receiving IOM 1, Region A\",\"M1, O1\"",
    ]
    beta = (coded / "q" / "E.2-quotations-beta.csv").read_text(encoding="utf-8-sig")
    assert beta.splitlines()[1] == "“I keep my head down”,\"— Person receiving IOM 1, Region A\",O1 (refines)"


def test_evidence_matrix_counts_stances_by_strand(coded, run):
    import csv
    import io

    r = run(["export", "tables", "--only", "evidence", "--format", "csv"], cwd=coded)
    assert r.code == 0, r.err
    rows = list(csv.reader(io.StringIO(r.out)))
    assert rows == [
        ["Theory", "Staff interviews", "Recipient interviews", "Matched comparison"],
        ["Alpha", "1 supports\n1 refutes", "1 supports", ""],
        ["Beta", "", "1 supports\n1 refines", ""],
    ]


def test_codebook_lists_every_code_with_counts(coded, run):
    import csv
    import io

    r = run(["export", "tables", "--only", "codebook", "--format", "csv"], cwd=coded)
    assert r.code == 0, r.err
    rows = {row[0]: row[1:] for row in csv.reader(io.StringIO(r.out))}
    assert rows["Code"] == ["Definition", "Excerpts"]
    assert rows["alpha"] == ["If staff listen, then people engage, because they feel heard.", "1"]
    assert rows["alpha:C1"] == ["Context (requirement): Small caseloads", "1"]
    assert rows["alpha:M1"] == ["Mechanism (reasoning): Feeling heard", "1"]
    assert rows["alpha:O1"] == ["Outcome (short term): Engagement", "1"]
    assert rows["alpha:C2"] == ["Context (barrier): Housing shortage", "0"]
    assert rows["free:family"] == ["Family keep the person going", "0"]
    assert list(rows)[-1] == "free:family"


def test_report_quotes_key_excerpts_under_their_theory(coded, run):
    from realist.export.report import Heading, Quote, report_blocks
    from realist.store.project import load_project

    blocks = report_blocks(load_project(coded)).blocks
    under: dict[str, list[str]] = {}
    current = ""
    for b in blocks:
        if isinstance(b, Heading) and b.level == 4:
            current = b.text
        if isinstance(b, Quote):
            under.setdefault(current, []).append(f"{b.text} {b.attribution}")
    assert under == {
        "Alpha": ["Weekly meetings with small caseloads — Probation Officer 1, Region B",
                  "when she listens to me I feel heard — Person receiving IOM 1, Region A"],
        "Beta": ["I keep my head down — Person receiving IOM 1, Region A"],
    }


def test_attribution_format_with_missing_site_drops_the_comma():
    from realist.export.coding_tables import attribute
    from realist.export.settings import Settings
    from realist.model import Participant

    settings = Settings()
    assert attribute(settings, Participant("P1", role="Police Sergeant", number=1, site="Region C"), None) == \
        "— Police Sergeant 1, Region C"
    assert attribute(settings, Participant("P1", role="Police Sergeant", number=2), None) == "— Police Sergeant 2"
    settings.attribution = "({role}, {stage})"
    assert attribute(settings, Participant("P1", role="Nurse"), None) == "(Nurse)"


def test_worked_example_quotation_appendix_matches_the_key_excerpts():
    from realist.coding import load_participants, query_excerpts
    from realist.export.catalogue import build_tables
    from realist.store.project import load_project
    from tests.conftest import REPO

    project = load_project(REPO)
    people = load_participants(project)
    tables = {t.name: t for t in build_tables(project, ["quotations"])}
    assert tables, "the worked example marks key quotations"
    for theory_id in project.theories:
        key = query_excerpts(project, theory=theory_id, key=True)
        table = tables.get(f"quotations-{theory_id}")
        assert len(key) == (len(table.frame) if table is not None else 0)
        if table is None:
            continue
        assert table.caption == f"Key quotations: {project.theories[theory_id].title}"
        for excerpt, (quote, attributed, _codes) in zip(key, table.rows(), strict=True):
            assert quote == f"“{' '.join(excerpt.quote.split())}”"
            person = people[excerpt.participant]
            assert attributed.startswith(f"— {person.role} {person.number}")
