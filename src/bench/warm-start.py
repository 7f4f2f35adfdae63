#!/usr/bin/env python3
"""Warm vs cold upstream pools: latency of the first 1,000 requests after a start and after a reload.

`upstreams.<name>.keepalive.warm: N` opens N connections per server and instance at start and before a
reloaded pool takes traffic. This measures what that buys, Holdfast against itself: warm 0 ("cold") and
warm 16, upstream keepalive connections 32, 1 instance, an nginx backend (1 worker) on loopback.

Per round and config (rounds interleave cold and warm, a fresh Holdfast each time):
- start: launch, wait for /healthz 200 and (warm only) for /status.json to show idle >= warm, then
  at once 1,000 requests over 16 keepalive client connections (opened, and primed with one request
  that Holdfast answers 404 itself, before the clock starts: only the proxied requests' work is timed), then a second 1,000 to show how much of the first batch is JIT, not connect;
- reload: JIT-warm the process (wrk until it has served 20,000 requests), PATCH /config so the upstream's pool is rebuilt
  (keepalive.timeout 60s -> 61s), and as soon as the 200 arrives send 1,000 requests the same way;
- reload under load: the same 16 clients keep sending while a PATCH (61s -> 60s) lands.
Upstream connections opened are the backend's stub_status `accepts` delta (minus the status queries' own).
Medians over rounds. Two one-off checks follow (see `evidence_*`): does start-up wait for warm pools,
and do requests arriving while a reloaded pool warms reuse connections.

Usage: python3 src/bench/warm-start.py [--rounds 3] [--json out.json]
Importable: measure_all(rounds=3) -> dict, render(result) -> str (markdown fragment).
"""
import argparse
import asyncio
import gc
import json
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request

sys.dont_write_bytecode = True  # keep src/bench free of __pycache__
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench  # noqa: E402

CLIENTS = 16
FIRST = 1000
WARM = 16
KEEP = 32
JIT_WARMUP_REQUESTS = 20000
UNDER_LOAD_S = 1.5        # continuous load around a reload; the PATCH goes out at UNDER_LOAD_PATCH_AT
UNDER_LOAD_PATCH_AT = 0.5
REQUEST = b"GET /app/ HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: warm-start\r\n\r\n"
# Matches no route: Holdfast answers 404 itself. One per client connection before the clock starts, so the
# proxy's accept and first-request work on that connection is not timed and no upstream is touched.
PRIME = b"GET /prime HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: warm-start\r\n\r\n"
CONFIGS = (("cold", 0), ("warm", WARM))


# ---------------------------------------------------------------- client

async def _read_response(reader):
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head[9:12])
    length, chunked = None, False
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        name = name.strip().lower()
        if name == b"content-length":
            length = int(value)
        elif name == b"transfer-encoding" and b"chunked" in value.lower():
            chunked = True
    if chunked:
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    elif length:
        await reader.readexactly(length)
    return status


async def _drive(port, clients, count=None, seconds=None, during=None):
    """count requests (or until seconds pass) over `clients` keepalive connections opened beforehand.
    Returns [(send time, latency ms, status)]. `during` (a blocking callable) runs in a thread alongside."""
    conns = [await asyncio.open_connection("127.0.0.1", port) for _ in range(clients)]
    for reader, writer in conns:
        writer.write(PRIME)
        if await _read_response(reader) != 404:
            raise RuntimeError("the priming request was not answered 404 by Holdfast itself")
    samples, left = [], [count]
    start = time.perf_counter()
    stop_at = start + seconds if seconds else None

    async def loop(reader, writer):
        while True:
            if stop_at is not None:
                if time.perf_counter() >= stop_at:
                    return
            elif left[0] <= 0:
                return
            else:
                left[0] -= 1
            t0 = time.perf_counter()
            writer.write(REQUEST)
            status = await _read_response(reader)
            samples.append((t0 - start, (time.perf_counter() - t0) * 1000.0, status))

    tasks = [asyncio.ensure_future(loop(r, w)) for r, w in conns]
    side = asyncio.get_running_loop().run_in_executor(None, during) if during else None
    await asyncio.gather(*tasks)
    side_result = await side if side else None
    for _, w in conns:
        w.close()
    return samples, side_result


