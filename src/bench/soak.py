#!/usr/bin/env python3
"""Soak: minutes of mixed traffic through Holdfast, a config reload every 20 s, slow clients all along.

Issue 13. One Holdfast in front of two Node.js upstreams (src/test-peers/node-upstream.js,
keepAliveTimeout 65 s: GET answers "ok <path>", POST echoes its body, PUT reads it and answers "ok <path>").
- traffic: keepalive clients and one-request-per-connection clients (`Connection: close`) at a fixed total
  rate; 60 % GET (answer checked byte for byte), 40 % POST with a body of 0 B to 1 MiB (log-uniform, every
  50th exactly 1 MiB; the echo compared byte for byte). Anything but a 200 with the right body is a failed
  request: non-2xx, wrong or truncated body, reset, refused, a close before the response ended, 60 s silence.
- reloads: every 20 s the config flips between two valid variants (client keepalive requests 1000/200,
  upstream keepalive connections 32/16, server weights 1:1/1:2 -> the pools are rebuilt), alternately through
  the admin API (PATCH /config) and by rewriting the file and sending SIGHUP; each must show up as
  config.version + 1 in /status.json within 10 s.
- slow clients at all times, each starting again as soon as it is answered (see slowclients.py): slowloris
  (1st and 2nd request of a connection, alternately), slow body (100 B and 512 KiB announced, alternately),
  and a client that POSTs 4 MiB and never reads the echo; the three listener timeouts at 5 s.
- sampled every 15 s: the JVM's open fds, RSS, and live heap after a full GC (jcmd GC.class_histogram).
  After a warm-up (not counted in the minutes), per minute: requests, failed, and the medians of the samples;
  the first and the last minute must agree within 5 % on heap and fds.

Usage: src/bench/soak.py [--minutes 5] [--jar PATH] [--no-timeouts] [--write-docs [--label TEXT]]
Smoke: src/bench/soak.py --minutes 1 --bucket-seconds 20 --warmup 10 --reload-every 10
"""
import argparse
import asyncio
import json
import math
import os
import platform
import random
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench  # noqa: E402
import slowclients as sc  # noqa: E402
import vitals  # noqa: E402

HOST = "127.0.0.1"
NODE_UPSTREAM = os.path.join(bench.ROOT, "src", "test-peers", "node-upstream.js")
MAX_BODY = 1 << 20
NON_READER_BODY = 4 << 20
ANSWER_TIMEOUT_S = 60
FLAT_WITHIN = 0.05


# ---------------------------------------------------------------- processes

def start_node():
    proc = subprocess.Popen(["node", NODE_UPSTREAM, "0", "65000", "true"], stdout=subprocess.PIPE,
                            start_new_session=True)
    return proc, int(proc.stdout.readline().strip())


def duration(seconds):
    return f"{int(seconds)}s" if float(seconds).is_integer() else f"{round(seconds * 1000)}ms"


def holdfast_config(args, variant, port, admin, upstream_ports):
    first = variant == "A"
    listener = {"host": HOST, "port": port,
                "keepalive": {"timeout": "15s", "requests": 1000 if first else 200},
                "routes": [{"path": "/", "upstream": "app"}]}
    if not args.no_timeouts:
        listener.update({k: duration(args.timeout) for k in vitals.TIMEOUT_KEYS})
    conf = {"listeners": {"main": listener},
            "upstreams": {"app": {"servers": [{"address": f"{HOST}:{upstream_ports[0]}", "weight": 1},
                                              {"address": f"{HOST}:{upstream_ports[1]}", "weight": 1 if first else 2}],
                                  "keepalive": {"connections": 32 if first else 16},
                                  "responseTimeout": "30s"}},
            "admin": {"host": HOST, "port": admin},
            "reload": {"watch": False}}
    if args.instances:
        conf["instances"] = args.instances
    return conf


# ---------------------------------------------------------------- traffic

