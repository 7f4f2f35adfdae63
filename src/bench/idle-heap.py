#!/usr/bin/env python3
"""Memory per idle client connection: Holdfast (heap after full GC, RSS) against nginx and HAProxy (RSS).

Each peer proxies to the same nginx backend. After a few warm-up requests (so lazily loaded classes are in)
a baseline is taken; then N client connections are opened, each serves one GET and is held idle on
keepalive; then the same measurement again. The difference divided by N is the cost of one idle connection.
For Holdfast the heap comes from `jcmd GC.class_histogram` (which runs a full GC first), so the per-class
deltas also say which objects hold the memory (shallow sizes, not retained).

Usage: src/bench/idle-heap.py [--connections 10000] [--batch 200]
Importable: measure_all(connections) -> dict, render(result) -> str.
"""
import argparse
import json
import os
import re
import resource
import selectors
import shutil
import socket
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(__file__))
bench = __import__("bench")  # reuse the peer launchers of the main benchmark

REQUEST = b"GET / HTTP/1.1\r\nHost: x\r\n\r\n"
MAX_CONNECTIONS = 20000   # each peer's connection cap: far above what is held
IDLE_TIMEOUT_S = 300      # peers must not close idle clients while they are measured
TOP_CLASSES = 8


def raise_fd_limit(wanted=65536):
    """Children inherit this; the hard limit can only be raised with CAP_SYS_RESOURCE."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    for target in (max(wanted, hard), hard):
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (target, target))
            break
        except (ValueError, OSError):
            continue
    return resource.getrlimit(resource.RLIMIT_NOFILE)[0]


# ---------------------------------------------------------------- peers

def start_holdfast(workdir, port, admin_port, backend_port):
    conf = {
        "instances": 1,
        "listeners": {"main": {"host": "127.0.0.1", "port": port,
                               "keepalive": {"timeout": f"{IDLE_TIMEOUT_S}s", "requests": 100000},
                               "maxConnections": MAX_CONNECTIONS,
                               "routes": [{"path": "/", "upstream": "app"}]}},
        "upstreams": {"app": {"servers": [{"address": f"127.0.0.1:{backend_port}"}],
                              "keepalive": {"connections": 32, "requests": 100000}}},
        "admin": {"host": "127.0.0.1", "port": admin_port},
        "reload": {"watch": False},
    }
    return bench.launch_holdfast(workdir, "holdfast", conf)


# A bare Vert.x 5 server, same transport as Holdfast's default, as the floor Holdfast builds on. With
# strictThreadMode Vert.x gives each connection a direct write queue instead of an MPSC queue whose first
# chunk is an Object[1025] (Netty's PlatformDependent.newMpscQueue(), chunk size fixed at 1024).
BARE_VERTX = """
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.transport.Transport;

public class BareVertx {
  public static void main(String[] args) {
    Vertx vertx = Vertx.builder().withTransport(Transport.IO_URING).build();
    HttpServerOptions options = new HttpServerOptions().setHost("127.0.0.1").setPort(Integer.parseInt(args[0]))
        .setStrictThreadMode(Boolean.parseBoolean(args[1]));
    vertx.createHttpServer(options).requestHandler(r -> r.response().end("hello world\\n")).listen();
  }
}
"""


def start_bare_vertx(workdir, port, strict):
    source = os.path.join(workdir, "BareVertx.java")
    with open(source, "w") as f:
        f.write(BARE_VERTX)
    name = "vert.x bare, strictThreadMode" if strict else "vert.x bare"
    return bench.Proc(name, ["java", "-cp", bench.JAR, source, str(port), str(strict).lower()], port)


def start_nginx_proxy(workdir, port, backend_port, fd_limit):
    """bench's nginx proxy with room for the held connections (its worker_connections is 4096)."""
    proc = bench.start_nginx_proxy(workdir, port, backend_port, worker_connections=MAX_CONNECTIONS,
                                   main_extra=f"worker_rlimit_nofile {min(2 * MAX_CONNECTIONS, fd_limit)};\n",
                                   http_extra=f"\n  keepalive_timeout {IDLE_TIMEOUT_S}s;")
    proc.port = port
    return proc


