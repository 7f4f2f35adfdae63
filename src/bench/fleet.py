#!/usr/bin/env python3
"""Fleet (contract §9): what clustering costs and how fast one config reaches every node.

1. Propagation: three Holdfast nodes on loopback in one fleet. 20 PATCHes (upstream keepalive.connections
   10, 11, ...), sent in turn to node 1, 2, 3, 1, ...; for each, the time until the PATCH's answer (which
   comes once every node has answered the change) and the time until every node's GET /config shows the new
   version (polled every 2 ms). Median and max.
2. Start-up and heap, cluster.enabled false vs true (a node alone, so the join does not wait for anyone):
   time from the process start to the first 200 on /healthz, then live heap after a full GC (jcmd
   GC.class_histogram) and RSS. Runs interleave off and on; medians.
3. Throughput of one node, clustering off vs on (alone in its fleet): nginx backend (1 worker), wrk -t1 -c50,
   interleaved rounds after a JIT warm-up; requests/s and CPU microseconds per request (from /proc). Nothing of
   the fleet is on the request path, so the two should be within noise.

Usage: python3 src/bench/fleet.py [--changes 20] [--starts 5] [--rounds 3] [--duration 10] [--warmup 30]
                                  [--baseline-jar PATH] [--skip-propagation] [--skip-startup] [--skip-throughput]
                                  [--json out.json]
--baseline-jar: a jar built without the fleet (say main before it): its start with clustering off is timed
with the others, to show a plain start costs the same.
A smoke run: --changes 5 --starts 1 --rounds 1 --duration 3 --warmup 3
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

sys.dont_write_bytecode = True  # keep src/bench free of __pycache__
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench  # noqa: E402

idle_heap = bench.sibling("idle-heap")
# What the e2e suite gives each process; the measured runs use the JVM's defaults (see --lean).
LEAN = ("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx192m")


def node_conf(port, admin_port, backend_port, cluster=None):
    conf = {
        "instances": 1,
        "listeners": {"main": {"host": "127.0.0.1", "port": port, "keepalive": {"requests": 100000},
                               "routes": [{"path": "/", "upstream": "app"}]}},
        "upstreams": {"app": {"servers": [{"address": f"127.0.0.1:{backend_port}"}],
                              "keepalive": {"connections": 32, "requests": 100000}}},
        "admin": {"host": "127.0.0.1", "port": admin_port},
        "reload": {"watch": False},
    }
    if cluster:
        conf["cluster"] = cluster
    return conf


def cluster_section(port, member_ports, name):
    return {"enabled": True, "name": name, "host": "127.0.0.1", "port": port,
            "members": [f"127.0.0.1:{p}" for p in member_ports]}


def healthy(admin_port):
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{admin_port}/healthz", timeout=2) as r:
            return r.status == 200
    except (urllib.error.URLError, OSError):
        return False


def wait_healthy(proc, admin_port, timeout=120.0):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if proc.popen.poll() is not None:
            raise RuntimeError(f"{proc.name} exited with {proc.popen.returncode}")
        if healthy(admin_port):
            return
        time.sleep(0.02)
    raise RuntimeError(f"{proc.name} not healthy after {timeout}s")


def stop(proc):
    if proc.popen.poll() is None:
        proc.popen.terminate()
        try:
            proc.popen.wait(timeout=40)
        except subprocess.TimeoutExpired:
            proc.popen.kill()


def config_version(admin_port):
    with urllib.request.urlopen(f"http://127.0.0.1:{admin_port}/config", timeout=5) as r:
        return json.loads(r.read())["version"]


def patch(admin_port, body):
    request = urllib.request.Request(f"http://127.0.0.1:{admin_port}/config", data=json.dumps(body).encode(),
                                     method="PATCH", headers={"Content-Type": "application/merge-patch+json"})
    with urllib.request.urlopen(request, timeout=30) as r:
        return json.loads(r.read())


def log_path(workdir, name):
    return os.path.join(workdir, f"{name}.log")


# ---------------------------------------------------------------- 1. propagation

def propagation(workdir, changes, java_opts):
    backend_port = bench.free_port()
    cluster_ports = [bench.free_port() for _ in range(3)]
    nodes = []
    try:
        for i, cport in enumerate(cluster_ports):
            admin = bench.free_port()
            conf = node_conf(bench.free_port(), admin, backend_port,
                             cluster_section(cport, cluster_ports, f"bench-{cluster_ports[0]}"))
            name = f"fleet-{i + 1}"
            nodes.append((bench.launch_holdfast(workdir, name, conf, java_opts, log_path=log_path(workdir, name)),
                          admin))
        for proc, admin in nodes:
            wait_healthy(proc, admin)
        answered, everywhere = [], []
        for i in range(changes):
            _, admin = nodes[i % 3]
            t0 = time.perf_counter()
            version = patch(admin, {"upstreams": {"app": {"keepalive": {"connections": 10 + i}}}})["version"]
            t_answer = time.perf_counter() - t0
            pending = {a for _, a in nodes}
            while pending:
                pending = {a for a in pending if config_version(a) != version}
                if pending:
                    time.sleep(0.002)
            everywhere.append((time.perf_counter() - t0) * 1000)
            answered.append(t_answer * 1000)
        return {"changes": changes, "answer_ms": summary(answered), "everywhere_ms": summary(everywhere)}
    finally:
        for proc, _ in nodes:
            stop(proc)


def summary(values):
    return {"median": round(statistics.median(values), 1), "max": round(max(values), 1),
            "min": round(min(values), 1)}


# ---------------------------------------------------------------- 2. start-up and heap

def start_once(workdir, clustered, java_opts, run, jar=None):
    backend_port = bench.free_port()
    admin = bench.free_port()
    cluster = None
    if clustered:
        cport = bench.free_port()
        cluster = cluster_section(cport, [cport], f"bench-start-{cport}")
    name = f"start-{'on' if clustered else 'off'}{'-baseline' if jar else ''}-{run}"
    conf = node_conf(bench.free_port(), admin, backend_port, cluster)
    t0 = time.perf_counter()
    proc = bench.launch_holdfast(workdir, name, conf, java_opts, jar=jar, log_path=log_path(workdir, name))
    try:
        wait_healthy(proc, admin)
        started = (time.perf_counter() - t0) * 1000
        time.sleep(1.0)  # let start-up's stragglers (Hazelcast's first partition table) settle
        heap = idle_heap.class_histogram(proc.popen.pid)[1]
        rss = idle_heap.rss_kib([proc.popen.pid])
        return {"startup_ms": started, "heap_mib": heap / (1 << 20), "rss_mib": rss / 1024}
    finally:
        stop(proc)


def startup(workdir, runs, java_opts, baseline_jar=None):
    """Interleaved starts; with baseline_jar also that jar (a build without the fleet) with clustering off."""
    rows = {"off": [], "on": []}
    if baseline_jar:
        rows["baseline"] = []
    for run in range(runs):
        for mode in rows:
            rows[mode].append(start_once(workdir, mode == "on", java_opts, run,
                                         baseline_jar if mode == "baseline" else None))
    return {mode: {key: round(statistics.median(r[key] for r in rows[mode]), 1)
                   for key in ("startup_ms", "heap_mib", "rss_mib")} for mode in rows} | {"runs": runs}


# ---------------------------------------------------------------- 3. throughput

def throughput(workdir, rounds, duration, warmup, java_opts):
    backend_port, status_port = bench.free_port(), bench.free_port()
    backend = bench.start_backend(workdir, backend_port, status_port)
    bench.wait_port(backend_port)
    procs = {}
    try:
        for mode in ("off", "on"):
            admin = bench.free_port()
            cport = bench.free_port()
            cluster = cluster_section(cport, [cport], f"bench-rps-{cport}") if mode == "on" else None
            name = f"rps-{mode}"
            proc = bench.launch_holdfast(workdir, name, node_conf(bench.free_port(), admin, backend_port, cluster),
                                         java_opts, log_path=log_path(workdir, name))
            wait_healthy(proc, admin)
            procs[mode] = proc
        for proc in procs.values():
            bench.run_wrk(proc.port, 50, warmup)
        rows = {"off": [], "on": []}
        for _ in range(rounds):
            for mode, proc in procs.items():
                rows[mode].append(bench.measure(proc, 50, duration, status_port))
        result = {mode: {"rps": round(bench.median(r, "rps")), "cpu_us": round(bench.median(r, "cpu_us"), 1),
                         "p99_ms": round(bench.median(r, "p99"), 2)} for mode, r in rows.items()}
        ratios = [on["rps"] / off["rps"] for on, off in zip(rows["on"], rows["off"])]
        result["rps_on_over_off"] = round(statistics.median(ratios), 3)
        result["rounds"], result["duration_s"] = rounds, duration
        return result
    finally:
        for proc in procs.values():
            stop(proc)
        backend.popen.terminate()


# ---------------------------------------------------------------- report

def render(result):
    lines = []
    if "propagation" in result:
        p = result["propagation"]
        lines += [f"PATCH to applied on every node, 3 nodes, {p['changes']} changes (ms):", "",
                  "| measured | median | max |", "|---|---|---|",
                  f"| PATCH answered (after every node answered) | {p['answer_ms']['median']} | {p['answer_ms']['max']} |",
                  f"| every node's GET /config shows the version | {p['everywhere_ms']['median']} | {p['everywhere_ms']['max']} |",
                  ""]
    if "startup" in result:
        s = result["startup"]
        lines += [f"Start-up and heap, medians of {s['runs']} starts each:", "",
                  "| cluster.enabled | start to /healthz 200 (ms) | live heap after GC (MiB) | RSS (MiB) |",
                  "|---|---|---|---|",
                  f"| false | {s['off']['startup_ms']} | {s['off']['heap_mib']} | {s['off']['rss_mib']} |",
                  f"| true (alone) | {s['on']['startup_ms']} | {s['on']['heap_mib']} | {s['on']['rss_mib']} |"]
        if "baseline" in s:
            lines += [f"| false, baseline jar (no fleet) | {s['baseline']['startup_ms']} | {s['baseline']['heap_mib']} | "
                      f"{s['baseline']['rss_mib']} |"]
        lines += [""]
    if "throughput" in result:
        t = result["throughput"]
        lines += [f"One node, wrk -t1 -c50, {t['rounds']} rounds of {t['duration_s']} s (medians):", "",
                  "| cluster.enabled | requests/s | CPU µs/request | p99 (ms) |", "|---|---|---|---|",
                  f"| false | {t['off']['rps']} | {t['off']['cpu_us']} | {t['off']['p99_ms']} |",
                  f"| true | {t['on']['rps']} | {t['on']['cpu_us']} | {t['on']['p99_ms']} |", "",
                  f"requests/s on ÷ off, paired by round: {t['rps_on_over_off']}", ""]
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--changes", type=int, default=20)
    ap.add_argument("--starts", type=int, default=5)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--duration", type=int, default=10)
    ap.add_argument("--warmup", type=int, default=30)
    ap.add_argument("--baseline-jar", help="also start this jar (e.g. main's, without the fleet) with clustering off")
    ap.add_argument("--lean", action="store_true", help="the e2e suite's small JVMs (C1 only, serial GC, 192 MiB)")
    ap.add_argument("--skip-propagation", action="store_true")
    ap.add_argument("--skip-startup", action="store_true")
    ap.add_argument("--skip-throughput", action="store_true")
    ap.add_argument("--json")
    args = ap.parse_args()
    for tool in ("wrk", "nginx", "jcmd"):
        if shutil.which(tool) is None and not (tool == "wrk" and args.skip_throughput):
            sys.exit(f"{tool} is needed")
    if not os.path.isfile(bench.JAR):
        sys.exit(f"{bench.JAR} is missing: mvn -B package -DskipTests")
    java_opts = LEAN if args.lean else ()
    workdir = tempfile.mkdtemp(prefix="holdfast-fleet-bench-")
    result = {}
    try:
        if not args.skip_propagation:
            result["propagation"] = propagation(workdir, args.changes, java_opts)
        if not args.skip_startup:
            result["startup"] = startup(workdir, args.starts, java_opts, args.baseline_jar)
        if not args.skip_throughput:
            result["throughput"] = throughput(workdir, args.rounds, args.duration, args.warmup, java_opts)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    print(render(result))
    if args.json:
        with open(args.json, "w") as f:
            json.dump(result, f, indent=2)


if __name__ == "__main__":
    main()