class Traffic:
    def __init__(self, port, rate, clients):
        self.port, self.rate, self.clients = port, rate, clients
        self.done = []      # (monotonic time, ok)
        self.failures = []  # (monotonic time, kind, detail)
        self.bytes = 0
        self.source = os.urandom(MAX_BODY + 4096)  # bodies are slices of it

    def body(self, rnd, n):
        if n % 50 == 0:
            size = MAX_BODY
        elif rnd.random() < 0.05:
            size = 0
        else:
            size = int(math.exp(rnd.uniform(0, math.log(MAX_BODY))))
        offset = rnd.randrange(4096)
        return self.source[offset:offset + size]

    async def client(self, k, keepalive, stop):
        rnd = random.Random(k)
        interval = self.clients / self.rate
        next_at = time.monotonic() + rnd.random() * interval
        reader = writer = None
        n = 0
        while not stop.is_set():
            n += 1
            next_at = max(next_at + interval, time.monotonic() - interval)
            await asyncio.sleep(max(0.0, next_at - time.monotonic()))
            post = rnd.random() < 0.4
            path = f"/soak/{k}/{n}"
            body = self.body(rnd, n) if post else b""
            started = time.monotonic()
            try:
                if writer is None:
                    reader, writer = await sc.open_connection(HOST, self.port)
                writer.write(sc.request_bytes("POST" if post else "GET", path, body, close=not keepalive))
                await writer.drain()
                status, headers, data = await asyncio.wait_for(sc.read_response(reader), ANSWER_TIMEOUT_S)
                expected = body if post else f"ok {path}".encode()
                if status != 200:
                    self.fail(started, f"HTTP {status}", path)
                elif data != expected:
                    self.fail(started, "wrong body", f"{path}: {len(data)} bytes, {len(expected)} expected")
                else:
                    self.done.append((started, True))
                    self.bytes += len(body) + len(data)
                if not keepalive or headers.get("connection", "").lower() == "close":
                    writer.close()
                    writer = None
            except Exception as e:  # every failure kind is a result here, none may stop the traffic
                kind = {asyncio.TimeoutError: f"no answer within {ANSWER_TIMEOUT_S} s",
                        asyncio.IncompleteReadError: "closed before the response ended"}.get(type(e), type(e).__name__)
                self.fail(started, kind, f"{path} {'POST ' + str(len(body)) + ' B' if post else 'GET'}: {e}")
                if writer:
                    writer.close()
                writer = None
        if writer:
            writer.close()

    def fail(self, at, kind, detail):
        self.done.append((at, False))
        self.failures.append((at, kind, detail))


async def slow_client(kind, port, args, states, stop, outcomes):
    """One slow client after another, each starting as soon as the previous one was answered."""
    deadline = 3 * args.timeout
    n = 0
    big_post = sc.request_bytes("POST", "/non-reader", os.urandom(NON_READER_BODY))
    while not stop.is_set():
        n += 1
        if kind == "slowloris":
            o = await sc.slowloris(HOST, port, n % 2 == 0, 1.0, deadline)
        elif kind == "slow-body":
            large = n % 2 == 0
            o = await sc.slow_body(HOST, port, f"/slow-body/{n}", 512 << 10 if large else 100,
                                   64 << 10 if large else 10, 2, 1.0, deadline)
        else:
            o = await sc.non_reader(HOST, port, big_post, states, deadline)
        outcomes.append(o)
        if o.answer == "error":
            await asyncio.sleep(1)


# ---------------------------------------------------------------- reloads and samples

