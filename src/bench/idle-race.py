#!/usr/bin/env python3
"""The idle-close race, nginx against Holdfast, in front of the same Node.js upstream.

Node.js (server.keepAliveTimeout = 1000 ms, as many apps set it) closes idle keepalive connections after
one second. Both proxies keep upstream connections alive for 60 s by default. Bursts of GET and POST with
pauses straddling one second make the proxy reuse connections Node is closing at that moment.
Prints, per proxy, the requests sent and the failures (non-200, wrong body, connection errors).

Usage: src/bench/idle-race.py [--bursts 12] [--per-burst 16] [--announce true|false]
"""
import argparse
import http.client
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(__file__))
bench = __import__("bench")  # reuse the peer launchers of the main benchmark

ROOT = bench.ROOT
NODE_UPSTREAM = os.path.join(ROOT, "src", "test-peers", "node-upstream.js")
PAUSES = [0.9, 0.95, 0.99, 1.0, 1.01, 1.03, 1.06, 1.1]


def start_node(announce):
    proc = subprocess.Popen(["node", NODE_UPSTREAM, "0", "1000", announce], stdout=subprocess.PIPE,
                            start_new_session=True)
    port = int(proc.stdout.readline().strip())
    return proc, port


def exchange(port, method, path, body, failures, lock):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request(method, path, body=body)
        response = conn.getresponse()
        data = response.read().decode()
        expected = body.decode() if body else "ok " + path
        if response.status != 200 or data != expected:
            with lock:
                failures.append(f"{method} {response.status}")
    except OSError as e:
        with lock:
            failures.append(f"{method} {type(e).__name__}")
    finally:
        conn.close()


def run(port, bursts, per_burst):
    failures, lock, sent = [], threading.Lock(), 0
    for i in range(bursts):
        threads = []
        for j in range(per_burst):
            if j % 2 == 0:
                args = (port, "GET", f"/g{j}", None, failures, lock)
            else:
                args = (port, "POST", "/p", f"payload-{i}-{j}".encode(), failures, lock)
            threads.append(threading.Thread(target=exchange, args=args))
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        sent += per_burst
        time.sleep(PAUSES[i % len(PAUSES)])
    return sent, failures


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bursts", type=int, default=16)
    ap.add_argument("--per-burst", type=int, default=16)
    ap.add_argument("--announce", default="true", help="whether Node sends Keep-Alive: timeout=1")
    args = ap.parse_args()
    workdir = tempfile.mkdtemp(prefix="holdfast-race-")
    node, node_port = start_node(args.announce)
    procs = [node]
    try:
        ports = {k: bench.free_port() for k in ("nginx", "holdfast", "admin")}
        nginx = bench.start_nginx_proxy(workdir, ports["nginx"], node_port)
        procs.append(nginx)
        peers = [("nginx", ports["nginx"])]
        if os.path.exists(bench.JAR):
            holdfast = bench.start_holdfast(workdir, "holdfast", ports["holdfast"], ports["admin"], node_port, 32)
            procs.append(holdfast)
            peers.append(("holdfast", ports["holdfast"]))
        for _, port in peers:
            bench.wait_port(port)
        print(f"Node.js keepAliveTimeout 1000 ms, Keep-Alive announced: {args.announce}; "
              f"{args.bursts} bursts of {args.per_burst} (half GET, half POST), pauses 0.9-1.1 s")
        for name, port in peers:
            sent, failures = run(port, args.bursts, args.per_burst)
            kinds = {}
            for f in failures:
                kinds[f] = kinds.get(f, 0) + 1
            print(f"{name:10s} requests {sent:5d}  failures {len(failures):4d}  {json.dumps(kinds)}")
    finally:
        for p in reversed(procs):
            if isinstance(p, subprocess.Popen):
                p.terminate()
            else:
                p.stop()
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
