"""`.qdc` codebooks: valid against the shipped XSD, stable, and theories come back whole."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET

import pytest
import xmlschema
from hypothesis import HealthCheck, given, settings

from realist.refiqda.guids import guid
from tests.conftest import REPO
from tests.test_roundtrip import theories

XSD = REPO / "realist" / "schemas" / "refi-qda"
NS = "{urn:QDA-XML:codebook:1.0}"


def codebook_schema() -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(str(XSD / "Codebook-mrt2019.xsd"))


def test_the_shipped_schemas_are_the_published_ones():
    import hashlib

    sums = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in XSD.glob("*.xsd")}
    assert sums == {"Project-mrt2019.xsd": "a2cc1ffb4ab1c07c51d6c78e69f2c9968458a9f0ad3b317ddde27f1e86f15a15",
                    "Codebook-mrt2019.xsd": "62a941a02df90991fd9e18bd97c571b88e3c493a722ef1e45a7247f787849c75"}
    assert "ComputationalThematicAnalysisToolkit" in (XSD / "SOURCES.txt").read_text()


def test_export_qdc_is_valid_stable_and_shaped(make_project, tmp_path, run):
    root = make_project({"codebook.yaml": "codes:\n  - {name: family-support, definition: Family help}\n"})
    r = run(["export", "qdc", str(tmp_path / "a.qdc")], cwd=root)
    assert r.code == 0
    assert r.err == f"wrote {tmp_path / 'a.qdc'}: 11 codes (2 theories)\n"
    run(["export", "qdc", str(tmp_path / "b.qdc")], cwd=root)
    data = (tmp_path / "a.qdc").read_bytes()
    assert data == (tmp_path / "b.qdc").read_bytes()
    codebook_schema().validate(data.decode("utf-8"))
    tree = ET.fromstring(data)
    alpha = tree.find(f"{NS}Codes/{NS}Code[@guid='{guid('theory', 'alpha')}']")
    assert alpha is not None and alpha.get("name") == "Alpha"
    assert [c.get("name") for c in alpha.findall(f"{NS}Code")] == [
        "C1: Small caseloads", "C2: Housing shortage", "I1: Weekly meetings", "M1: Feeling heard", "O1: Engagement"]
    description = alpha.findtext(f"{NS}Description") or ""
    assert description.startswith("If staff listen, then people engage, because they feel heard.\n"
                                  "Group: The carrot. Strength of evidence: plausible. Status: proposed.\n")
    free = tree.find(f"{NS}Codes/{NS}Code[@name='Free codes']")
    assert free is not None and free.get("isCodable") == "false"
    assert [(c.get("name"), c.findtext(f"{NS}Description")) for c in free.findall(f"{NS}Code")] == [
        ("family-support", "Family help")]
    sets = tree.findall(f"{NS}Sets/{NS}Set")
    assert [(s.get("name"), len(s.findall(f"{NS}MemberCode"))) for s in sets] == [("The carrot", 1), ("The stick", 1)]


def test_the_worked_example_codebook_is_valid(tmp_path, run):
    r = run(["export", "qdc", str(tmp_path / "iom.qdc"), "--project", str(REPO)])
    assert r.code == 0, r.err
    codebook_schema().validate(str(tmp_path / "iom.qdc"))


def test_import_qdc_into_a_new_project_restores_the_theory_files(make_project, tmp_path, run):
    root = make_project({"codebook.yaml": "codes:\n  - {name: family-support, definition: Family help}\n"})
    run(["export", "qdc", str(tmp_path / "a.qdc")], cwd=root)
    r = run(["import", "qdc", str(tmp_path / "a.qdc"), "--new", str(tmp_path / "new")], cwd=tmp_path)
    assert r.code == 0, r.err
    assert r.out == f"a.qdc -> {tmp_path / 'new'}: created 2 theories, 8 theory element codes, 1 free code\n"
    for name in ("alpha.yaml", "beta.yaml"):
        assert (tmp_path / "new/theories" / name).read_text() == (root / "theories" / name).read_text()
    from realist.coding.codes import load_codebook
    from realist.store.project import load_project

    assert load_codebook(load_project(tmp_path / "new"))["family-support"].definition == "Family help"
    assert run(["check"], cwd=tmp_path / "new").code == 0


def test_import_qdc_keeps_the_projects_own_theories(make_project, tmp_path, run):
    root = make_project()
    run(["export", "qdc", str(tmp_path / "a.qdc")], cwd=root)
    text = (root / "theories/alpha.yaml").read_text()
    (root / "theories/alpha.yaml").write_text(text.replace("title: Alpha", "title: Alpha revised"))
    r = run(["import", "qdc", str(tmp_path / "a.qdc")], cwd=root)
    assert r.code == 0, r.err
    assert r.out.splitlines() == [
        f"a.qdc -> {root}: created nothing new",
        "already in the project and left as they were: 2 theories",
        "  - theory 'alpha' is already in the project and differs from the file's; kept the project's version",
    ]
    assert "title: Alpha revised" in (root / "theories/alpha.yaml").read_text()


FOREIGN = """<?xml version="1.0" encoding="utf-8"?>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="Other tool">
  <Codes>
    <Code guid="{{11111111-2222-4333-8444-555555555501}}" name="Barriers" isCodable="false">
      <Code guid="11111111-2222-4333-8444-555555555502" name="Housing" isCodable="true"/>
      <Code guid="11111111-2222-4333-8444-555555555503" name="Other" isCodable="true"/>
    </Code>
    <Code guid="11111111-2222-4333-8444-555555555504" name="Enablers" isCodable="true">
      <Description>What helps</Description>
      <Code guid="11111111-2222-4333-8444-555555555505" name="Other" isCodable="true"/>
    </Code>
    {theory}
  </Codes>
  <Sets><Set guid="11111111-2222-4333-8444-555555555509" name="Mine"/></Sets>
