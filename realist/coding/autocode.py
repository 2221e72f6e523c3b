"""Auto-coding by text search, as NVivo and QualCoder offer it.

:func:`plan_autocode` finds every match of a phrase (or a regular expression) in one pass
over the transcripts, widens each to its scope (the match, its sentence or the speaker's
whole turn), merges passages that overlap, and sorts them into new excerpts, existing
excerpts of the same passage that lack the code, and passages already coded with it.
:func:`apply_autocode` then writes each touched codings file once, under the project lock.
Running it again finds every passage already coded: nothing is duplicated.

>>> plan = plan_autocode(project, "trust", "trusting-relationships:M1", scope="sentence")  # doctest: +SKIP
>>> len(plan.new), plan.already  # doctest: +SKIP
(12, 0)
>>> apply_autocode(project, plan)  # doctest: +SKIP
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from realist.coding.anchor import line_starts
from realist.errors import UsageError
from realist.model import Project

SCOPES = ("match", "sentence", "turn")
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s)|\n")


@dataclass
class Passage:
    """A passage to code: where it is, who speaks, and the matched words inside it."""

    transcript: str
    start: int
    end: int
    line: int
    match_start: int
    match_end: int
    speaker: str | None = None
    existing: Any = None  # the coder's excerpt of exactly this passage, when there is one


@dataclass
class AutocodePlan:
    code: str
    coder: str
    stance: str
    scope: str
    matches: int = 0  # raw matches of the pattern, before widening and merging
    new: list[Passage] = field(default_factory=list)  # passages that become excerpts
    extend: list[Passage] = field(default_factory=list)  # the coder's excerpts that gain the code
    already: int = 0  # passages the coder already coded with the code
    texts: dict[str, str] = field(default_factory=dict, repr=False)

    @property
    def transcripts(self) -> list[str]:
        """The transcripts whose codings file will change, in order."""
        seen: list[str] = []
        for p in self.new + self.extend:
            if p.transcript not in seen:
                seen.append(p.transcript)
        return seen

    @property
    def changes(self) -> int:
        return len(self.new) + len(self.extend)


def compile_pattern(pattern: str, regex: bool, whole_words: bool = False) -> re.Pattern[str]:
    """The search, case-insensitive; a bad regular expression says where it is wrong.

    >>> bool(compile_pattern("listen", False, whole_words=True).search("she listens"))
    False
    """
    if not pattern.strip():
        raise UsageError("the search pattern is empty")
    body = pattern if regex else re.escape(pattern)
    if whole_words:
        body = rf"\b(?:{body})\b"
    try:
        return re.compile(body, re.IGNORECASE)
    except re.error as exc:
        raise UsageError(f"'{pattern}' is not a valid regular expression ({exc.msg} at position {exc.pos}); "
                         "leave out --regex to search for the words as written") from None


def plan_autocode(project: Project, pattern: str, code: str, *, regex: bool = False, scope: str = "match",
                  speaker: str | None = None, coder: str | None = None, stance: str = "supports",
                  transcripts: Iterable[str] | None = None, whole_words: bool = False) -> AutocodePlan:
    """Find what auto-coding would do; nothing is written."""
    from realist.coding.codes import parse_code
    from realist.coding.ops import check_stance, default_coder
    from realist.store.codings import codings_path, read_codings
    from realist.store.participants import load_participants
    from realist.store.transcripts import load_transcripts

    if scope not in SCOPES:
        raise UsageError(f"--scope must be match, sentence or turn, not '{scope}'")
    search = compile_pattern(pattern, regex, whole_words)
    plan = AutocodePlan(code=parse_code(project, code), coder=default_coder(coder), stance=check_stance(stance),
                        scope=scope)
    known = load_transcripts(project)
    wanted = list(transcripts) if transcripts else list(known)
    for tid in wanted:
        if tid not in known:
            from realist.text import did_you_mean

            raise UsageError(f"no transcript '{tid}'{did_you_mean(tid, known)}; see `realist transcripts list`")
    speakers = _speaker_filter(load_participants(project), speaker)
    for tid in wanted:
        t = known[tid]
        text = t.text
        spans: list[tuple[int, int, int, int, str | None]] = []
        turn_starts = [turn.start for turn in t.turns]
        for m in search.finditer(text):
            if m.end() == m.start():
                continue
            plan.matches += 1
            turn = t.turns[bisect_right(turn_starts, m.start()) - 1] if turn_starts and m.start() >= turn_starts[0] \
                else None
            who = _who(t, turn)
            if speakers is not None and who not in speakers:
                continue
            start, end = _widen(text, m.start(), m.end(), scope, turn)
            if spans and start < spans[-1][1]:  # overlaps the previous passage: one excerpt
                prev = spans[-1]
                spans[-1] = (prev[0], max(prev[1], end), prev[2], prev[3], prev[4])
            else:
                spans.append((start, end, m.start(), m.end(), who))
        if not spans:
            continue
        plan.texts[tid] = text
        path = codings_path(project, tid, plan.coder)
        excerpts = read_codings(path) if path.exists() else []
        mine = {(e.start, e.end): e for e in excerpts}
        coded = [(e.start, e.end) for e in excerpts if plan.code in e.codes]
        starts = line_starts(text)
        for start, end, ms, me, who in spans:
            passage = Passage(tid, start, end, bisect_right(starts, start), ms, me, who)
            existing = mine.get((start, end))
            if any(s <= start and end <= e for s, e in coded):  # inside a passage already coded with it
                plan.already += 1
            elif existing is None:
                plan.new.append(passage)
            elif plan.code in existing.codes:
                plan.already += 1
            else:
                passage.existing = existing
                plan.extend.append(passage)
    return plan


def apply_autocode(project: Project, plan: AutocodePlan) -> list[str]:
    """Write the plan: one read and one atomic write of each touched codings file. Returns their paths."""
    from dataclasses import replace

    from realist.coding.anchor import context, excerpt_id
    from realist.coding.ops import now
    from realist.model import Excerpt
    from realist.store.atomic import project_lock
    from realist.store.codings import coding_files, codings_path, read_codings, write_codings

    written: list[str] = []
    stamp = now()
    with project_lock(project.root):
        for tid in plan.transcripts:
            text = plan.texts[tid]
            path = codings_path(project, tid, plan.coder)
            mine = read_codings(path) if path.exists() else []
            taken = {e.id for p in coding_files(project, [tid]) for e in read_codings(p)}
            by_span = {(e.start, e.end): i for i, e in enumerate(mine)}
            for p in (x for x in plan.extend + plan.new if x.transcript == tid):
                at = by_span.get((p.start, p.end))
                if at is not None:  # coded since the plan was made, or an excerpt to extend
                    if plan.code not in mine[at].codes:
                        mine[at] = replace(mine[at], codes=[*mine[at].codes, plan.code])
                    continue
                salt, new_id = 0, excerpt_id(tid, p.start, p.end, plan.coder)
                while new_id in taken:
                    salt += 1
                    new_id = excerpt_id(tid, p.start, p.end, plan.coder, salt)
                taken.add(new_id)
                prefix, suffix = context(text, p.start, p.end)
                mine.append(Excerpt(id=new_id, transcript=tid, start=p.start, end=p.end, quote=text[p.start:p.end],
                                    prefix=prefix, suffix=suffix, codes=[plan.code], stance=plan.stance,
                                    coder=plan.coder, created=stamp, path=path))
                by_span[(p.start, p.end)] = len(mine) - 1
            written.append(str(write_codings(project, tid, plan.coder, mine)))
    project._cache.pop("excerpts", None)
    return written


def _speaker_filter(participants: dict[str, Any], speaker: str | None) -> set[str | None] | None:
    """The participant ids (and speaker labels) whose speech may be coded, or None for everyone."""
    if speaker is None:
        return None
    wanted = speaker.strip().lower()
    ids: set[str | None] = {pid for pid, p in participants.items()
                            if wanted in (p.role.lower(), (p.group or "").lower(), pid.lower())}
    if not ids:
        roles = sorted({p.role for p in participants.values()} | {p.group for p in participants.values() if p.group})
        from realist.text import did_you_mean

        raise UsageError(f"no participant with role or group '{speaker}'{did_you_mean(speaker, roles)}; "
                         f"roles and groups: {', '.join(roles) or 'none yet'}")
    return ids


def _who(t: Any, turn: Any) -> str | None:
    if turn is not None:
        if turn.participant:
            return str(turn.participant)
        if turn.speaker:
            return t.speakers.get(turn.speaker)  # type: ignore[no-any-return]
        return None
    return t.participants[0] if len(t.participants) == 1 else None


def _widen(text: str, start: int, end: int, scope: str, turn: Any) -> tuple[int, int]:
    """The passage a match stands for: itself, its sentence, or its speaker's turn."""
    lo, hi = (turn.start, max(turn.end, end)) if turn is not None else (0, len(text))
    if scope == "turn":
        if turn is None:  # no speaker turns: the paragraph
            lo = text.rfind("\n\n", 0, start)
            lo = 0 if lo < 0 else lo + 2
            hi_at = text.find("\n\n", end)
            hi = len(text) if hi_at < 0 else hi_at
        return _trim(text, lo, hi)
    if scope == "sentence":
        s = lo
        for m in _SENTENCE_END.finditer(text, lo, start):
            s = m.end()
        m_end = _SENTENCE_END.search(text, end, hi)
        e = m_end.end() if m_end and m_end.group() != "\n" else (m_end.start() if m_end else hi)
        return _trim(text, s, min(e, hi))
    return start, end


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
