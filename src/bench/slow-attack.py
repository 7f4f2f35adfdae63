#!/usr/bin/env python3
"""Slow and hostile clients against a two-server upstream: Holdfast and nginx, same attack, same timeouts.

Issue 13 / contract §5. Per proxy, with fresh backends each time:
- backends: two nginx processes (1 worker each, bench.start_nginx): `GET /` answers "hello world\n",
  `GET /big` a 16 MiB file, `PUT /upload/<name>` (WebDAV) reads the whole body before it answers, as an
  application does. Their own timeouts are 300 s, so only the proxy's timeouts can fire.
- the proxy in front, both servers in one upstream, upstream keepalive 32, max fails 1 (fail timeout 10 s),
  response timeout (proxy_read_timeout) 2 × T, client keepalive timeout 15 s, and the three client
  timeouts scaled from nginx's 60 s to T (default 5 s): Holdfast `headerTimeout`, `bodyTimeout`,
  `sendTimeout`; nginx `client_header_timeout`, `client_body_timeout`, `send_timeout`.
- a normal load all along: 16 keepalive connections, 400 requests/s in all (GET /, every 8th a 4 KiB PUT);
  every non-2xx answer, wrong body, reset, close or 15 s wait is an error.
- after a warm-up, at once: 40 slowloris clients (half on a fresh connection, half on a kept-alive one after
  a whole request; one header line per second, never finished), 40 slow-body clients (PUT, half announcing
  100 B and sending 10, half announcing 512 KiB and sending 64 KiB, so Holdfast streams it upstream; then one
  byte a second for 2 s, then nothing), 10 clients that GET /big with a 4 KiB receive buffer and never read.
- reported: the normal load's requests and errors; each attacker kind's answer (status, or a close) and after
  how long (see slowclients.py for the reference moments); whether a server was marked down (Holdfast:
  /status.json polled every 0.5 s; nginx: its error log, and whether a backend stopped getting requests
  while the other served); the backends' open connections; the proxy's fds, RSS and (Holdfast) live heap
  after a full GC, before the attack, during it (at T/2) and after it (2 s after the last answer, before any
  unanswered attacker is closed by its client).

Usage: src/bench/slow-attack.py [--jar PATH] [--timeout 5] [--no-timeouts] [--only holdfast|nginx]
                                [--write-docs [--label TEXT]] [--json FILE]
--no-timeouts leaves the three keys out of Holdfast's config (a build without them refuses them: the
script says so and stops).
"""
import argparse
import asyncio
import json
import os
import platform
import re
import shlex
import shutil
import sys
import tempfile
import time

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench  # noqa: E402
import slowclients as sc  # noqa: E402
import vitals  # noqa: E402

HOST = "127.0.0.1"
BIG_BYTES = 16 << 20
SMALL_BODY, SMALL_BURST = 100, 10
LARGE_BODY, LARGE_BURST = 512 << 10, 64 << 10
PUT_BODY = b"p" * 4096
POLL_S = 0.5
SETTLE_S = 2.0
FAIL_TIMEOUT_S = 10


def duration(seconds):
    """'5s' or '1500ms': a form both nginx and Holdfast read."""
    return f"{int(seconds)}s" if float(seconds).is_integer() else f"{round(seconds * 1000)}ms"


def run_as_root_line():
    # nginx's workers run as `nobody` when the master is root, and could not write their temp files
    # (request bodies, buffered responses) under the 0700 work directory.
    return "user root;\n" if os.geteuid() == 0 else ""


# ---------------------------------------------------------------- processes

class Backend:
    def __init__(self, workdir, name, big_path):
        self.name, self.port, self.status_port = name, bench.free_port(), bench.free_port()
        os.makedirs(os.path.join(workdir, name, "dav"), exist_ok=True)
        self.proc = bench.start_nginx(name, workdir, f"""
  client_header_timeout 300s; client_body_timeout 300s; send_timeout 300s; keepalive_timeout 300s;
  client_max_body_size 64m;
  server {{ listen {HOST}:{self.port} backlog=4096;
    location / {{ default_type text/plain; return 200 "{bench.BODY.strip()}\\n"; }}
    location = /big {{ default_type application/octet-stream; alias {big_path}; }}
    location /upload/ {{ root {workdir}/{name}/dav; dav_methods PUT; create_full_put_path on; }} }}
  server {{ listen {HOST}:{self.status_port}; location / {{ stub_status; }} }}""", main_extra=run_as_root_line())

    def stub_status(self):
        """(active connections, requests) from stub_status; the query itself counts as one of each."""
        lines = bench.http_get(f"http://{HOST}:{self.status_port}/").splitlines()
        return int(lines[0].split(":")[1]), int(lines[2].split()[2])


