"""The side panes: the code tree (groups → theories → elements, free codes) and the detail
of the excerpt under the cursor."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.markup import escape
from rich.text import Text
from textual.widgets import Static, Tree
from textual.widgets.tree import TreeNode

from realist.model import ELEMENT_KINDS, Excerpt

if TYPE_CHECKING:
    from realist.tui.session import CodingSession


class CodeTree(Tree[str]):
    """Every code with its count in this transcript; Enter filters the view to a theory."""

    DEFAULT_CSS = """
    CodeTree { background: $surface; padding: 0; overflow-x: hidden; }
    """

    def __init__(self, session: CodingSession, **kwargs: object) -> None:
        super().__init__("Codes", **kwargs)  # type: ignore[arg-type]
        self.session = session
        self.show_root = False
        self.guide_depth = 2
        self.nodes_by_code: dict[str, TreeNode[str]] = {}

    def build(self) -> None:
        """Fill the tree once; ``recount`` updates the numbers afterwards."""
        session = self.session
        self.clear()
        self.nodes_by_code = {}
        project = session.project
        groups: dict[str | None, list[str]] = {}
        for theory in project.theories.values():
            groups.setdefault(theory.group, []).append(theory.id)
        order = [g for g in project.manifest.groups if g in groups] + [g for g in groups if
                                                                      g not in project.manifest.groups]
        for group in order:
            parent = self.root
            if group is not None or len(groups) > 1:
                title = project.manifest.groups.get(group, group) if group else "Other theories"
                parent = self.root.add(Text(title, style="bold"), data=f"group:{group}", expand=True)
            for tid in groups[group]:
                theory = project.theories[tid]
                node = parent.add("", data=tid, expand=len(project.theories) <= 3)
                self.nodes_by_code[tid] = node
                for kind, (_, letter) in ELEMENT_KINDS.items():
                    for element in theory.elements_of(kind):
                        code = f"{tid}:{element.id}"
                        self.nodes_by_code[code] = node.add_leaf("", data=code)
                    del letter
        free = session.backend.free_codes()
        if free:
            parent = self.root.add(Text("Free codes", style="bold"), data="group:free", expand=True)
            for name in free:
                self.nodes_by_code[f"free:{name}"] = parent.add_leaf("", data=f"free:{name}")
        self.recount()

    def recount(self) -> None:
        tall = self.is_attached and self.app.size.height >= 40  # room to open the coded theories
        for code, node in self.nodes_by_code.items():
            node.set_label(self._label(code))
            if tall and ":" not in code and self.session.counts.get(code) and not node.is_expanded:
                node.expand()

    def _label(self, code: str) -> Text:
        session = self.session
        count = session.counts.get(code, 0)
        number = Text(f"{count:>3} ", style="bold" if count else "dim")
        if code.startswith("free:"):
            return number + Text("+" + code[5:])
        tid, _, element_id = code.partition(":")
        theory = session.project.theories[tid]
        if not element_id:
            tag = Text(f"{session.abbreviation[tid]} ", style=f"bold {session.theory_ink(tid)}")
            title = Text(theory.title, style="bold" if session.filter_theory == tid else "")
            if session.filter_theory == tid:
                title.append(" (filter)", style="italic")
            return number + tag + title
        element = theory.element(element_id)
        return number + Text(f"{element_id} ", style="bold") + Text(element.text if element else "")


class DetailPane(Static):
    """The excerpt under the cursor: its codes in words, stance, coder, memo."""

    DEFAULT_CSS = """
    DetailPane { background: $panel; padding: 0 1; height: auto; max-height: 45%; }
    """

    def show(self, session: CodingSession, excerpt: Excerpt | None, line: int, others: int) -> None:
        if excerpt is None:
            self.update(f"[dim]Line {line + 1}: no codings here.\n"
                        "v select · c code · ? help[/dim]")
            return
        doc = session.doc
        first, last = doc.line_of(excerpt.start) + 1, doc.line_of(max(excerpt.start, excerpt.end - 1)) + 1
        where = f"line {first}" if first == last else f"lines {first}–{last}"
        head = f"[b]Excerpt {escape(excerpt.id)}[/b] · {where}"
        if others:
            head += f" · [dim]{others} more here (e)[/dim]"
        lines = [head]
        room = self.content_region.width or 200
        narrow = (self.app.size.height if self.is_attached else 50) < 40
        for code in excerpt.codes:
            tid = code.split(":", 1)[0]
            ink = session.theory_ink(tid) if tid in session.project.theories else "#c8c8c8"
            short = session.short_code(code)
            words = session.describe(code, short=True)
            if narrow and len(short) + len(words) + 3 > room:  # one line per code on a small screen
                words = words[: max(1, room - len(short) - 4)] + "…"
            lines.append(f"[{ink}]●[/] {escape(short)} {escape(words)}")
        stance_ink = {"supports": "green", "refutes": "red", "refines": "yellow"}.get(excerpt.stance, "white")
        lines.append(f"[{stance_ink}]{excerpt.stance}[/] · coded by {escape(excerpt.coder)}"
                     + ("" if excerpt.coder == session.coder else " [dim](read only)[/dim]"))
        if excerpt.memo:
            memo = excerpt.memo
            if narrow and len(memo) > 2 * room:
                memo = memo[: 2 * room - 8] + "…"
            lines.append(f"[i]Memo:[/i] {escape(memo)}")
        self.update("\n".join(lines))
