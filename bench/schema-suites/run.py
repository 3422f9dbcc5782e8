#!/usr/bin/env python3
"""Runs pgferry schema-sync over the extracted case suites; see README.md (called by run.sh)."""
import argparse
import concurrent.futures
import datetime
import difflib
import fnmatch
import json
import os
import re
import subprocess
import sys
import threading
import time
import urllib.parse
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
CASES = os.path.join(HERE, "cases")
NOT_ROLES = {"public", "current_user", "session_user", "current_role", "postgres", "pg_database_owner"}
IDENT = r'(?:"(?:[^"]|"")+"|[A-Za-z_][A-Za-z0-9_$]*)'


def server_url(args):
    if args.server:
        return args.server
    user = os.environ.get("PGUSER", "postgres")
    host = os.environ.get("PGHOST", "127.0.0.1")
    port = os.environ.get("PGPORT", "5432")
    return f"postgresql://{urllib.parse.quote(user)}@{host}:{port}/{os.environ.get('PGDATABASE', 'postgres')}"


def db_url(base, db):
    p = urllib.parse.urlsplit(base)
    return urllib.parse.urlunsplit((p.scheme, p.netloc, "/" + db, p.query, p.fragment))


def run(cmd, timeout=600, **kw):
    try:
        return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, **kw)
    except subprocess.TimeoutExpired as e:
        return subprocess.CompletedProcess(cmd, 124, e.stdout or "", f"timed out after {timeout}s")


def psql(url, sql=None, file=None):
    cmd = ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", url]
    cmd += ["-f", file] if file else ["-c", sql]
    return run(cmd)


def first_error(text):
    lines = [l.strip() for l in text.splitlines() if l.strip()]
    for l in lines:
        if re.search(r"error|fatal|exception|refused|failed", l, re.I):
            return l[:300]
    return lines[0][:300] if lines else ""


def unquote(name):
    return name[1:-1].replace('""', '"') if name.startswith('"') else name.lower()


def role_names(sql):
    """Role names a case's SQL refers to, so they can exist (NOLOGIN) before it loads."""
    sql = re.sub(r"--[^\n]*", "", sql)
    names = set()
    ilist = IDENT + r"(?:\s*,\s*" + IDENT + r")*"
    pats = [
        r"\bOWNER\s+TO\s+(" + IDENT + ")",
        r"\bAUTHORIZATION\s+(" + IDENT + ")",
        r"\bFOR\s+(?:ROLE|USER)\s+(" + ilist + ")",
        r"\bGRANT\b[^;]*?\bTO\s+(?:GROUP\s+)?(" + ilist + ")",
        r"\bREVOKE\b[^;]*?\bFROM\s+(?:GROUP\s+)?(" + ilist + ")",
        r"\bCREATE\s+POLICY\b[^;]*?\bTO\s+(" + ilist + ")",
        r"\bALTER\s+POLICY\b[^;]*?\bTO\s+(" + ilist + ")",
        r"\bSET\s+(?:SESSION\s+)?ROLE\s+(" + IDENT + ")",
        r"\bGRANTED\s+BY\s+(" + IDENT + ")",
    ]
    for p in pats:
        for m in re.finditer(p, sql, re.I | re.S):
            for n in re.findall(IDENT, m.group(1)):
                n = unquote(n)
                if n.lower() not in NOT_ROLES and not n.lower().startswith("pg_"):
                    names.add(n)
    return names


def ensure_roles(admin_url, names):
    for n in sorted(names):
        lit = "'" + n.replace("'", "''") + "'"
        ident = '"' + n.replace('"', '""') + '"'
        # Roles are cluster-wide and parallel cases may race for the same one: create if missing, tolerate a twin.
        psql(admin_url, f"DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = {lit}) THEN "
                        f"CREATE ROLE {ident} NOLOGIN; END IF; "
                        f"EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$")


def statements(dump):
    """pg_dump -s output as a list of statements, without comments, SET lines, \\restrict lines and blanks."""
    out, cur = [], []
    for line in dump.splitlines():
        if not cur and (line.startswith("--") or not line.strip() or line.startswith("SET ")
                        or line.startswith("SELECT pg_catalog.set_config(") or line.startswith("\\")):
            continue
        cur.append(line.rstrip())
        if line.rstrip().endswith(";") and not in_dollar_body(cur):
            out.append("\n".join(cur))
            cur = []
    if cur:
        out.append("\n".join(cur))
    return out


