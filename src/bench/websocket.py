#!/usr/bin/env python3
"""WebSocket through Holdfast: heap per open tunnel, and echo latency through Holdfast vs direct (and nginx).

A Vert.x WebSocket echo server (src/bench/WsBench.java, run on the fat jar's classpath) is the upstream.
1. Heap per tunnel: after a warm-up, the live heap after a full GC (`jcmd GC.class_histogram`, as
   idle-heap.py) with no WebSocket open, then with N held open through Holdfast (each echoed one message,
   then idle); the difference over N, with the classes that grew most. /status.json must show N tunnels.
2. Echo latency: C connections, each sending a 32-byte text message and waiting for its echo, again and
   again for D seconds; through Holdfast and straight to the echo server, in interleaved rounds; the
   round trips' p50/p99/max (medians over rounds) and the ratio Holdfast / direct. nginx (1 worker, the
   usual `proxy_set_header Upgrade/Connection` pair) in front of the same server is measured alongside, as
   the reference proxy, with its RSS per held tunnel (it has no heap to compare).

Usage: src/bench/websocket.py [--jar PATH] [--tunnels 1000] [--connections 20] [--seconds 10] [--rounds 3]
                              [--skip-nginx] [--write-docs] [--label TEXT]
A smoke run: src/bench/websocket.py --tunnels 200 --seconds 2 --rounds 1
"""
import argparse
import datetime
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(__file__))
bench = __import__("bench")
idle_heap = __import__("idle-heap")

HERE = os.path.dirname(os.path.abspath(__file__))
CLIENT = os.path.join(HERE, "WsBench.java")
DOCS = os.path.join(bench.ROOT, "docs", "reliability.md")
START, END = "<!-- websocket:start -->", "<!-- websocket:end -->"
TOP_CLASSES = 8


def java(jar, *args, stdin=None):
    return subprocess.Popen([bench.java_bin(), "-cp", jar, CLIENT, *map(str, args)], stdin=stdin,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)


def fields(line):
    return {k: v for k, v in (pair.split("=", 1) for pair in line.split())}


def start_echo(jar, port):
    proc = java(jar, "server", port)
    line = proc.stdout.readline()
    if not line.startswith("listening="):
        proc.kill()
        raise RuntimeError(f"echo server did not start: {line}{proc.stderr.read()[-2000:]}")
    return proc


def start_holdfast(workdir, jar, port, admin_port, echo_port, tunnels):
    conf = {
        "instances": 1,
        "listeners": {"main": {"host": "127.0.0.1", "port": port, "maxConnections": max(10000, 2 * tunnels),
                               "routes": [{"path": "/", "upstream": "echo"}]}},
        "upstreams": {"echo": {"servers": [{"address": f"127.0.0.1:{echo_port}"}]}},
        "admin": {"host": "127.0.0.1", "port": admin_port},
        "reload": {"watch": False},
    }
    proc = bench.launch_holdfast(workdir, "holdfast", conf, jar=jar, log_path=os.path.join(workdir, "holdfast.log"))
    idle_heap.wait_up(proc)
    return proc


def start_nginx(workdir, port, echo_port, tunnels, fd_limit):
    proc = bench.start_nginx("nginx-ws", workdir, f"""
  map $http_upgrade $connection_upgrade {{ default upgrade; '' close; }}
  upstream echo {{ server 127.0.0.1:{echo_port}; keepalive 32; }}
  server {{ listen 127.0.0.1:{port} backlog=4096;
    location / {{ proxy_pass http://echo; proxy_http_version 1.1; proxy_set_header Upgrade $http_upgrade;
      proxy_set_header Connection $connection_upgrade; proxy_read_timeout 1h; proxy_send_timeout 1h; }} }}""",
                             worker_connections=2 * tunnels + 512,
                             main_extra=f"worker_rlimit_nofile {min(4 * tunnels + 1024, fd_limit)};\n")
    proc.port = port
    idle_heap.wait_up(proc)
    return proc


def nginx_rss_per_tunnel(jar, nginx, tunnels):
    pids = lambda: bench.nginx_workers(nginx.popen.pid, with_master=False)
    warm = java(jar, "hold", nginx.port, 20, stdin=subprocess.PIPE)
    warm.stdout.readline()
    warm.communicate("\n", timeout=60)
    idle_heap.settle()
    base = idle_heap.rss_kib(pids())
    holder = java(jar, "hold", nginx.port, tunnels, stdin=subprocess.PIPE)
    try:
        held = fields(holder.stdout.readline())
        idle_heap.settle()
        rss = idle_heap.rss_kib(pids())
    finally:
        holder.communicate("\n", timeout=120)
    n = int(held.get("held", 0))
    return {"held": n, "rss_per_tunnel_kib": (rss - base) / n if n else None}


