#!/usr/bin/env python3
"""The edge measured: HTTP/2 and TLS to clients, Holdfast against nginx and HAProxy, one backend.

A backend nginx (1 worker, plain HTTP/1.1, a 12-byte body, stub_status for its accepted connections) behind
three TLS-terminating proxies, each on one core with upstream keepalive: nginx 1.22 (`listen ... ssl http2`,
upstream `keepalive 32`, `ssl_session_cache shared` and tickets), HAProxy 2.6 (`bind ... ssl crt ... alpn
h2,http/1.1`, `http-reuse safe`, its default session cache and tickets) and Holdfast (`listeners.main.tls`,
`http2` on by default, `keepalive.connections` 32). The same throwaway EC P-256 certificate for all.

Part `h2`: h2load -c50 -m10 over TLS (ALPN h2) in interleaved rounds: requests/s, p50/p99 (from h2load's
per-request log), CPU µs per request of the proxy (/proc) and upstream connections opened per 100k requests
(the backend's stub_status). Goals (issue 14): Holdfast >= 1.0x HAProxy's requests/s, p99 <= nginx's.

Part `tls`: wrk -t1 -c50 over https, (a) with keepalive and (b) with `Connection: close`, a new TCP and TLS
handshake per request (wrk resumes no session: full handshakes); then `openssl s_time` for handshakes per
second, full (`-new`) and resumed (`-reuse`: a TLS 1.2 session id or a TLS 1.3 ticket from the proxy's own
cache), each with a `GET /`. The resumed run also counts how many of its connections really were resumed.

With `--peers ...,vertx-proxy` part h2 also measures vertx-http-proxy's stock reverse proxy on the same Vert.x
stack (src/bench/VertxProxy.java: HTTP/2 TLS server, pooled HttpClient, one event loop, none of Holdfast's
work): what those layers cost for the same exchange, the reference for Holdfast's own overhead.

Usage: python3 src/bench/edge.py [--parts h2,tls] [--rounds 3] [--duration 10] [--warmup 30]
                                 [--peers holdfast,nginx,haproxy[,vertx-proxy]] [--protocol TLSv1.3] [--json out.json]
                                 [--holdfast-upstream-keepalive 32]
Smoke test (seconds): python3 src/bench/edge.py --rounds 1 --duration 2 --warmup 2
"""
import argparse
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

sys.dont_write_bytecode = True  # keep src/bench free of __pycache__
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench  # noqa: E402

NAME = "edge.test"
PROXIES = ("holdfast", "nginx", "haproxy")


def make_certificates(workdir):
    """A self-signed EC P-256 certificate for NAME and 127.0.0.1: cert, key, and both in one file (HAProxy)."""
    d = os.path.join(workdir, "tls")
    os.makedirs(d)
    cert, key, both = (os.path.join(d, f) for f in ("edge.pem", "edge.key", "edge-with-key.pem"))
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                    "-keyout", key, "-out", cert, "-days", "2", "-subj", f"/CN={NAME}",
                    "-addext", f"subjectAltName=DNS:{NAME},IP:127.0.0.1"], check=True, capture_output=True)
    with open(both, "w") as f:
        f.write(open(cert).read() + open(key).read())
    return {"cert": cert, "key": key, "both": both}


def start_nginx(workdir, port, backend_port, certs, protocol):
    proc = bench.start_nginx("nginx-edge", workdir, f"""
  upstream app {{ server 127.0.0.1:{backend_port}; keepalive 32; keepalive_requests 100000; }}
  ssl_session_cache shared:edge:10m;
  ssl_session_tickets on;
  server {{ listen 127.0.0.1:{port} ssl http2 backlog=4096;
    ssl_certificate {certs['cert']}; ssl_certificate_key {certs['key']}; ssl_protocols TLSv1.2 TLSv1.3;
    keepalive_requests 100000;
    location / {{ proxy_pass http://app; proxy_http_version 1.1; proxy_set_header Connection ""; }} }}""")
    proc.port = port
    return proc


def start_haproxy(workdir, port, backend_port, certs, protocol):
    return bench.start_haproxy(workdir, port, backend_port, name="haproxy-edge",
                               bind_extra=f" ssl crt {certs['both']} alpn h2,http/1.1 ssl-min-ver TLSv1.2")


HOLDFAST_UPSTREAM_KEEPALIVE = [32]


