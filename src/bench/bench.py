#!/usr/bin/env python3
"""Holdfast benchmark: Holdfast against nginx and HAProxy, side by side, on this machine.

Starts a backend (nginx, 1 worker, small body), then the proxies in front of it: nginx (1 worker,
upstream keepalive 32), HAProxy (1 thread, http-reuse safe), Holdfast (instances 1, upstream
keepalive 32), the same with 2 instances, with Vert.x's metrics off, with upstream keepalive off, and
over 4 upstream servers (the backend on 4 ports) with round-robin, random-two and hash ($uri).
Warms each up, then runs wrk against each in interleaved rounds and reports medians: requests/s, p50,
p99 as ratios to nginx and HAProxy, CPU microseconds per request from /proc (steadier than requests/s
on a noisy machine), and upstream connections opened per 100k requests (the backend's stub_status
'accepts' delta over each run). Then idle-heap.py (heap per idle client connection, 10k held),
warm-start.py (first 1,000 requests after start and reload, warm vs cold pools), compression.py
(compression on, 10 KB JSON body: CPU per request with gzip/br against nginx and HAProxy with gzip) and
access-log.py (access log on vs off, Holdfast and nginx; with --baseline-jar also the per-status metrics
against a jar without them) add their tables, and chart.py draws docs/performance.svg.

Usage: src/bench/run [--rounds N] [--duration S] [--connections 50,200] [--peers a,b] [--skip-idle-heap]
                     [--skip-warm] [--skip-compression] [--skip-access-log] [--baseline-jar JAR] [--write-docs]
"""
import argparse
import importlib.util
import json
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

sys.dont_write_bytecode = True  # keep src/bench free of __pycache__
ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
JAR = os.path.join(ROOT, "modules", "app", "target", "holdfast.jar")
CLK_TCK = os.sysconf("SC_CLK_TCK")
BODY = "hello world\n"  # 12 bytes, as in the studies in shared/notes


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_port(port, timeout=30.0):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nothing listens on port {port} after {timeout}s")


def http_get(url):
    with urllib.request.urlopen(url, timeout=5) as r:
        return r.read().decode()


