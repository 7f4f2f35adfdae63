"""Slow and hostile HTTP/1.1 clients, and a small asyncio HTTP client, for slow-attack.py and soak.py.

Each attacker is one connection driven by one coroutine that returns an Outcome: how the proxy answered
(its status code, `close`, `reset`, or `none` within the deadline) and after how long, counted from the
moment the proxy's own timeout should start counting:
- slowloris: from the first byte of the trickled head (right after the connect, or right after the first
  response on a kept-alive connection) -> headerTimeout / client_header_timeout;
- slow body: from the last body byte sent -> bodyTimeout / client_body_timeout;
- non-reader: from the request sent (the response fills the socket buffers within milliseconds) ->
  sendTimeout / send_timeout. A client that does not read cannot see a close, so the proxy's side of
  the connection is watched in /proc/net/tcp{,6}: the answer is the moment it leaves ESTABLISHED.
"""
import asyncio
import dataclasses
import socket
import time

READ_LIMIT = 1 << 20  # asyncio stream buffer; response heads are far smaller
TCP_STATES = {"01": "ESTABLISHED", "02": "SYN_SENT", "03": "SYN_RECV", "04": "FIN_WAIT1", "05": "FIN_WAIT2",
              "06": "TIME_WAIT", "07": "CLOSE", "08": "CLOSE_WAIT", "09": "LAST_ACK", "0A": "LISTEN",
              "0B": "CLOSING"}


@dataclasses.dataclass
class Outcome:
    kind: str
    answer: str                  # "408", "504", ..., "close", "reset", "none", "error"
    seconds: float | None = None  # from the reference moment (see the module doc) to the answer
    detail: str = ""


# ---------------------------------------------------------------- a plain client

async def read_head(reader):
    """(status, {lower-case name: value}) of one response head."""
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ", 2)[1])
    headers = {}
    for line in lines[1:]:
        name, sep, value = line.partition(":")
        if sep:
            headers[name.strip().lower()] = value.strip()
    return status, headers


async def read_body(reader, headers, status=200):
    if status in (204, 304) or 100 <= status < 200:
        return b""
    if "chunked" in headers.get("transfer-encoding", "").lower():
        parts = []
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            parts.append(await reader.readexactly(size))
            await reader.readexactly(2)
            if size == 0:
                # trailers end with an empty line; the proxies here send none
                return b"".join(parts)
    if "content-length" in headers:
        return await reader.readexactly(int(headers["content-length"]))
    return await reader.read()  # until the close


async def read_response(reader):
    """(status, headers, body) of one whole response."""
    status, headers = await read_head(reader)
    return status, headers, await read_body(reader, headers, status)


def request_bytes(method, path, body=b"", close=False):
    head = f"{method} {path} HTTP/1.1\r\nHost: bench\r\n"
    if body or method in ("POST", "PUT"):
        head += f"Content-Length: {len(body)}\r\n"
    if close:
        head += "Connection: close\r\n"
    return head.encode() + b"\r\n" + bytes(body)


async def open_connection(host, port):
    return await asyncio.open_connection(host, port, limit=READ_LIMIT)


# ---------------------------------------------------------------- attackers

async def read_answer(reader):
    """The proxy's answer to a request it should cut: the status of a response head, or how it closed."""
    try:
        status, _ = await read_head(reader)
        return str(status)
    except asyncio.IncompleteReadError as e:
        return "close" if not e.partial else "close (partial head)"
    except (ConnectionResetError, BrokenPipeError):
        return "reset"


async def _trickle_until_answered(writer, answer, chunks, interval, start, deadline_s):
    """Writes the next chunk every interval until the answer comes, the chunks run out or the deadline."""
    for chunk in chunks:
        done, _ = await asyncio.wait({answer}, timeout=interval)
        if done or time.monotonic() - start > deadline_s:
            return
        try:
            writer.write(chunk)
            await writer.drain()
        except ConnectionError:
            return  # the answer task sees the close


async def _await_answer(kind, answer, start, deadline_s):
    remaining = deadline_s - (time.monotonic() - start)
    done, _ = await asyncio.wait({answer}, timeout=max(0.0, remaining))
    if not done:
        answer.cancel()
        return Outcome(kind, "none", None, f"no answer within {deadline_s:.0f}s")
    return Outcome(kind, answer.result(), time.monotonic() - start)


def _close(closeable, outcome, keep):
    """Closes the connection, or hands it to `keep` when the proxy never answered: the caller measures
    the proxy while the unanswered connections are still open, then closes them."""
    if keep is not None and outcome is not None and outcome.answer == "none":
        keep.append(closeable)
    else:
        closeable.close()


async def slowloris(host, port, second_request, interval, deadline_s, keep=None):
    """A request head sent one header line per interval, never finished; with second_request on a
    kept-alive connection that has just served a whole request."""
    kind = "slowloris, 2nd request" if second_request else "slowloris, 1st request"
    try:
        reader, writer = await open_connection(host, port)
    except OSError as e:
        return Outcome(kind, "error", None, f"connect: {e}")
    outcome = None
    try:
        if second_request:
            writer.write(request_bytes("GET", "/"))
            await writer.drain()
            status, _, _ = await asyncio.wait_for(read_response(reader), 15)
            if status != 200:
                return Outcome(kind, "error", None, f"first request answered {status}")
        start = time.monotonic()
        writer.write(b"GET /slowloris HTTP/1.1\r\nHost: bench\r\n")
        await writer.drain()
        answer = asyncio.ensure_future(read_answer(reader))
        lines = (b"X-Trickle-%d: x\r\n" % n for n in range(1, 100000))
        await _trickle_until_answered(writer, answer, lines, interval, start, deadline_s)
        outcome = await _await_answer(kind, answer, start, deadline_s)
        return outcome
    except (OSError, asyncio.IncompleteReadError, asyncio.TimeoutError) as e:
        return Outcome(kind, "error", None, f"{type(e).__name__}: {e}")
    finally:
        _close(writer, outcome, keep)


