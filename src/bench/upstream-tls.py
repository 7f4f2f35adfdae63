#!/usr/bin/env python3
"""Upstream TLS, the article's claim measured: what upstream keepalive saves when the upstream speaks TLS.

A backend nginx (1 worker) serves a 12-byte body over HTTPS (a throwaway CA and an EC P-256 certificate
for `backend.test`, made here with openssl; TLS 1.3 unless --protocol TLSv1.2). In front of it, each
with upstream keepalive on and off, and all verifying the certificate against the CA with SNI
`backend.test`:
- Holdfast (instances 1): `upstreams.app.tls` with `keepalive.connections` 32 vs 0;
- nginx (1 worker): `proxy_pass https://`, `proxy_ssl_session_reuse on`, upstream `keepalive 32` vs none;
- HAProxy (1 thread): `server ... ssl verify required ca-file ... sni str(backend.test)`, `http-reuse safe`
  vs `option http-server-close`.
wrk (plain HTTP, -t1) against each proxy in interleaved rounds; medians of requests/s, p50, p99, the
proxy's CPU µs per request (from /proc) and the upstream TLS handshakes per 1,000 requests, full and
resumed, as the backend saw them (`$ssl_session_reused` logged once per upstream connection).

The goals (issue 14): Holdfast's keepalive speedup >= 3x its own no-keepalive run, and Holdfast ahead
of nginx and HAProxy with keepalive on.

Usage: python3 src/bench/upstream-tls.py [--rounds 3] [--duration 10] [--warmup 60] [--connections 50]
                                          [--protocol TLSv1.3] [--peers holdfast,nginx,...] [--json out.json]
"""
import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time

sys.dont_write_bytecode = True  # keep src/bench free of __pycache__
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench  # noqa: E402

NAME = "backend.test"
PROXIES = ("holdfast", "nginx", "haproxy")
MODES = ("keepalive", "no-keepalive")


def make_certificates(workdir):
    """A CA and a server certificate for NAME and 127.0.0.1 (EC P-256), as PEM files in workdir/tls."""
    d = os.path.join(workdir, "tls")
    os.makedirs(d)
    files = {k: os.path.join(d, f) for k, f in
             (("ca", "ca.pem"), ("ca_key", "ca.key"), ("cert", "server.pem"), ("key", "server.key"),
              ("csr", "server.csr"), ("ext", "server.ext"))}
    with open(files["ext"], "w") as f:
        f.write(f"subjectAltName=DNS:{NAME},IP:127.0.0.1\nextendedKeyUsage=serverAuth\n")
    ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"]
    for args in (["req", "-x509", *ec, "-keyout", files["ca_key"], "-out", files["ca"], "-days", "2",
                  "-subj", "/CN=holdfast bench CA"],
                 ["req", *ec, "-keyout", files["key"], "-out", files["csr"], "-subj", f"/CN={NAME}"],
                 ["x509", "-req", "-in", files["csr"], "-CA", files["ca"], "-CAkey", files["ca_key"],
                  "-CAcreateserial", "-out", files["cert"], "-days", "2", "-extfile", files["ext"]]):
        subprocess.run(["openssl", *args], check=True, capture_output=True)
    return files


def start_tls_backend(workdir, port, certs, protocol):
    """nginx over HTTPS; logs one line per new connection (its first request): reused or not."""
    log = os.path.join(workdir, "backend", "logs", "handshakes.log")
    proc = bench.start_nginx("backend", workdir, f"""
  map $connection_requests $first_request {{ 1 1; default 0; }}
  log_format handshake '$ssl_session_reused';
  ssl_session_cache shared:bench:10m;
  ssl_session_timeout 10m;
  server {{ listen 127.0.0.1:{port} ssl reuseport backlog=4096;
    ssl_certificate {certs['cert']}; ssl_certificate_key {certs['key']}; ssl_protocols {protocol};
    access_log {log} handshake if=$first_request;
    location / {{ default_type text/plain; return 200 "{bench.BODY.strip()}\\n"; }} }}""")
    return proc, log


def start_nginx(workdir, name, port, backend_port, certs, keepalive):
    keep = "keepalive 32; keepalive_requests 100000;" if keepalive else ""
    proc = bench.start_nginx(name, workdir, f"""
  upstream app {{ server 127.0.0.1:{backend_port}; {keep} }}
  server {{ listen 127.0.0.1:{port} backlog=4096;
    location / {{ proxy_pass https://app; proxy_http_version 1.1; proxy_set_header Connection "";
      proxy_ssl_protocols TLSv1.2 TLSv1.3; proxy_ssl_session_reuse on; proxy_ssl_server_name on; proxy_ssl_name {NAME};
      proxy_ssl_verify on; proxy_ssl_trusted_certificate {certs['ca']}; }} }}""")
    proc.port = port
    return proc


