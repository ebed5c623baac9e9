#!/usr/bin/env python3
"""Turns the results of peers harness runs into one comparison table and the target ratios.

  bench/table.py OUT.md LABEL=RUN_DIR [LABEL=RUN_DIR ...]

RUN_DIR is an OUTDIR of ../shared/bench/peers/run.sh (results.tsv, hits.tsv, queries.jsonl).
Writes OUT.md (Markdown) and prints it. Every number comes from the harness files:
build s, MB/s (input MiB / build_s), index MB, RSS build/query (GNU time), p50/p99 over the
per-query medians (all queries, then phrase queries only), phrase recall and precision means
against the literal scan. The target lines compare bleve-jieba* with Lucene in the same run.
"""
import csv
import json
import math
import os
import sys

ORDER = ["literal", "lucene-cjk", "lucene-smartcn", "sqlite-trigram", "xapian-ngram"]


def read_results(run):
    res = {}
    with open(os.path.join(run, "results.tsv"), encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            res.setdefault(row["engine"], {})[row["metric"]] = row["value"]
    return res


def read_latencies(run):
    """engine -> {"all": [...], "phrase": [...], "keyword": [...]} in microseconds."""
    kinds = {}
    with open(os.path.join(run, "queries.jsonl"), encoding="utf-8") as f:
        for line in f:
            if line.strip():
                q = json.loads(line)
                kinds[q["q"]] = q["kind"]
    out = {}
    with open(os.path.join(run, "hits.tsv"), encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            e = out.setdefault(row["engine"], {"all": [], "phrase": [], "keyword": []})
            lat = float(row["latency_us"])
            e["all"].append(lat)
            e[kinds.get(row["query"], "keyword")].append(lat)
    return out


def pct(values, p):
    """Nearest-rank percentile, as the harness's report.py computes it."""
    if not values:
        return None
    s = sorted(values)
    return s[max(0, math.ceil(p / 100.0 * len(s)) - 1)]


def num(d, k):
    v = d.get(k)
    try:
        return float(v)
    except (TypeError, ValueError):
        return None


def f(v, digits=1):
    if v is None:
        return "-"
    if abs(v) >= 100:
        return "%.0f" % v
    return ("%." + str(digits) + "f") % v


def ms(us):
    return None if us is None else us / 1000.0


def engines_of(res):
    known = [e for e in ORDER if e in res]
    return known + sorted(e for e in res if e not in ORDER)


def main(argv):
    if len(argv) < 3:
        sys.exit(__doc__)
    out_md = argv[1]
    runs = []
    for a in argv[2:]:
        label, _, run = a.partition("=")
        if not run:
            sys.exit("argument %r is not LABEL=RUN_DIR" % a)
        if not os.path.exists(os.path.join(run, "results.tsv")):
            print("table.py: no results.tsv in %s, skipped" % run, file=sys.stderr)
            continue
        runs.append((label, run))
    lines = []
    head = ["corpus", "engine", "paragraphs", "text MiB", "build s", "MiB/s", "merge s", "index MiB", "index/text",
            "RSS build MiB", "RSS query MiB", "p50 ms", "p99 ms", "phrase p50 ms", "phrase p99 ms",
            "phrase recall", "recall min", "precision", "full-recall phrases"]
    lines.append("| " + " | ".join(head) + " |")
    lines.append("|" + "|".join(["---"] * 2 + ["---:"] * (len(head) - 2)) + "|")
    targets = []
    for label, run in runs:
        res = read_results(run)
        lat = read_latencies(run)
        for e in engines_of(res):
            m = res[e]
            l = lat.get(e, {"all": [], "phrase": []})
            text = num(m, "input_mb")
            build = num(m, "build_s")
            idx = num(m, "index_mb")
            rec, rmin, prec = num(m, "phrase_recall_mean"), num(m, "phrase_recall_min"), num(m, "phrase_precision_mean")
            full = m.get("phrase_full_recall_queries")
            nph = m.get("phrase_queries")
            row = [label, e + (" (failed: %s)" % m["failed"] if "failed" in m else ""),
                   m.get("paragraphs", "-"), f(text, 2),
                   f(build, 2) if e != "literal" else "-",
                   f(text / build, 2) if text and build and e != "literal" else "-",
                   f(num(m, "merge_s"), 2),
                   f(idx), f(idx / text, 2) if idx and text else "-",
                   f(num(m, "peak_rss_build_mb"), 0), f(num(m, "peak_rss_query_mb"), 0),
                   f(ms(pct(l["all"], 50)), 2), f(ms(pct(l["all"], 99)), 2),
                   f(ms(pct(l["phrase"], 50)), 2), f(ms(pct(l["phrase"], 99)), 2),
                   "-" if rec is None else "%.1f%%" % (100 * rec),
                   "-" if rmin is None else "%.1f%%" % (100 * rmin),
                   "-" if prec is None else "%.1f%%" % (100 * prec),
                   "%s/%s" % (full, nph) if full is not None and nph else "-"]
            lines.append("| " + " | ".join(str(c) for c in row) + " |")
        targets.extend(target_lines(label, res, lat))
    text = "\n".join(lines) + "\n"
    if targets:
        text += "\nTargets (ratios in the same run; ✔ met, ✘ not met):\n\n" + "\n".join(targets) + "\n"
    with open(out_md, "w", encoding="utf-8") as fo:
        fo.write(text)
    print(text)


def target_lines(label, res, lat):
    cjk, smart = res.get("lucene-cjk"), res.get("lucene-smartcn")
    out = []
    for e in engines_of(res):
        if not e.startswith("bleve-jieba"):
            continue
        m, l = res[e], lat.get(e)
        if l is None:
            continue
        checks = []

        def ratio(name, ours, theirs, limit, fmt="%.2f×"):
            if ours is None or theirs is None or theirs == 0:
                checks.append("%s n/a" % name)
                return
            r = ours / theirs
            checks.append("%s %s (≤ %g) %s" % (name, fmt % r, limit, "✔" if r <= limit else "✘"))

        if cjk is not None and "lucene-cjk" in lat:
            lc = lat["lucene-cjk"]
            ratio("p50/CJK", pct(l["all"], 50), pct(lc["all"], 50), 1)
            ratio("p99/CJK", pct(l["all"], 99), pct(lc["all"], 99), 1.5)
            ratio("phrase p50/CJK", pct(l["phrase"], 50), pct(lc["phrase"], 50), 1)
        if smart is not None:
            ours = num(m, "input_mb") / num(m, "build_s") if num(m, "build_s") else None
            theirs = num(smart, "input_mb") / num(smart, "build_s") if num(smart, "build_s") else None
            if ours and theirs:
                r = ours / theirs
                checks.append("build MiB/s vs smartcn %.2f× (≥ 1) %s" % (r, "✔" if r >= 1 else "✘"))
        idx, text = num(m, "index_mb"), num(m, "input_mb")
        if idx and text:
            checks.append("index/text %.2f (≤ 3) %s" % (idx / text, "✔" if idx / text <= 3 else "✘"))
        rec, prec = num(m, "phrase_recall_mean"), num(m, "phrase_precision_mean")
        if rec is not None and prec is not None:
            ok = rec >= 1 and prec >= 1
            s = "phrase recall %.1f%% precision %.1f%% %s" % (100 * rec, 100 * prec, "✔" if ok else "✘")
            if smart is not None and num(smart, "phrase_recall_mean") is not None:
                s += " (smartcn recall %.1f%%)" % (100 * num(smart, "phrase_recall_mean"))
            checks.append(s)
        out.append("- %s, %s: %s" % (label, e, "; ".join(checks)))
    return out


if __name__ == "__main__":
    main(sys.argv)