class Peer:
    """The proxy under test: its process, where to find its pids, and how it reports."""

    def __init__(self, name, proc, port, pids, jvm_pid=None, admin_port=None, error_log=None):
        self.name, self.proc, self.port, self.pids = name, proc, port, pids
        self.jvm_pid, self.admin_port, self.error_log = jvm_pid, admin_port, error_log


def holdfast_config(args, port, admin_port, backend_ports):
    listener = {"host": HOST, "port": port, "keepalive": {"timeout": duration(args.keepalive_timeout)},
                "routes": [{"path": "/", "upstream": "app"}]}
    if not args.no_timeouts:
        listener.update({k: duration(args.timeout) for k in vitals.TIMEOUT_KEYS})
    return {
        "instances": args.instances,
        "listeners": {"main": listener},
        "upstreams": {"app": {"servers": [{"address": f"{HOST}:{p}"} for p in backend_ports],
                              "keepalive": {"connections": 32},
                              "responseTimeout": duration(args.response_timeout),
                              "maxFails": 1, "failTimeout": f"{FAIL_TIMEOUT_S}s"}},
        "admin": {"host": HOST, "port": admin_port},
        "reload": {"watch": False},
    }


def preflight(args, workdir):
    """Stops before anything starts when the jar refuses the config (e.g. a build without the keys)."""
    path = os.path.join(workdir, "check.json")
    with open(path, "w") as f:
        json.dump(holdfast_config(args, 1, 2, [3, 4]), f)
    refusal = vitals.holdfast_refusal(args.jar, path)
    if refusal:
        sys.exit(refusal)


def start_holdfast(args, workdir, backends):
    port, admin = bench.free_port(), bench.free_port()
    proc = bench.launch_holdfast(workdir, "holdfast", holdfast_config(args, port, admin, [b.port for b in backends]),
                                 java_opts=tuple(args.java_opts.split()), jar=args.jar,
                                 log_path=os.path.join(workdir, "holdfast.log"))
    name = "Holdfast" + (" (no timeout keys)" if args.no_timeouts else "")
    return Peer(name, proc, port, lambda: [proc.popen.pid], jvm_pid=proc.popen.pid, admin_port=admin)


def start_nginx(args, workdir, backends):
    port, t = bench.free_port(), duration(args.timeout)
    proc = bench.start_nginx_proxy(
        workdir, port, [b.port for b in backends], main_extra=run_as_root_line(),
        http_extra=f"\n  client_header_timeout {t}; client_body_timeout {t}; send_timeout {t};"
                   f"\n  keepalive_timeout {duration(args.keepalive_timeout)};",
        server_params=f" max_fails=1 fail_timeout={FAIL_TIMEOUT_S}s",
        location_extra=f" proxy_read_timeout {duration(args.response_timeout)};")
    proc.port = port
    return Peer("nginx", proc, port, lambda: bench.nginx_workers(proc.popen.pid, with_master=False),
                error_log=os.path.join(workdir, "nginx-proxy", "logs", "error.log"))


def wait_up(peer, workdir):
    try:
        bench.wait_port(peer.port)
        if peer.admin_port:
            bench.wait_port(peer.admin_port)
    except RuntimeError:
        peer.proc.stop()
        log = os.path.join(workdir, "holdfast.log")
        text = open(log).read() if peer.jvm_pid and os.path.exists(log) else \
            peer.proc.popen.stderr.read().decode(errors="replace")
        sys.exit(f"{peer.name} did not start:\n{text[-3000:]}")


# ---------------------------------------------------------------- normal load