def start_haproxy(workdir, name, port, backend_port, certs, keepalive):
    return bench.start_haproxy(workdir, port, backend_port, name=name, reuse=keepalive,
                               server_extra=f" ssl verify required ca-file {certs['ca']} sni str({NAME})")


def start_holdfast(workdir, name, port, backend_port, certs, keepalive):
    conf = {
        "instances": 1,
        "listeners": {"main": {"host": "127.0.0.1", "port": port, "keepalive": {"requests": 100000},
                               "routes": [{"path": "/", "upstream": "app"}]}},
        "upstreams": {"app": {"servers": [{"address": f"127.0.0.1:{backend_port}"}],
                              "keepalive": {"connections": 32 if keepalive else 0, "requests": 100000},
                              "tls": {"enabled": True, "sni": NAME, "verify": True, "ca": certs["ca"]}}},
        "admin": {"host": "127.0.0.1", "port": bench.free_port()},
        "reload": {"watch": False},
    }
    proc = bench.launch_holdfast(workdir, name, conf, log_path=os.path.join(workdir, f"{name}.log"))
    proc.admin_port = conf["admin"]["port"]
    return proc


STARTERS = {"holdfast": start_holdfast, "nginx": start_nginx, "haproxy": start_haproxy}


def count_handshakes(log, offset):
    """(full, resumed, new offset): the backend's log lines since offset, one per new upstream connection."""
    with open(log) as f:
        f.seek(offset)
        lines = f.read().split()
        end = f.tell()
    resumed = sum(1 for s in lines if s == "r")
    return len(lines) - resumed, resumed, end


def measure(proc, connections, duration, log):
    offset = os.path.getsize(log) if os.path.exists(log) else 0
    cpu0 = proc.cpu_ticks()
    result = bench.run_wrk(proc.port, connections, duration)
    cpu1 = proc.cpu_ticks()
    time.sleep(0.2)  # nginx writes a log line when the response went out; let the last ones land
    full, resumed, _ = count_handshakes(log, offset) if os.path.exists(log) else (0, 0, 0)
    n = max(result["requests"], 1)
    result.update(cpu_us=(cpu1 - cpu0) * 1e6 / bench.CLK_TCK / n,
                  full_per_1k=full * 1000 / n, resumed_per_1k=resumed * 1000 / n)
    return result


def ratio(rows_a, rows_b, key):
    return bench.paired(rows_a, rows_b, key)