class Proc:
    """A peer process under test; cpu_ticks() covers the process and its threads (and children for nginx)."""

    def __init__(self, name, argv, port, cpu_pids=None, env=None, stderr=subprocess.PIPE):
        self.name, self.port = name, port
        self.popen = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=stderr, env=env,
                                      start_new_session=True)
        self._cpu_pids = cpu_pids

    def pids(self):
        if self._cpu_pids:
            return self._cpu_pids()
        return [self.popen.pid]

    def cpu_ticks(self):
        total = 0
        for pid in self.pids():
            try:
                with open(f"/proc/{pid}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
                total += int(fields[11]) + int(fields[12])  # utime + stime
            except FileNotFoundError:
                pass
        return total

    def stop(self):
        try:
            os.killpg(self.popen.pid, signal.SIGTERM)
            self.popen.wait(timeout=15)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            try:
                os.killpg(self.popen.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass


def nginx_workers(master_pid, with_master=True):
    out = subprocess.run(["pgrep", "-P", str(master_pid)], capture_output=True, text=True).stdout.split()
    return [int(p) for p in out] + ([master_pid] if with_master else [])


def start_nginx(name, workdir, conf_body, worker_connections=4096, main_extra=""):
    os.makedirs(os.path.join(workdir, name, "logs"), exist_ok=True)
    conf = os.path.join(workdir, name, "nginx.conf")
    with open(conf, "w") as f:
        f.write(f"""daemon off;
master_process on;
worker_processes 1;
{main_extra}pid {workdir}/{name}/nginx.pid;
error_log {workdir}/{name}/logs/error.log warn;
events {{ worker_connections {worker_connections}; }}
http {{
  access_log off;
  client_body_temp_path {workdir}/{name}/body;
  proxy_temp_path {workdir}/{name}/proxy;
  fastcgi_temp_path {workdir}/{name}/fastcgi;
  uwsgi_temp_path {workdir}/{name}/uwsgi;
  scgi_temp_path {workdir}/{name}/scgi;
  keepalive_requests 100000;
{conf_body}
}}
""")
    proc = Proc(name, ["nginx", "-c", conf, "-p", os.path.join(workdir, name)], None)
    proc._cpu_pids = lambda: nginx_workers(proc.popen.pid)
    return proc


def start_backend(workdir, port, status_port, extra_ports=()):
    """The backend nginx; extra_ports: more ports it answers on, so several upstream servers can point at it."""
    listens = "".join(f" listen 127.0.0.1:{p} backlog=4096;" for p in extra_ports)
    return start_nginx("backend", workdir, f"""
  server {{ listen 127.0.0.1:{port} reuseport backlog=4096;{listens}
    location / {{ default_type text/plain; return 200 "{BODY.strip()}\\n"; }} }}
  server {{ listen 127.0.0.1:{status_port}; location / {{ stub_status; }} }}""")


def start_nginx_proxy(workdir, port, backend_port, worker_connections=4096, main_extra="", http_extra="",
                      server_params="", location_extra=""):
    """backend_port: one port or a list of them (one `server` line each, with server_params appended)."""
    ports = backend_port if isinstance(backend_port, (list, tuple)) else [backend_port]
    servers = " ".join(f"server 127.0.0.1:{p}{server_params};" for p in ports)
    return start_nginx("nginx-proxy", workdir, f"""{http_extra}
  upstream app {{ {servers} keepalive 32; keepalive_requests 100000; }}
  server {{ listen 127.0.0.1:{port} backlog=4096;
    location / {{ proxy_pass http://app; proxy_http_version 1.1; proxy_set_header Connection "";{location_extra} }} }}""",
                       worker_connections, main_extra)


def start_haproxy(workdir, port, backend_port, maxconn=None, idle_timeout_s=None, name="haproxy", bind_extra="",
                  backend_extra="", server_extra="", reuse=True):
    """HAProxy, 1 thread, one frontend and one server; maxconn and an idle timeout for client connections only
    when given. bind_extra / server_extra end the bind and server lines (TLS), backend_extra adds backend lines
    (compression); reuse=False closes every upstream connection after its response."""
    d = os.path.join(workdir, name)
    os.makedirs(d, exist_ok=True)
    conf = os.path.join(d, "haproxy.cfg")
    defaults_maxconn = f"\n  maxconn {maxconn}" if maxconn else ""
    keepalive_timeout = f"\n  timeout http-keep-alive {idle_timeout_s}s" if idle_timeout_s else ""
    reuse_lines = "http-reuse safe\n  option http-keep-alive" if reuse else "http-reuse never\n  option http-server-close"
    with open(conf, "w") as f:
        f.write(f"""global
  nbthread 1
  maxconn {maxconn or 8000}
defaults
  mode http{defaults_maxconn}
  timeout connect 5s
  timeout client {idle_timeout_s or 60}s
  timeout server 60s{keepalive_timeout}
  {reuse_lines}
frontend fe
  bind 127.0.0.1:{port}{bind_extra}
  default_backend be
backend be{backend_extra}
  server s1 127.0.0.1:{backend_port}{server_extra}
""")
    return Proc(name, ["haproxy", "-f", conf], port)


def start_holdfast(workdir, name, port, admin_port, backend_port, connections, instances=1, java_opts=(),
                   more_backend_ports=(), balance=None):
    """balance: None (round-robin) or a dict of upstream keys, e.g. {"balance": "hash", "hashKey": "$uri"}."""
    app = {"servers": [{"address": f"127.0.0.1:{p}"} for p in (backend_port, *more_backend_ports)],
           "keepalive": {"connections": connections, "requests": 100000}, **(balance or {})}
    conf = {
        "instances": instances,
        "listeners": {"main": {"host": "127.0.0.1", "port": port,
                               "keepalive": {"requests": 100000},
                               "routes": [{"path": "/", "upstream": "app"}]}},
        "upstreams": {"app": app},
        "admin": {"host": "127.0.0.1", "port": admin_port},
        "reload": {"watch": False},
    }
    return launch_holdfast(workdir, name, conf, java_opts)


def launch_holdfast(workdir, name, conf, java_opts=(), jar=None, log_path=None):
    """Writes conf as <name>.json and starts the jar (default JAR) on it; the Proc's port is the main
    listener's. With log_path its stderr goes to that file rather than a pipe nobody drains, which a long
    run that logs could fill until Holdfast blocks on a log write."""
    path = os.path.join(workdir, f"{name}.json")
    with open(path, "w") as f:
        json.dump(conf, f)
    stderr = open(log_path, "w") if log_path else subprocess.PIPE
    return Proc(name, [java_bin(), *java_opts, "-jar", jar or JAR, "--config", path],
                conf["listeners"]["main"]["port"], stderr=stderr)


def java_bin():
    return os.path.join(os.environ["JAVA_HOME"], "bin", "java") if os.environ.get("JAVA_HOME") else "java"


def backend_accepts(status_port):
    text = http_get(f"http://127.0.0.1:{status_port}/")
    return int(text.splitlines()[2].split()[0])


def parse_latency(value):
    m = re.match(r"([\d.]+)(us|ms|s|m)$", value)
    if not m:
        return float("nan")
    n, unit = float(m.group(1)), m.group(2)
    return {"us": n / 1000.0, "ms": n, "s": n * 1000.0, "m": n * 60000.0}[unit]


def run_wrk(port, connections, duration):
    out = subprocess.run(["wrk", "-t1", f"-c{connections}", f"-d{duration}s", "--latency",
                          f"http://127.0.0.1:{port}/"], capture_output=True, text=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    total = int(re.search(r"(\d+) requests in", out).group(1))
    if not re.search(r"99%\s+\S+", out):
        raise RuntimeError(f"wrk against port {port} printed no latency distribution:\n{out}")
    p50 = parse_latency(re.search(r"50%\s+(\S+)", out).group(1))
    p99 = parse_latency(re.search(r"99%\s+(\S+)", out).group(1))
    if p50 != p50 or p99 != p99:
        print(f"wrk printed a latency this script cannot read (left out of the medians):\n{out}", file=sys.stderr)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket_errors = re.search(r"Socket errors: (.*)", out)
    return {"rps": rps, "requests": total, "p50": p50, "p99": p99,
            "non2xx": int(errors.group(1)) if errors else 0,
            "socket_errors": socket_errors.group(1) if socket_errors else ""}


def measure(proc, connections, duration, status_port):
    accepts0, cpu0 = backend_accepts(status_port), proc.cpu_ticks()
    result = run_wrk(proc.port, connections, duration)
    cpu1, accepts1 = proc.cpu_ticks(), backend_accepts(status_port)
    result["cpu_us"] = (cpu1 - cpu0) * 1e6 / CLK_TCK / max(result["requests"], 1)
    result["conns_per_100k"] = (accepts1 - accepts0) * 100000 / max(result["requests"], 1)
    return result


def median(rows, key):
    """The median of the readable values (a NaN is a latency wrk printed in a form not understood)."""
    values = [r[key] for r in rows if r[key] == r[key]]
    return statistics.median(values) if values else float("nan")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--duration", type=int, default=10)
    ap.add_argument("--warmup", type=int, default=60,
                    help="seconds of load per JVM peer before measuring: measured here, Holdfast's JIT compiles for "
                         "~40 s under load and its p99 settles after that (nginx and HAProxy get 10 s)")
    ap.add_argument("--connections", default="50,200")
    ap.add_argument("--peers", help=f"comma-separated subset of {','.join(PEERS)} (nginx and HAProxy always run)")
    ap.add_argument("--skip-idle-heap", action="store_true", help="leave out the 10k idle connections measurement")
    ap.add_argument("--skip-warm", action="store_true", help="leave out the warm vs cold pools measurement")
    ap.add_argument("--skip-compression", action="store_true",
                    help="leave out the compression on, 10 KB JSON body measurement (compression.py)")
    ap.add_argument("--skip-access-log", action="store_true",
                    help="leave out the access log on/off measurement (access-log.py)")
    ap.add_argument("--baseline-jar", help="for access-log.py: a holdfast.jar built without the per-status metrics "
                                           "(the commit before them), to measure what they cost")
    ap.add_argument("--write-docs", action="store_true",
                    help="write the tables into docs/performance.md and the chart to docs/performance.svg")
    args = ap.parse_args()
    for tool in ("nginx", "haproxy", "wrk", "java"):
        if not shutil.which(tool):
            sys.exit(f"{tool} is missing (src/bench/run installs nginx, haproxy and wrk)")
    if not os.path.exists(JAR):
        sys.exit(f"{JAR} is missing: build it with mvn -B -q package -DskipTests")

    workdir = tempfile.mkdtemp(prefix="holdfast-bench-")
    ports = {k: free_port() for k in ("backend", "status")}
    more_backend_ports = [free_port() for _ in range(3)]
    procs = []
    try:
        backend = start_backend(workdir, ports["backend"], ports["status"], more_backend_ports)
        procs.append(backend)
        wait_port(ports["backend"])
        peers = start_peers(workdir, ports["backend"], args.peers.split(",") if args.peers else None,
                            more_backend_ports)
        procs.extend(peers)
        for p in peers:
            try:
                wait_port(p.port)
            except RuntimeError:
                p.stop()
                sys.exit(f"{p.name} did not start: {p.popen.stderr.read().decode(errors='replace')[-2000:]}")
        levels = [int(c) for c in args.connections.split(",")]
        print(f"warming up {args.warmup}s each JVM, 10s the others ...", file=sys.stderr)
        for p in peers:
            seconds = args.warmup if p.name.startswith("holdfast") else min(args.warmup, 10)
            subprocess.run(["wrk", "-t1", f"-c{levels[0]}", f"-d{seconds}s", f"http://127.0.0.1:{p.port}/"],
                           capture_output=True)
        results = {(p.name, c): [] for p in peers for c in levels}
        for rnd in range(args.rounds):
            order = peers[rnd % len(peers):] + peers[:rnd % len(peers)]
            for c in levels:
                for p in order:
                    r = measure(p, c, args.duration, ports["status"])
                    results[(p.name, c)].append(r)
                    print(f"round {rnd + 1} c={c} {p.name:24s} {r['rps']:9.0f} rps  p50 {r['p50']:.2f} ms  "
                          f"p99 {r['p99']:.2f} ms  cpu {r['cpu_us']:.1f} us/req  "
                          f"upstream conns/100k {r['conns_per_100k']:.0f}  non2xx {r['non2xx']} {r['socket_errors']}",
                          file=sys.stderr)
        table = render(results, peers, levels, args)
        print(table)
    finally:
        for p in reversed(procs):
            p.stop()
        shutil.rmtree(workdir, ignore_errors=True)
    sections = [table]
    if not args.skip_idle_heap:
        print("idle connections: heap per connection, 10k held ...", file=sys.stderr)
        idle_heap = sibling("idle-heap")
        sections.append("### Idle client connections\n\n" + idle_heap.render(idle_heap.measure_all(bare=False)))
    if not args.skip_warm:
        print("warm vs cold pools ...", file=sys.stderr)
        warm = sibling("warm-start")
        sections.append("### Warm vs cold upstream pools\n\n" + warm.render(warm.measure_all(rounds=3)))
    if not args.skip_compression:
        print("compression on, 10 KB JSON body ...", file=sys.stderr)
        compression = sibling("compression")
        sections.append("### Compression on, 10 KB JSON body\n\n" + compression.render(compression.measure_all(
            rounds=args.rounds, duration=args.duration, connections=50, warmup=args.warmup)))
    if not args.skip_access_log:
        print("access log on vs off ...", file=sys.stderr)
        access_log = sibling("access-log")
        sections.append("### Access log and response metrics\n\n" + access_log.render(access_log.measure_all(
            rounds=args.rounds, duration=args.duration, connections=50, warmup=args.warmup,
            baseline_jar=args.baseline_jar)))
    for section in sections[1:]:
        print(section)
    if args.write_docs:
        write_docs("\n".join(sections), chart_svg(results, peers, levels))


PEERS = ("nginx-proxy", "haproxy", "holdfast", "holdfast-2-instances", "holdfast-metrics-off",
         "holdfast-keepalive-off", "holdfast-4-servers", "holdfast-random-two", "holdfast-hash")
# The balancing peers: 4 upstream servers (the backend on 4 ports), round-robin as their baseline. wrk asks
# for one URI, so hash ($uri) sends everything to one server: what it measures is the per-request cost
# (key read, CRC32, ring search), which is what its budget is about.
BALANCING = {"holdfast-4-servers": None, "holdfast-random-two": {"balance": "random-two"},
             "holdfast-hash": {"balance": "hash", "hashKey": "$uri"}}


def start_peers(workdir, backend_port, wanted=None, more_backend_ports=()):
    """The proxies under test, in PEERS order; nginx and HAProxy always, as the baselines of the ratios."""
    wanted = set(wanted or PEERS) | {"nginx-proxy", "haproxy"}
    peers = []
    for name in PEERS:
        if name not in wanted:
            continue
        port = free_port()
        if name == "nginx-proxy":
            p = start_nginx_proxy(workdir, port, backend_port)
            p.port = port
        elif name == "haproxy":
            p = start_haproxy(workdir, port, backend_port)
        elif name == "holdfast":
            p = start_holdfast(workdir, name, port, free_port(), backend_port, 32)
        elif name == "holdfast-2-instances":
            p = start_holdfast(workdir, name, port, free_port(), backend_port, 32, instances=2)
        elif name in BALANCING:
            p = start_holdfast(workdir, name, port, free_port(), backend_port, 32,
                               more_backend_ports=more_backend_ports, balance=BALANCING[name])
        elif name == "holdfast-metrics-off":
            p = start_holdfast(workdir, name, port, free_port(), backend_port, 32,
                               java_opts=("-Dvertx.disableMetrics=true",))
        else:
            p = start_holdfast(workdir, name, port, free_port(), backend_port, 0)
        peers.append(p)
    return peers


def sibling(name):
    """A sibling script whose file name has a hyphen, so it cannot be imported by name."""
    spec = importlib.util.spec_from_file_location(name.replace("-", "_"), os.path.join(os.path.dirname(__file__), f"{name}.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def chart_svg(results, peers, levels):
    chart = sibling("chart")
    medians = {(p.name, c): {"rps": median(results[(p.name, c)], "rps"), "p99": median(results[(p.name, c)], "p99")}
               for p in peers for c in levels}
    stamp = time.strftime("%Y-%m-%d", time.gmtime())
    return chart.render(medians, [p.name for p in peers], levels,
                        f"Holdfast, nginx and HAProxy as reverse proxies, one core each ({stamp}, medians)")


def paired(rows, base, key):
    """The median over rounds of this peer's value over the baseline's in the same round: a slow round
    slows every peer, so same-round ratios are steadier on a noisy machine than ratios of medians."""
    ratios = [r[key] / b[key] for r, b in zip(rows, base) if r[key] == r[key] and b[key] == b[key] and b[key]]
    return statistics.median(ratios) if ratios else float("nan")


def render(results, peers, levels, args):
    lines = [f"Machine: {platform.machine()}, {os.cpu_count()} cores, {platform.platform()}; "
             f"{args.rounds} interleaved rounds of wrk -t1 -d{args.duration}s. Values are medians over rounds; "
             f"ratios are medians of same-round ratios.", ""]
    for c in levels:
        base, ha = results[("nginx-proxy", c)], results[("haproxy", c)]
        lines += [f"### {c} connections", "",
                  "| proxy | req/s | × nginx | × HAProxy | p50 ms | × nginx | p99 ms | × nginx | × HAProxy "
                  "| CPU µs/req | × HAProxy | upstream conns per 100k req | reused | errors |",
                  "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
        for p in peers:
            rows = results[(p.name, c)]
            rps, p50, p99, cpu = median(rows, "rps"), median(rows, "p50"), median(rows, "p99"), median(rows, "cpu_us")
            conns = median(rows, "conns_per_100k")
            errors = sum(r["non2xx"] for r in rows)
            lines.append(f"| {p.name} | {rps:.0f} | {paired(rows, base, 'rps'):.2f} | {paired(rows, ha, 'rps'):.2f} | "
                         f"{p50:.2f} | {paired(rows, base, 'p50'):.2f} | {p99:.2f} | {paired(rows, base, 'p99'):.2f} | "
                         f"{paired(rows, ha, 'p99'):.2f} | {cpu:.1f} | {paired(rows, ha, 'cpu_us'):.2f} | "
                         f"{conns:.0f} | {max(0.0, 100 - conns / 1000):.2f} % | {errors} |")
        lines.append("")
        base4 = results.get(("holdfast-4-servers", c))
        balancing = [p for p in peers if p.name in BALANCING]
        if base4 and len(balancing) > 1:
            lines += [f"Balancing over 4 servers, {c} connections (budget: random-two and hash within noise of "
                      f"round-robin's CPU per request):", "",
                      "| policy | CPU µs/req | × round-robin | req/s | × round-robin |", "|---|---|---|---|---|"]
            for p in balancing:
                rows = results[(p.name, c)]
                lines.append(f"| {p.name} | {median(rows, 'cpu_us'):.1f} | {paired(rows, base4, 'cpu_us'):.3f} | "
                             f"{median(rows, 'rps'):.0f} | {paired(rows, base4, 'rps'):.3f} |")
            lines.append("")
    return "\n".join(lines)


def write_docs(text, svg):
    path = os.path.join(ROOT, "docs", "performance.md")
    start, end = "<!-- bench:start -->", "<!-- bench:end -->"
    doc = open(path).read() if os.path.exists(path) else f"# Performance\n\n{start}\n{end}\n"
    stamp = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    block = f"{start}\nLast run: {stamp}\n\n![requests/s and p99 per proxy](performance.svg)\n\n{text}\n{end}"
    doc = re.sub(re.escape(start) + ".*?" + re.escape(end), lambda _: block, doc, flags=re.S)
    with open(path, "w") as f:
        f.write(doc)
    with open(os.path.join(ROOT, "docs", "performance.svg"), "w") as f:
        f.write(svg)


if __name__ == "__main__":
    main()