class Load:
    """Keepalive connections at a fixed total rate; every answer checked."""

    def __init__(self, port, connections, rate):
        self.port, self.connections, self.rate = port, connections, rate
        self.requests, self.ok = 0, 0
        self.errors = []      # (monotonic time, kind)
        self.latencies = []   # (monotonic time, seconds)

    async def run(self, stop):
        self.started = time.monotonic()
        await asyncio.gather(*(self.connection(k, stop) for k in range(self.connections)))

    async def connection(self, k, stop):
        interval = self.connections / self.rate
        next_at = time.monotonic() + k * interval / self.connections
        reader = writer = None
        n = 0
        while not stop.is_set():
            n += 1
            next_at = max(next_at + interval, time.monotonic() - interval)
            await asyncio.sleep(max(0.0, next_at - time.monotonic()))
            put = n % 8 == 0
            request = sc.request_bytes("PUT", f"/upload/load-{k}", PUT_BODY) if put else sc.request_bytes("GET", "/")
            started = time.monotonic()
            self.requests += 1
            try:
                if writer is None:
                    reader, writer = await sc.open_connection(HOST, self.port)
                writer.write(request)
                await writer.drain()
                status, headers, body = await asyncio.wait_for(sc.read_response(reader), 15)
                self.latencies.append((started, time.monotonic() - started))
                if not 200 <= status < 300:
                    self.errors.append((started, f"HTTP {status}"))
                elif not put and body != bench.BODY.encode():
                    self.errors.append((started, "wrong body"))
                else:
                    self.ok += 1
                if headers.get("connection", "").lower() == "close":
                    writer.close()
                    writer = None
            except Exception as e:  # every failure kind is a result here, none may stop the load
                kind = {asyncio.TimeoutError: "no answer within 15 s",
                        asyncio.IncompleteReadError: "closed before the response ended"}.get(type(e), type(e).__name__)
                self.errors.append((started, kind))
                if writer:
                    writer.close()
                writer = None
        if writer:
            writer.close()


# ---------------------------------------------------------------- observation

class Watch:
    """Polls the backends' stub_status and Holdfast's /status.json every POLL_S seconds."""

    def __init__(self, peer, backends):
        self.peer, self.backends = peer, backends
        self.polls = []  # (monotonic time, {backend: (active, requests)}, status.json or None)

    def poll_once(self):
        counts = {b.name: b.stub_status() for b in self.backends}
        status = vitals.status_json(self.peer.admin_port) if self.peer.admin_port else None
        return time.monotonic(), counts, status

    async def run(self, stop):
        loop = asyncio.get_running_loop()
        while not stop.is_set():
            try:
                self.polls.append(await loop.run_in_executor(None, self.poll_once))
            except Exception as e:  # a missed poll is a gap, not a failure of the run
                print(f"poll failed: {e}", file=sys.stderr)
            await asyncio.sleep(POLL_S)


def servers(status):
    return status["upstreams"]["app"]["servers"] if status else {}


def analyse_watch(watch, t_attack, t_end):
    during = [p for p in watch.polls if t_attack <= p[0] <= t_end]
    before = [p for p in watch.polls if p[0] < t_attack]
    result = {"polls": len(during)}
    # A server marked down gets no request for fail_timeout while the other one serves.
    pauses = {}
    for name in (b.name for b in watch.backends):
        longest, since = 0.0, None
        for prev, cur in zip(during, during[1:]):
            idle = cur[1][name][1] - prev[1][name][1] <= 1  # the poll's own request
            others = any(cur[1][o][1] - prev[1][o][1] > 1 for o in cur[1] if o != name)
            if idle and others:
                since = since or prev[0]
                longest = max(longest, cur[0] - since)
            else:
                since = None
        pauses[name] = round(longest, 1)
    result["longest_pause_s"] = pauses
    base_active = {n: before[-1][1][n][0] - 1 for n in pauses} if before else {}
    result["backend_conns_before"] = base_active
    result["backend_conns_max"] = {n: max((p[1][n][0] - 1 for p in during), default=0) for n in pauses}
    if watch.peer.admin_port and before and during:
        first, last = before[-1][2], during[-1][2]
        result["down_polls"] = {s: sum(1 for p in during if servers(p[2]).get(s, {}).get("down")) for s in servers(last)}
        result["failures"] = {s: v["failures"] - servers(first).get(s, {}).get("failures", 0)
                              for s, v in servers(last).items()}
        result["upstream_active_max"] = max(sum(v["active"] for v in servers(p[2]).values()) for p in during)
        closed0 = first["listeners"]["main"].get("closed", {})
        result["closed"] = {k: v - closed0.get(k, 0) for k, v in last["listeners"]["main"].get("closed", {}).items()
                            if v - closed0.get(k, 0)}
    return result


def nginx_log_summary(path, since_offset):
    """Counts of the error log's messages since since_offset, by message text without the details."""
    counts = {}
    with open(path, errors="replace") as f:
        f.seek(since_offset)
        for line in f:
            m = re.search(r"\[(\w+)\] \d+#\d+: (?:\*\d+ )?(.*?)(?: while |, client:|$)", line)
            if m:
                message = re.sub(r"/\S+", "<path>", re.sub(r" \(\d+: [^)]*\)", "", m.group(2))).strip()
                key = f"[{m.group(1)}] {message}"
                counts[key] = counts.get(key, 0) + 1
    return counts