def haproxy_maxconn(fd_limit):
    """HAProxy refuses to start unless it has 2 fds per maxconn (plus a few); without CAP_SYS_RESOURCE the
    hard limit caps it below MAX_CONNECTIONS."""
    return min(MAX_CONNECTIONS, (fd_limit - 100) // 2)


def start_haproxy(workdir, port, backend_port, maxconn):
    return bench.start_haproxy(workdir, port, backend_port, maxconn=maxconn, idle_timeout_s=IDLE_TIMEOUT_S)


def wait_up(proc):
    try:
        bench.wait_port(proc.port)
    except RuntimeError:
        proc.stop()
        raise RuntimeError(f"{proc.name} did not start: {proc.popen.stderr.read().decode(errors='replace')[-2000:]}")


# ---------------------------------------------------------------- measurements

def rss_kib(pids):
    total = 0
    for pid in pids:
        with open(f"/proc/{pid}/status") as f:
            m = re.search(r"^VmRSS:\s+(\d+) kB", f.read(), re.M)
        total += int(m.group(1)) if m else 0
    return total


def class_histogram(pid):
    """Full GC, then the live heap by class: ({class: (instances, bytes)}, total bytes)."""
    out = subprocess.run(["jcmd", str(pid), "GC.class_histogram"], capture_output=True, text=True,
                         timeout=120).stdout
    classes, total = {}, None
    for line in out.splitlines():
        m = re.match(r"\s*\d+:\s+(\d+)\s+(\d+)\s+(\S+)", line)
        if m:
            classes[m.group(3)] = (int(m.group(1)), int(m.group(2)))
            continue
        m = re.match(r"Total\s+(\d+)\s+(\d+)", line)
        if m:
            total = int(m.group(2))
    if total is None:
        raise RuntimeError(f"jcmd printed no histogram:\n{out[-2000:]}")
    return classes, total


def warm(port, requests=20):
    """A few requests on one keepalive connection so lazily loaded classes are in before the baseline."""
    socks, failures = hold(port, 1, 1)
    if failures or not socks:
        raise RuntimeError(f"warm-up request failed: {failures}")
    socks[0].setblocking(True)
    socks[0].settimeout(10)
    for _ in range(requests - 1):
        socks[0].sendall(REQUEST)
        read_response(socks[0])
    close_all(socks)


def read_response(sock):
    data = b""
    while True:
        chunk = sock.recv(65536)
        if not chunk:
            raise RuntimeError("peer closed during warm-up")
        data += chunk
        done, _ = response_complete(data)
        if done:
            return data


def response_complete(data):
    """(complete, status) of one HTTP/1.1 response in data; the proxies here answer with Content-Length."""
    end = data.find(b"\r\n\r\n")
    if end < 0:
        return False, None
    head = data[:end].decode("latin-1")
    status = int(head.split(" ", 2)[1])
    m = re.search(r"^content-length:\s*(\d+)", head, re.I | re.M)
    length = int(m.group(1)) if m else 0
    return len(data) >= end + 4 + length, (status, head)


def hold(port, n, batch):
    """Opens n connections, batch at a time, each serving one GET; returns them open and idle."""
    held, failures = [], []
    while len(held) + len(failures) < n:
        count = min(batch, n - len(held) - len(failures))
        sel = selectors.DefaultSelector()
        pending = {}
        for _ in range(count):
            s = socket.socket()
            s.setblocking(False)
            s.connect_ex(("127.0.0.1", port))
            pending[s] = b""
            sel.register(s, selectors.EVENT_WRITE)
        deadline = time.time() + 30
        while pending and time.time() < deadline:
            for key, events in sel.select(timeout=1):
                s = key.fileobj
                if events & selectors.EVENT_WRITE:
                    err = s.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
                    if err:
                        failures.append(f"connect: {os.strerror(err)}")
                        sel.unregister(s); s.close(); del pending[s]
                        continue
                    s.send(REQUEST)  # 27 bytes always fit a fresh socket's buffer
                    sel.modify(s, selectors.EVENT_READ)
                    continue
                try:
                    chunk = s.recv(65536)
                except OSError as e:
                    chunk, reason = b"", str(e)
                else:
                    reason = "closed before the response ended"
                if not chunk:
                    failures.append(reason)
                    sel.unregister(s); s.close(); del pending[s]
                    continue
                pending[s] += chunk
                done, parsed = response_complete(pending[s])
                if done:
                    sel.unregister(s)
                    status, head = parsed
                    if status != 200 or re.search(r"^connection:\s*close", head, re.I | re.M):
                        failures.append(f"status {status}" + (" with Connection: close" if status == 200 else ""))
                        s.close()
                    else:
                        held.append(s)
                    del pending[s]
        for s in pending:
            failures.append("no response within 30s")
            s.close()
        sel.close()
        if len(failures) > max(10, n // 100):
            close_all(held)
            raise RuntimeError(f"too many failed connections ({len(failures)}): {sorted(set(failures))[:5]}")
    return held, failures


def still_open(socks, wait=0.5):
    """How many of socks are open and quiet: a readable idle socket means the peer wrote or closed."""
    sel = selectors.DefaultSelector()
    for s in socks:
        sel.register(s, selectors.EVENT_READ)
    noisy = len(sel.select(timeout=wait))
    sel.close()
    return len(socks) - noisy


def close_all(socks):
    for s in socks:
        try:
            s.close()
        except OSError:
            pass


def settle():
    time.sleep(1.0)  # let the peer finish writing and the kernel account the pages


def measure_holdfast(workdir, ports, connections, batch):
    return measure_jvm(start_holdfast(workdir, ports["holdfast"], ports["admin"], ports["backend"]),
                       connections, batch)


def measure_jvm(proc, connections, batch):
    socks = []
    try:
        wait_up(proc)
        warm(proc.port)
        settle()
        base_classes, base_heap = class_histogram(proc.popen.pid)
        base_rss = rss_kib([proc.popen.pid])
        t0 = time.time()
        socks, failures = hold(proc.port, connections, batch)
        opened_s = time.time() - t0
        settle()
        open_before = still_open(socks)
        classes, heap = class_histogram(proc.popen.pid)
        rss = rss_kib([proc.popen.pid])
        open_after = still_open(socks)
        n = len(socks)
        deltas = []
        for name, (inst, size) in classes.items():
            b_inst, b_size = base_classes.get(name, (0, 0))
            deltas.append((size - b_size, inst - b_inst, name))
        deltas.sort(reverse=True)
        return {"peer": proc.name, "wanted": connections, "held": n, "failures": len(failures), "open_before": open_before,
                "open_after": open_after, "open_seconds": round(opened_s, 2),
                "heap_base": base_heap, "heap_held": heap, "heap_per_conn": (heap - base_heap) / n,
                "rss_base_kib": base_rss, "rss_held_kib": rss, "rss_per_conn_kib": (rss - base_rss) / n,
                "top_classes": [{"class": name, "bytes": d, "instances": i,
                                 "bytes_per_conn": d / n, "instances_per_conn": i / n}
                                for d, i, name in deltas[:TOP_CLASSES * 2]]}
    finally:
        close_all(socks)
        proc.stop()


def measure_rss_peer(proc, pids, connections, batch):
    socks = []
    try:
        wait_up(proc)
        warm(proc.port)
        settle()
        base = rss_kib(pids())
        socks, failures = hold(proc.port, connections, batch)
        settle()
        open_before = still_open(socks)
        rss = rss_kib(pids())
        n = len(socks)
        return {"peer": proc.name, "wanted": connections, "held": n, "failures": len(failures), "open_before": open_before,
                "open_after": still_open(socks), "rss_base_kib": base, "rss_held_kib": rss,
                "rss_per_conn_kib": (rss - base) / n}
    finally:
        close_all(socks)
        proc.stop()


def measure_all(connections=10000, batch=200, bare=True):
    """Runs every peer in turn against one nginx backend (and, with bare, a bare Vert.x server with and
    without strictThreadMode as reference); returns the raw figures."""
    for tool in ("nginx", "haproxy", "java", "jcmd"):
        if not shutil.which(tool):
            raise RuntimeError(f"{tool} is missing")
    if not os.path.exists(bench.JAR):
        raise RuntimeError(f"{bench.JAR} is missing: build it with mvn -B -q package -DskipTests")
    fd_limit = raise_fd_limit()
    if fd_limit < connections + 1000:
        raise RuntimeError(f"file-descriptor limit {fd_limit} is too low for {connections} connections")
    workdir = tempfile.mkdtemp(prefix="holdfast-idle-heap-")
    ports = {k: bench.free_port() for k in ("backend", "status", "holdfast", "admin", "nginx", "haproxy")}
    backend = None
    started = time.time()
    try:
        backend = bench.start_backend(workdir, ports["backend"], ports["status"])
        bench.wait_port(ports["backend"])
        peers = [measure_holdfast(workdir, ports, connections, batch)]
        if bare:
            for strict in (False, True):
                peers.append(measure_jvm(start_bare_vertx(workdir, bench.free_port(), strict), connections, batch))
        nginx = start_nginx_proxy(workdir, ports["nginx"], ports["backend"], fd_limit)
        peers.append(measure_rss_peer(nginx, lambda: bench.nginx_workers(nginx.popen.pid, with_master=False), connections, batch))
        maxconn = haproxy_maxconn(fd_limit)
        haproxy = start_haproxy(workdir, ports["haproxy"], ports["backend"], maxconn)
        # Below maxconn by a margin: HAProxy stops accepting at maxconn, the warm-up connection included.
        held = min(connections, maxconn - 10)
        peers.append(measure_rss_peer(haproxy, lambda: [haproxy.popen.pid], held, batch))
        return {"connections": connections, "fd_limit": fd_limit, "seconds": round(time.time() - started, 1),
                "peers": peers}
    finally:
        if backend:
            backend.stop()
        shutil.rmtree(workdir, ignore_errors=True)


# ---------------------------------------------------------------- output

def render(result):
    kib = 1024.0
    lines = [f"{result['connections']} client connections, each served one GET and then held idle "
             f"(fd limit {result['fd_limit']}). Heap: live bytes after a full GC (jcmd GC.class_histogram), "
             f"delta over the warmed-up baseline; RSS: VmRSS delta (nginx: its worker). "
             f"The vert.x bare rows are a bare Vert.x 5 HTTP server on the same transport, for reference.", "",
             "| peer | held open | heap KiB/conn (after full GC) | RSS KiB/conn |",
             "|---|---|---|---|"]
    for p in result["peers"]:
        heap = f"{p['heap_per_conn'] / kib:.2f}" if "heap_per_conn" in p else "—"
        lines.append(f"| {p['peer']} | {p['open_after']}/{p['wanted']} | {heap} | "
                     f"{p['rss_per_conn_kib']:.2f} |")
    hf = next((p for p in result["peers"] if p["peer"] == "holdfast"), None)
    if hf:
        lines += ["", f"What holds Holdfast's heap per idle connection (class histogram delta, shallow bytes; "
                      f"{hf['heap_per_conn']:.0f} B in all):", ""]
        for c in hf["top_classes"][:TOP_CLASSES]:
            lines.append(f"- `{c['class']}`: {c['bytes_per_conn']:.0f} B "
                         f"({c['instances_per_conn']:.2f} objects)")
        shown = sum(c["bytes_per_conn"] for c in hf["top_classes"][:TOP_CLASSES])
        lines.append(f"- everything else: {hf['heap_per_conn'] - shown:.0f} B")
    return "\n".join(lines) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--connections", type=int, default=10000)
    ap.add_argument("--batch", type=int, default=200, help="connections opened at once")
    ap.add_argument("--json", help="also write the raw figures to this file")
    ap.add_argument("--no-bare", action="store_true", help="skip the bare Vert.x reference servers")
    args = ap.parse_args()
    try:
        result = measure_all(args.connections, args.batch, not args.no_bare)
    except RuntimeError as e:
        sys.exit(str(e))
    if args.json:
        with open(args.json, "w") as f:
            json.dump(result, f, indent=2)
    print(render(result))


if __name__ == "__main__":
    main()
