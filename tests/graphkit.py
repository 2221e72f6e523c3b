"""Hand-built coded data for graph tests: transcripts, participants, excerpts and memos."""

from __future__ import annotations

from types import SimpleNamespace as NS

from realist.graph.coded import Coded


def transcript(id: str, stage: str = "second", site: str = "A", type: str = "interview",
               participants: tuple[str, ...] = ()) -> NS:
    return NS(id=id, stage=stage, site=site, type=type, participants=list(participants), title=None)


def participant(id: str, group: str = "staff", site: str = "A", strand: str | None = None) -> NS:
    return NS(id=id, role="Officer", number=1, group=group, site=site, strand=strand, label=f"Officer {id}")


def excerpt(id: str, transcript: str, codes: list[str], stance: str = "supports", participant: str | None = None,
            memo: str | None = None) -> NS:
    return NS(id=id, transcript=transcript, codes=codes, stance=stance, participant=participant, memo=memo,
              quote=f"quote {id}", start=0, end=7, coder="ana", key=False)


def coded(transcripts=(), participants=(), excerpts=(), memos=()) -> Coded:
    return Coded(list(transcripts), list(participants), list(excerpts), list(memos))


def staff_project(n_people: int = 4, per_person: int = 2, config: int = 2, theory: str = "alpha",
                  strand_group: str = "staff", site_of=lambda i: "A" if i % 2 else "B") -> Coded:
    """``n_people`` staff interviews, ``per_person`` supporting excerpts each; the first ``config``
    excerpts hold C1, M1 and O1 together, the rest only M1."""
    ts, ps, xs = [], [], []
    k = 0
    for i in range(n_people):
        pid = f"{strand_group[0].upper()}{i}"
        ps.append(participant(pid, group=strand_group, site=site_of(i)))
        ts.append(transcript(f"t-{pid}", site=site_of(i), participants=(pid,)))
        for _ in range(per_person):
            codes = [f"{theory}:C1", f"{theory}:M1", f"{theory}:O1"] if k < config else [f"{theory}:M1"]
            xs.append(excerpt(f"x{strand_group[0]}{k}", f"t-{pid}", codes, participant=pid))
            k += 1
    return coded(ts, ps, xs)