def start_holdfast(workdir, port, backend_port, certs, protocol):
    conf = {
        "instances": 1,
        "listeners": {"main": {"host": "127.0.0.1", "port": port, "keepalive": {"requests": 100000},
                               "tls": {"certificates": [{"cert": certs["cert"], "key": certs["key"]}]},
                               "routes": [{"path": "/", "upstream": "app"}]}},
        "upstreams": {"app": {"servers": [{"address": f"127.0.0.1:{backend_port}"}],
                              "keepalive": {"connections": HOLDFAST_UPSTREAM_KEEPALIVE[0], "requests": 100000}}},
        "admin": {"host": "127.0.0.1", "port": bench.free_port()},
        "reload": {"watch": False},
    }
    return bench.launch_holdfast(workdir, "holdfast-edge", conf, log_path=os.path.join(workdir, "holdfast-edge.log"))


def start_vertx_proxy(workdir, port, backend_port, certs, protocol):
    """vertx-http-proxy's stock reverse proxy (src/bench/VertxProxy.java) on the fat jar: the stack's own cost."""
    source = os.path.join(os.path.dirname(os.path.abspath(__file__)), "VertxProxy.java")
    return bench.Proc("vertx-proxy", [bench.java_bin(), "-cp", bench.JAR, source, str(port), certs["cert"], certs["key"],
                                      str(backend_port)], port)


STARTERS = {"holdfast": start_holdfast, "nginx": start_nginx, "haproxy": start_haproxy,
            "vertx-proxy": start_vertx_proxy}


def percentile(values, q):
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def run_h2load(port, duration, workdir, clients=50, streams=10):
    """h2load over TLS with ALPN h2; p50/p99 from its per-request log (latency in µs, third column)."""
    log = os.path.join(workdir, "h2load.log")
    out = subprocess.run(["h2load", "-c", str(clients), "-m", str(streams), "-t", "1", "-D", str(duration),
                          "--log-file", log, f"https://127.0.0.1:{port}/"], capture_output=True, text=True).stdout
    if "Application protocol: h2" not in out:
        raise RuntimeError(f"h2load did not negotiate h2 with port {port}:\n{out}")
    rps = float(re.search(r"finished in [\d.]+\w+, ([\d.]+) req/s", out).group(1))
    m = re.search(r"requests: (\d+) total, \d+ started, (\d+) done, (\d+) succeeded, (\d+) failed, (\d+) errored", out)
    latencies = []
    with open(log) as f:
        for line in f:
            parts = line.split()
            if len(parts) >= 3:
                latencies.append(int(parts[2]) / 1000.0)
    return {"rps": rps, "requests": int(m.group(2)), "failed": int(m.group(4)) + int(m.group(5)),
            "p50": percentile(latencies, 0.50), "p99": percentile(latencies, 0.99)}


def run_wrk_https(port, connections, duration, close):
    argv = ["wrk", "-t1", f"-c{connections}", f"-d{duration}s", "--latency"]
    if close:
        argv += ["-H", "Connection: close"]
    out = subprocess.run(argv + [f"https://127.0.0.1:{port}/"], capture_output=True, text=True).stdout
    rps = re.search(r"Requests/sec:\s+([\d.]+)", out)
    total = re.search(r"(\d+) requests in", out)
    p99 = re.search(r"99%\s+(\S+)", out)
    if not (rps and total and p99):
        raise RuntimeError(f"wrk against port {port} printed no result:\n{out}")
    return {"rps": float(rps.group(1)), "requests": int(total.group(1)), "p99": bench.parse_latency(p99.group(1))}


def run_s_time(port, seconds, reuse, protocol):
    """openssl s_time: connections per second with a GET / each; with reuse, how many really resumed."""
    version = "-tls1_3" if protocol == "TLSv1.3" else "-tls1_2"
    out = subprocess.run(["openssl", "s_time", "-connect", f"127.0.0.1:{port}", "-www", "/", version,
                          "-time", str(seconds), "-reuse" if reuse else "-new"],
                         capture_output=True, text=True).stdout
    m = re.search(r"(\d+) connections in ([\d.]+)s; ([\d.]+) connections/user sec", out)
    if not m:
        raise RuntimeError(f"s_time against port {port} printed no result:\n{out}")
    connections, wall = int(m.group(1)), float(m.group(2))
    # -reuse prints 'r' for a resumed connection and '*' for a full handshake while it runs.
    timed = out.split("Now timing with session id reuse.")[-1] if reuse else ""
    resumed = sum(line.count("r") for line in timed.splitlines() if line.strip() and set(line.strip()) <= {"r", "*"})
    return {"per_s": connections / wall if wall else 0.0, "connections": connections,
            "resumed_share": resumed / connections if reuse and connections else 0.0}


