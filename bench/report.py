#!/usr/bin/env python3
"""Summarise bench runs: per tool the median wall time over its OK runs, MB/s, CPU and peak RSS,
then pgferry / best peer. Writes the machine-readable results JSON.

usage: report.py --runs runs.jsonl --json results.json
Header facts come from META_* environment variables set by run.sh.
"""
import argparse
import json
import os
import statistics
import sys

ORDER = ["pgdump_dir", "pgdump_pipe", "pgcopydb", "pgferry", "pgferry_transform", "pgferry_flink"]
LABEL = {
    "pgdump_dir": "pg_dump -Fd -jN + pg_restore -jN",
    "pgdump_pipe": "pg_dump | psql",
    "pgcopydb": "pgcopydb clone",
    "pgferry": "pgferry clone",
    "pgferry_transform": "pgferry clone + pipeline",
    "pgferry_flink": "pgferry clone --engine flink",
}
PEERS = {"pgdump_dir", "pgdump_pipe", "pgcopydb"}


def median(xs):
    return statistics.median(xs) if xs else None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", required=True)
    ap.add_argument("--json", required=True)
    a = ap.parse_args()

    runs = [json.loads(line) for line in open(a.runs) if line.strip()]
    env = os.environ
    src_bytes = int(env.get("META_SRC_BYTES", "0"))
    meta = {
        "timestamp": env.get("META_STAMP"),
        "cpus": int(env.get("META_NCPU", "0")),
        "mem_gib": float(env.get("META_MEM_GB", "0")),
        "load_average_at_start": env.get("META_LOADAVG"),
        "load_average_at_end": " ".join(open("/proc/loadavg").read().split()[:3]),
        "server_version": env.get("META_SERVER"),
        "java": env.get("META_JAVA") or None,
        "scale": env.get("META_SCALE"),
        "jobs": int(env.get("META_JOBS", "0")),
        "rounds": int(env.get("META_RUNS", "0")),
        "source_db": env.get("META_SRC_DB"),
        "source_bytes": src_bytes,
        "dataset_version": env.get("META_DATASET"),
    }
    versions = {k[len("META_VERSION_"):]: v for k, v in env.items() if k.startswith("META_VERSION_")}
    skipped = {k[len("META_SKIP_"):]: v for k, v in env.items() if k.startswith("META_SKIP_")}

    tools = sorted({r["tool"] for r in runs}, key=lambda t: ORDER.index(t) if t in ORDER else 99)
    summary = {}
    print("%-34s %5s %10s %8s %6s %11s %7s %8s  %s" % ("tool (median of OK runs)", "ok", "wall_s", "MB/s", "cpu%",
                                                       "peak_rss", "tool_s", "server_s", "runs (wall s)"))
    for t in tools:
        rs = [r for r in runs if r["tool"] == t]
        ok = [r for r in rs if r["status"] == "OK"]
        wall = median([r["wall_s"] for r in ok])
        cpu = median([r["cpu_util"] for r in ok])
        rss = max([r["peak_rss_kb"] for r in ok], default=None)
        mbps = src_bytes / 1048576 / wall if wall else None
        tool_s = median([r["tool_cpu_s"] for r in ok if r.get("tool_cpu_s") is not None])
        server_s = median([r["server_cpu_s"] for r in ok if r.get("server_cpu_s") is not None])
        s = {
            "label": LABEL.get(t, t),
            "version": versions.get(t),
            "runs": rs,
            "ok_runs": len(ok),
            "failed_runs": len(rs) - len(ok),
            "median_wall_s": round(wall, 3) if wall else None,
            "mb_per_s": round(mbps, 2) if mbps else None,
            "median_cpu_util": round(cpu, 4) if cpu is not None else None,
            "max_peak_rss_kb": rss,
            "median_tool_cpu_s": tool_s,
            "median_server_cpu_s": server_s,
        }
        summary[t] = s
        each = " ".join(("%.1f" % r["wall_s"]) + ("" if r["status"] == "OK" else "(FAILED)") for r in rs)
        if wall:
            fmt = lambda v: "-" if v is None else "%.1f" % v
            print("%-34s %2d/%-2d %10.2f %8.1f %6.1f %8.0f MB %7s %8s  %s" % (
                LABEL.get(t, t), len(ok), len(rs), wall, mbps, 100 * cpu, rss / 1024, fmt(tool_s), fmt(server_s), each))
        else:
            print("%-34s %2d/%-2d %10s %8s %6s %11s %7s %8s  %s" % (LABEL.get(t, t), len(ok), len(rs), "FAILED", "-", "-", "-",
                                                               "-", "-", each))
    for t, why in skipped.items():
        print("%-34s SKIPPED: %s" % (LABEL.get(t, t), why))

    ratio = None
    best = None
    peers = {t: s for t, s in summary.items() if t in PEERS and s["median_wall_s"]}
    if peers:
        best = min(peers, key=lambda t: peers[t]["median_wall_s"])
    print()
    if best and summary.get("pgferry", {}).get("median_wall_s"):
        ratio = summary["pgferry"]["median_wall_s"] / peers[best]["median_wall_s"]
        verdict = "meets" if ratio <= 0.75 else "misses"
        print("pgferry / best peer (%s): %.2f  (target <= 0.75: %s)" % (LABEL[best], ratio, verdict))
        cpu = summary["pgferry"]["median_cpu_util"]
        print("pgferry CPU utilisation: %.1f%%  (target >= 90%%: %s)" % (100 * cpu, "meets" if cpu >= 0.9 else "misses"))
    elif "pgferry" in summary:
        print("pgferry / best peer: n/a (%s)" % ("no successful pgferry run" if best else "no successful peer run"))
    else:
        print("pgferry / best peer: n/a (pgferry not run)")
    tr = None
    if summary.get("pgferry_transform", {}).get("median_wall_s") and summary.get("pgferry", {}).get("median_wall_s"):
        tr = summary["pgferry"]["median_wall_s"] / summary["pgferry_transform"]["median_wall_s"]
        print("transformed throughput / plain: %.2f  (target >= 0.60: %s)" % (tr, "meets" if tr >= 0.6 else "misses"))
    fl = None
    if summary.get("pgferry_flink", {}).get("median_wall_s") and summary.get("pgferry", {}).get("median_wall_s"):
        fl = summary["pgferry_flink"]["median_wall_s"] / summary["pgferry"]["median_wall_s"]
        print("flink engine (mini cluster) / local engine: %.2f  (target <= 1.50: %s)" % (fl, "meets" if fl <= 1.5 else "misses"))
    print("load average at end: %s" % meta["load_average_at_end"])

    result = {
        "meta": meta,
        "skipped": skipped,
        "tools": summary,
        "best_peer": best,
        "pgferry_over_best_peer": round(ratio, 4) if ratio else None,
        "transform_over_plain_throughput": round(tr, 4) if tr else None,
        "flink_over_local": round(fl, 4) if fl else None,
    }
    os.makedirs(os.path.dirname(os.path.abspath(a.json)), exist_ok=True)
    with open(a.json, "w") as f:
        json.dump(result, f, indent=2)
    print("results: %s" % a.json)
    failed = sum(s["failed_runs"] for s in summary.values())
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
