"""`realist evidence list | check | compute | say | paired`: quantitative evidence."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from realist.cli.common import emit_json, emit_report, format_option, open_project, project_option


@click.group()
def evidence() -> None:
    """Quantitative evidence: check results, compute tests, say them in plain English.

    \b
    Example:
      realist evidence check
      realist evidence say psm-time-to-reoffence
    """


@evidence.command("list")
@project_option
@format_option("table", "tsv", "json")
def list_(project_path: Path | None, fmt: str | None) -> None:
    """List the evidence nodes: design, measure, significance and what they bear on.

    \b
    Example:
      realist evidence list
    """
    from realist import ui
    from realist.quant.significance import significance

    project = open_project(project_path)
    rows = [{"id": ev.id, "design": ev.design, "measure": ev.measure or "", "significant": significance(ev).state,
             "bears_on": ", ".join(f"{b.target} ({b.stance})" for b in ev.bears_on), "title": ev.title}
            for ev in project.evidence.values()]
    fmt = fmt or ("table" if ui.is_terminal() else "tsv")
    keys = ("id", "design", "measure", "significant", "bears_on")
    if fmt == "json":
        emit_json(rows)
    elif fmt == "tsv":
        sys.stdout.write("\t".join(keys) + "\n")
        for r in rows:
            sys.stdout.write("\t".join(str(r[k]) for k in keys) + "\n")
    else:
        from rich.table import Table

        table = Table(title=f"{len(rows)} evidence nodes", title_justify="left")
        for k in keys:
            table.add_column(k)
        for r in rows:
            table.add_row(*(str(r[k]) or "—" for k in keys))
        ui.out().print(table)


@evidence.command()
@click.argument("ids", nargs=-1, metavar="[ID]...")
@project_option
@click.option("--strict", is_flag=True, help="Treat warnings as failures too.")
@format_option("text", "json", default="text")
def check(ids: tuple[str, ...], project_path: Path | None, strict: bool, fmt: str) -> None:
    """Check each result for internal consistency (all of them, or the IDs given).

    The difference equals treatment minus comparison, estimates lie inside their
    intervals, the significance flag, p and the interval agree, effect sizes point
    the same way, group sizes make sense. Findings as FILE:LINE:COL message;
    exit 1 when there are any.

    \b
    Example:
      realist evidence check
      realist evidence check psm-reoffending-rate --format json
    """
    from realist.quant.check import check_evidence

    project = open_project(project_path)
    report = check_evidence(project, list(ids) or None)
    noun = "evidence file" if report.files == 1 else "evidence files"
    emit_report(report, fmt, strict, files=noun, ok=f"ok: {report.files} {noun} consistent")


def _power_option(func: Any) -> Any:
    return click.option("--power", type=click.FloatRange(0, 1, min_open=True, max_open=True), default=None,
                        help="Power for the needed sample size (default 0.95).")(func)


@evidence.command()
@click.argument("evidence_id", metavar="ID")
@project_option
@click.option("--alpha", type=click.FloatRange(0, 1, min_open=True, max_open=True), default=None,
              help="Significance level (default: the file's alpha, else 0.05).")
@_power_option
@click.option("--write", is_flag=True, help="Add the computed figures to the file where it has none (never overwrites).")
@format_option("text", "json", default="text")
def compute(evidence_id: str, project_path: Path | None, alpha: float | None, power: float | None, write: bool,
            fmt: str) -> None:
    """Compute the test from a file's raw figures (group sizes, means, SDs or counts).

    Welch's t-test on the per-person outcome, the 95% interval of the difference,
    a two-sided p, Cohen's d (and h for a rate), and the treatment-group size
    needed to detect the observed difference (comparison mean fixed, exact
    noncentral-t power). With --write the figures go into the file where it has
    none yet (6 decimals; comments and layout kept; nothing overwritten).

    \b
    Example:
      realist evidence compute mentoring-rate
      realist evidence compute mentoring-rate --power 0.8 --format json
      realist evidence compute mentoring-rate --write
    """
    from realist.errors import UsageError
    from realist.quant import stats
    from realist.quant.compute import compute as compute_figures
    from realist.quant.compute import write_computed
    from realist.text import did_you_mean

    project = open_project(project_path)
    if evidence_id not in project.evidence:
        raise UsageError(f"no evidence '{evidence_id}'{did_you_mean(evidence_id, project.evidence)}")
    if write:
        c, added, kept = write_computed(project, evidence_id, alpha=alpha, power=power)
        where = project.evidence[evidence_id].path
        if added:
            sys.stderr.write(f"added {', '.join(added)} to {where}\n")
        if kept:
            sys.stderr.write(f"kept your own {', '.join(kept)} (compare them with the figures below)\n")
    else:
        c = compute_figures(project.evidence[evidence_id], alpha=alpha, power=power)
    if fmt == "json":
        emit_json(c.as_dict())
        return
    unit = "percentage points" if c.measure == "rate" else (project.evidence[evidence_id].data.get("unit") or "")
    out = sys.stdout.write
    for name, g in (("treatment", c.treatment), ("comparison", c.comparison)):
        assert g.ci is not None
        out(f"{name:<11} n={g.n:,}  estimate {g.estimate:.4g}  95% CI {g.ci[0]:.4g} to {g.ci[1]:.4g}  "
            f"SD {g.sd:.4g}\n")
    d = c.difference
    assert d.ci is not None and d.estimate is not None and d.se is not None
    out(f"difference  {d.estimate:.4g} {unit}  {(1 - c.alpha) * 100:g}% CI {d.ci[0]:.4g} to {d.ci[1]:.4g}  "
        f"SE {d.se:.4g}\n".replace("  \n", "\n").replace("   ", "  "))
    out(f"Welch t     t = {c.statistic:.4g}, df = {c.df:.1f}, p = {c.p_value:.4g} ({stats.format_p(c.p_value)}); "
        f"{'statistically significant' if c.significant else 'not statistically significant'} at {c.alpha:g}\n")
    out("effect size " + ", ".join(f"{k} = {v:.3g}" for k, v in c.effect_size.items()) + "\n")
    if c.needed_n is not None:
        out(f"needed n    {c.needed_n:,} in the treatment group for {c.power * 100:g}% power "
            f"(it has {c.treatment.n:,})\n")


@evidence.command()
@click.argument("evidence_id", metavar="ID")
@project_option
@_power_option
@format_option("text", "json", default="text")
def say(evidence_id: str, project_path: Path | None, power: float | None, fmt: str) -> None:
    """Say a result in plain English, with what you can and cannot say.

    Worded from the unrounded confidence interval, per 100 people for rates and
    frequencies. Templates can be overridden under `wording:` in realist.yaml
    (see docs/quant.md).

    \b
    Example:
      realist evidence say psm-time-to-reoffence
      realist evidence say psm-reoffending-rate --format json
    """
    from realist.quant.say import say as say_statement

    project = open_project(project_path)
    statement = say_statement(project, evidence_id, power=power)
    if fmt == "json":
        emit_json(statement.as_dict())
        return
    from realist import ui

    if ui.is_terminal():
        from rich.text import Text

        text = Text()
        text.append(statement.title + "\n", style="bold")
        for paragraph in statement.text().split("\n\n"):
            label, sep, rest = paragraph.partition(": ")
            if sep and label in ("What you can say", "What you cannot say"):
                text.append("\n" + label + ": ", style="bold")
                text.append(rest + "\n")
            else:
                text.append("\n" + paragraph + "\n")
        ui.out().print(text)
    else:
        sys.stdout.write(f"{statement.title}\n\n{statement.text()}\n")


@evidence.command()
@click.argument("csv_path", metavar="FILE.csv", type=click.Path(path_type=Path))
@click.option("--id", "id_col", required=True, help="Column naming the person (pseudonymised id).")
@click.option("--before", "before_col", required=True, help="Column of the score before (at the start).")
@click.option("--after", "after_col", required=True, help="Column of the score after (at follow-up).")
@click.option("--by", "by_col", default=None, help="Column naming the domain or need (one test per domain).")
@click.option("--name", "evidence_id", default=None, help="Id of the evidence file (default: from FILE).")
@click.option("--title", default=None, help="Title of the evidence file.")
@click.option("--strand", default=None, help="Strand of realist.yaml the data come from.")
@click.option("--follow-up", "follow_up", default=None, help='How long after, e.g. "12 months".')
@click.option("--bears-on", "bears_on", multiple=True, metavar="THEORY[:ELEMENT]",
              help="A theory or element the result supports (repeatable).")
@click.option("--alpha", type=click.FloatRange(0, 1, min_open=True, max_open=True), default=0.05,
              show_default=True, help="Significance level.")
@click.option("--out", "out_path", default=None, help="Where to write (default: the evidence folder; - for stdout).")
@click.option("--force", is_flag=True, help="Replace an existing evidence file.")
@project_option
def paired(csv_path: Path, id_col: str, before_col: str, after_col: str, by_col: str | None,
           evidence_id: str | None, title: str | None, strand: str | None, follow_up: str | None,
           bears_on: tuple[str, ...], alpha: float, out_path: str | None, force: bool,
           project_path: Path | None) -> None:
    """Paired before/after scores from a CSV -> a paired-change evidence file.

    A Wilcoxon signed-rank test per domain, the mean change, effect size r and the
    number of people dropped for want of a follow-up score. Only the summaries are
    written; the CSV stays where it is.

    \b
    Example:
      realist evidence paired needs.csv --id person --before start --after month12 --by need \\
          --name needs-12-months --follow-up "12 months" --bears-on person-centred-approach:O2
    """
    from realist.quant.paired import write_paired

    project = open_project(project_path)
    path, results = write_paired(project, csv_path, id_col, before_col, after_col, by_col,
                                 evidence_id=evidence_id, title=title, strand=strand, follow_up=follow_up,
                                 bears_on=list(bears_on), alpha=alpha, out=out_path, force=force)
    if path is None:
        return
    for r in results:
        change = "—" if r.mean_change is None else f"{r.mean_change:+.3f}"
        p = "—" if r.p_value is None else f"{r.p_value:.3g}"
        sys.stderr.write(f"  {r.name}: n={r.n:,} (dropped {r.n_dropped:,}), change {change}, p {p}"
                         f"{' *' if r.significant else ''}\n")
    sys.stderr.write(f"wrote {path}; check it with `realist evidence check`\n")