# ---------------------------------------------------------------- one proxy

async def attack(peer, args, keep):
    """All attackers at once; returns their outcomes and the vitals sampled at timeout / 2. Connections
    the proxy never answered are left open in keep."""
    loop = asyncio.get_running_loop()
    states, deadline = sc.SocketStates(), args.window
    tasks = []
    for i in range(args.slowloris):
        tasks.append(sc.slowloris(HOST, peer.port, i % 2 == 1, 1.0, deadline, keep))
    for i in range(args.slow_body):
        large = i % 2 == 1
        tasks.append(sc.slow_body(HOST, peer.port, f"/upload/slow-{i}", LARGE_BODY if large else SMALL_BODY,
                                  LARGE_BURST if large else SMALL_BURST, 2, 1.0, deadline, keep))
    big = sc.request_bytes("GET", "/big")
    for _ in range(args.non_readers):
        tasks.append(sc.non_reader(HOST, peer.port, big, states, deadline, keep=keep))
    everyone = asyncio.gather(*tasks, return_exceptions=True)
    await asyncio.sleep(args.timeout / 2)
    during_sample = await loop.run_in_executor(None, vitals.sample, peer.pids(), peer.jvm_pid)
    outcomes = [o if isinstance(o, sc.Outcome) else sc.Outcome("?", "error", None, repr(o)) for o in await everyone]
    return outcomes, during_sample


async def measure(peer, backends, args):
    loop = asyncio.get_running_loop()
    stop_load, stop_watch = asyncio.Event(), asyncio.Event()
    load, watch = Load(peer.port, args.load_connections, args.load_rate), Watch(peer, backends)
    load_task = asyncio.ensure_future(load.run(stop_load))
    watch_task = asyncio.ensure_future(watch.run(stop_watch))
    print(f"{peer.name}: normal load {args.warmup:.0f} s before the attack ...", file=sys.stderr)
    await asyncio.sleep(args.warmup)
    log_offset = os.path.getsize(peer.error_log) if peer.error_log else 0
    before = await loop.run_in_executor(None, vitals.sample, peer.pids(), peer.jvm_pid)
    t_attack = time.monotonic()
    print(f"{peer.name}: attack ({args.slowloris} slowloris, {args.slow_body} slow body, "
          f"{args.non_readers} non-reading) ...", file=sys.stderr)
    keep = []
    outcomes, during = await attack(peer, args, keep)
    t_answered = time.monotonic()
    await asyncio.sleep(SETTLE_S)
    after = await loop.run_in_executor(None, vitals.sample, peer.pids(), peer.jvm_pid)
    t_end = time.monotonic()
    for connection in keep:
        connection.close()
    stop_load.set()
    await load_task
    stop_watch.set()
    await watch_task
    load_seconds = time.monotonic() - load.started
    in_attack = [e for e in load.errors if t_attack <= e[0] <= t_end]
    lat = sorted(s for t, s in load.latencies if t_attack <= t <= t_end)
    return {
        "peer": peer.name,
        "load": {"requests": load.requests, "ok": load.ok, "errors": len(load.errors), "seconds": round(load_seconds),
                 "error_kinds": count(k for _, k in load.errors), "errors_during_attack": len(in_attack),
                 "p99_ms_during_attack": round(lat[int(len(lat) * 0.99)] * 1000, 2) if lat else None,
                 "max_ms_during_attack": round(lat[-1] * 1000, 1) if lat else None},
        "attackers": sc.summarize(outcomes),
        "attacker_details": sorted({f"{o.kind}: {o.answer} {o.detail}".strip() for o in outcomes if o.detail}),
        "answered_after_s": round(t_answered - t_attack, 1),
        "vitals": {"before": before, "during": during, "after": after},
        "watch": analyse_watch(watch, t_attack, t_end),
        "nginx_log": nginx_log_summary(peer.error_log, log_offset) if peer.error_log else None,
    }


def count(items):
    result = {}
    for item in items:
        result[item] = result.get(item, 0) + 1
    return result


