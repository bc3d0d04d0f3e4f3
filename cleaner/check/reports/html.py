"""The report a person reads: one offline HTML file with inline CSS and SVG charts (see :mod:`.charts`), no
script and no external resource (a Content-Security-Policy in the page says so to the browser too)."""

from __future__ import annotations

from html import escape
from importlib import resources
from string import Template

from .charts import bars, histogram, score_color

STAGE_COLORS = {
    "decode": "#7b8794", "extract": "#9f7aea", "repair": "#3b6fd8", "language": "#00a3a3",
    "boilerplate": "#e8833a", "artifacts": "#d64541", "quality": "#b5893b",
}
FLAG_COLOR = "#d64541"
LANG_COLOR = "#3b6fd8"


def _asset(name: str) -> str:
    return resources.files(__package__).joinpath("assets", name).read_text(encoding="utf-8")


def _pct(x: float | None) -> str:
    return "n/a" if x is None else f"{x:.1%}"


def _num(x: float | None, digits: int = 3) -> str:
    return "n/a" if x is None else f"{x:.{digits}g}"


def _card(key: str, value: str, detail: str = "", bad: bool = False) -> str:
    return f'<div class="card{" bad" if bad else ""}"><div class="k">{escape(key)}</div><div class="v">{escape(value)}</div><div class="d">{escape(detail)}</div></div>'


def _failed(report: dict, *names: str) -> bool:
    return any(c["name"] in names and not c["passed"] for c in report["checks"])


def _cards(r: dict) -> str:
    docs, scores, dups = r["documents"], r["scores"], r["duplicates"]
    return "".join(
        [
            _card("Documents", f"{docs['checked']:,}", f"{docs['words']:,} words · {docs['bad']} unreadable", bad=docs["bad"] > 0),
            _card("Mean score", _num(scores["mean"]), f"median {_num(scores['median'])} · p10 {_num(scores['p10'])}", _failed(r, "min-mean-score", "baseline-mean-score")),
            _card("Below min-score", _pct(scores["below_min_share"]), f"{scores['below_min']} below {scores['min_score']:g}", _failed(r, "max-low-share", "baseline-low-share")),
            _card("Boilerplate removed", _pct(r["boilerplate"]["mean_share"]), f"mean share · {r['boilerplate']['docs_with_removal']} docs", _failed(r, "max-boilerplate-share", "baseline-boilerplate-share")),
            _card("Mojibake left", _pct(r["mojibake"]["left_share"]), f"{r['mojibake']['docs_repaired']} docs repaired", _failed(r, "max-mojibake-share", "baseline-mojibake-share")),
            _card("Machine translation", _pct(r["mt"]["share"]), f"{r['mt']['suspected']} suspected", _failed(r, "max-mt-share", "baseline-mt-share")),
            _card("Duplicates", _pct(dups["share"]), f"{dups['exact']} exact · {dups['near']} near", _failed(r, "max-duplicate-share", "baseline-duplicate-share")),
        ]
    )


def _gauge(check: dict) -> str:
    value, limit = check["value"], check["limit"]
    if value is None or check["kind"] != "threshold":
        return ""
    scale = max(value, limit, 1e-9) * 1.25 if max(value, limit) < 0.8 else 1.0
    color = "var(--pass)" if check["passed"] else "var(--fail)"
    return f'<div class="gauge"><i style="width:{min(value / scale, 1) * 100:.1f}%;background:{color}"></i><b style="left:{min(limit / scale, 1) * 100:.1f}%"></b></div>'


def _checks(r: dict) -> str:
    if not r["checks"]:
        return '<p class="empty">No limits were set, so nothing was checked. Set them with options or in [tool.cleaner.check].</p>'
    rows = []
    for c in r["checks"]:
        pill = '<span class="pill ok">PASS</span>' if c["passed"] else '<span class="pill no">FAIL</span>'
        limit = f"{c['op']} {c['limit']:g}" + (f" (was {_num(c.get('baseline'))})" if c["kind"] == "baseline" else "")
        rows.append(
            f"<tr><td>{pill}</td><td><code>{escape(c['name'])}</code></td><td>{escape(c['message'].removeprefix(c['name'] + ': '))}{_gauge(c)}</td>"
            f'<td class="num">{_num(c["value"], 4)}</td><td class="num">{escape(limit)}</td></tr>'
        )
    return "<table><tr><th></th><th>check</th><th>what</th><th>value</th><th>limit</th></tr>" + "".join(rows) + "</table>"


