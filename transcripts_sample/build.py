"""Rebuild the coded sample of the worked example from its sources.

    python transcripts_sample/build.py

Reads `sources/catalogue.yaml` (who speaks in which fictional transcript) and
`sources/coding-plan.yaml` (which passages two researchers coded, to which theory
elements, with which stance), then drives realist's own API — the same calls the
`realist participants`, `realist transcripts import` and `realist code` commands
make — so the sample doubles as an end-to-end test of the toolkit. Everything it
writes is tool-managed: the normalised transcripts, participants.yaml and the
codings under transcripts_sample/.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def main() -> int:
    from realist import load_project
    from realist.coding import (
        add_excerpt,
        add_free_code,
        find_phrase,
        get_transcript,
        load_participants,
        parse_codes,
    )
    from realist.ingest.importer import import_transcripts
    from realist.ingest.people import add_participant, map_speaker

    for item in HERE.iterdir():  # start from the sources alone
        if item.name in ("sources", "build.py", "README.md"):
            continue
        shutil.rmtree(item) if item.is_dir() else item.unlink()

    (ROOT / "codebook.yaml").unlink(missing_ok=True)  # the sample's free codes and memos come from the plan
    shutil.rmtree(ROOT / "memos", ignore_errors=True)
    catalogue = yaml.safe_load((HERE / "sources" / "catalogue.yaml").read_text(encoding="utf-8"))
    project = load_project(ROOT)
    for entry in catalogue["transcripts"]:
        for speaker in entry["speakers"].values():
            pid = speaker["participant"]
            if pid in load_participants(project):
                continue
            group = speaker.get("group")
            add_participant(project, speaker["role"], group=group if group != "researcher" else "other",
                            site=speaker.get("site"), strand=speaker.get("strand"), participant_id=pid)
    for entry in catalogue["transcripts"]:
        people = sorted({s["participant"] for s in entry["speakers"].values() if s.get("group") != "researcher"})
        import_transcripts(project, [HERE / "sources" / entry["file"]], transcript_id=entry["id"],
                           type=entry["type"], stage=entry["stage"], site=entry["site"], date=str(entry["date"]),
                           participants=people)
        for label, speaker in entry["speakers"].items():
            map_speaker(project, entry["id"], label, speaker["participant"])

    plan = yaml.safe_load((HERE / "sources" / "coding-plan.yaml").read_text(encoding="utf-8"))
    for code in plan.get("free_codes", []):
        add_free_code(project, code["name"], code.get("definition"))
    count = 0
    for item in plan["codings"]:
        transcript = get_transcript(project, item["transcript"])
        start, end = find_phrase(transcript, item["find"], item.get("nth"))
        add_excerpt(project, item["transcript"], start, end, parse_codes(project, item["codes"]),
                    stance=item.get("stance", "supports"), coder=item["coder"], memo=item.get("memo"),
                    key=bool(item.get("key", False)))
        count += 1
    from realist.store.memos import add_memo

    for memo in plan.get("memos", []):
        add_memo(project, memo["target"], memo["text"], author=memo["author"])
    print(f"sample: {len(catalogue['transcripts'])} transcripts, {len(load_participants(project))} participants, "
          f"{count} excerpts, {len(plan.get('memos', []))} memos", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
