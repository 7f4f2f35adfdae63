#!/usr/bin/env python3
"""Access log and response metrics: what writing a line per request costs, Holdfast against nginx.

A backend nginx (1 worker, 12-byte body) and, in front of it, one process each on loopback:
- nginx, 1 worker, upstream keepalive 32: `access_log off`, and `access_log <file> combined buffer=64k
  flush=1s` (its usual production setting: one write per 64 KiB);
- Holdfast, instances 1, keepalive 32: `accessLog` off, `combined` to a file, `json` to a file;
- optionally (--baseline-jar) the same Holdfast config on a jar built without the per-status counters
  and the response-time histogram export (the previous main commit), so the cost of the always-on
  metrics is measured too: there is no switch that turns them off in this build.
wrk -t1 -cN, peers measured in interleaved rounds after a warm-up, as bench.py does. Reported per peer:
req/s, p50/p99, CPU µs per request from /proc (every thread: the writer thread included), and the
same-round CPU ratio to the same proxy with its log off (Holdfast: also to the baseline jar). For the
logging peers it checks that the file has one line per request (Holdfast: also `dropped` in
/status.json), so a cheap run is not a run that lost lines.

Budgets (issue 15): access log on ≤ 1.05 × off; Holdfast ≤ 1.02 × the baseline jar.

Usage: python3 src/bench/access-log.py [--rounds 3] [--duration 10] [--connections 50] [--warmup 30]
                                       [--baseline-jar path/to/previous/holdfast.jar] [--peers a,b]
Importable: measure_all(...) -> dict, render(result) -> str (markdown).
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True  # keep src/bench free of __pycache__
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench  # noqa: E402

# (peer, family for the "× off" ratio, access log format or None)
PEERS = (
    ("nginx-proxy", "nginx", None),
    ("nginx-proxy-log", "nginx", "combined"),
    ("holdfast", "holdfast", None),
    ("holdfast-log", "holdfast", "combined"),
    ("holdfast-log-json", "holdfast", "json"),
)
BASELINE = ("holdfast-baseline", "baseline", None)


def start_nginx_proxy(workdir, name, port, backend_port, log):
    log_conf = f"access_log {workdir}/{name}/access.log combined buffer=64k flush=1s;" if log else "access_log off;"
    return bench.start_nginx(name, workdir, f"""
  upstream app {{ server 127.0.0.1:{backend_port}; keepalive 32; keepalive_requests 100000; }}
  server {{ listen 127.0.0.1:{port} backlog=4096; {log_conf}
    location / {{ proxy_pass http://app; proxy_http_version 1.1; proxy_set_header Connection ""; }} }}""")


def start_holdfast(workdir, name, port, admin_port, backend_port, log, jar=None):
    conf = {"instances": 1,
            "listeners": {"main": {"host": "127.0.0.1", "port": port, "keepalive": {"requests": 100000},
                                   "routes": [{"path": "/", "upstream": "app"}]}},
            "upstreams": {"app": {"servers": [{"address": f"127.0.0.1:{backend_port}"}],
                                  "keepalive": {"connections": 32, "requests": 100000}}},
            "admin": {"host": "127.0.0.1", "port": admin_port}, "reload": {"watch": False}}
    if log:
        conf["accessLog"] = {"path": log_file(workdir, name), "format": log}
    proc = bench.launch_holdfast(workdir, name, conf, jar=jar, log_path=os.path.join(workdir, f"{name}.log"))
    proc.admin_port = admin_port
    return proc


def log_file(workdir, name):
    return os.path.join(workdir, name, "access.log") if name.startswith("nginx") \
        else os.path.join(workdir, f"{name}-access.log")


def lines_in(path):
    if not os.path.exists(path):
        return 0
    with open(path, "rb") as f:
        return sum(chunk.count(b"\n") for chunk in iter(lambda: f.read(1 << 20), b""))


def dropped(proc):
    status = json.loads(bench.http_get(f"http://127.0.0.1:{proc.admin_port}/status.json"))
    return status.get("accessLog", {}).get("dropped", 0)


def measure_all(rounds=3, duration=10, connections=50, warmup=30, peers=None, baseline_jar=None):
    wanted = [p for p in PEERS if peers is None or p[0] in peers]
    if baseline_jar:
        wanted.append(BASELINE)
    workdir = tempfile.mkdtemp(prefix="holdfast-accesslog-")
    backend_port, status_port = bench.free_port(), bench.free_port()
    procs = []
    try:
        procs.append(bench.start_backend(workdir, backend_port, status_port))
        bench.wait_port(backend_port)
        started = []
        for name, family, log in wanted:
            port = bench.free_port()
            if name.startswith("nginx"):
                proc = start_nginx_proxy(workdir, name, port, backend_port, log)
                proc.port = port
            else:
                proc = start_holdfast(workdir, name, port, bench.free_port(), backend_port, log,
                                      baseline_jar if family == "baseline" else None)
            procs.append(proc)
            bench.wait_port(proc.port)
            started.append((proc, family, log))
        warmed = {}
        for proc, _, _ in started:
            seconds = warmup if proc.name.startswith("holdfast") else min(warmup, 10)
            warmed[proc.name] = bench.run_wrk(proc.port, connections, seconds)["requests"]
        results = {proc.name: [] for proc, *_ in started}
        checks = {}
        for rnd in range(rounds):
            order = started[rnd % len(started):] + started[:rnd % len(started)]
            for proc, _, _ in order:
                r = bench.measure(proc, connections, duration, status_port)
                results[proc.name].append(r)
                print(f"round {rnd + 1} {proc.name:18s} {r['rps']:8.0f} rps  p99 {r['p99']:.2f} ms  "
                      f"cpu {r['cpu_us']:.1f} us/req", file=sys.stderr)
        for proc, _, log in started:
            if log:
                # nginx flushes its buffer within flush=1s, Holdfast within 10 ms; stop nginx to be sure.
                if proc.name.startswith("nginx"):
                    proc.stop()
                served = warmed[proc.name] + sum(r["requests"] for r in results[proc.name])
                checks[proc.name] = {"lines": lines_in(log_file(workdir, proc.name)), "requests": served,
                                     "dropped": None if proc.name.startswith("nginx") else dropped(proc)}
        return {"rounds": rounds, "duration": duration, "connections": connections, "warmup": warmup,
                "baseline_jar": baseline_jar, "peers": [(p.name, family, log) for p, family, log in started],
                "results": results, "checks": checks}
    finally:
        for p in reversed(procs):
            p.stop()
        shutil.rmtree(workdir, ignore_errors=True)


def render(result):
    lines = [f"12-byte body from an nginx backend; wrk -t1 -c{result['connections']} -d{result['duration']}s after "
             f"{result['warmup']} s of warm-up, {result['rounds']} interleaved rounds; medians. \"× off\": same-round "
             "CPU ratio to the same proxy with its log off" + (", \"× baseline\": to the jar without the per-status "
             f"counters and histogram export ({result['baseline_jar']})" if result["baseline_jar"] else "") + ".", "",
             "Lines / requests: lines in the file against the responses wrk counted, warm-up included (a line "
             "may exceed them by the requests in flight when wrk stopped).", "",
             "| proxy | access log | req/s | p50 ms | p99 ms | CPU µs/req | CPU × off | CPU × baseline | lines / requests | dropped |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    base = {family: name for name, family, log in result["peers"] if log is None}
    baseline = base.get("baseline")
    for name, family, log in result["peers"]:
        rows = result["results"][name]
        off = base.get(family)
        ratio = bench.paired(rows, result["results"][off], "cpu_us") if off and off != name else float("nan")
        vs_baseline = (bench.paired(rows, result["results"][baseline], "cpu_us")
                       if baseline and family == "holdfast" else float("nan"))
        check = result["checks"].get(name)
        lines.append(f"| {name} | {log or 'off'} | {bench.median(rows, 'rps'):.0f} | {bench.median(rows, 'p50'):.2f} | "
                     f"{bench.median(rows, 'p99'):.2f} | {bench.median(rows, 'cpu_us'):.1f} | {ratio:.2f} | "
                     f"{vs_baseline:.2f} | {'—' if not check else str(check['lines']) + ' / ' + str(check['requests'])} | "
                     f"{'—' if not check or check['dropped'] is None else check['dropped']} |")
    return "\n".join(lines) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--duration", type=int, default=10)
    ap.add_argument("--connections", type=int, default=50)
    ap.add_argument("--warmup", type=int, default=30, help="seconds of load per Holdfast peer (JIT); 10 s the others")
    ap.add_argument("--peers", help="comma-separated subset of " + ",".join(p[0] for p in PEERS))
    ap.add_argument("--baseline-jar", help="a holdfast.jar built from the commit before the per-status metrics")
    ap.add_argument("--json", help="also write the raw result here")
    args = ap.parse_args()
    for tool in ("nginx", "wrk"):
        if not shutil.which(tool):
            sys.exit(f"{tool} is missing")
    if not os.path.exists(bench.JAR):
        sys.exit(f"{bench.JAR} is missing: build it with mvn -B -q package -DskipTests")
    result = measure_all(args.rounds, args.duration, args.connections, args.warmup,
                         args.peers.split(",") if args.peers else None, args.baseline_jar)
    if args.json:
        with open(args.json, "w") as f:
            json.dump(result, f, indent=1)
    print(render(result))


if __name__ == "__main__":
    main()
