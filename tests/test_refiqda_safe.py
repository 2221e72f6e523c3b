"""A .qdpx is a zip from someone else: traversal, entity expansion and huge members are refused."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from realist.errors import InputError
from realist.refiqda.read import import_qdpx
from realist.refiqda.safe import Archive, Limits, parse_xml, safe_member_name

QDE = (b'<?xml version="1.0" encoding="UTF-8"?>\n'
       b'<Project xmlns="urn:QDA-XML:project:1.0" name="x"/>\n')


def make_zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return path


@pytest.mark.parametrize("name", ["../evil.txt", "sources/../../evil.txt", "/etc/passwd", "C:\\evil.txt",
                                  "..\\..\\evil.txt", "sources/..\\..\\x"])
def test_member_names_that_leave_the_folder_are_unsafe(name):
    assert safe_member_name(name) is None


@pytest.mark.parametrize("name", ["project.qde", "sources/a.txt", "Sources/B.TXT", "./sources/c.txt"])
def test_ordinary_member_names_are_safe(name):
    assert safe_member_name(name) is not None


def test_path_traversal_is_refused(tmp_path, make_project, run):
    bad = make_zip(tmp_path / "bad.qdpx", {"project.qde": QDE, "../../outside.txt": b"gotcha"})
    with pytest.raises(InputError, match="leaves the archive's folder"):
        Archive(bad)
    root = make_project()
    r = run(["import", "qdpx", str(bad)], cwd=root)
    assert r.code == 2
    assert r.err == (f"error: {bad}: contains '../../outside.txt', a path that leaves the archive's folder; "
                     "refused (the archive may be malicious)\n")
    assert not (tmp_path / "outside.txt").exists()


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<Project xmlns="urn:QDA-XML:project:1.0" name="&lol3;"/>
"""

EXTERNAL = b"""<?xml version="1.0"?>
<!DOCTYPE Project [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<Project xmlns="urn:QDA-XML:project:1.0" name="&secret;"/>
"""


@pytest.mark.parametrize("xml", [BILLION_LAUGHS, EXTERNAL, b'<!DOCTYPE Project><Project name="x"/>'])
def test_doctype_entities_and_external_references_are_refused(tmp_path, xml):
    bad = make_zip(tmp_path / "bad.qdpx", {"project.qde": xml})
    with pytest.raises(InputError) as caught:
        import_qdpx(bad, new=tmp_path / "new")
    assert "DOCTYPE" in str(caught.value) and "refused" in str(caught.value)
    assert not (tmp_path / "new").exists()


def test_entities_in_a_codebook_are_refused(tmp_path, make_project, run):
    qdc = tmp_path / "bad.qdc"
    qdc.write_bytes(BILLION_LAUGHS.replace(b"Project", b"CodeBook"))
    r = run(["import", "qdc", str(qdc), "--dry-run"], cwd=make_project())
    assert r.code == 2
    assert r.err.startswith(f"error: {qdc}: contains a DOCTYPE")


def test_a_member_that_expands_beyond_the_limit_is_refused(tmp_path):
    big = make_zip(tmp_path / "big.qdpx", {"project.qde": QDE, "sources/huge.txt": b"a" * 300_000})
    with pytest.raises(InputError, match="member 'sources/huge.txt' expands to 0 MB, more than the 0 MB limit"):
        Archive(big, Limits(member=200_000))
    with pytest.raises(InputError, match="expands to 0 MB, more than the 0 MB limit"):
        Archive(big, Limits(total=250_000))


def test_a_header_that_understates_the_size_does_not_help(tmp_path):
    """The size in the zip header is a claim; members are counted while they are decompressed."""
    path = make_zip(tmp_path / "liar.qdpx", {"project.qde": QDE, "sources/a.txt": b"b" * 500_000})
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as z:
        info = z.getinfo("sources/a.txt")
    # rewrite the uncompressed size in the central directory entry to claim 10 bytes
    central = data.find(b"PK\x01\x02", data.find(b"PK\x01\x02") + 4)
    data[central + 24:central + 28] = (10).to_bytes(4, "little")
    path.write_bytes(bytes(data))
    assert info.file_size == 500_000
    # Python's zip reader stops at the claimed size and then the checksum fails: refused either way
    with Archive(path, Limits(member=100_000)) as archive, \
            pytest.raises(InputError, match="member 'sources/a.txt' (expands beyond|cannot be read)"):
        archive.read(archive.find("sources/a.txt") or "")


def test_a_zip_bomb_with_default_limits_is_refused_before_reading(tmp_path):
    bomb = tmp_path / "bomb.qdpx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("project.qde", QDE)
        with z.open("sources/zeros.txt", "w", force_zip64=True) as handle:
            chunk = b"\0" * (1 << 20)
            for _ in range(210):
                handle.write(chunk)
    assert bomb.stat().st_size < 2_000_000
    with pytest.raises(InputError, match="expands to 210 MB, more than the 200 MB limit; refused"):
        Archive(bomb)


def test_not_a_zip_is_a_clear_error(tmp_path, make_project, run):
    fake = tmp_path / "notes.qdpx"
    fake.write_text("hello")
    r = run(["import", "qdpx", str(fake)], cwd=make_project())
    assert r.code == 2
    assert r.err == f"error: {fake}: is not a .qdpx archive (a zip file): File is not a zip file\n"


def test_the_project_file_is_found_leniently(tmp_path):
    one = make_zip(tmp_path / "a.qdpx", {"My Study.QDE": QDE, "Sources/.root": b""})
    with Archive(one) as archive:
        assert archive.project_entry() == "My Study.QDE"
    two = make_zip(tmp_path / "b.qdpx", {"a.qde": QDE, "b.qde": QDE})
    with Archive(two) as archive, pytest.raises(InputError, match="has 2 .qde files at its root"):
        archive.project_entry()
    none = make_zip(tmp_path / "c.qdpx", {"sources/a.txt": b"x"})
    with Archive(none) as archive, pytest.raises(InputError, match="has no project.qde inside"):
        archive.project_entry()


def test_malformed_xml_says_where(tmp_path):
    with pytest.raises(InputError, match=r"x.qde:2: is not well-formed XML"):
        parse_xml(b"<Project>\n<Users></Project>", "x.qde")


def test_sources_outside_the_archive_are_never_read(tmp_path, make_project, run):
    secret = tmp_path / "secret.txt"
    secret.write_text("private words")
    qde = (f'<Project xmlns="urn:QDA-XML:project:1.0" name="x"><Sources>'
           f'<TextSource guid="5E6F7A8B-1111-4111-8111-000000000001" name="S" plainTextPath="absolute://{secret}"/>'
           f'<TextSource guid="5E6F7A8B-1111-4111-8111-000000000002" name="T" plainTextPath="internal://../x.txt"/>'
           "</Sources></Project>").encode()
    path = make_zip(tmp_path / "abs.qdpx", {"project.qde": qde})
    root = make_project()
    r = run(["import", "qdpx", str(path)], cwd=root)
    assert r.code == 0, r.err
    assert (f"  - source 'S' points outside the archive (absolute://{secret}); such files are never read without "
            "your say-so, so it was not imported: copy the text into the archive or import it as a transcript"
            ) in r.out.splitlines()
    assert "  - source 'T': its text sources/../x.txt is not in the archive; not imported" in r.out.splitlines()
    assert not (root / "transcripts").exists() or not any((root / "transcripts").glob("*.txt"))
