#!/usr/bin/env python3
"""Groups the failing cases of run.sh result files by likely cause, as Markdown (for RESULTS.md).

    bench/schema-suites/report.py bench/out/schema-suites-*.json > bench/schema-suites/RESULTS.md

The grouping is a heuristic over the case name, pgferry's error and the differing dump lines; the first
matching rule wins, in the order below. Read the per-case line before trusting a group.
"""
import json
import os
import re
import sys

CASES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cases")

# (group, pattern over "name + error + diff"); the first match wins.
RULES = [
    ("default privileges", r"default.privilege|DEFAULT PRIVILEGES"),
    ("inheritance", r"inherit"),
    ("partitions", r"partition|ATTACH|DETACH"),
    ("enum change", r"\benum|AS ENUM"),
    ("serial/identity", r"serial|identity|nextval|GENERATED (?:ALWAYS|BY DEFAULT) AS IDENTITY"),
    ("triggers", r"trigger"),
    ("cross-kind creation order", r"does not exist|depend(?:s)? on it|cannot drop|dependenc|dependency"),
]


def group(r):
    if r["outcome"] == "FAIL" and r.get("outcome_ignoring_column_order") == "PASS":
        return "column order"
    text = " ".join([r["case"], r.get("detail", ""), " ".join(r.get("diff", []))])
    for g, pat in RULES:
        if re.search(pat, text, re.I):
            return g
    return "other"


def main(paths):
    runs = [json.load(open(p)) for p in paths]
    cases = [c for run in runs for c in run["cases"]]
    meta = {}
    for suite in {c["suite"] for c in cases}:
        for name, m in json.load(open(os.path.join(CASES, suite, "cases.json")))["cases"].items():
            meta[(suite, name)] = m
    for c in cases:
        if "upstream_expects_plan_error" in meta.get((c["suite"], c["case"]), {}):
            c["expected_error"] = True
    commit = runs[0]["pgferry_commit"]
    date = max(run["date"] for run in runs)
    print("# Results of `bench/schema-suites/run.sh`\n")
    print(f"Run {date[:10]} on pgferry commit `{commit}` (`--preserve none --allow-hazards all`), "
          f"server {runs[0]['server']}. Regenerate with `bench/schema-suites/report.py <result json files>`.\n")
    print("| suite | cases | loaded | pass (strict) | % | pass ignoring column order | % | differ | pgferry error | skipped (does not load) |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for suite in sorted({c["suite"] for c in cases}):
        rs = [c for c in cases if c["suite"] == suite]
        skip = sum(1 for c in rs if c["outcome"] == "SKIP")
        ran = len(rs) - skip
        strict = sum(1 for c in rs if c.get("outcome_strict", c["outcome"]) == "PASS")
        loose = sum(1 for c in rs if c.get("outcome_ignoring_column_order", c["outcome"]) == "PASS")
        fail = sum(1 for c in rs if c["outcome"] == "FAIL")
        err = sum(1 for c in rs if c["outcome"] == "ERROR")
        pct = lambda n: f"{100.0 * n / ran:.1f}" if ran else "-"
        print(f"| {suite} | {len(rs)} | {ran} | {strict} | {pct(strict)} | {loose} | {pct(loose)} | {fail} | {err} | {skip} |")
    refused = [c for c in cases if c.get("expected_error")]
    if refused:
        print(f"\n{len(refused)} cases are ones the upstream suite expects its own tool to refuse (stripe's "
              f"`expectedPlanError…`); of those pgferry passes "
              f"{sum(1 for c in refused if c['outcome'] == 'PASS')} and errors on "
              f"{sum(1 for c in refused if c['outcome'] == 'ERROR')} (marked below).")
    failing = [c for c in cases if c["outcome"] in ("FAIL", "ERROR")]
    groups = {}
    for c in failing:
        groups.setdefault(group(c), []).append(c)
    order = ["default privileges", "cross-kind creation order", "inheritance", "partitions", "column order",
             "enum change", "serial/identity", "triggers", "other"]
    print("\n## Failing cases by likely cause\n")
    print("`FAIL`: the dumps differ (`-` target after the sync, `+` source); `ERROR`: pgferry exited non-zero. "
          "Grouping is heuristic (report.py).\n")
    for g in order:
        cs = groups.get(g, [])
        if not cs:
            continue
        print(f"### {g} ({len(cs)})\n")
        rep = next((c for c in cs if c["outcome"] == "ERROR"), cs[0])
        print(f"Representative: `{rep['suite']}/{rep['case']}`: {rep['outcome']} {md(rep.get('detail', ''))[:400]}\n")
        for c in sorted(cs, key=lambda c: (c["suite"], c["case"])):
            flag = " *(upstream expects its own tool to refuse this case)*" if c.get("expected_error") else ""
            print(f"- `{c['suite']}/{c['case']}` {c['outcome']}{flag}: {md(c.get('detail', ''))[:220]}")
        print()
    skips = [c for c in cases if c["outcome"] == "SKIP"]
    if skips:
        print(f"## Skipped: SQL does not load on this server ({len(skips)})\n")
        for c in sorted(skips, key=lambda c: (c["suite"], c["case"])):
            print(f"- `{c['suite']}/{c['case']}`: {md(c.get('detail', ''))[:220]}")
        print()


def md(s):
    return s.replace("|", "\\|").replace("`", "'").replace("\n", " ")


if __name__ == "__main__":
    main(sys.argv[1:])
