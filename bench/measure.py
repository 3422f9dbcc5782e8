#!/usr/bin/env python3
"""Run one command and measure it: wall time, machine CPU utilisation, peak RSS of its process tree.

usage: measure.py --json OUT.json --log OUT.log [--timeout S] -- CMD [ARGS...]

* CPU: /proc/stat is sampled every 200 ms (each interval's utilisation is kept in "series", with
  the tree's memory, to see phases); the figure is 1 - (idle+iowait)/total over the whole run,
  all CPUs together (so 1.0 means every core busy; the server's backends count, as does anything
  else running on the machine).
* Peak RSS: the command runs in a new session; every 200 ms the proportional set size (PSS, from
  /proc/PID/smaps_rollup: resident memory with pages shared between processes divided among them)
  of every process of that session is summed and the largest sum kept. Each process's VmHWM (its own high-water mark,
  which the kernel keeps between samples) is also tracked and the largest single one reported, so
  that a short spike in a one-process tool (the JVM) is not missed. The PostgreSQL server's
  backends are not part of the tree and are not counted.
* CPU seconds: the command's own, with every descendant it waited for (wait4 rusage), and, given
  --server-pid, the PostgreSQL server's (postmaster, its reaped and its live children) over the
  run. Unlike the utilisation these do not depend on what else runs on the machine.
"""
import argparse
import json
import os
import signal
import subprocess
import sys
import time

INTERVAL = 0.2


def cpu_times():
    with open("/proc/stat") as f:
        parts = f.readline().split()
    vals = [int(v) for v in parts[1:]]
    # user nice system idle iowait irq softirq steal guest guest_nice; guest time is already in user
    total = sum(vals[:8])
    idle = vals[3] + (vals[4] if len(vals) > 4 else 0)
    return total, idle


def session_members(sid):
    pids = []
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat") as f:
                data = f.read()
        except OSError:
            continue
        # comm may contain spaces/parens: fields after the last ')'
        rest = data[data.rfind(")") + 2:].split()
        # rest[0]=state rest[1]=ppid rest[2]=pgrp rest[3]=session
        if int(rest[3]) == sid:
            pids.append(int(name))
    return pids


def mem_kb(pid):
    """(PSS or, failing that, RSS; VmHWM) in kB. PSS splits pages shared between the processes of
    the tree (fork()ed workers, shared libraries) so that summing it does not count them twice."""
    rss = hwm = 0
    pss = None
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    pss = int(line.split()[1])
                    break
    except OSError:
        pass
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    rss = int(line.split()[1])
                elif line.startswith("VmHWM:"):
                    hwm = int(line.split()[1])
    except OSError:
        pass
    return (pss if pss is not None else rss), hwm


CLK = os.sysconf("SC_CLK_TCK")


def server_cpu_ticks(pm):
    """CPU time of the PostgreSQL server so far: the postmaster's own and its reaped children's
    (utime+stime+cutime+cstime), plus that of its live children (backends, workers)."""
    def ticks(pid):
        try:
            with open(f"/proc/{pid}/stat") as f:
                data = f.read()
        except OSError:
            return 0, None
        rest = data[data.rfind(")") + 2:].split()
        # rest[1]=ppid, rest[11..14]=utime stime cutime cstime
        return sum(int(x) for x in rest[11:15]), int(rest[1])
    own, _ = ticks(pm)
    live = 0
    for name in os.listdir("/proc"):
        if name.isdigit() and int(name) != pm:
            t, ppid = ticks(name)
            if ppid == pm:
                live += t
    return own + live


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--json", required=True)
    ap.add_argument("--log", required=True)
    ap.add_argument("--timeout", type=float, default=0)
    ap.add_argument("--server-pid", type=int, default=0, help="postmaster pid, to report the server's CPU time")
    ap.add_argument("cmd", nargs=argparse.REMAINDER)
    a = ap.parse_args()
    cmd = a.cmd[1:] if a.cmd and a.cmd[0] == "--" else a.cmd
    if not cmd:
        ap.error("no command")

    log = open(a.log, "wb")
    srv0 = server_cpu_ticks(a.server_pid) if a.server_pid else None
    t0_total, t0_idle = cpu_times()
    start = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                            start_new_session=True)
    sid = proc.pid
    peak_tree_rss = 0
    peak_proc_hwm = 0
    peak_procs = 0
    samples = 0
    timed_out = False
    series = []  # (seconds since start, utilisation over the last interval, tree memory kB)
    prev_total, prev_idle = t0_total, t0_idle
    rusage = None

    def reap(block):
        # wait4 gives the CPU time of the command and of every descendant it waited for
        nonlocal rusage
        pid, status, ru = os.wait4(proc.pid, 0 if block else os.WNOHANG)
        if pid == 0:
            return None
        rusage = ru
        proc.returncode = os.waitstatus_to_exitcode(status)
        return proc.returncode

    def reap_within(seconds):
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            rc = reap(False)
            if rc is not None:
                return rc
            time.sleep(0.05)
        return None

    while True:
        rc = reap_within(INTERVAL)
        if rc is not None:
            break
        samples += 1
        tot, idl = cpu_times()
        iv_util = 1.0 - (idl - prev_idle) / (tot - prev_total) if tot > prev_total else 0.0
        prev_total, prev_idle = tot, idl
        members = session_members(sid)
        tree = 0
        for pid in members:
            rss, hwm = mem_kb(pid)
            tree += rss
            peak_proc_hwm = max(peak_proc_hwm, hwm)
        peak_tree_rss = max(peak_tree_rss, tree)
        peak_procs = max(peak_procs, len(members))
        series.append((round(time.monotonic() - start, 2), round(iv_util, 3), tree))
        if a.timeout and time.monotonic() - start > a.timeout:
            timed_out = True
            os.killpg(sid, signal.SIGTERM)
            rc = reap_within(10)
            if rc is None:
                os.killpg(sid, signal.SIGKILL)
                rc = reap(True)
            break
    wall = time.monotonic() - start
    t1_total, t1_idle = cpu_times()
    srv1 = server_cpu_ticks(a.server_pid) if a.server_pid else None
    # a child that outlived its parent in the session would skew later runs: end it
    for pid in session_members(sid):
        try:
            os.kill(pid, signal.SIGTERM)
        except OSError:
            pass
    dt = t1_total - t0_total
    util = 1.0 - (t1_idle - t0_idle) / dt if dt > 0 else 0.0
    res = {
        "exit_code": rc,
        "timed_out": timed_out,
        "wall_s": round(wall, 3),
        "cpu_util": round(util, 4),
        "peak_rss_kb": max(peak_tree_rss, peak_proc_hwm),
        "peak_tree_pss_kb": peak_tree_rss,
        "peak_single_hwm_kb": peak_proc_hwm,
        "peak_procs": peak_procs,
        "tool_cpu_s": round(rusage.ru_utime + rusage.ru_stime, 2) if rusage else None,
        "server_cpu_s": round((srv1 - srv0) / CLK, 2) if srv0 is not None else None,
        "samples": samples,
        "series": series,
    }
    with open(a.json, "w") as f:
        json.dump(res, f)
    return 0


if __name__ == "__main__":
    sys.exit(main())