def render(results, names, args):
    med = {n: {k: bench.median(results[n], k) for k in ("rps", "p50", "p99", "cpu_us", "full_per_1k",
                                                        "resumed_per_1k")} for n in names}
    lines = [f"Machine: {platform.machine()}, {os.cpu_count()} cores, {platform.platform()}; backend nginx over "
             f"{args.protocol}; {args.rounds} interleaved rounds of wrk -t1 -c{args.connections} -d{args.duration}s "
             f"(plain HTTP to the proxy). Medians over rounds; ratios are medians of same-round ratios.", "",
             "| proxy | upstream keepalive | req/s | p50 ms | p99 ms | CPU µs/req | full handshakes / 1k req "
             "| resumed / 1k req | errors |", "|---|---|---|---|---|---|---|---|---|"]
    for n in names:
        proxy, mode = n.split(":")
        m = med[n]
        errors = sum(r["non2xx"] for r in results[n])
        lines.append(f"| {proxy} | {'on' if mode == 'keepalive' else 'off'} | {m['rps']:.0f} | {m['p50']:.2f} | "
                     f"{m['p99']:.2f} | {m['cpu_us']:.1f} | {m['full_per_1k']:.1f} | {m['resumed_per_1k']:.1f} "
                     f"| {errors} |")
    lines += ["", "| proxy | keepalive speedup (req/s on ÷ off) | CPU per request (off ÷ on) |", "|---|---|---|"]
    for proxy in PROXIES:
        on, off = f"{proxy}:keepalive", f"{proxy}:no-keepalive"
        if on in results and off in results:
            lines.append(f"| {proxy} | {ratio(results[on], results[off], 'rps'):.2f}× | "
                         f"{ratio(results[off], results[on], 'cpu_us'):.2f}× |")
    hf = "holdfast:keepalive"
    if hf in results:
        lines += ["", "With keepalive on, Holdfast ÷ peer (same round):", "",
                  "| peer | req/s | p50 | p99 | CPU µs/req |", "|---|---|---|---|---|"]
        for peer in ("nginx:keepalive", "haproxy:keepalive"):
            if peer in results:
                lines.append(f"| {peer.split(':')[0]} | {ratio(results[hf], results[peer], 'rps'):.2f} | "
                             f"{ratio(results[hf], results[peer], 'p50'):.2f} | "
                             f"{ratio(results[hf], results[peer], 'p99'):.2f} | "
                             f"{ratio(results[hf], results[peer], 'cpu_us'):.2f} |")
        off = "holdfast:no-keepalive"
        if off in results:
            speedup = ratio(results[hf], results[off], "rps")
            ahead = all(ratio(results[hf], results[p], "rps") > 1 for p in ("nginx:keepalive", "haproxy:keepalive")
                        if p in results)
            lines += ["", f"Goal: Holdfast keepalive speedup >= 3x: {speedup:.2f}x "
                          f"({'met' if speedup >= 3 else 'NOT met'}); ahead of nginx and HAProxy with keepalive on "
                          f"(req/s): {'met' if ahead else 'NOT met'}."]
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--duration", type=int, default=10)
    ap.add_argument("--warmup", type=int, default=60, help="seconds of load per Holdfast before measuring "
                                                            "(JIT: TLS code compiles slowly; nginx and HAProxy get at most 10 s)")
    ap.add_argument("--connections", type=int, default=50)
    ap.add_argument("--protocol", default="TLSv1.3", choices=("TLSv1.3", "TLSv1.2"))
    ap.add_argument("--peers", help=f"comma-separated subset of {','.join(PROXIES)}")
    ap.add_argument("--json", help="also write the raw rows here")
    args = ap.parse_args()
    for tool in ("nginx", "haproxy", "wrk", "java", "openssl"):
        if not shutil.which(tool):
            sys.exit(f"{tool} is missing (src/bench/run installs nginx, haproxy and wrk)")
    if not os.path.exists(bench.JAR):
        sys.exit(f"{bench.JAR} is missing: build it with mvn -B -q package -DskipTests")

    workdir = tempfile.mkdtemp(prefix="holdfast-upstream-tls-")
    procs = []
    try:
        certs = make_certificates(workdir)
        backend_port = bench.free_port()
        backend, log = start_tls_backend(workdir, backend_port, certs, args.protocol)
        procs.append(backend)
        bench.wait_port(backend_port)
        peers = []
        for proxy in (args.peers.split(",") if args.peers else PROXIES):
            for mode in MODES:
                p = STARTERS[proxy](workdir, f"{proxy}-{mode}", bench.free_port(), backend_port, certs,
                                    mode == "keepalive")
                p.key = f"{proxy}:{mode}"
                procs.append(p)
                peers.append(p)
        for p in peers:
            bench.wait_port(p.port)
            check = subprocess.run(["curl", "-s", "-o", "/dev/null", "-w", "%{http_code}",
                                    f"http://127.0.0.1:{p.port}/"], capture_output=True, text=True).stdout
            if check != "200":
                logs = [os.path.join(workdir, p.name, "logs", "error.log"), os.path.join(workdir, f"{p.name}.log")]
                tail = "".join(open(f).read()[-2000:] for f in logs if os.path.exists(f))
                sys.exit(f"{p.key} answered {check!r} instead of 200:\n{tail}")
        print(f"warming up: {args.warmup}s each Holdfast, up to 10s the others ...", file=sys.stderr)
        for p in peers:
            seconds = args.warmup if p.key.startswith("holdfast") else min(args.warmup, 10)
            subprocess.run(["wrk", "-t1", f"-c{args.connections}", f"-d{seconds}s", f"http://127.0.0.1:{p.port}/"],
                           capture_output=True)
        results = {p.key: [] for p in peers}
        for rnd in range(args.rounds):
            order = peers[rnd % len(peers):] + peers[:rnd % len(peers)]
            for p in order:
                r = measure(p, args.connections, args.duration, log)
                results[p.key].append(r)
                print(f"round {rnd + 1} {p.key:24s} {r['rps']:8.0f} rps  p50 {r['p50']:.2f} ms  p99 {r['p99']:.2f} ms  "
                      f"cpu {r['cpu_us']:.1f} us/req  handshakes/1k full {r['full_per_1k']:.1f} "
                      f"resumed {r['resumed_per_1k']:.1f}  non2xx {r['non2xx']} {r['socket_errors']}", file=sys.stderr)
        print(render(results, [p.key for p in peers], args))
        if args.json:
            with open(args.json, "w") as f:
                json.dump(results, f, indent=1)
    finally:
        for p in reversed(procs):
            p.stop()
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