class Reloader:
    def __init__(self, args, conf_path, admin, pid, configs):
        self.args, self.conf_path, self.admin, self.pid, self.configs = args, conf_path, admin, pid, configs
        self.applied = {"PATCH": 0, "SIGHUP": 0}
        self.not_applied = []
        self.seconds = []

    def version(self):
        return vitals.status_json(self.admin)["config"]["version"]

    def reload(self, i):
        variant = "B" if i % 2 else "A"
        method = "PATCH" if i % 2 else "SIGHUP"
        before = self.version()
        started = time.monotonic()
        if method == "PATCH":
            req = urllib.request.Request(f"http://{HOST}:{self.admin}/config", method="PATCH",
                                         data=json.dumps(self.configs[variant]).encode(),
                                         headers={"Content-Type": "application/merge-patch+json"})
            with urllib.request.urlopen(req, timeout=10) as resp:
                resp.read()
        else:
            tmp = self.conf_path + ".tmp"
            with open(tmp, "w") as f:
                json.dump(self.configs[variant], f)
            os.replace(tmp, self.conf_path)
            os.kill(self.pid, signal.SIGHUP)
        while time.monotonic() - started < 10:
            if self.version() == before + 1:
                self.applied[method] += 1
                self.seconds.append(time.monotonic() - started)
                return
            time.sleep(0.05)
        self.not_applied.append(f"{method} to {variant}: version still {self.version()}, was {before}")

    async def run(self, stop):
        loop, i = asyncio.get_running_loop(), 0
        while True:
            try:
                await asyncio.wait_for(stop.wait(), self.args.reload_every)
                return
            except asyncio.TimeoutError:
                pass
            i += 1
            try:
                await loop.run_in_executor(None, self.reload, i)
            except Exception as e:
                self.not_applied.append(f"reload {i}: {type(e).__name__}: {e}")


async def sampler(pid, every, stop, samples):
    loop = asyncio.get_running_loop()
    while True:
        try:
            await asyncio.wait_for(stop.wait(), every)
            return
        except asyncio.TimeoutError:
            pass
        t = time.monotonic()
        s = await loop.run_in_executor(None, vitals.sample, [pid], pid)
        s["t"] = t
        samples.append(s)


# ---------------------------------------------------------------- the run

async def soak(args, holdfast, port, reloader):
    stop, stop_slow = asyncio.Event(), asyncio.Event()
    clients = args.keepalive_clients + args.close_clients
    traffic = Traffic(port, args.rate, clients)
    outcomes, samples = [], []
    states = sc.SocketStates()
    pid = holdfast.popen.pid
    samples.append(dict(vitals.sample([pid], pid), t=time.monotonic()))
    t0 = time.monotonic()
    tasks = [asyncio.ensure_future(traffic.client(k, k < args.keepalive_clients, stop)) for k in range(clients)]
    slow = [asyncio.ensure_future(slow_client(kind, port, args, states, stop_slow, outcomes))
            for kind, n in (("slowloris", args.slowloris), ("slow-body", args.slow_body),
                            ("non-reader", args.non_readers)) for _ in range(n)]
    background = [asyncio.ensure_future(reloader.run(stop)),
                  asyncio.ensure_future(sampler(pid, args.sample_every, stop, samples))]
    total = args.warmup + args.minutes * 60
    while time.monotonic() - t0 < total:
        await asyncio.sleep(min(10.0, total - (time.monotonic() - t0)))
        print(f"  {time.monotonic() - t0:5.0f} s: {len(traffic.done)} requests, {len(traffic.failures)} failed, "
              f"{sum(reloader.applied.values())} reloads, {len(outcomes)} slow clients done", file=sys.stderr)
    t_end = time.monotonic()
    stop.set()
    await asyncio.gather(*tasks, *background)
    stop_slow.set()
    for task in slow:
        task.cancel()
    await asyncio.gather(*slow, return_exceptions=True)
    await asyncio.sleep(3)  # let the proxy close what the clients left
    quiet = dict(vitals.sample([pid], pid), t=time.monotonic())
    status = vitals.status_json(reloader.admin)
    return {"status": status, "t0": t0, "t_end": t_end, "traffic": traffic, "outcomes": outcomes, "samples": samples, "quiet": quiet}


def buckets(run, args):
    start = run["t0"] + args.warmup
    rows = []
    n = max(1, round(args.minutes * 60 / args.bucket_seconds))
    for i in range(n):
        lo, hi = start + i * args.bucket_seconds, start + (i + 1) * args.bucket_seconds
        done = [ok for t, ok in run["traffic"].done if lo <= t < hi]
        s = [x for x in run["samples"] if lo <= x["t"] < hi]
        rows.append({"bucket": i + 1, "requests": len(done), "failed": done.count(False), "samples": len(s),
                     "heap": statistics.median(x["heap_bytes"] for x in s) if s else None,
                     "fds": statistics.median(x["fds"] for x in s) if s else None,
                     "rss_kib": statistics.median(x["rss_kib"] for x in s) if s else None})
    return rows