def status(admin_port):
    with urllib.request.urlopen(f"http://127.0.0.1:{admin_port}/status.json", timeout=10) as r:
        return json.load(r)


def open_tunnels(doc):
    return sum(s["tunnels"]["open"] for u in doc["upstreams"].values() for s in u["servers"].values())


def latency(jar, port, connections, seconds):
    proc = java(jar, "latency", port, connections, seconds)
    out, err = proc.communicate(timeout=seconds + 120)
    lines = [l for l in out.splitlines() if l.startswith("count=")]
    if proc.returncode != 0 or not lines:
        raise RuntimeError(f"latency client failed ({proc.returncode}): {err[-2000:]}")
    f = fields(lines[-1])
    return {"count": int(f["count"]), "p50_us": float(f["p50_us"]), "p99_us": float(f["p99_us"]),
            "max_us": float(f["max_us"])}


def heap_per_tunnel(jar, holdfast, admin_port, tunnels):
    # Warm-up: classes of the tunnel path loaded, JIT touched, before the baseline.
    warm = java(jar, "hold", holdfast.port, 20, stdin=subprocess.PIPE)
    if not warm.stdout.readline().startswith("held=20"):
        raise RuntimeError(f"warm-up failed: {warm.stderr.read()[-2000:]}")
    warm.communicate("\n", timeout=60)
    idle_heap.settle()
    base_classes, base_heap = idle_heap.class_histogram(holdfast.popen.pid)
    base_rss = idle_heap.rss_kib([holdfast.popen.pid])
    holder = java(jar, "hold", holdfast.port, tunnels, stdin=subprocess.PIPE)
    try:
        held = fields(holder.stdout.readline())
        opened_s = float(held.get("seconds", 0))
        idle_heap.settle()
        classes, heap = idle_heap.class_histogram(holdfast.popen.pid)
        rss = idle_heap.rss_kib([holdfast.popen.pid])
        in_status = open_tunnels(status(admin_port))
    finally:
        holder.communicate("\n", timeout=120)
    n = int(held.get("held", 0))
    if n == 0:
        raise RuntimeError("no WebSocket could be held open")
    deltas = sorted(((size - base_classes.get(name, (0, 0))[1], inst - base_classes.get(name, (0, 0))[0], name)
                     for name, (inst, size) in classes.items()), reverse=True)
    return {"wanted": tunnels, "held": n, "failed": int(held.get("failed", 0)), "status_open": in_status,
            "open_seconds": round(opened_s, 2), "heap_base": base_heap, "heap_held": heap,
            "heap_per_tunnel": (heap - base_heap) / n, "rss_per_tunnel_kib": (rss - base_rss) / n,
            "top_classes": [{"class": c, "bytes_per_tunnel": d / n, "instances_per_tunnel": i / n}
                            for d, i, c in deltas[:TOP_CLASSES]]}


def run(args):
    for tool in ("java", "jcmd"):
        if not shutil.which(tool) and not os.environ.get("JAVA_HOME"):
            raise RuntimeError(f"{tool} is missing")
    if not os.path.exists(args.jar):
        raise RuntimeError(f"{args.jar} is missing: build it with mvn -B -q package -DskipTests")
    fd_limit = idle_heap.raise_fd_limit()
    workdir = tempfile.mkdtemp(prefix="holdfast-ws-")
    echo_port, port, admin_port, nginx_port = (bench.free_port() for _ in range(4))
    echo = start_echo(args.jar, echo_port)
    holdfast = nginx = None
    try:
        holdfast = start_holdfast(workdir, args.jar, port, admin_port, echo_port, args.tunnels)
        heap = heap_per_tunnel(args.jar, holdfast, admin_port, args.tunnels)
        targets = {"holdfast": port, "direct": echo_port}
        nginx_rss = None
        if not args.skip_nginx and shutil.which("nginx"):
            nginx = start_nginx(workdir, nginx_port, echo_port, args.tunnels, fd_limit)
            nginx_rss = nginx_rss_per_tunnel(args.jar, nginx, args.tunnels)
            targets["nginx"] = nginx_port
        for target in targets.values():
            latency(args.jar, target, args.connections, 3)  # JIT warm-up (both ends) and connection set-up
        rounds = {name: [] for name in targets}
        for _ in range(args.rounds):
            for name, target in targets.items():
                rounds[name].append(latency(args.jar, target, args.connections, args.seconds))
        return {"heap": heap, "nginx_rss": nginx_rss, "rounds": rounds, "args": vars(args)}
    finally:
        for proc in (holdfast, nginx):
            if proc:
                proc.stop()
        echo.kill()
        echo.wait(timeout=15)
        shutil.rmtree(workdir, ignore_errors=True)