def _rules(r: dict) -> str:
    ranked = sorted(r["rules"].items(), key=lambda kv: (-kv[1]["docs"], kv[0]))[:15]
    items = [
        (f"{rule} {info.get('name', '')}".strip(), info["docs"], STAGE_COLORS.get(info.get("stage", ""), "#7b8794"),
         f"{rule} ({info.get('stage') or '?'}, {info.get('how', '')}): {info['count']} times in {info['docs']} document(s)")
        for rule, info in ranked
    ]
    stages = sorted({info.get("stage", "") for _, info in ranked} & STAGE_COLORS.keys())
    legend = "".join(f'<span style="--c:{STAGE_COLORS[s]}">{s}</span>' for s in stages)
    more = f" · {len(r['rules']) - len(ranked)} more rule(s) in the JSON report" if len(r["rules"]) > len(ranked) else ""
    chart = bars(items, total=r["documents"]["checked"], label_w=250, empty="No rule changed, flagged or penalised any document.")
    return chart + (f'<div class="legend">{legend}</div>' if legend else "") + (f'<div class="params">{escape(more.lstrip(" ·"))}</div>' if more else "")


def _duplicates(r: dict) -> str:
    dups, passages = r["duplicates"], r["passages"]
    m = dups["method"]
    out = []
    if dups["examples"]:
        rows = "".join(
            f"<tr><td>{escape(e['kind'])}</td><td>{escape(e['doc'])}</td><td>{escape(e['duplicate_of'])}</td></tr>" for e in dups["examples"][:10]
        )
        out.append(f"<table><tr><th>kind</th><th>document</th><th>duplicate of</th></tr>{rows}</table>")
    else:
        out.append('<p class="empty">No document duplicates an earlier one.</p>')
    sampled = "" if passages["sample_rate"] == 1 else f"; sampled at {passages['sample_rate']:.3g}"
    out.append(
        f'<h2 style="margin-top:16px">Passages shared across documents <small>{passages["shared"]} sentence(s) of ≥ {passages["min_words"]} words in '
        f"more than one document (case, punctuation and spacing ignored); {passages['docs_with_shared']} document(s) repeat an earlier one"
        f"{sampled}</small></h2>"
    )
    if not passages["top"]:
        out.append('<p class="empty">No sentence occurs in more than one document.</p>')
    for p in passages["top"][:8]:
        variants = {v["text"] for v in p["seen_in"]}
        quotes = "".join(f"<q>{escape(t)}</q>" for t in sorted(variants))
        src = ", ".join(escape(v["doc"]) for v in p["seen_in"]) + (f" and {p['docs'] - len(p['seen_in'])} more" if p["docs"] > len(p["seen_in"]) else "")
        out.append(f'<div class="passage"><span class="n">in {p["docs"]} documents</span>{quotes}<div class="src">{src}</div></div>')
    probs = ", ".join(f"J={k}: {v:.0%}" for k, v in m["detection_probability"].items())
    out.append(
        f'<div class="params">Exact: {escape(m["exact"])}. Near: {escape(m["near"])}, word {m["shingle_words"]}-shingles, {m["num_perm"]} permutations, '
        f'threshold {m["threshold"]:g} ({m["bands"]} bands × {m["rows"]} rows); chance a pair is caught by Jaccard similarity: {probs}. '
        f'{m["indexed"]:,} document(s) indexed (limit {m["index_limit"]:,}).</div>'
    )
    return "".join(out)


def _highlight(excerpt: str, flags: list[dict]) -> str:
    """The excerpt with flagged text marked where it occurs in it."""
    out = escape(excerpt)
    for text in sorted({f.get("text", "") for f in flags if f.get("text")}, key=len, reverse=True):
        out = out.replace(escape(text), f"<mark>{escape(text)}</mark>", 1)
    return out