def measure(part, proc, args, status_port, workdir):
    cpu0, accepts0 = proc.cpu_ticks(), bench.backend_accepts(status_port)
    if part == "h2":
        r = run_h2load(proc.port, args.duration, workdir)
    elif part == "tls-keepalive":
        r = run_wrk_https(proc.port, args.connections, args.duration, close=False)
    else:
        r = run_wrk_https(proc.port, args.connections, args.duration, close=True)
    cpu1, accepts1 = proc.cpu_ticks(), bench.backend_accepts(status_port)
    n = max(r["requests"], 1)
    r["cpu_us"] = (cpu1 - cpu0) * 1e6 / bench.CLK_TCK / n
    r["conns_per_100k"] = (accepts1 - accepts0) * 100000 / n
    return r


def med(rows, key):
    return bench.median(rows, key)


def render(results, handshakes, names, args):
    lines = [f"Machine: {platform.machine()}, {os.cpu_count()} cores, {platform.platform()}; {args.rounds} interleaved "
             f"rounds of {args.duration}s; medians over rounds, ratios are medians of same-round ratios.", ""]
    if any(k[0] == "h2" for k in results):
        lines += ["HTTP/2 over TLS: h2load -c50 -m10 -t1, HTTP/1.1 keepalive upstream", "",
                  "| proxy | req/s | p50 ms | p99 ms | CPU µs/req | upstream conns / 100k req | failed |",
                  "|---|---|---|---|---|---|---|"]
        for n in names:
            rows = results.get(("h2", n), [])
            if rows:
                lines.append(f"| {n} | {med(rows, 'rps'):.0f} | {med(rows, 'p50'):.2f} | {med(rows, 'p99'):.2f} | "
                             f"{med(rows, 'cpu_us'):.1f} | {med(rows, 'conns_per_100k'):.1f} | "
                             f"{sum(r['failed'] for r in rows)} |")
        hf = results.get(("h2", "holdfast"))
        if hf and results.get(("h2", "haproxy")) and results.get(("h2", "nginx")):
            vs_haproxy = bench.paired(hf, results[("h2", "haproxy")], "rps")
            vs_nginx_p99 = bench.paired(hf, results[("h2", "nginx")], "p99")
            lines += ["", f"Goals: Holdfast req/s ÷ HAProxy = {vs_haproxy:.2f} (>= 1.0: "
                          f"{'met' if vs_haproxy >= 1.0 else 'NOT met'}); Holdfast p99 ÷ nginx = {vs_nginx_p99:.2f} "
                          f"(<= 1.0: {'met' if vs_nginx_p99 <= 1.0 else 'NOT met'})."]
        if hf and results.get(("h2", "vertx-proxy")):
            stock = results[("h2", "vertx-proxy")]
            lines += ["", f"Holdfast ÷ vertx-http-proxy's stock reverse proxy on the same Vert.x stack: req/s "
                          f"{bench.paired(hf, stock, 'rps'):.2f}, CPU µs/req {bench.paired(hf, stock, 'cpu_us'):.2f}."]
        lines.append("")
    if any(k[0].startswith("tls") for k in results):
        lines += [f"TLS to clients ({args.protocol} for s_time; wrk negotiates the highest): wrk -t1 -c{args.connections} "
                  "over https; s_time single-threaded, GET / per connection", "",
                  "| proxy | keepalive req/s | p99 ms | CPU µs/req | new conn per req: req/s | CPU µs/req "
                  "| s_time full /s | s_time resumed /s | resumed share |", "|---|---|---|---|---|---|---|---|---|"]
        for n in names:
            ka, close = results.get(("tls-keepalive", n), []), results.get(("tls-close", n), [])
            hs = handshakes.get(n, {})
            full = statistics.median([h["per_s"] for h in hs.get("full", [])]) if hs.get("full") else float("nan")
            res = statistics.median([h["per_s"] for h in hs.get("resumed", [])]) if hs.get("resumed") else float("nan")
            share = statistics.median([h["resumed_share"] for h in hs.get("resumed", [])]) if hs.get("resumed") else 0
            if ka or close:
                lines.append(f"| {n} | {med(ka, 'rps'):.0f} | {med(ka, 'p99'):.2f} | {med(ka, 'cpu_us'):.1f} | "
                             f"{med(close, 'rps'):.0f} | {med(close, 'cpu_us'):.1f} | {full:.0f} | {res:.0f} | "
                             f"{share:.0%} |")
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--parts", default="h2,tls")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--duration", type=int, default=10)
    ap.add_argument("--warmup", type=int, default=30, help="seconds of load per Holdfast before measuring (JIT)")
    ap.add_argument("--connections", type=int, default=50)
    ap.add_argument("--protocol", default="TLSv1.3", choices=("TLSv1.3", "TLSv1.2"))
    ap.add_argument("--peers", help=f"comma-separated subset of {','.join(PROXIES)}, or vertx-proxy (vertx-http-proxy's "
                                    "stock reverse proxy on the same Vert.x stack, a reference for part h2)")
    ap.add_argument("--json", help="also write the raw rows here")
    ap.add_argument("--holdfast-upstream-keepalive", type=int, default=32,
                    help="Holdfast's keepalive.connections (nginx keeps 32; -m10 x -c50 is 500 streams in flight)")
    args = ap.parse_args()
    HOLDFAST_UPSTREAM_KEEPALIVE[0] = args.holdfast_upstream_keepalive
    for tool in ("nginx", "haproxy", "wrk", "h2load", "openssl"):
        if not shutil.which(tool):
            sys.exit(f"{tool} is missing (apt-get install nginx haproxy wrk nghttp2-client openssl)")
    if not os.path.exists(bench.JAR):
        sys.exit(f"{bench.JAR} is missing: build it with mvn -B -q package -DskipTests")
    parts = args.parts.split(",")
    workdir = tempfile.mkdtemp(prefix="holdfast-edge-")
    procs = []
    try:
        certs = make_certificates(workdir)
        backend_port, status_port = bench.free_port(), bench.free_port()
        procs.append(bench.start_backend(workdir, backend_port, status_port))
        bench.wait_port(backend_port)
        peers = []
        for name in (args.peers.split(",") if args.peers else PROXIES):
            p = STARTERS[name](workdir, bench.free_port(), backend_port, certs, args.protocol)
            p.key = name
            procs.append(p)
            peers.append(p)
        for p in peers:
            bench.wait_port(p.port)
            check = subprocess.run(["curl", "-sk", "--http2", "-o", "/dev/null", "-w", "%{http_code} %{http_version}",
                                    f"https://127.0.0.1:{p.port}/"], capture_output=True, text=True).stdout
            if check != "200 2":
                sys.exit(f"{p.key} answered {check!r} instead of '200 2' (HTTP/2 200)")
        print(f"warming up: {args.warmup}s Holdfast, up to 10s the others ...", file=sys.stderr)
        for p in peers:
            seconds = args.warmup if p.key in ("holdfast", "vertx-proxy") else min(args.warmup, 10)
            subprocess.run(["h2load", "-c50", "-m10", "-D", str(seconds), f"https://127.0.0.1:{p.port}/"],
                           capture_output=True)
        measured = (["h2"] if "h2" in parts else []) + (["tls-keepalive", "tls-close"] if "tls" in parts else [])
        results, handshakes = {}, {p.key: {"full": [], "resumed": []} for p in peers}
        for rnd in range(args.rounds):
            order = peers[rnd % len(peers):] + peers[:rnd % len(peers)]
            for part in measured:
                for p in order:
                    r = measure(part, p, args, status_port, workdir)
                    results.setdefault((part, p.key), []).append(r)
                    print(f"round {rnd + 1} {part:13s} {p.key:9s} {r['rps']:8.0f} rps  p99 {r['p99']:.2f} ms  "
                          f"cpu {r['cpu_us']:.1f} us/req  upstream conns/100k {r['conns_per_100k']:.1f}", file=sys.stderr)
            if "tls" in parts:
                for p in order:
                    for kind in ("full", "resumed"):
                        h = run_s_time(p.port, args.duration, kind == "resumed", args.protocol)
                        handshakes[p.key][kind].append(h)
                        print(f"round {rnd + 1} s_time {kind:7s} {p.key:9s} {h['per_s']:8.0f} conn/s"
                              f"{'  resumed ' + format(h['resumed_share'], '.0%') if kind == 'resumed' else ''}",
                              file=sys.stderr)
        print(render(results, handshakes, [p.key for p in peers], args))
        if args.json:
            with open(args.json, "w") as f:
                json.dump({"results": {f"{k[0]}:{k[1]}": v for k, v in results.items()}, "handshakes": handshakes},
                          f, indent=1)
    finally:
        for p in reversed(procs):
            p.stop()


if __name__ == "__main__":
    main()
