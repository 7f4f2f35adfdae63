#!/usr/bin/env python3
"""Does preferring warm servers save upstream connects? Holdfast against itself (and nginx for reference).

Where `least-conn` (ties) and `random-two` (its two candidates) leave a choice, Holdfast prefers a server
that has an idle pooled connection on the request's event loop. This counts upstream connections opened per
100k requests with that preference on and off (-Dholdfast.balance.preferWarm=false), 4 servers (one nginx
backend listening on 4 ports), 1 instance, `keepalive.connections` C per server, and a load just above the
idle cap: wrk with N = 4 x C + C/2 connections (more requests in flight than the 4 x C connections the
pools keep idle). With `keepalive.linger` 0 (nginx's behaviour: a connection beyond the cap closes when
released) and with the default 1s. nginx (`least_conn` / `random two least_conn`, `keepalive C`) runs the
same load for reference. Connections opened = the backend's stub_status `accepts` delta.

Usage: python3 src/bench/warm-preference.py [--rounds 3] [--duration 10] [--idle 8] [--clients N]
                                            [--policies least-conn,random-two] [--lingers 0,1s]
"""
import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import shutil
import time

sys.dont_write_bytecode = True  # keep src/bench free of __pycache__
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench  # noqa: E402

SERVERS = 4
NGINX_POLICY = {"least-conn": "least_conn;", "random-two": "random two least_conn;"}


def start_backend(workdir, ports, status_port):
    listens = "\n    ".join(f"listen 127.0.0.1:{p} backlog=4096;" for p in ports)
    return bench.start_nginx("backend", workdir, f"""
  server {{ {listens}
    location / {{ default_type text/plain; return 200 "{bench.BODY.strip()}\\n"; }} }}
  server {{ listen 127.0.0.1:{status_port}; location / {{ stub_status; }} }}""")


def start_holdfast(workdir, name, port, ports, policy, idle, linger, prefer_warm):
    conf = {
        "instances": 1,
        "listeners": {"main": {"host": "127.0.0.1", "port": port, "keepalive": {"requests": 100000},
                               "routes": [{"path": "/", "upstream": "app"}]}},
        "upstreams": {"app": {"servers": [{"address": f"127.0.0.1:{p}"} for p in ports], "balance": policy,
                              "keepalive": {"connections": idle, "requests": 100000, "linger": linger}}},
        "admin": {"host": "127.0.0.1", "port": bench.free_port()},
        "reload": {"watch": False},
    }
    flag = f"-Dholdfast.balance.preferWarm={'true' if prefer_warm else 'false'}"
    return bench.launch_holdfast(workdir, name, conf, (flag,))


def start_nginx_proxy(workdir, port, ports, policy, idle):
    servers = " ".join(f"server 127.0.0.1:{p};" for p in ports)
    proc = bench.start_nginx("nginx-proxy", workdir, f"""
  upstream app {{ {NGINX_POLICY[policy]} {servers} keepalive {SERVERS * idle}; keepalive_requests 100000; }}
  server {{ listen 127.0.0.1:{port} backlog=4096;
    location / {{ proxy_pass http://app; proxy_http_version 1.1; proxy_set_header Connection ""; }} }}""")
    proc.port = port
    return proc


def opened_per_100k(proc, clients, duration, status_port):
    before = bench.backend_accepts(status_port)
    out = subprocess.run(["wrk", "-t1", f"-c{clients}", f"-d{duration}s", f"http://127.0.0.1:{proc.port}/"],
                         capture_output=True, text=True).stdout
    after = bench.backend_accepts(status_port)
    requests = int(out.split(" requests in")[0].split()[-1])
    # minus the second stub_status query's own connection
    return (after - before - 1) * 100000 / max(requests, 1), requests


def run(proc, clients, args, status_port):
    bench.wait_port(proc.port)
    subprocess.run(["wrk", "-t1", f"-c{clients}", f"-d{args.warmup}s", f"http://127.0.0.1:{proc.port}/"],
                   capture_output=True)
    return [opened_per_100k(proc, clients, args.duration, status_port) for _ in range(args.rounds)]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--duration", type=int, default=10)
    ap.add_argument("--warmup", type=int, default=10, help="seconds of load before measuring (JIT, pools)")
    ap.add_argument("--idle", type=int, default=8, help="keepalive.connections per server (nginx: keepalive N)")
    ap.add_argument("--clients", type=int, help="wrk connections; default 4 x idle + idle / 2")
    ap.add_argument("--policies", default="least-conn,random-two")
    ap.add_argument("--lingers", default="0,1s")
    ap.add_argument("--skip-nginx", action="store_true")
    args = ap.parse_args()
    if not os.path.exists(bench.JAR):
        sys.exit(f"{bench.JAR} is missing: build it with mvn -B -q package -DskipTests")
    clients = args.clients or SERVERS * args.idle + max(1, args.idle // 2)
    workdir = tempfile.mkdtemp(prefix="holdfast-warm-pref-")
    ports = [bench.free_port() for _ in range(SERVERS)]
    status_port = bench.free_port()
    backend = start_backend(workdir, ports, status_port)
    rows = []
    try:
        bench.wait_port(status_port)
        for policy in args.policies.split(","):
            for linger in args.lingers.split(","):
                cells = {}
                for prefer in (True, False):
                    proc = start_holdfast(workdir, f"holdfast-{policy}-{linger}-{prefer}", bench.free_port(), ports,
                                          policy, args.idle, linger, prefer)
                    try:
                        cells[prefer] = run(proc, clients, args, status_port)
                    finally:
                        proc.stop()
                rows.append((policy, linger, cells))
                print(f"{policy} linger {linger}: on {cells[True]} off {cells[False]}", file=sys.stderr)
            if not args.skip_nginx:
                proc = start_nginx_proxy(workdir, bench.free_port(), ports, policy, args.idle)
                try:
                    rows.append((policy, "nginx", {None: run(proc, clients, args, status_port)}))
                finally:
                    proc.stop()
                print(f"{policy} nginx: {rows[-1][2][None]}", file=sys.stderr)
    finally:
        backend.stop()
        shutil.rmtree(workdir, ignore_errors=True)
    print(render(rows, args, clients))


def render(rows, args, clients):
    def med(samples):
        return statistics.median(s[0] for s in samples)

    lines = [f"{SERVERS} servers, keepalive.connections {args.idle} per server ({SERVERS * args.idle} idle in all), "
             f"wrk -c{clients}, 1 instance; upstream connections opened per 100k requests, median of "
             f"{args.rounds} runs of {args.duration}s after {args.warmup}s of warm-up.", "",
             "| policy | keepalive.linger | prefer warm: on | off | nginx |", "|---|---|---|---|---|"]
    nginx = {policy: med(cells[None]) for policy, linger, cells in rows if linger == "nginx"}
    for policy, linger, cells in rows:
        if linger == "nginx":
            continue
        ref = f"{nginx[policy]:.0f}" if policy in nginx else "—"
        lines.append(f"| {policy} | {linger} | {med(cells[True]):.0f} | {med(cells[False]):.0f} | {ref} |")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