def _evidence(flag: dict) -> str:
    return f' <span class="why">— {escape(str(flag["evidence"])[:160])}</span>' if flag.get("evidence") else ""


def _worst(r: dict) -> str:
    if not r["worst"]:
        return '<p class="empty">No scored documents.</p>'
    out = []
    for doc in r["worst"]:
        reasons = "".join(
            f"<li><code>{escape(str(x.get('rule', '')))}</code> {escape(str(x.get('why') or x.get('signal', '')))} "
            f"<span class=\"why\">— {escape(str(x.get('signal', '')))} = {escape(str(x.get('value', '')))}"
            f"{', threshold ' + escape(str(x['threshold'])) if 'threshold' in x else ''}"
            f"{', −' + escape(str(x['penalty'])) if 'penalty' in x else ''}</span></li>"
            for x in doc["reasons"]
        )
        flags = "".join(
            f"<li><code>{escape(str(f.get('type', '')))}</code> “{escape(str(f.get('text', ''))[:80])}”{_evidence(f)}</li>" for f in doc["flags"]
        )
        hidden = doc["flag_total"] - len(doc["flags"])
        more_flags = f'<li class="why">… {hidden} more flag(s)</li>' if hidden > 0 else ""
        body = (f"<ul>{reasons}</ul>" if reasons else '<p class="empty">No penalty recorded.</p>') + (f"<ul>{flags}{more_flags}</ul>" if flags else "")
        out.append(
            f'<div class="doc"><div class="top"><span class="score" style="background:{score_color(doc["score"])}">{doc["score"]:.2f}</span>'
            f'<span class="name">{escape(doc["doc"])}</span><span class="where">{escape(doc["where"])} · {escape(doc["lang"])} · {doc["words"]} words</span></div>'
            f'{body}<div class="excerpt">{_highlight(doc["excerpt"], doc["flags"]).replace(chr(10), " ⏎ ")}{"…" if len(doc["excerpt"]) >= 280 else ""}</div></div>'
        )
    return "".join(out)


def _bad(r: dict) -> str:
    docs = r["documents"]
    if not docs["bad"]:
        return ""
    items = "".join(f"<li><code>{escape(b['where'])}</code> {escape(b['error'])}</li>" for b in docs["bad_examples"])
    return f'<section class="panel"><h2>Unreadable records <small>{docs["bad"]} in all</small></h2><ul>{items}</ul></section>'


def render(r: dict) -> str:
    scores = r["scores"]
    n = r["documents"]["checked"]
    failed = sum(not c["passed"] for c in r["checks"])
    flags = [(k, v["docs"], FLAG_COLOR, f"{k}: {v['count']} flag(s) in {v['docs']} document(s)") for k, v in list(r["flags"]["by_type"].items())[:15]]
    langs = [(k, v, LANG_COLOR, k) for k, v in list(r["languages"].items())[:12]]
    values = {
        "css": _asset("report.css"),
        "status": r["status"],
        "status_word": {"pass": "PASS", "fail": "FAIL", "error": "INPUT ERROR"}[r["status"]],
        "inputs": escape(", ".join(r["inputs"])),
        "created": escape(r["created"]),
        "version": escape(r["tool"]["version"]),
        "schema": escape(r["schema"]),
        "cards": _cards(r),
        "checks_note": f"{failed} of {len(r['checks'])} failed" if r["checks"] else "",
        "checks": _checks(r),
        "score_note": f"mean {_num(scores['mean'])} · {scores['below_min']} of {scores['scored']} below {scores['min_score']:g}",
        "histogram": histogram(scores["histogram"]["counts"], scores["histogram"]["bin_width"], scores["min_score"]),
        "languages": bars(langs, total=n, empty="No languages detected."),
        "flags": bars(flags, total=n, empty="No flags."),
        "rules": _rules(r),
        "dup_note": f"{r['duplicates']['exact']} exact · {r['duplicates']['near']} near · {_pct(r['duplicates']['share'])} of documents",
        "duplicates": _duplicates(r),
        "worst": _worst(r),
        "bad": _bad(r),
    }
    return Template(_asset("report.html")).substitute(values)