def in_dollar_body(lines):
    tags = re.findall(r"\$[A-Za-z_]*\$", "\n".join(lines))
    return len(tags) % 2 == 1


def sort_columns(stmt):
    m = re.match(r"(CREATE (?:UNLOGGED |FOREIGN )?TABLE [^\n]*\(\n)(.*?)(\n\)[^\n]*)$", stmt, re.S)
    if not m:
        return stmt
    cols = sorted(l.rstrip(",") for l in m.group(2).split("\n"))
    return m.group(1) + ",\n".join(cols) + m.group(3)


def normalise(dump, ignore_column_order):
    st = statements(dump)
    if ignore_column_order:
        st = [sort_columns(s) for s in st]
    return st


def compare(src_dump, dst_dump, ignore_column_order, suffix):
    """outcome/detail/diff keys (with suffix) for two pg_dump -s outputs; diff lines: - target, + source."""
    ns, nt = normalise(src_dump, ignore_column_order), normalise(dst_dump, ignore_column_order)
    if ns == nt:
        return {"outcome" + suffix: "PASS"}
    if sorted(ns) == sorted(nt):
        # Same statements, another order: pg_dump breaks ties by OID, which says nothing about the schema.
        return {"outcome" + suffix: "PASS", "note" + suffix: "statement order differs"}
    diff = [l for l in difflib.unified_diff(sorted(nt), sorted(ns), "target", "source", n=0, lineterm="")
            if l[:1] in "+-" and not l.startswith(("+++", "---"))]
    summary = " | ".join(l.replace("\n", " ")[:160] for l in diff[:3])
    return {"outcome" + suffix: "FAIL", "detail" + suffix: summary, "diff" + suffix: diff[:40]}


def pg_dump(url, schema):
    cmd = [os.environ.get("PG_DUMP", "pg_dump"), "-s", "-d", url]
    if schema:
        cmd += ["-n", schema]
    return run(cmd)


def load_cases(suites, case_glob):
    cases = []
    for suite in suites:
        meta = json.load(open(os.path.join(CASES, suite, "cases.json")))
        for name in sorted(meta["cases"]):
            if case_glob and not (fnmatch.fnmatch(name, case_glob) or fnmatch.fnmatch(f"{suite}/{name}", case_glob)):
                continue
            cases.append((suite, name, meta["cases"][name]))
    return cases