async def slow_body(host, port, path, length, burst, trickle_steps, interval, deadline_s, keep=None):
    """PUT announcing Content-Length `length`: `burst` bytes at once, one byte per interval for
    trickle_steps, then nothing. A burst above 32 KiB makes Holdfast stream the body upstream."""
    kind = f"slow body, {length // 1024} KiB announced" if length >= 1024 else f"slow body, {length} B announced"
    try:
        reader, writer = await open_connection(host, port)
    except OSError as e:
        return Outcome(kind, "error", None, f"connect: {e}")
    outcome = None
    try:
        head = f"PUT {path} HTTP/1.1\r\nHost: bench\r\nContent-Length: {length}\r\n\r\n".encode()
        writer.write(head + b"x" * burst)
        await writer.drain()
        answer = asyncio.ensure_future(read_answer(reader))
        started = time.monotonic()
        await _trickle_until_answered(writer, answer, (b"y" for _ in range(trickle_steps)), interval, started,
                                      deadline_s)
        stalled = time.monotonic()  # the last byte went out (or the answer came first)
        if answer.done():
            return Outcome(kind, answer.result(), None, "answered while the body was still trickling")
        outcome = await _await_answer(kind, answer, stalled, deadline_s)
        return outcome
    except OSError as e:
        return Outcome(kind, "error", None, f"{type(e).__name__}: {e}")
    finally:
        _close(writer, outcome, keep)


class SocketStates:
    """TCP states of the loopback sockets on this machine, by (local port, remote port), read from
    /proc/net/tcp and tcp6 at most every `ttl` seconds (the JVM's sockets are IPv6, nginx's IPv4)."""

    def __init__(self, ttl=0.2):
        self.ttl, self.at, self.states = ttl, 0.0, {}

    def state(self, local_port, remote_port):
        now = time.monotonic()
        if now - self.at > self.ttl:
            self.states, self.at = self._read(), now
        return self.states.get((local_port, remote_port))

    @staticmethod
    def _read():
        states = {}
        for table in ("/proc/net/tcp", "/proc/net/tcp6"):
            try:
                with open(table) as f:
                    next(f)
                    for line in f:
                        fields = line.split()
                        local, remote = int(fields[1].rsplit(":", 1)[1], 16), int(fields[2].rsplit(":", 1)[1], 16)
                        states[(local, remote)] = TCP_STATES.get(fields[3], fields[3])
            except FileNotFoundError:
                pass
        return states


async def non_reader(host, port, request, states, deadline_s, poll=0.25, keep=None):
    """Sends `request` (one asking for a large response) with a tiny receive buffer and never reads.
    Answered when the proxy's end of the connection leaves ESTABLISHED (closed, or gone after a reset)."""
    kind = "non-reading client"
    loop = asyncio.get_running_loop()
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    sock.setblocking(False)
    outcome = None
    try:
        await loop.sock_connect(sock, (host, port))
        await loop.sock_sendall(sock, request)
        sent = time.monotonic()
        client_port = sock.getsockname()[1]
        while time.monotonic() - sent < deadline_s:
            await asyncio.sleep(poll)
            state = states.state(port, client_port)
            if state != "ESTABLISHED":
                return Outcome(kind, "close", time.monotonic() - sent, f"proxy side {state or 'gone'}")
        outcome = Outcome(kind, "none", None, f"still open after {deadline_s:.0f}s")
        return outcome
    except OSError as e:
        return Outcome(kind, "error", None, f"{type(e).__name__}: {e}")
    finally:
        _close(sock, outcome, keep)


def _kind_order(outcome):
    rank = next((i for i, prefix in enumerate(("slowloris, 1st", "slowloris, 2nd", "slow body", "non-reading"))
                 if outcome.kind.startswith(prefix)), 9)
    return rank, len(outcome.kind), outcome.kind


def summarize(outcomes):
    """{kind: {answer: [seconds, ...]}}, slowloris first, non-reading last."""
    table = {}
    for o in sorted(outcomes, key=_kind_order):
        table.setdefault(o.kind, {}).setdefault(o.answer, []).append(o.seconds)
    return table


def describe(answers):
    """'408 ×20 after 5.0 s (4.9–5.1)' per answer, joined."""
    parts = []
    for answer, times in sorted(answers.items(), key=lambda kv: -len(kv[1])):
        known = sorted(t for t in times if t is not None)
        label = {"none": "no answer", "close": "closed"}.get(answer, answer)
        if known:
            median = known[len(known) // 2]
            span = f" ({known[0]:.1f}–{known[-1]:.1f})" if known[-1] - known[0] >= 0.05 else ""
            parts.append(f"{label} ×{len(times)} after {median:.1f} s{span}")
        else:
            parts.append(f"{label} ×{len(times)}")
    return "; ".join(parts)
