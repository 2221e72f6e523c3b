"""The coding screen: ``realist code ID`` without a span opens it.

>>> from realist.tui.app import run  # doctest: +SKIP
>>> run(project, "probation-officer-region-b", coder="alice")  # doctest: +SKIP
"""

from __future__ import annotations

from typing import Any

from rich.markup import escape
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Footer, Static

from realist.errors import RealistError
from realist.model import Excerpt, Project
from realist.tui.finder import CodeFinder, HelpScreen, MemoEditor, Prompt
from realist.tui.panes import CodeTree, DetailPane
from realist.tui.session import CodingSession
from realist.tui.view import TranscriptView

POLL_SECONDS = 1.0


class CodingApp(App[None]):
    """Transcript on the left, code tree and excerpt detail on the right, keys in the footer."""

    TITLE = "realist"
    ENABLE_COMMAND_PALETTE = False
    CSS = """
    Screen { layout: vertical; }
    #bar { height: 1; background: $primary-background; color: $text; padding: 0 1; }
    #body { height: 1fr; }
    #transcript { width: 1fr; }
    #side { width: 30; border-left: solid $primary-background-lighten-2; }
    #tree { height: 1fr; }
    """
    BINDINGS = [
        Binding("c", "code", "Code"),
        Binding("s", "stance", "Stance"),
        Binding("m", "memo", "Memo"),
        Binding("d", "delete", "Delete"),
        Binding("u", "undo", "Undo"),
        Binding("ctrl+r", "redo", "Redo", show=False),
        Binding("slash", "search", "Search"),
        Binding("n", "next_match(1)", "Next match", show=False),
        Binding("N", "next_match(-1)", "Previous match", show=False),
        Binding("f", "filter", "Filter"),
        Binding("e", "next_excerpt", "Next excerpt here", show=False),
        Binding("question_mark", "help", "Help"),
        Binding("q", "quit", "Quit"),
        Binding("ctrl+c", "quit", "Quit", show=False, priority=True),  # nothing is unsaved
    ]

    def __init__(self, session: CodingSession) -> None:
        super().__init__()
        self.session = session
        self.current_id: str | None = None
        self.search_text = ""

    # -- layout --------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Static(id="bar")
        with Horizontal(id="body"):
            yield TranscriptView(self.session, id="transcript")
            with Vertical(id="side"):
                yield CodeTree(self.session, id="tree")
                yield DetailPane(id="detail")
        yield Footer(compact=True)

    @property
    def view(self) -> TranscriptView:
        return self.query_one(TranscriptView)

    def on_mount(self) -> None:
        self.query_one(CodeTree).build()
        self.view.focus()
        self._fit(self.size.width)
        self.refresh_all()
        self.set_interval(POLL_SECONDS, self.poll_disk)

    def on_resize(self, event: Any) -> None:
        self._fit(event.size.width)

    def _fit(self, width: int) -> None:
        """A narrow terminal keeps most of the room for the transcript; a wide one shows more codes."""
        side = self.query_one("#side")
        side.styles.width = 28 if width < 100 else min(60, width // 3)

    def refresh_all(self) -> None:
        """Codings changed: redraw the transcript, recount the tree, update bar and detail."""
        self.view.refresh_codes()
        self.query_one(CodeTree).recount()
        self.refresh_bar()

    def refresh_bar(self) -> None:
        """The top bar and the detail pane (cheap: runs on every cursor move)."""
        session, view = self.session, self.view
        transcript = session.transcript
        # what matters most first: a narrow terminal cuts the end of the bar
        parts = [f"[b]{escape(transcript.id)}[/b]", f"coder [b]{escape(session.coder)}[/b]"]
        if session.read_only:
            parts.append("[reverse] READ-ONLY [/reverse]")
        if view.selection:
            parts.append(f"[reverse] selecting {view.selection[1] - view.selection[0]} characters [/reverse]")
        if session.filter_theory:
            parts.append(f"only [b]{escape(session.short_code(session.filter_theory))}[/b] (f Esc: all)")
        parts += [f"{len(session.excerpts)} excerpts", f"{session.doc.line_count} lines"]
        self.query_one("#bar", Static).update(" · ".join(parts))
        self.show_detail()

    def show_detail(self) -> None:
        here = self.session.excerpts_on_line(self.view.cursor)
        current = self.current_excerpt()
        self.query_one(DetailPane).show(self.session, current, self.view.cursor, max(0, len(here) - 1))

    def current_excerpt(self) -> Excerpt | None:
        here = self.session.excerpts_on_line(self.view.cursor)
        for excerpt in here:
            if excerpt.id == self.current_id:
                return excerpt
        if here:
            self.current_id = here[0].id
            return here[0]
        return None

    def on_transcript_view_cursor_moved(self, message: TranscriptView.CursorMoved) -> None:
        self.refresh_bar()

    def on_transcript_view_selected(self, message: TranscriptView.Selected) -> None:
        self.refresh_bar()

    def on_tree_node_selected(self, message: Any) -> None:
        """A theory: filter the view to it (again: all). An element or free code: its next excerpt."""
        code = message.node.data
        if not code or code.startswith("group:"):
            return
        if code in self.session.project.theories:
            self._set_filter(None if self.session.filter_theory == code else code)
            return
        carrying = [e for e in self.session.visible_excerpts() if code in e.codes]
        if not carrying:
            self.notify(f"no excerpt here is coded {self.session.short_code(code)}", timeout=2)
            return
        doc, cursor = self.session.doc, self.view.cursor
        after = [e for e in carrying if doc.line_of(e.start) > cursor]
        target = after[0] if after else carrying[0]
        self.current_id = target.id
        self.view.move_to_line(doc.line_of(target.start))
        self.notify(f"{self.session.short_code(code)}: excerpt {carrying.index(target) + 1} of {len(carrying)}",
                    timeout=1.5)

    # -- disk ----------------------------------------------------------------------------------
    def poll_disk(self) -> None:
        try:
            changed = self.session.poll()
        except RealistError as exc:
            self.notify(str(exc), severity="error", timeout=8)
            return
        if changed:
            self.refresh_all()
            self.notify("codings changed on disk (another coder or command): shown", timeout=3)

    def _do(self, what: str, action: Any) -> Any:
        """Run one change; show what happened or why not (never a traceback)."""
        try:
            result = action()
        except RealistError as exc:
            self.notify(str(exc), severity="error", timeout=6)
            return None
        except OSError as exc:  # a full disk, a folder made read-only: the file on disk is as it was
            self.notify(f"could not save ({exc.strerror or exc}); nothing was changed", severity="error",
                        timeout=10)
            return None
        self.refresh_all()
        if what:
            self.notify(what, timeout=1.5)
        return result

    # -- actions -------------------------------------------------------------------------------
    def action_code(self) -> None:
        session, view = self.session, self.view
        if session.read_only:
            self.notify("the screen is read-only (opened with --read-only)", severity="warning")
            return
        current = self.current_excerpt()
        if view.selection:
            start, end = session.trim(*view.selection)
            title = f"Code the selection ({end - start} characters)"
        elif current is not None and current.coder == session.coder:
            start, end = current.start, current.end
            title = f"Add a code to excerpt {current.id}"
        else:
            start, end = session.turn_span(view.cursor)
            current = None
            title = f"Code this turn (line {view.cursor + 1})"
        if start >= end:
            self.notify("nothing to code here: select some words first (v, or drag the mouse)",
                        severity="warning")
            return

        def apply(code: str | None) -> None:
            if not code:
                return
            if code.startswith("new:"):
                name = code[4:]
                if self._do(f"new free code {name} in codebook.yaml",
                            lambda: session.backend.add_free_code(name)) is None:
                    return
                code = f"free:{name}"
                self.query_one(CodeTree).build()
            if current is not None:
                done = self._do(f"added {session.short_code(code)}", lambda: session.add_code(current, code))
            else:
                done = self._do(f"coded {session.short_code(code)}", lambda: session.add(start, end, [code]))
                if done is not None:
                    view.clear_selection()
            if done is not None:
                self.current_id = done.id
                self.refresh_all()

        self.push_screen(CodeFinder(session.choices(), title, ink=session.theory_ink, allow_new=True), apply)

    def _own_current(self) -> Excerpt | None:
        current = self.current_excerpt()
        if current is None:
            self.notify("no excerpt on this line", severity="warning")
        return current

    def action_stance(self) -> None:
        current = self._own_current()
        if current is not None:
            done = self._do("", lambda: self.session.cycle_stance(current))
            if done is not None:
                self.notify(f"stance: {done.stance}", timeout=2)

    def action_memo(self) -> None:
        current = self._own_current()
        if current is None:
            return
        try:
            self.session.check_can_change(current)
        except RealistError as exc:
            self.notify(str(exc), severity="error")
            return

        def save(memo: str | None) -> None:
            if memo is not None and memo != (current.memo or ""):
                self._do("memo saved", lambda: self.session.update(current, memo=memo, what="memo"))

        self.push_screen(MemoEditor(current.memo or "", f"Memo on excerpt {current.id}"), save)

    def action_delete(self) -> None:
        current = self._own_current()
        if current is not None:
            self._do(f"deleted excerpt {current.id} (u brings it back)", lambda: self.session.delete(current))

    def action_undo(self) -> None:
        if not self.session.undo_stack:
            self.notify("nothing to undo", timeout=2)
            return
        change = self._do("", self.session.undo)
        if change is not None:
            self.notify(f"undone: {change.what}", timeout=2)

    def action_redo(self) -> None:
        if not self.session.redo_stack:
            self.notify("nothing to redo", timeout=2)
            return
        change = self._do("", self.session.redo)
        if change is not None:
            self.notify(f"redone: {change.what}", timeout=2)

    def action_search(self) -> None:
        def found(text: str | None) -> None:
            if text is None:
                return
            self.search_text = text
            self.view.matches = self.session.doc.find_all(text)
            self.view.refresh_codes()
            if text and not self.view.matches:
                self.notify(f"'{text}' is not in this transcript", severity="warning")
            elif text:
                self.action_next_match(1, count=True)

        self.push_screen(Prompt("search the transcript (Enter; then n / N for next / previous)",
                                self.search_text), found)

    def action_next_match(self, step: int, count: bool = False) -> None:
        matches, view, doc = self.view.matches, self.view, self.session.doc
        if not matches:
            self.notify("no search yet: press /", severity="warning")
            return
        here = doc.line_start(view.cursor) if count else doc.line_end(view.cursor) + (0 if step > 0 else -1)
        if step > 0:
            after = [m for m in matches if m[0] >= (here if count else doc.line_end(view.cursor))]
            target = after[0] if after else matches[0]
        else:
            before = [m for m in matches if m[0] < doc.line_start(view.cursor)]
            target = before[-1] if before else matches[-1]
        view.move_to_line(doc.line_of(target[0]))
        number = matches.index(target) + 1
        self.notify(f"match {number} of {len(matches)}", timeout=1.5)

    def action_filter(self) -> None:
        session = self.session
        choices = [c for c in session.choices() if c.code == c.theory or c.code.startswith("free:")]

        def chosen(code: str | None) -> None:
            self._set_filter(code)

        self.push_screen(CodeFinder(choices, "Show only the codings of (Esc: show all)",
                                    ink=session.theory_ink), chosen)

    def _set_filter(self, code: str | None) -> None:
        self.session.set_filter(code)
        self.refresh_all()  # the bar says "only TR" while a filter is on

    def action_next_excerpt(self) -> None:
        here = self.session.excerpts_on_line(self.view.cursor)
        if len(here) < 2:
            self.notify("one excerpt on this line" if here else "no excerpt on this line", timeout=2)
            return
        ids = [e.id for e in here]
        index = ids.index(self.current_id) if self.current_id in ids else 0
        self.current_id = ids[(index + 1) % len(ids)]
        self.refresh_bar()

    def action_help(self) -> None:
        self.push_screen(HelpScreen())


def run(project: Project, transcript_id: str, *, coder: str | None = None, read_only: bool = False) -> None:
    """Open the coding screen on one transcript; returns when the coder quits.

    Raises UsageError (before anything is drawn) for an unknown transcript or coder name.
    """
    app = make_app(project, transcript_id, coder=coder, read_only=read_only)
    app.run()


def make_app(project: Project, transcript_id: str, *, coder: str | None = None,
             read_only: bool = False) -> CodingApp:
    """The app, ready to run (tests drive it with ``app.run_test()``)."""
    from realist.tui.backend import CodingBackend

    backend = CodingBackend(project, transcript_id, coder)
    session = CodingSession(project, backend, backend.coder, read_only=read_only)
    return CodingApp(session)