def run_case(suite, name, meta, a, base):
    d = os.path.join(CASES, suite, name)
    tag = uuid.uuid4().hex[:8]
    src_db, dst_db = f"ss_{tag}_src", f"ss_{tag}_dst"
    src, dst = db_url(base, src_db), db_url(base, dst_db)
    res = {"suite": suite, "case": name, "upstream": meta.get("upstream")}
    t0 = time.time()
    files = {f: open(os.path.join(d, f)).read() for f in ("old.sql", "new.sql", "setup.sql")
             if os.path.exists(os.path.join(d, f))}
    try:
        ensure_roles(base, set(meta.get("roles", [])) | role_names("\n".join(files.values())))
        for db in (src_db, dst_db):
            r = psql(base, f'CREATE DATABASE "{db}"')
            if r.returncode:
                return dict(res, outcome="ERROR", detail="create database: " + first_error(r.stderr))
        for url, f in ((dst, "old.sql"), (src, "new.sql")):
            for part in ("setup.sql", f):
                if part in files:
                    r = psql(url, file=os.path.join(d, part))
                    if r.returncode:
                        return dict(res, outcome="SKIP", detail=f"does not load: {part}: {first_error(r.stderr)}")
        cmd = [os.path.join(ROOT, "pgferry"), "schema-sync", "--source", src, "--target", dst,
               "--preserve", "none", "--allow-hazards", "all", "--no-progress"]
        schema = meta.get("schema")
        if schema:
            cmd += ["--source-schema", schema, "--target-schema", schema]
        r = run(cmd, timeout=a.timeout, env=dict(os.environ, PGFERRY_CDS=os.environ.get("PGFERRY_CDS", "off")))
        res["exit"] = r.returncode
        if r.returncode:
            res["stderr"] = r.stderr[-4000:]
            return dict(res, outcome="ERROR", detail=f"exit {r.returncode}: {first_error(r.stderr + r.stdout)}")
        ds, dt = pg_dump(src, schema), pg_dump(dst, schema)
        if ds.returncode or dt.returncode:
            return dict(res, outcome="ERROR", detail="pg_dump: " + first_error(ds.stderr + dt.stderr))
        # Both comparisons from the same run; --ignore-column-order picks which one is the headline.
        res.update(compare(ds.stdout, dt.stdout, False, "_strict"))
        res.update(compare(ds.stdout, dt.stdout, True, "_ignoring_column_order"))
        pick = "_ignoring_column_order" if a.ignore_column_order else "_strict"
        return dict(res, **{k[:-len(pick)]: v for k, v in res.items() if k.endswith(pick)})
    finally:
        res["seconds"] = round(time.time() - t0, 1)
        for db in (src_db, dst_db):
            psql(base, f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')


def main():
    ap = argparse.ArgumentParser(prog="run.sh")
    ap.add_argument("--suite", action="append", help="suite name (repeatable); default: every suite under cases/")
    ap.add_argument("--case", help="glob over case names (or suite/case)")
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--server", help="server URL (default: PG* variables, else postgresql://postgres@127.0.0.1:5432/postgres)")
    ap.add_argument("--ignore-column-order", action="store_true", help="also sort the columns inside CREATE TABLE")
    ap.add_argument("--timeout", type=int, default=300, help="seconds per pgferry run")
    ap.add_argument("--out", help="JSON result file (default bench/out/schema-suites-<time>.json)")
    a = ap.parse_args()
    suites = a.suite or sorted(s for s in os.listdir(CASES) if os.path.isdir(os.path.join(CASES, s)))
    cases = load_cases(suites, a.case)
    if not cases:
        sys.exit("no case matches")
    base = server_url(a)
    lock = threading.Lock()
    results = []

    def one(c):
        try:
            r = run_case(*c, a, base)
        except Exception as e:  # a harness bug in one case must not hide the others
            r = {"suite": c[0], "case": c[1], "outcome": "ERROR", "detail": f"harness: {e!r}"}
        with lock:
            line = f"{r['outcome']:<5} {r['suite']}/{r['case']}"
            if r.get("detail"):
                line += f"  ({r['detail']})"
            if r.get("note"):
                line += f"  [{r['note']}]"
            print(line, flush=True)
            results.append(r)

    with concurrent.futures.ThreadPoolExecutor(max_workers=a.jobs) as ex:
        list(ex.map(one, cases))
    results.sort(key=lambda r: (r["suite"], r["case"]))
    summary = {}
    for s in suites:
        rs = [r for r in results if r["suite"] == s]
        if not rs:
            continue
        cnt = {k: sum(1 for r in rs if r["outcome"] == k) for k in ("PASS", "FAIL", "ERROR", "SKIP")}
        ran = len(rs) - cnt["SKIP"]
        summary[s] = dict(cnt, total=len(rs), ran=ran, pass_pct=round(100.0 * cnt["PASS"] / ran, 1) if ran else None)
        other = "ignoring column order" if not a.ignore_column_order else "with column order"
        alt = sum(1 for r in rs if r.get("outcome_ignoring_column_order" if not a.ignore_column_order else "outcome_strict",
                                         r["outcome"]) == "PASS")
        summary[s]["pass_" + other.replace(" ", "_")] = alt
        print(f"== {s}: {cnt['PASS']} / {ran} passed ({summary[s]['pass_pct']} %), "
              f"{cnt['FAIL']} differ, {cnt['ERROR']} errors, {cnt['SKIP']} skipped of {len(rs)} cases; "
              f"{other}: {alt} / {ran}")
    commit = run(["git", "-C", ROOT, "rev-parse", "HEAD"]).stdout.strip()
    out = a.out or os.path.join(ROOT, "bench", "out",
                                "schema-suites-" + datetime.datetime.now().strftime("%Y%m%d-%H%M%S") + ".json")
    os.makedirs(os.path.dirname(out), exist_ok=True)
    with open(out, "w") as f:
        json.dump({"date": datetime.datetime.now().isoformat(timespec="seconds"), "pgferry_commit": commit,
                   "ignore_column_order": a.ignore_column_order, "server": re.sub(r"//[^@/]*@", "//", base),
                   "summary": summary, "cases": results}, f, indent=1)
    print(f"results: {out}")


if __name__ == "__main__":
    main()
