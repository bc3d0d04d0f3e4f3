"""A Markdown summary short enough for a pull-request comment or a job summary."""

from __future__ import annotations


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _pct(x: float | None) -> str:
    return "n/a" if x is None else f"{x:.1%}"


def _num(x: float | None) -> str:
    return "n/a" if x is None else f"{x:.3g}"


def render(report: dict) -> str:
    docs, scores, dups, passages = report["documents"], report["scores"], report["duplicates"], report["passages"]
    icon = {"pass": "✅", "fail": "❌", "error": "⚠️"}[report["status"]]
    out = [f"## {icon} cleaner check: {report['status']}", ""]
    out.append(
        f"**{docs['checked']}** documents checked ({docs['bad']} unreadable) · mean score **{_num(scores['mean'])}** · "
        f"**{_pct(scores['below_min_share'])}** below {scores['min_score']:g} · duplicates **{_pct(dups['share'])}**"
    )
    out.append("")
    if report["checks"]:
        out += ["| | check | value | limit |", "|---|---|---|---|"]
        for c in report["checks"]:
            limit = f"{c['op']} {c['limit']:g}"
            if c["kind"] == "baseline":
                limit += f" (was {_num(c.get('baseline'))})"
            out.append(f"| {'✅' if c['passed'] else '❌'} | {_cell(c['name'])} | {_num(c['value'])} | {_cell(limit)} |")
    else:
        out.append("_No limits set: nothing was checked._")
    out.append("")
    langs = ", ".join(f"{k} {v}" for k, v in list(report["languages"].items())[:8])
    out += [
        "| figure | value |",
        "|---|---|",
        f"| languages | {_cell(langs or 'none')} |",
        f"| score p10 / median / p90 | {_num(scores['p10'])} / {_num(scores['median'])} / {_num(scores['p90'])} |",
        f"| boilerplate removed (mean share) | {_pct(report['boilerplate']['mean_share'])} |",
        f"| mojibake repaired / left (documents) | {report['mojibake']['docs_repaired']} / {report['mojibake']['docs_left']} |",
        f"| suspected machine translation | {_pct(report['mt']['share'])} |",
        f"| exact / near duplicates | {dups['exact']} / {dups['near']} |",
        f"| passages shared across documents | {passages['shared']} |",
    ]
    if report["flags"]["by_type"]:
        flags = ", ".join(f"{k} {v['count']}" for k, v in list(report["flags"]["by_type"].items())[:8])
        out.append(f"| flags | {_cell(flags)} |")
    if report["worst"]:
        out += ["", "<details><summary>Lowest-scoring documents</summary>", "", "| score | document | reasons |", "|---|---|---|"]
        for doc in report["worst"]:
            why = "; ".join(r.get("why") or r.get("signal", "") for r in doc["reasons"]) or "—"
            out.append(f"| {doc['score']:.2f} | {_cell(doc['doc'])} | {_cell(why)} |")
        out += ["", "</details>"]
    if docs["bad_examples"]:
        out += ["", "**Unreadable records**", ""] + [f"- `{_cell(b['error'])}`" for b in docs["bad_examples"][:10]]
    return "\n".join(out) + "\n"