def median(rows, key):
    return statistics.median(r[key] for r in rows)


def render(result, label):
    a, heap = result["args"], result["heap"]
    h, d = result["rounds"]["holdfast"], result["rounds"]["direct"]
    x = result["rounds"].get("nginx")
    jar_time = datetime.datetime.fromtimestamp(os.path.getmtime(a["jar"]), datetime.timezone.utc)
    now = datetime.datetime.now(datetime.timezone.utc)
    lines = [f"Run of {now:%Y-%m-%d %H:%M} UTC" + (f" — {label}" if label else "")
             + f"; jar `{os.path.relpath(a['jar'], bench.ROOT)}` (built {jar_time:%Y-%m-%d %H:%M} UTC); "
             + f"{platform.machine()}, {os.cpu_count()} cores. Holdfast with 1 instance, a Vert.x WebSocket echo "
             + f"server as upstream. Command: `src/bench/websocket.py --tunnels {a['tunnels']} --connections "
             + f"{a['connections']} --seconds {a['seconds']} --rounds {a['rounds']}`"
             + (" --skip-nginx" if a.get("skip_nginx") else "") + ".", "",
             "| open WebSocket tunnels | held | in `/status.json` | live heap after full GC: before / with them | heap per tunnel | RSS per tunnel |",
             "|---|---|---|---|---|---|",
             f"| {heap['wanted']} | {heap['held']} ({heap['failed']} failed, opened in {heap['open_seconds']} s) "
             f"| {heap['status_open']} | {heap['heap_base'] / 1048576:.1f} / {heap['heap_held'] / 1048576:.1f} MiB "
             f"| {heap['heap_per_tunnel'] / 1024:.1f} KiB | {heap['rss_per_tunnel_kib']:.1f} KiB |", "",
             *([f"nginx 1 worker, same server, {result['nginx_rss']['held']} held: worker RSS "
                f"{result['nginx_rss']['rss_per_tunnel_kib']:.1f} KiB per tunnel.", ""] if result.get("nginx_rss") else []),
             "Classes that grew most, per tunnel: " + ", ".join(
                 f"`{c['class']}` {c['bytes_per_tunnel']:.0f} B ({c['instances_per_tunnel']:.1f})"
                 for c in heap["top_classes"]) + ".", "",
             f"| echo round trip, 32 B text, {a['connections']} connections, one message in flight each, "
             f"{a['seconds']} s × {a['rounds']} | round trips | p50 µs | p99 µs | max µs |",
             "|---|---|---|---|---|"]
    for name, rows in (("through Holdfast", h), ("through nginx", x), ("direct", d)):
        if not rows:
            continue
        lines.append(f"| {name} | {sum(r['count'] for r in rows)} | {median(rows, 'p50_us'):.0f} "
                     f"| {median(rows, 'p99_us'):.0f} | {median(rows, 'max_us'):.0f} |")
    lines += ["", f"Holdfast / direct: p50 ×{median(h, 'p50_us') / median(d, 'p50_us'):.2f}, "
              f"p99 ×{median(h, 'p99_us') / median(d, 'p99_us'):.2f}"
              + (f"; Holdfast / nginx: p50 ×{median(h, 'p50_us') / median(x, 'p50_us'):.2f}, "
                 f"p99 ×{median(h, 'p99_us') / median(x, 'p99_us'):.2f}" if x else "")
              + " (medians over rounds, interleaved)."]
    return "\n".join(lines)


def write_docs(text):
    with open(DOCS) as f:
        doc = f.read()
    block = f"{START}\n{text}\n{END}"
    if START in doc:
        doc = re.sub(re.escape(START) + r".*?" + re.escape(END), lambda m: block, doc, flags=re.S)
    else:
        anchor = "src/bench/websocket.py --jar modules/app/target/holdfast.jar\n```\n"
        doc = doc.replace(anchor, anchor + "\n" + block + "\n", 1)
    with open(DOCS, "w") as f:
        f.write(doc)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--jar", default=bench.JAR)
    p.add_argument("--tunnels", type=int, default=1000)
    p.add_argument("--connections", type=int, default=20)
    p.add_argument("--seconds", type=int, default=10)
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--skip-nginx", action="store_true")
    p.add_argument("--write-docs", action="store_true")
    p.add_argument("--label", default="")
    args = p.parse_args()
    args.jar = os.path.abspath(args.jar)
    result = run(args)
    text = render(result, args.label)
    print(text)
    if args.write_docs:
        write_docs(text)


if __name__ == "__main__":
    main()
