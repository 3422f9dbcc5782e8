#!/usr/bin/env python3
"""Extract old/new schema pairs from the upstream case suites into cases/<suite>/<case>/.

Run against local git mirrors of the upstream repositories (bare or not):

    bench/schema-suites/extract.py --pgschema GITDIR --migra GITDIR --stripe GITDIR

Each case becomes old.sql (loaded into the target) and new.sql (loaded into the source), plus
setup.sql when the suite loads shared setup into both databases. Per-case metadata the suite keeps
(expected plan errors, roles, extensions, version skip lists, comparison options) goes to
cases/<suite>/cases.json. The extracted files are committed, so run.sh needs no network.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CASES = os.path.join(HERE, "cases")


def git(gitdir, *args):
    return subprocess.run(["git", "--git-dir", gitdir, *args], check=True,
                          capture_output=True, text=True).stdout


def show(gitdir, path):
    return git(gitdir, "show", "HEAD:" + path)


def ls(gitdir, path):
    return [p for p in git(gitdir, "ls-tree", "-r", "--name-only", "HEAD", path).splitlines()]


def head(gitdir):
    return git(gitdir, "rev-parse", "HEAD").strip()


def write_case(suite_dir, name, old, new, setup=None):
    d = os.path.join(suite_dir, name)
    os.makedirs(d, exist_ok=True)
    for fname, text in (("old.sql", old), ("new.sql", new), ("setup.sql", setup)):
        if text is not None:
            with open(os.path.join(d, fname), "w") as f:
                f.write(text if text.endswith("\n") else text + "\n")


def fresh(suite):
    d = os.path.join(CASES, suite)
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    return d


def dump_meta(suite_dir, meta):
    with open(os.path.join(suite_dir, "cases.json"), "w") as f:
        json.dump(meta, f, indent=2, sort_keys=True)
        f.write("\n")


# --- pgschema/pgschema: testdata/diff/<category>/<case>/{old,new,setup}.sql -------------------------

def go_string_list(src, var):
    """The string literals of `var = []string{ ... }` in Go source."""
    m = re.search(r"var\s+" + re.escape(var) + r"\s*=\s*\[\]string\{(.*?)\n\}", src, re.S)
    return re.findall(r'"([^"]+)"', m.group(1)) if m else []


def pgschema(gitdir):
    out = fresh("pgschema")
    skip = show(gitdir, "testutil/skip_list.go")
    pg14_15 = set(go_string_list(skip, "skipListPG14_15"))
    needs_ext = set(go_string_list(skip, "skipListRequiresExtension"))
    meta = {"_source": {"repo": "pgschema/pgschema", "commit": head(gitdir), "license": "Apache-2.0",
                        "path": "testdata/diff"}, "cases": {}}
    dirs = sorted({p.rsplit("/", 1)[0] for p in ls(gitdir, "testdata/diff") if p.endswith("/old.sql")})
    for d in dirs:
        rel = d[len("testdata/diff/"):]
        name = rel.replace("/", "__")
        files = set(ls(gitdir, d))
        setup = show(gitdir, d + "/setup.sql") if d + "/setup.sql" in files else None
        write_case(out, name, show(gitdir, d + "/old.sql"), show(gitdir, d + "/new.sql"), setup)
        m = {"upstream": rel}
        if setup is not None:
            m["setup"] = True
            exts = re.findall(r"create\s+extension\s+(?:if\s+not\s+exists\s+)?\"?(\w+)", setup, re.I)
            if exts:
                m["extensions"] = exts
        if rel in pg14_15:
            m["upstream_skips_on_pg"] = [14, 15]
        if rel in needs_ext:
            m["upstream_skip"] = "requires a third-party extension"
        meta["cases"][name] = m
    dump_meta(out, meta)
    return len(dirs)


# --- djrobstep/migra: tests/FIXTURES/<case>/{a,b}.sql -----------------------------------------------

MIGRA_OPTIONS = {  # from tests/test_migra.py: how the suite itself compares these fixtures
    "singleschema": {"schema": "goodschema"},
    "excludeschema": {"exclude_schema": "excludedschema"},
    "singleschema_ext": {"create_extensions_only": True},
    "extversions": {"ignore_extension_versions": False},
}


def migra(gitdir):
    out = fresh("migra")
    meta = {"_source": {"repo": "djrobstep/migra", "commit": head(gitdir), "license": "Unlicense",
                        "path": "tests/FIXTURES"}, "cases": {}}
    test_py = show(gitdir, "tests/test_migra.py")
    with_priv = set(re.search(r'fixtures = """\\\n(.*?)"""', test_py, re.S).group(1).split()) | {"rls", "rls2"}
    dirs = sorted({p.split("/")[2] for p in ls(gitdir, "tests/FIXTURES")})
    for name in dirs:
        base = "tests/FIXTURES/" + name
        # migra migrates a.sql towards b.sql: a is the current (target), b the wanted (source).
        write_case(out, name, show(gitdir, base + "/a.sql"), show(gitdir, base + "/b.sql"))
        m = {"upstream": name, "roles": ["schemainspect_test_role"]}
        m.update(MIGRA_OPTIONS.get(name, {}))
        if name in with_priv:
            m["with_privileges"] = True
        meta["cases"][name] = m
    dump_meta(out, meta)
    return len(dirs)


# --- stripe/pg-schema-diff: Go acceptanceTestCase literals ----------------------------------------

def go_tokens(src, i):
    """Yields (kind, value, end) from src[i:]: kinds str, open, close, comma, colon, word."""
    n = len(src)
    while i < n:
        c = src[i]
        if c.isspace():
            i += 1
        elif src.startswith("//", i):
            i = src.index("\n", i)
        elif c == "`":
            j = src.index("`", i + 1)
            yield "str", src[i + 1:j], j + 1
            i = j + 1
        elif c == '"':
            j = i + 1
            while src[j] != '"':
                j += 2 if src[j] == "\\" else 1
            yield "str", json.loads(src[i:j + 1]), j + 1
            i = j + 1
        elif c in "{(":
            yield "open", c, i + 1
            i += 1
        elif c in "})":
            yield "close", c, i + 1
            i += 1
        elif c == ",":
            yield "comma", c, i + 1
            i += 1
        elif c == ":":
            yield "colon", c, i + 1
            i += 1
        else:
            m = re.compile(r"[^\s{}(),:`\"]+").match(src, i)
            yield "word", m.group(0), m.end()
            i = m.end()


def stripe_cases(src):
    """Every element of each `[]acceptanceTestCase{...}` literal: dict field -> raw tokens."""
    for m in re.finditer(r"\[\]acceptanceTestCase\{", src):
        depth, case, field, cur = 1, None, None, []
        for kind, val, _ in go_tokens(src, m.end()):
            if kind == "open":
                depth += 1
                if depth == 2 and val == "{":
                    case, field, cur = {}, None, []
                    continue
            elif kind == "close":
                depth -= 1
                if depth == 0:
                    break
                if depth == 1:
                    if field:
                        case[field] = cur
                    yield case
                    continue
            if depth == 2 and kind == "word" and field is None:
                field, cur = val, []
                continue
            if depth == 2 and kind == "colon" and field is not None and not cur:
                continue
            if depth == 2 and kind == "comma":
                if field:
                    case[field] = cur
                field, cur = None, []
                continue
            if field is not None:
                cur.append((kind, val))


def strs(tokens):
    return [v for k, v in tokens if k == "str"]


def slug(s):
    return re.sub(r"[^a-z0-9]+", "_", s.lower()).strip("_")[:80]


def stripe(gitdir):
    out = fresh("stripe")
    d = "internal/migration_acceptance_tests"
    meta = {"_source": {"repo": "stripe/pg-schema-diff", "commit": head(gitdir), "license": "MIT",
                        "path": d}, "cases": {}}
    count = 0
    for path in sorted(p for p in ls(gitdir, d) if p.endswith("_cases_test.go")):
        group = os.path.basename(path)[:-len("_cases_test.go")]
        for case in stripe_cases(show(gitdir, path)):
            title = strs(case["name"])[0]
            name = group + "__" + slug(title)
            k = 2
            while name in meta["cases"]:
                name = group + "__" + slug(title) + "_" + str(k)
                k += 1
            old = strs(case.get("oldSchemaDDL", []))
            new = strs(case.get("newSchemaDDL", []))
            write_case(out, name, "\n;\n".join(old), "\n;\n".join(new))
            m = {"upstream": path + ": " + title}
            if case.get("roles"):
                m["roles"] = strs(case["roles"])
            for key in ("expectedPlanErrorIs", "expectedPlanErrorContains"):
                if key in case:
                    m["upstream_expects_plan_error"] = " ".join(v for _, v in case[key])
            if "expectedDBSchemaDDL" in case:
                m["upstream_expected_schema_differs_from_new"] = True
            if "planOpts" in case or "planFactory" in case:
                m["upstream_plan_options"] = " ".join(str(v) for _, v in
                                                      case.get("planOpts", []) + case.get("planFactory", []))[:200]
            if "expectEmptyPlan" in case:
                m["upstream_expects_empty_plan"] = True
            meta["cases"][name] = m
            count += 1
    dump_meta(out, meta)
    return count


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pgschema", help="git dir of pgschema/pgschema")
    ap.add_argument("--migra", help="git dir of djrobstep/migra")
    ap.add_argument("--stripe", help="git dir of stripe/pg-schema-diff")
    a = ap.parse_args()
    if not (a.pgschema or a.migra or a.stripe):
        ap.error("give at least one of --pgschema, --migra, --stripe")
    for suite, fn, gitdir in (("pgschema", pgschema, a.pgschema), ("migra", migra, a.migra),
                              ("stripe", stripe, a.stripe)):
        if gitdir:
            print(f"{suite}: {fn(gitdir)} cases", file=sys.stderr)


if __name__ == "__main__":
    main()