def run_one(name, args, workdir, big_path):
    backends = [Backend(workdir, f"{name}-backend-{x}", big_path) for x in ("a", "b")]
    peer = None
    try:
        for b in backends:
            bench.wait_port(b.port)
        peer = (start_holdfast if name == "holdfast" else start_nginx)(args, workdir, backends)
        wait_up(peer, workdir)
        return asyncio.run(measure(peer, backends, args))
    finally:
        if peer:
            peer.proc.stop()
        for b in backends:
            b.proc.stop()


# ---------------------------------------------------------------- output

KINDS = ("slowloris, 1st request", "slowloris, 2nd request", f"slow body, {SMALL_BODY} B announced",
         f"slow body, {LARGE_BODY // 1024} KiB announced", "non-reading client")


def render(results, args):
    stamp = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    t = args.timeout
    lines = [f"Run of {stamp}{' — ' + args.label if args.label else ''}; jar {vitals.jar_label(args.jar)}; "
             f"{platform.machine()}, {os.cpu_count()} cores. "
             f"Client timeouts {duration(t)} (Holdfast "
             + ("left at its defaults: `--no-timeouts`" if args.no_timeouts else
                f"`headerTimeout`/`bodyTimeout`/`sendTimeout` {duration(t)}")
             + f"; nginx `client_header_timeout`/`client_body_timeout`/`send_timeout` {duration(t)}), response timeout "
             f"{duration(args.response_timeout)}, client keepalive timeout {duration(args.keepalive_timeout)}, upstream keepalive 32, "
             f"max fails 1 / {FAIL_TIMEOUT_S} s, two nginx backends. Normal load: {args.load_connections} keepalive "
             f"connections, {args.load_rate:g} req/s, {args.warmup:.0f} s before the attack and until after it. "
             f"Attack: {args.slowloris} slowloris, {args.slow_body} slow body, {args.non_readers} non-reading. "
             f"Command: `{shlex.join(['src/bench/slow-attack.py'] + sys.argv[1:])}`.", ""]
    head = "| | " + " | ".join(r["peer"] for r in results) + " |"
    lines += [head, "|---" * (len(results) + 1) + "|"]

    def row(label, cells):
        lines.append(f"| {label} | " + " | ".join(cells) + " |")

    row("normal load: requests / failed", [f"{r['load']['requests']} in {r['load']['seconds']} s / {r['load']['errors']}"
                                           + (f" ({', '.join(f'{k} ×{v}' for k, v in r['load']['error_kinds'].items())})"
                                              if r['load']['errors'] else "") for r in results])
    row("normal load: p99 / max latency during the attack", [
        f"{r['load']['p99_ms_during_attack']} / {r['load']['max_ms_during_attack']} ms" for r in results])
    counts = {"slowloris, 1st request": (args.slowloris + 1) // 2, "slowloris, 2nd request": args.slowloris // 2,
              KINDS[2]: (args.slow_body + 1) // 2, KINDS[3]: args.slow_body // 2, KINDS[4]: args.non_readers}
    for kind in KINDS:
        if counts[kind]:
            row(f"{kind} ({counts[kind]})", [sc.describe(r["attackers"].get(kind, {})) or "—" for r in results])
    row("a server marked down", [down_cell(r) for r in results])
    row("longest time a backend got no request while the other did", [
        ", ".join(f"{v} s" for v in r["watch"]["longest_pause_s"].values()) for r in results])
    row("upstream failures counted (`/status.json`)", [
        str(sum(r["watch"]["failures"].values())) if "failures" in r["watch"] else "—" for r in results])
    row("client connections closed, by reason (`/status.json`)", [
        ", ".join(f"{k} {v}" for k, v in r["watch"]["closed"].items()) if r["watch"].get("closed") else "—"
        for r in results])
    row("backend connections open: before / max during", [
        f"{sum(r['watch']['backend_conns_before'].values())} / {sum(r['watch']['backend_conns_max'].values())}"
        for r in results])
    for key, label, fmt in (("fds", "proxy fds", str), ("rss_kib", "proxy RSS MiB", lambda v: f"{v / 1024:.1f}"),
                            ("heap_bytes", "heap MiB after full GC", vitals.mib)):
        row(f"{label}: before / during / after", [
            " / ".join(fmt(r["vitals"][w][key]) if r["vitals"][w][key] is not None else "—"
                       for w in ("before", "during", "after")) for r in results])
    lines += ["", "Answer times: slowloris from the first head byte, slow body from the last body byte, "
                  "non-reading from the request (the proxy's socket leaving ESTABLISHED, read from /proc/net/tcp). "
                  "`closed` = connection closed without a response; nginx and Holdfast fds count only their "
                  "worker / the JVM. \"After\" is 2 s after the last answer, before any unanswered attacker closed "
                  "its own connection."]
    for r in results:
        if r.get("nginx_log"):
            lines.append(f"nginx error log (warn and above) during the attack: "
                         + "; ".join(f"{k} ×{v}" for k, v in sorted(r["nginx_log"].items(), key=lambda kv: -kv[1])) + ".")
    return "\n".join(lines) + "\n"


def down_cell(r):
    """Holdfast: a down flag seen in a poll, or any failure counted (at max fails 1 each one marks its server
    down; when every server is down the next request revives them all, as nginx does, so a mark can be
    shorter than a poll interval). nginx: its error log."""
    w = r["watch"]
    if "down_polls" in w:
        marked = {s: n for s, n in w["down_polls"].items() if n}
        failures = sum(w["failures"].values())
        if marked:
            return "**yes**: " + ", ".join(f"{s} down in {n} of {w['polls']} polls" for s, n in marked.items())
        if failures:
            return (f"**yes**: {failures} failures counted, each a down mark at max fails 1 (none lasted "
                    f"until a poll: every server down revives them all)")
        return f"no (0 failures; no down flag in {w['polls']} polls of `/status.json`)"
    log = r["nginx_log"] or {}
    disabled = sum(v for k, v in log.items() if "temporarily disabled" in k)
    no_live = sum(v for k, v in log.items() if "no live upstreams" in k)
    if disabled or no_live:
        return f"**yes**: error log: \"upstream server temporarily disabled\" ×{disabled}, \"no live upstreams\" ×{no_live}"
    return "no (no \"upstream server temporarily disabled\" in the error log)"


# ---------------------------------------------------------------- main

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--jar", default=bench.JAR, help="the Holdfast jar to measure (default: this tree's build)")
    ap.add_argument("--timeout", type=float, default=5, help="the three client timeouts, seconds (both proxies)")
    ap.add_argument("--no-timeouts", action="store_true",
                    help="leave headerTimeout/bodyTimeout/sendTimeout out of Holdfast's config (a build without them)")
    ap.add_argument("--response-timeout", type=float, help="upstream response timeout, seconds (default 2 × timeout)")
    ap.add_argument("--keepalive-timeout", type=float, default=15)
    ap.add_argument("--slowloris", type=int, default=40)
    ap.add_argument("--slow-body", type=int, default=40)
    ap.add_argument("--non-readers", type=int, default=10)
    ap.add_argument("--load-connections", type=int, default=16)
    ap.add_argument("--load-rate", type=float, default=400, help="normal load, requests/s in all")
    ap.add_argument("--warmup", type=float, default=10, help="seconds of normal load before the attack")
    ap.add_argument("--window", type=float, help="how long an attacker waits for its answer (default 4 × timeout)")
    ap.add_argument("--instances", type=int, default=1, help="Holdfast instances (nginx runs 1 worker)")
    ap.add_argument("--java-opts", default="", help="extra JVM options for Holdfast, space-separated")
    ap.add_argument("--only", choices=("holdfast", "nginx"))
    ap.add_argument("--json", help="also write the raw results to this file")
    ap.add_argument("--write-docs", action="store_true", help="put the table into docs/reliability.md")
    ap.add_argument("--label", default="", help="said with the result, e.g. 'smoke run'")
    args = ap.parse_args()
    args.response_timeout = args.response_timeout or 2 * args.timeout
    args.window = args.window or 4 * args.timeout
    args.jar = os.path.abspath(args.jar)
    for tool in ("nginx", "java", "jcmd"):
        if not shutil.which(tool):
            sys.exit(f"{tool} is missing")
    if args.only != "nginx" and not os.path.exists(args.jar):
        sys.exit(f"{args.jar} is missing: build it with mvn -B -o -pl modules/app -am package -DskipTests")
    workdir = tempfile.mkdtemp(prefix="holdfast-slow-attack-")
    try:
        if args.only != "nginx":
            preflight(args, workdir)
        big_path = os.path.join(workdir, "big.bin")
        with open(big_path, "wb") as f:
            f.write(os.urandom(BIG_BYTES))
        results = [run_one(name, args, workdir, big_path) for name in ("holdfast", "nginx")
                   if args.only in (None, name)]
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    text = render(results, args)
    print(text)
    if args.json:
        with open(args.json, "w") as f:
            json.dump(results, f, indent=2, default=str)
    if args.write_docs:
        vitals.write_section("slow-attack", text)


if __name__ == "__main__":
    main()