</CodeBook>
"""


def test_a_foreign_codebook_lands_as_free_codes(make_project, tmp_path, run):
    from realist.coding.codes import load_codebook
    from realist.store.project import load_project

    root = make_project()
    run(["export", "qdc", str(tmp_path / "ours.qdc")], cwd=root)
    ours = ET.fromstring((tmp_path / "ours.qdc").read_bytes())
    beta = ours.find(f"{NS}Codes/{NS}Code[@name='Beta']")
    assert beta is not None
    beta[1].set("name", "C1: Intelligence shared across agencies")  # renamed in the other tool
    ET.SubElement(beta, f"{NS}Code", {"guid": "11111111-2222-4333-8444-555555555506", "name": "Fear",
                                       "isCodable": "true"})
    ET.register_namespace("", NS[1:-1])
    theory = ET.tostring(beta, encoding="unicode")
    (tmp_path / "theirs.qdc").write_text(FOREIGN.format(theory=theory), encoding="utf-8")
    shutil.rmtree(root / "theories")
    (root / "theories/evidence").mkdir(parents=True)
    r = run(["import", "qdc", str(tmp_path / "theirs.qdc")], cwd=root)
    assert r.code == 0, r.err
    assert r.out.splitlines() == [
        f"theirs.qdc -> {root}: created 1 theory, 3 theory element codes, 5 free codes",
        "  - folder 'Barriers' cannot be coded; its codes were imported on their own",
        "  - element beta:C1 is named 'Intelligence shared across agencies' in the file but 'Shared intelligence' "
        "in the theory; the theory's wording was kept",
        "  - code 'Beta / Fear' is not an element of theory 'beta'; imported as a free code",
        "  - 1 code set (Mine) not imported: realist groups theories in realist.yaml instead",
    ]
    book = load_codebook(load_project(root))
    assert {k: v.definition for k, v in book.items()} == {
        "housing": "Imported from the code 'Barriers / Housing'.",
        "barriers-other": "Imported from the code 'Barriers / Other'.",
        "enablers": "Imported from the code 'Enablers'. What helps",
        "enablers-other": "Imported from the code 'Enablers / Other'.",
        "fear": "Imported from the code 'Beta / Fear'.",
    }


@pytest.mark.slow
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(theories)
def test_any_valid_theory_exports_valid_refi_qda(make_project, tmp_path, data):
    """Property: whatever a valid theory holds, the .qdc and .qdpx are valid and bring it back whole."""
    import uuid

    import yaml

    from realist.refiqda.qdc import codebook_xml, import_qdc
    from realist.refiqda.write import project_archive
    from realist.store.project import load_project

    root = make_project({"theories/gamma.yaml": yaml.safe_dump(data, allow_unicode=True, sort_keys=False)})
    project = load_project(root)
    qdc = codebook_xml(project)
    codebook_schema().validate(qdc.decode("utf-8"))
    qde, _, _, _ = project_archive(project)
    xmlschema.XMLSchema(str(XSD / "Project-mrt2019.xsd")).validate(qde.decode("utf-8"))
    out = tmp_path / "gamma.qdc"
    out.write_bytes(qdc)
    new = tmp_path / f"new-{uuid.uuid4().hex}"
    import_qdc(out, new=new)
    assert (new / "theories/gamma.yaml").read_text() == (root / "theories/gamma.yaml").read_text()


def test_theories_are_known_by_guid_when_the_other_tool_drops_descriptions(make_project, tmp_path, run):
    root = make_project()
    run(["export", "qdc", str(tmp_path / "a.qdc")], cwd=root)
    tree = ET.fromstring((tmp_path / "a.qdc").read_bytes())
    for code in tree.iter(f"{NS}Code"):
        for description in code.findall(f"{NS}Description"):
            code.remove(description)
    ET.register_namespace("", NS[1:-1])
    (tmp_path / "b.qdc").write_bytes(ET.tostring(tree))
    r = run(["import", "qdc", str(tmp_path / "b.qdc")], cwd=root)
    assert r.code == 0, r.err
    assert r.out.splitlines() == [f"b.qdc -> {root}: created nothing new",
                                  "already in the project and left as they were: 2 theories"]