def drive(port, clients=CLIENTS, count=None, seconds=None, during=None):
    gc.disable()  # a collector pause in the client would land in someone's p99
    try:
        return asyncio.run(_drive(port, clients, count, seconds, during))
    finally:
        gc.enable()


def summarize(samples):
    lat = sorted(s[1] for s in samples)
    if not lat:
        return {"n": 0, "p50": float("nan"), "p99": float("nan"), "max": float("nan"), "non200": 0}
    pick = lambda q: lat[min(len(lat) - 1, int(q * len(lat)))]  # noqa: E731
    # The first wave (one request per client connection) is where a cold pool pays its connects.
    wave = sorted(s[1] for s in sorted(samples)[:CLIENTS])
    return {"n": len(lat), "p50": pick(0.50), "p99": pick(0.99), "max": lat[-1],
            "first_wave_median": wave[len(wave) // 2],
            "non200": sum(1 for s in samples if s[2] != 200)}


# ---------------------------------------------------------------- holdfast

def holdfast_config(port, admin_port, backend_port, warm, extra_upstreams=None):
    routes = [{"path": "/app", "upstream": "app"}]
    upstreams = {"app": {"servers": [{"address": f"127.0.0.1:{backend_port}"}],
                         "keepalive": {"connections": KEEP, "requests": 100000, "timeout": "60s", "warm": warm}}}
    for name, upstream in (extra_upstreams or {}).items():
        upstreams[name] = upstream
        routes.insert(0, {"path": f"/{name}", "upstream": name})
    return {"instances": 1,
            "listeners": {"main": {"host": "127.0.0.1", "port": port, "keepalive": {"requests": 100000},
                                   "routes": routes}},
            "upstreams": upstreams,
            "admin": {"host": "127.0.0.1", "port": admin_port},
            "reload": {"watch": False}}


def healthz(admin_port):
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{admin_port}/healthz", timeout=2) as r:
            return r.status
    except urllib.error.HTTPError as e:
        return e.code
    except OSError:
        return None


def status_json(admin_port):
    return json.loads(bench.http_get(f"http://127.0.0.1:{admin_port}/status.json"))


def server_stats(admin_port, upstream="app"):
    servers = status_json(admin_port)["upstreams"][upstream]["servers"]
    return next(iter(servers.values()))


def wait_until(predicate, timeout, what, proc=None):
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        if predicate():
            return
        if proc is not None and proc.popen.poll() is not None:
            raise RuntimeError(f"{proc.name} exited: {proc.popen.stderr.read().decode(errors='replace')[-2000:]}")
        time.sleep(0.002)
    raise RuntimeError(f"{what} not reached within {timeout}s")


def jit_warmup(port, admin_port):
    """wrk in short runs until the process has served JIT_WARMUP_REQUESTS (a busy machine serves fewer per second)."""
    deadline = time.perf_counter() + 20
    while status_json(admin_port)["requests"] < JIT_WARMUP_REQUESTS and time.perf_counter() < deadline:
        subprocess.run(["wrk", "-t1", f"-c{CLIENTS}", "-d2s", f"http://127.0.0.1:{port}/app/"],
                       capture_output=True, check=True)


def patch(admin_port, doc):
    req = urllib.request.Request(f"http://127.0.0.1:{admin_port}/config", data=json.dumps(doc).encode(),
                                 method="PATCH", headers={"Content-Type": "application/merge-patch+json"})
    with urllib.request.urlopen(req, timeout=30) as r:
        r.read()
        return r.status


class Backend:
    """The nginx backend; opened() counts its accepts since the last call, without the query's own."""

    def __init__(self, workdir):
        self.port, self.status_port = bench.free_port(), bench.free_port()
        self.proc = bench.start_backend(workdir, self.port, self.status_port)
        bench.wait_port(self.port)
        self._last = bench.backend_accepts(self.status_port)

    def opened(self):
        now = bench.backend_accepts(self.status_port)
        delta, self._last = now - self._last - 1, now
        return delta


# ---------------------------------------------------------------- one round of one config

def one_round(workdir, backend, name, warm):
    port, admin = bench.free_port(), bench.free_port()
    backend.opened()
    proc = bench.launch_holdfast(workdir, f"holdfast-{name}", holdfast_config(port, admin, backend.port, warm))
    out = {}
    try:
        t0 = time.perf_counter()
        wait_until(lambda: healthz(admin) == 200, 60, "/healthz 200", proc)
        out["healthy_s"] = time.perf_counter() - t0
        t1 = time.perf_counter()
        out["idle_at_healthy"] = server_stats(admin)["idle"]
        if warm:
            wait_until(lambda: server_stats(admin)["idle"] >= warm, 10, f"idle >= {warm}", proc)
        out["warm_wait_ms"] = (time.perf_counter() - t1) * 1000.0
        # nginx counts a connection when its worker accept()s it, which can trail the handshake Holdfast
        # already saw complete; wait for that too, so the warm connections are not charged to the batch.
        accepted = [0]

        def backend_caught_up():
            accepted[0] += backend.opened()
            return accepted[0] >= warm

        wait_until(backend_caught_up, 10, f"backend accepted {warm}", proc)
        out["backend_accepted_before_batch"] = accepted[0]
        out["backend_wait_ms"] = (time.perf_counter() - t1) * 1000.0
        for batch in ("first", "second"):
            opened = server_stats(admin)["opened"]
            samples, _ = drive(port, count=FIRST)
            out[batch] = summarize(samples) | {"connects": backend.opened(),
                                               "opened_per_status": server_stats(admin)["opened"] - opened}

        jit_warmup(port, admin)
        out["jit_warmup_requests"] = status_json(admin)["requests"]
        time.sleep(0.2)  # let the pool settle: wrk's last responses released
        counters = lambda: {k: v for k, v in server_stats(admin).items() if k in ("opened", "requests")}  # noqa: E731
        out["status_before_reload"] = counters()
        backend.opened()
        patched = time.perf_counter()
        assert patch(admin, {"upstreams": {"app": {"keepalive": {"timeout": "61s"}}}}) == 200
        out["patch_ms"] = (time.perf_counter() - patched) * 1000.0
        samples, _ = drive(port, count=FIRST)
        # Includes the new pool's own warm connections (warm per server and instance).
        out["reload"] = summarize(samples) | {"connects": backend.opened()}
        out["status_after_reload"] = counters()  # /status.json's "since start" counters, for comparison

        time.sleep(0.2)
        backend.opened()
        at = {}

        def reload_later():
            time.sleep(UNDER_LOAD_PATCH_AT)
            at["t"] = time.perf_counter()
            patch(admin, {"upstreams": {"app": {"keepalive": {"timeout": "60s"}}}})
            at["done"] = time.perf_counter()

        start = time.perf_counter()
        samples, _ = drive(port, seconds=UNDER_LOAD_S, during=reload_later)
        window = [s for s in samples if s[0] >= at["t"] - start - 0.001]
        out["under_load"] = summarize(samples) | {"connects": backend.opened(),
                                                  "after_patch": summarize(window[:FIRST])}
        return out
    finally:
        proc.stop()


# ---------------------------------------------------------------- one-off checks

class StallingServer:
    """A listening socket whose accept queue is full: a connect to it hangs until the caller's timeout."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(0)
        self.port = self.sock.getsockname()[1]
        self.filler = socket.create_connection(("127.0.0.1", self.port), timeout=1)
        probe = socket.socket()
        probe.settimeout(0.5)
        try:
            probe.connect(("127.0.0.1", self.port))
            self.stalls = False
        except (socket.timeout, TimeoutError):
            self.stalls = True
        finally:
            probe.close()

    def close(self):
        self.filler.close()
        self.sock.close()


def stalled_upstream(port, connect_timeout):
    return {"servers": [{"address": f"127.0.0.1:{port}"}], "connectTimeout": connect_timeout,
            "keepalive": {"connections": 4, "warm": 1}}


def evidence_start(workdir, backend, stall):
    """Start with a second upstream whose warm connect hangs for 10s: does the listener wait for it?"""
    port, admin = bench.free_port(), bench.free_port()
    conf = holdfast_config(port, admin, backend.port, WARM,
                           {"stalled": stalled_upstream(stall.port, "10s")})
    t0 = time.perf_counter()
    proc = bench.launch_holdfast(workdir, "holdfast-evidence-start", conf)
    try:
        wait_until(lambda: healthz(admin) == 200, 60, "/healthz 200", proc)
        healthy = time.perf_counter() - t0
        samples, _ = drive(port, clients=1, count=1)
        served = time.perf_counter() - t0
        stalled = server_stats(admin, "stalled")
        return {"connect_timeout_s": 10, "healthy_s": healthy, "first_request_served_s": served,
                "first_status": samples[0][2], "stalled_server_then": {k: stalled[k] for k in ("open", "active", "idle", "opened")}}
    finally:
        proc.stop()


def evidence_reload(workdir, backend, stall):
    """Under load, a PATCH that rebuilds `app` and adds an upstream whose warm connect hangs 3s."""
    port, admin = bench.free_port(), bench.free_port()
    proc = bench.launch_holdfast(workdir, "holdfast-evidence-reload", holdfast_config(port, admin, backend.port, WARM))
    try:
        wait_until(lambda: healthz(admin) == 200, 60, "/healthz 200", proc)
        jit_warmup(port, admin)
        time.sleep(0.2)
        timeline, at = [], {}

        def reload_and_watch():
            time.sleep(0.5)
            at["t"] = time.perf_counter()
            routes = [{"path": "/stalled", "upstream": "stalled"}, {"path": "/app", "upstream": "app"}]
            patch(admin, {"upstreams": {"app": {"keepalive": {"timeout": "61s"}},
                                        "stalled": stalled_upstream(stall.port, "3s")},
                          "listeners": {"main": {"routes": routes}}})
            at["done"] = time.perf_counter()
            end = at["t"] + 4.5
            while time.perf_counter() < end:
                timeline.append((time.perf_counter() - at["t"], backend.opened()))
                time.sleep(0.25)

        backend.opened()
        start = time.perf_counter()
        samples, _ = drive(port, seconds=5.5, during=reload_and_watch)
        patch_at = at["t"] - start
        in_window = [s for s in samples if patch_at <= s[0] < patch_at + 3.0]
        return {"connect_timeout_s": 3, "patch_ms": (at["done"] - at["t"]) * 1000.0,
                "requests_in_3s_after_patch": len(in_window),
                "connects_timeline": [(round(t, 2), n) for t, n in timeline],
                "latency_in_window": summarize(in_window),
                "app_server_after": {k: v for k, v in server_stats(admin).items() if k in ("opened", "requests", "reused")}}
    finally:
        proc.stop()


def _wrk(port, path, connections, seconds):
    out = subprocess.run(["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--latency",
                          f"http://127.0.0.1:{port}{path}"], capture_output=True, text=True, check=True).stdout
    found = lambda pattern: re.search(pattern, out).group(1)  # noqa: E731
    return {"rps": float(found(r"Requests/sec:\s+([\d.]+)")), "p50": bench.parse_latency(found(r"50%\s+(\S+)")),
            "p99": bench.parse_latency(found(r"99%\s+(\S+)"))}


def evidence_connect_cost(workdir, backend, repeats=3):
    """What one upstream connect costs here: one client connection, JIT-warm, pooled vs a new connection
    per request (keepalive.connections 0), both routes on the same Holdfast and backend, interleaved;
    the cost is the median difference in time per request (1/rps) and in Holdfast CPU per request."""
    port, admin = bench.free_port(), bench.free_port()
    fresh = {"servers": [{"address": f"127.0.0.1:{backend.port}"}], "keepalive": {"connections": 0}}
    proc = bench.launch_holdfast(workdir, "holdfast-connect-cost", holdfast_config(port, admin, backend.port, WARM, {"fresh": fresh}))
    try:
        wait_until(lambda: healthz(admin) == 200, 60, "/healthz 200", proc)
        for path in ("/app/", "/fresh/"):
            _wrk(port, path, CLIENTS, 2)
        runs = {"pooled": [], "new_connection_each": []}
        for _ in range(repeats):
            for name, path in (("pooled", "/app/"), ("new_connection_each", "/fresh/")):
                cpu = proc.cpu_ticks()
                r = _wrk(port, path, 1, 2)
                r["cpu_us"] = (proc.cpu_ticks() - cpu) * 1e6 / bench.CLK_TCK / (r["rps"] * 2)
                runs[name].append(r)
        pairs = list(zip(runs["pooled"], runs["new_connection_each"]))
        return runs | {"us_per_connect": statistics.median((1 / f["rps"] - 1 / p["rps"]) * 1e6 for p, f in pairs),
                       "cpu_us_per_connect": statistics.median(f["cpu_us"] - p["cpu_us"] for p, f in pairs)}
    finally:
        proc.stop()


# ---------------------------------------------------------------- all of it

def measure_all(rounds=3):
    for tool in ("nginx", "wrk", "java"):
        if not shutil.which(tool):
            raise RuntimeError(f"{tool} is missing")
    if not os.path.exists(bench.JAR):
        raise RuntimeError(f"{bench.JAR} is missing")
    workdir = tempfile.mkdtemp(prefix="holdfast-warm-")
    backend, stall = None, None
    result = {"machine": f"{platform.machine()}, {os.cpu_count()} cores, {platform.platform()}",
              "rounds": rounds, "runs": {name: [] for name, _ in CONFIGS}}
    try:
        backend = Backend(workdir)
        for rnd in range(rounds):
            order = CONFIGS if rnd % 2 == 0 else CONFIGS[::-1]
            for name, warm in order:
                r = one_round(workdir, backend, name, warm)
                result["runs"][name].append(r)
                print(f"round {rnd + 1} {name}: healthy {r['healthy_s']:.2f}s, warm wait {r['warm_wait_ms']:.0f} ms; "
                      + "; ".join(f"{k} p50 {r[k]['p50']:.2f} p99 {r[k]['p99']:.2f} max {r[k]['max']:.2f} ms "
                                  f"conns {r[k]['connects']}" for k in ("first", "second", "reload", "under_load")),
                      file=sys.stderr)
        result["connect_cost"] = evidence_connect_cost(workdir, backend)
        print(f"connect cost: {result['connect_cost']}", file=sys.stderr)
        stall = StallingServer()
        result["stall_probe_hangs"] = stall.stalls
        result["evidence_start"] = evidence_start(workdir, backend, stall)
        print(f"evidence start: {result['evidence_start']}", file=sys.stderr)
        result["evidence_reload"] = evidence_reload(workdir, backend, stall)
        print(f"evidence reload: {result['evidence_reload']}", file=sys.stderr)
    finally:
        if stall:
            stall.close()
        if backend:
            backend.proc.stop()
        shutil.rmtree(workdir, ignore_errors=True)
    return result


def _med(rows, *path):
    values = []
    for r in rows:
        for key in path:
            r = r[key]
        values.append(r)
    return statistics.median(values)


def render(result):
    runs = result["runs"]
    lines = [f"Machine: {result['machine']}; Holdfast instances 1, upstream keepalive connections {KEEP}, "
             f"backend nginx 1 worker on loopback; {CLIENTS} client keepalive connections (opened and primed with one "
             f"locally answered 404 each before timing); "
             f"medians of {result['rounds']} interleaved rounds, a fresh process each.", "",
             f"| scenario ({FIRST} requests) | cold p50 ms | cold p99 ms | cold max ms | cold upstream connects "
             f"| warm {WARM} p50 ms | warm p99 ms | warm max ms | warm upstream connects |",
             "|---|---|---|---|---|---|---|---|---|"]
    scenarios = (("first", "after start, first batch (JIT-cold)"),
                 ("second", "after start, second batch"),
                 ("reload", "after reload (JIT-warm), from the PATCH's 200"))
    for key, label in scenarios:
        cells = []
        for name, _ in CONFIGS:
            rows = runs[name]
            cells += [f"{_med(rows, key, 'p50'):.2f}", f"{_med(rows, key, 'p99'):.2f}",
                      f"{_med(rows, key, 'max'):.2f}", f"{_med(rows, key, 'connects'):.0f}"]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    cells = []
    for name, _ in CONFIGS:
        rows = runs[name]
        cells += [f"{_med(rows, 'under_load', 'after_patch', 'p50'):.2f}",
                  f"{_med(rows, 'under_load', 'after_patch', 'p99'):.2f}",
                  f"{_med(rows, 'under_load', 'after_patch', 'max'):.2f}",
                  f"{_med(rows, 'under_load', 'connects'):.0f}"]
    lines.append(f"| reload under load: first {FIRST} sent after the PATCH (connects: whole {UNDER_LOAD_S}s run) | "
                 + " | ".join(cells) + " |")
    waves = "; ".join(f"{label.split(',')[0] if key != 'second' else 'second batch'}: cold "
                      f"{_med(runs['cold'], key, 'first_wave_median'):.2f}, warm "
                      f"{_med(runs['warm'], key, 'first_wave_median'):.2f}"
                      for key, label in scenarios)
    lines += ["", f"Median latency (ms) of the first wave ({CLIENTS} requests, one per client connection, where "
              f"a cold pool connects): {waves}."]
    lines += ["", "Upstream connects: backend nginx stub_status `accepts` delta over the batch; after a reload it "
              f"includes the new pool's own {WARM} warm connections (warm column). "
              f"Start to /healthz 200: cold {_med(runs['cold'], 'healthy_s'):.2f}s, warm "
              f"{_med(runs['warm'], 'healthy_s'):.2f}s; then idle >= {WARM} seen after "
              f"{_med(runs['warm'], 'warm_wait_ms'):.0f} ms (idle at the 200: "
              f"{[r['idle_at_healthy'] for r in runs['warm']]}). PATCH round trip: cold "
              f"{_med(runs['cold'], 'patch_ms'):.1f} ms, warm {_med(runs['warm'], 'patch_ms'):.1f} ms. Requests served before "
              f"the reload (JIT warm-up): {min(r['jit_warmup_requests'] for n in runs for r in runs[n])} or more.", ""]
    cc = result.get("connect_cost")
    if cc:
        pooled, fresh = cc["pooled"], cc["new_connection_each"]
        lines.append(f"What a connect costs here (wrk -c1, JIT-warm, pooled vs keepalive.connections 0 on the same "
                     f"process and backend, {len(pooled)} interleaved 2s runs, medians): "
                     f"{statistics.median(p['rps'] for p in pooled):.0f} vs "
                     f"{statistics.median(f['rps'] for f in fresh):.0f} req/s, about {cc['us_per_connect']:.0f} µs "
                     f"more per request, of which {cc['cpu_us_per_connect']:.0f} µs Holdfast CPU.")
    es, er = result.get("evidence_start"), result.get("evidence_reload")
    if es:
        waited = es['healthy_s'] >= es['connect_timeout_s']
        verdict = (f"start-up waits for warm pools, at most one connect timeout: the hung connect held it "
                   f"{es['connect_timeout_s']}s, then it was given up and logged"
                   if waited else "start-up did NOT wait for warm pools")
        lines.append(f"Start with an extra upstream whose warm connect hangs ({es['connect_timeout_s']}s connect "
                     f"timeout): /healthz 200 after {es['healthy_s']:.2f}s and the first request served "
                     f"(status {es['first_status']}) after {es['first_request_served_s']:.2f}s, that upstream's "
                     f"pool then {es['stalled_server_then']}: {verdict}.")
    if er:
        lines.append(f"Reload under load that rebuilds `app` and adds an upstream whose warm connect hangs "
                     f"({er['connect_timeout_s']}s): {er['requests_in_3s_after_patch']} requests in the 3s after "
                     f"the PATCH, backend connects per 0.25s after it {[n for _, n in er['connects_timeline']]}, "
                     f"latency p50 {er['latency_in_window']['p50']:.2f} / p99 {er['latency_in_window']['p99']:.2f} ms "
                     f"(the 16 connects are the new `app` pool warming while the old one keeps serving).")
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--json", help="also write the raw result here")
    args = ap.parse_args()
    result = measure_all(args.rounds)
    if args.json:
        with open(args.json, "w") as f:
            json.dump(result, f, indent=1)
    print(render(result))


if __name__ == "__main__":
    main()
