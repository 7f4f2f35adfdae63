#!/usr/bin/env python3
"""Compression on, 10 KB JSON body: what compressing each response costs, Holdfast against nginx and HAProxy.

A backend nginx (1 worker) serves a 10 KiB JSON file (application/json, Content-Length, no compression of
its own). In front of it, one process each on loopback:
- nginx, 1 worker, upstream keepalive 32: `gzip off` and `gzip on` (gzip_comp_level 1, its default;
  gzip_types application/json; gzip_proxied any; gzip_vary on);
- HAProxy, 1 thread, http-reuse safe: without and with `compression algo gzip` (libslz, its build here);
- Holdfast, instances 1, keepalive 32: compression off, and `listeners.main.compression: {}`
  (gzip level 1, Brotli quality 3), asked for gzip and for br.
wrk -t1 -cN sends `Accept-Encoding` (gzip, or br for the br row; none for the "off" rows), peers measured
in interleaved rounds after a warm-up, as bench.py does. Reported per peer: req/s, p50/p99, CPU µs per
request from /proc (the steadier figure on a noisy machine), the same-round ratio of that CPU to the same
proxy uncompressed, and the response body size on the wire (one curl per peer, checked for the
Content-Encoding it claims before anything is measured).

Usage: python3 src/bench/compression.py [--rounds 3] [--duration 10] [--connections 50] [--warmup 30]
Importable: measure_all(rounds, duration, connections, warmup) -> dict, render(result) -> str (markdown).
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

sys.dont_write_bytecode = True  # keep src/bench free of __pycache__
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench  # noqa: E402

BODY_BYTES = 10 * 1024
# (peer, proxy family for the "× uncompressed" ratio, Accept-Encoding wrk sends, coding expected back)
PEERS = (
    ("nginx-proxy", "nginx", None, None),
    ("nginx-proxy-gzip", "nginx", "gzip", "gzip"),
    ("haproxy", "haproxy", None, None),
    ("haproxy-gzip", "haproxy", "gzip", "gzip"),
    ("holdfast", "holdfast", None, None),
    ("holdfast-gzip", "holdfast", "gzip", "gzip"),
    ("holdfast-br", "holdfast", "br", "br"),
)


def json_body(size=BODY_BYTES):
    """An API-like JSON document of exactly `size` bytes: ids, names, states, amounts (compresses ~3-4x)."""
    words = ["order", "customer", "shipped", "pending", "invoice", "refund", "address", "street", "city", "email"]
    parts, i, seed = ['{"data":['], 0, 7
    while sum(map(len, parts)) < size:
        seed = (seed * 1103515245 + 12345) & 0x7FFFFFFF
        parts.append(f'{{"id":"{seed:08x}","{words[seed % 10]}":"{words[(seed >> 4) % 10]} {words[(seed >> 8) % 10]}",'
                     f'"amount":{seed % 100000 / 100},"ts":{1700000000000 + seed % 1000000000}}},')
        i += 1
    return "".join(parts).encode()[:size]


def start_backend(workdir, port, status_port):
    docroot = os.path.join(workdir, "docroot")
    os.makedirs(docroot, exist_ok=True)
    with open(os.path.join(docroot, "data.json"), "wb") as f:
        f.write(json_body())
    # nginx's workers run as an unprivileged user: mkdtemp's 0700 would hide the file from them.
    for path in (workdir, docroot):
        os.chmod(path, 0o755)
    os.chmod(os.path.join(docroot, "data.json"), 0o644)
    return bench.start_nginx("backend", workdir, f"""
  server {{ listen 127.0.0.1:{port} reuseport backlog=4096;
    location / {{ root {docroot}; default_type application/json; try_files /data.json =404; }} }}
  server {{ listen 127.0.0.1:{status_port}; location / {{ stub_status; }} }}""")


def start_nginx_proxy(workdir, name, port, backend_port, gzip):
    gzip_conf = ("gzip on; gzip_types application/json; gzip_proxied any; gzip_min_length 1024; gzip_vary on;"
                 if gzip else "gzip off;")
    proc = bench.start_nginx(name, workdir, f"""
  {gzip_conf}
  upstream app {{ server 127.0.0.1:{backend_port}; keepalive 32; keepalive_requests 100000; }}
  server {{ listen 127.0.0.1:{port} backlog=4096;
    location / {{ proxy_pass http://app; proxy_http_version 1.1; proxy_set_header Connection ""; }} }}""")
    proc.port = port
    return proc


def start_haproxy(workdir, name, port, backend_port, gzip):
    compression = "\n  compression algo gzip\n  compression type application/json" if gzip else ""
    return bench.start_haproxy(workdir, port, backend_port, name=name, backend_extra=compression)


def start_holdfast(workdir, name, port, backend_port, compression):
    listener = {"host": "127.0.0.1", "port": port, "keepalive": {"requests": 100000},
                "routes": [{"path": "/", "upstream": "app"}]}
    if compression:
        listener["compression"] = {}
    conf = {"instances": 1, "listeners": {"main": listener},
            "upstreams": {"app": {"servers": [{"address": f"127.0.0.1:{backend_port}"}],
                                  "keepalive": {"connections": 32, "requests": 100000}}},
            "admin": {"host": "127.0.0.1", "port": bench.free_port()}, "reload": {"watch": False}}
    return bench.launch_holdfast(workdir, name, conf, log_path=os.path.join(workdir, f"{name}.log"))


def start_peer(workdir, name, backend_port):
    port = bench.free_port()
    if name.startswith("nginx"):
        return start_nginx_proxy(workdir, name, port, backend_port, name.endswith("gzip"))
    if name.startswith("haproxy"):
        return start_haproxy(workdir, name, port, backend_port, name.endswith("gzip"))
    return start_holdfast(workdir, name, port, backend_port, name != "holdfast")


def wire_check(port, accept, expected):
    """One response through the peer: its Content-Encoding must be what the row claims; returns body bytes."""
    args = ["curl", "-sS", "--max-time", "5", "-o", "/dev/null", "-D", "-", "-w", "size=%{size_download}\n"]
    if accept:
        args += ["-H", f"Accept-Encoding: {accept}"]
    out = subprocess.run(args + [f"http://127.0.0.1:{port}/data.json"], capture_output=True, text=True).stdout
    coding = re.search(r"(?im)^content-encoding:\s*(\S+)", out)
    got = coding.group(1).lower() if coding else None
    if got != expected:
        raise RuntimeError(f"port {port}: expected Content-Encoding {expected}, got {got}:\n{out}")
    return int(re.search(r"size=(\d+)", out).group(1))


def run_wrk(port, connections, duration, accept):
    args = ["wrk", "-t1", f"-c{connections}", f"-d{duration}s", "--latency"]
    if accept:
        args += ["-H", f"Accept-Encoding: {accept}"]
    out = subprocess.run(args + [f"http://127.0.0.1:{port}/data.json"], capture_output=True, text=True).stdout
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
            "requests": int(re.search(r"(\d+) requests in", out).group(1)),
            "p50": bench.parse_latency(re.search(r"50%\s+(\S+)", out).group(1)),
            "p99": bench.parse_latency(re.search(r"99%\s+(\S+)", out).group(1)),
            "non2xx": int(errors.group(1)) if errors else 0}


def measure(proc, connections, duration, accept):
    cpu0 = proc.cpu_ticks()
    result = run_wrk(proc.port, connections, duration, accept)
    result["cpu_us"] = (proc.cpu_ticks() - cpu0) * 1e6 / bench.CLK_TCK / max(result["requests"], 1)
    return result


def measure_all(rounds=3, duration=10, connections=50, warmup=30, peers=None):
    wanted = [p for p in PEERS if peers is None or p[0] in peers]
    workdir = tempfile.mkdtemp(prefix="holdfast-compression-")
    backend_port, status_port = bench.free_port(), bench.free_port()
    procs = []
    try:
        procs.append(start_backend(workdir, backend_port, status_port))
        bench.wait_port(backend_port)
        started = []
        for name, family, accept, coding in wanted:
            proc = start_peer(workdir, name, backend_port)
            procs.append(proc)
            bench.wait_port(proc.port)
            started.append((proc, family, accept, coding))
        sizes = {proc.name: wire_check(proc.port, accept, coding) for proc, _, accept, coding in started}
        for proc, _, accept, _ in started:
            seconds = warmup if proc.name.startswith("holdfast") else min(warmup, 10)
            run_wrk(proc.port, connections, seconds, accept)
        results = {proc.name: [] for proc, *_ in started}
        for rnd in range(rounds):
            order = started[rnd % len(started):] + started[:rnd % len(started)]
            for proc, _, accept, _ in order:
                r = measure(proc, connections, duration, accept)
                results[proc.name].append(r)
                print(f"round {rnd + 1} {proc.name:18s} {r['rps']:8.0f} rps  p99 {r['p99']:.2f} ms  "
                      f"cpu {r['cpu_us']:.1f} us/req  non2xx {r['non2xx']}", file=sys.stderr)
        return {"rounds": rounds, "duration": duration, "connections": connections, "body": BODY_BYTES,
                "peers": [(p.name, family, accept) for p, family, accept, _ in started],
                "sizes": sizes, "results": results}
    finally:
        for p in reversed(procs):
            p.stop()
        shutil.rmtree(workdir, ignore_errors=True)


def render(result):
    lines = [f"{BODY_BYTES // 1024} KiB JSON body (application/json) from an nginx backend; wrk -t1 "
             f"-c{result['connections']} -d{result['duration']}s, {result['rounds']} interleaved rounds; "
             "medians; \"× off\" is the same-round ratio to the same proxy without compression.", "",
             "| proxy | coding | bytes on the wire | req/s | p50 ms | p99 ms | CPU µs/req | CPU × off |",
             "|---|---|---|---|---|---|---|---|"]
    base = {family: name for name, family, accept in result["peers"] if accept is None}
    for name, family, accept in result["peers"]:
        rows = result["results"][name]
        ratio = bench.paired(rows, result["results"][base[family]], "cpu_us") if family in base else float("nan")
        lines.append(f"| {name} | {accept or 'identity'} | {result['sizes'][name]} | {bench.median(rows, 'rps'):.0f} | "
                     f"{bench.median(rows, 'p50'):.2f} | {bench.median(rows, 'p99'):.2f} | "
                     f"{bench.median(rows, 'cpu_us'):.1f} | {ratio:.2f} |")
    return "\n".join(lines) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--duration", type=int, default=10)
    ap.add_argument("--connections", type=int, default=50)
    ap.add_argument("--warmup", type=int, default=30, help="seconds of load per Holdfast peer (JIT); 10 s the others")
    ap.add_argument("--peers", help="comma-separated subset of " + ",".join(p[0] for p in PEERS))
    ap.add_argument("--json", help="also write the raw result here")
    args = ap.parse_args()
    for tool in ("nginx", "haproxy", "wrk", "curl"):
        if not shutil.which(tool):
            sys.exit(f"{tool} is missing")
    if not os.path.exists(bench.JAR):
        sys.exit(f"{bench.JAR} is missing: build it with mvn -B -q package -DskipTests")
    result = measure_all(args.rounds, args.duration, args.connections, args.warmup,
                         args.peers.split(",") if args.peers else None)
    if args.json:
        with open(args.json, "w") as f:
            json.dump(result, f, indent=1)
    print(render(result))


if __name__ == "__main__":
    main()