def change(first, last):
    if first is None or last is None or not first:
        return None
    return (last - first) / first


def render(run, rows, reloader, args):
    traffic = run["traffic"]
    stamp = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    unit = "minute" if args.bucket_seconds == 60 else f"{args.bucket_seconds:g} s"
    lines = [f"Run of {stamp}{' — ' + args.label if args.label else ''}; jar {vitals.jar_label(args.jar)}; "
             f"{platform.machine()}, {os.cpu_count()} cores. {args.minutes:g} min after a {args.warmup:g} s warm-up; "
             f"{args.keepalive_clients} keepalive + {args.close_clients} one-request-per-connection clients at "
             f"{args.rate:g} req/s; a reload every {args.reload_every:g} s; slow clients all along: "
             f"{args.slowloris} slowloris, {args.slow_body} slow body, {args.non_readers} non-reading; "
             + ("listener timeouts left at this build's defaults (`--no-timeouts`)" if args.no_timeouts else
                f"`headerTimeout`/`bodyTimeout`/`sendTimeout` {duration(args.timeout)}")
             + f". Command: `{shlex.join(['src/bench/soak.py'] + sys.argv[1:])}`.", "",
             f"| {unit} | requests | failed | heap MiB after full GC | fds | RSS MiB |", "|---|---|---|---|---|---|"]
    for r in rows:
        fds = "—" if r["fds"] is None else f"{r['fds']:.0f}"
        rss = "—" if r["rss_kib"] is None else f"{r['rss_kib'] / 1024:.0f}"
        lines.append(f"| {r['bucket']} | {r['requests']} | {r['failed']} | {vitals.mib(r['heap'])} | {fds} | {rss} |")
    def verdict(key, fmt):
        first, last = rows[0][key], rows[-1][key]
        delta = change(first, last)
        if delta is None:
            return "—"
        return (f"{fmt(first)} → {fmt(last)}, {delta * 100:+.1f} % "
                f"({'within' if abs(delta) <= FLAT_WITHIN else '**outside**'} 5 %)")

    total = len(traffic.done)
    warm = sum(1 for t, _ in traffic.done if t < run["t0"] + args.warmup)
    kinds = {}
    for _, kind, _ in traffic.failures:
        kinds[kind] = kinds.get(kind, 0) + 1
    lines += ["", f"- Requests: {total} ({warm} in the warm-up), {traffic.bytes / (1 << 20):.0f} MiB of bodies "
                  f"sent and received; failed: **{len(traffic.failures)}**"
              + (" (" + ", ".join(f"{k} ×{v}" for k, v in kinds.items()) + ")" if kinds else "") + ".",
              f"- First vs last {unit} (medians of the samples): heap {verdict('heap', lambda v: vitals.mib(v) + ' MiB')}, "
              f"fds {verdict('fds', lambda v: f'{v:.0f}')}.",
              f"- Reloads applied: {reloader.applied['PATCH']} by PATCH /config, {reloader.applied['SIGHUP']} by SIGHUP"
              + (f", median {statistics.median(reloader.seconds) * 1000:.0f} ms to show in /status.json"
                 if reloader.seconds else "")
              + (f"; **not applied: {len(reloader.not_applied)}** ({'; '.join(reloader.not_applied[:3])})"
                 if reloader.not_applied else "; none refused or lost") + "."]
    for kind, answers in sc.summarize(run["outcomes"]).items():
        lines.append(f"- {kind}: {sc.describe(answers)}.")
    servers = run["status"]["upstreams"]["app"]["servers"]
    closed = {k: v for k, v in run["status"]["listeners"]["main"].get("closed", {}).items() if v}
    lines.append(f"- Upstream failures counted by passive health (`/status.json`, whole run): "
                 f"{sum(s['failures'] for s in servers.values())}; client connections closed, by reason: "
                 + (", ".join(f"{k} {v}" for k, v in closed.items()) or "none") + ".")
    q, s0 = run["quiet"], run["samples"][0]
    lines.append(f"- Before any traffic: {s0['fds']} fds, heap {vitals.mib(s0['heap_bytes'])} MiB; 3 s after every "
                 f"client stopped: {q['fds']} fds, heap {vitals.mib(q['heap_bytes'])} MiB.")
    if traffic.failures:
        lines.append("- First failures: " + "; ".join(f"{kind} ({detail})" for _, kind, detail in traffic.failures[:3]) + ".")
    return "\n".join(lines) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--minutes", type=float, default=5)
    ap.add_argument("--warmup", type=float, default=30, help="seconds of traffic before the first minute counts")
    ap.add_argument("--bucket-seconds", type=float, default=60, help="length of a reported period")
    ap.add_argument("--sample-every", type=float, default=15, help="seconds between fd/RSS/heap samples")
    ap.add_argument("--reload-every", type=float, default=20)
    ap.add_argument("--rate", type=float, default=150, help="requests/s in all")
    ap.add_argument("--keepalive-clients", type=int, default=6)
    ap.add_argument("--close-clients", type=int, default=2)
    ap.add_argument("--slowloris", type=int, default=2)
    ap.add_argument("--slow-body", type=int, default=2)
    ap.add_argument("--non-readers", type=int, default=1)
    ap.add_argument("--timeout", type=float, default=5, help="the three listener timeouts, seconds")
    ap.add_argument("--no-timeouts", action="store_true",
                    help="leave headerTimeout/bodyTimeout/sendTimeout out of the config (a build without them)")
    ap.add_argument("--instances", type=int, help="Holdfast instances (default: its own, the CPU cores)")
    ap.add_argument("--java-opts", default="", help="extra JVM options, space-separated")
    ap.add_argument("--jar", default=bench.JAR)
    ap.add_argument("--json", help="also write the per-period rows and totals to this file")
    ap.add_argument("--write-docs", action="store_true", help="put the result into docs/reliability.md")
    ap.add_argument("--label", default="", help="said with the result, e.g. 'smoke run'")
    args = ap.parse_args()
    args.jar = os.path.abspath(args.jar)
    for tool in ("node", "java", "jcmd"):
        if not shutil.which(tool):
            sys.exit(f"{tool} is missing")
    if not os.path.exists(args.jar):
        sys.exit(f"{args.jar} is missing: build it with mvn -B -o -pl modules/app -am package -DskipTests")
    workdir = tempfile.mkdtemp(prefix="holdfast-soak-")
    nodes, holdfast = [], None
    try:
        check = os.path.join(workdir, "check.json")
        with open(check, "w") as f:
            json.dump(holdfast_config(args, "A", 1, 2, [3, 4]), f)
        refusal = vitals.holdfast_refusal(args.jar, check)
        if refusal:
            sys.exit(refusal)
        nodes = [start_node() for _ in range(2)]
        port, admin = bench.free_port(), bench.free_port()
        configs = {v: holdfast_config(args, v, port, admin, [p for _, p in nodes]) for v in ("A", "B")}
        holdfast = bench.launch_holdfast(workdir, "holdfast", configs["A"], java_opts=tuple(args.java_opts.split()),
                                         jar=args.jar, log_path=os.path.join(workdir, "holdfast.log"))
        try:
            bench.wait_port(port)
            bench.wait_port(admin)
        except RuntimeError:
            sys.exit(f"Holdfast did not start:\n{open(os.path.join(workdir, 'holdfast.log')).read()[-3000:]}")
        reloader = Reloader(args, os.path.join(workdir, "holdfast.json"), admin, holdfast.popen.pid, configs)
        print(f"soak: {args.warmup:g} s warm-up + {args.minutes:g} min ...", file=sys.stderr)
        run = asyncio.run(soak(args, holdfast, port, reloader))
    finally:
        if holdfast:
            holdfast.stop()
        for proc, _ in nodes:
            proc.terminate()
        shutil.rmtree(workdir, ignore_errors=True)
    rows = buckets(run, args)
    text = render(run, rows, reloader, args)
    print(text)
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"rows": rows, "failures": run["traffic"].failures, "samples": run["samples"],
                       "reloads": reloader.applied, "not_applied": reloader.not_applied}, f, indent=2, default=str)
    if args.write_docs:
        vitals.write_section("soak", text)


if __name__ == "__main__":
    main()
