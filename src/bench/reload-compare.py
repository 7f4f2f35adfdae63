#!/usr/bin/env python3
"""Reconfiguration under load: Holdfast (admin PATCH) vs nginx (`nginx -s reload`).

The same load generator drives both: CLIENTS threads, each an http.client keepalive connection,
doing GETs and (one in four) POSTs with a random body, checking every answer byte for byte. Meanwhile
the proxy is reconfigured RELOADS times (client keepalive limits, upstream keepalive, server list among
three upstreams). Every error is counted by kind: refused/reset/empty reply/truncated/5xx/wrong body.

Usage: python3 src/bench/reload-compare.py [--duration 14] [--clients 16] [--reloads 12] [--workers 1]
Needs nginx on PATH and modules/app/target/holdfast.jar. Upstreams are Python servers in child processes.
"""
import argparse, collections, http.client, json, os, random, shutil, signal, socket, subprocess
import sys, tempfile, threading, time, urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))


def free_port():
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


def serve(port, name):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = 'HTTP/1.1'

        def log_message(self, *args):
            pass

        def reply(self, body):
            self.send_response(200)
            self.send_header('Content-Length', str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self):
            self.reply(f'{name} {self.path}'.encode())

        def do_POST(self):
            self.reply(self.rfile.read(int(self.headers.get('Content-Length', '0'))))

    ThreadingHTTPServer.daemon_threads = True
    ThreadingHTTPServer.request_queue_size = 512  # the default 5 resets connections under churn
    ThreadingHTTPServer(('127.0.0.1', port), Handler).serve_forever()


def wait_port(port, timeout=30):
    end = time.time() + timeout
    while time.time() < end:
        try:
            socket.create_connection(('127.0.0.1', port), 0.5).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f'port {port} never opened')


class Load:
    def __init__(self, port, clients):
        self.port, self.clients = port, clients
        self.running = True
        self.ok = 0
        self.errors = collections.Counter()
        self.samples = []
        self.lock = threading.Lock()

    def start(self):
        self.threads = [threading.Thread(target=self.loop, args=(i,), daemon=True) for i in range(self.clients)]
        for t in self.threads:
            t.start()

    def stop(self):
        self.running = False
        for t in self.threads:
            t.join(30)

    def record(self, kind, detail):
        with self.lock:
            self.errors[kind] += 1
            if len(self.samples) < 10:
                self.samples.append(f'{kind}: {detail}')

    def loop(self, client):
        conn = http.client.HTTPConnection('127.0.0.1', self.port, timeout=20)
        rnd = random.Random(client)
        n = 0
        while self.running:
            n += 1
            path = f'/c/{client}/{n}'
            post = n % 4 == 0
            body = rnd.randbytes(rnd.randint(1, 64 * 1024)) if post else None
            try:
                conn.request('POST' if post else 'GET', path, body=body)
                resp = conn.getresponse()
                data = resp.read()
                if resp.status != 200:
                    self.record(f'http {resp.status}', path)
                elif post and data != body:
                    self.record('wrong/truncated body', f'{path} {len(data)} of {len(body)}')
                elif not post and not (data.endswith(f' {path}'.encode()) and data.split(b' ')[0] in (b's0', b's1', b's2')):
                    self.record('wrong/truncated body', f'{path} {data[:60]!r}')
                else:
                    with self.lock:
                        self.ok += 1
            except http.client.RemoteDisconnected as e:
                self.record('empty reply (closed before response)', f'{path} {e}')
                conn.close()
            except http.client.IncompleteRead as e:
                self.record('truncated body', f'{path} {e}')
                conn.close()
            except ConnectionResetError as e:
                self.record('connection reset', f'{path} {e}')
                conn.close()
            except ConnectionRefusedError as e:
                self.record('connection refused', f'{path} {e}')
                conn.close()
                time.sleep(0.05)
            except (OSError, http.client.HTTPException) as e:
                self.record(type(e).__name__, f'{path} {e}')
                conn.close()
        conn.close()


def nginx_conf(listen, servers, keepalive_requests, upstream_keepalive, workers):
    lines = '\n'.join(f'    server 127.0.0.1:{p};' for p in servers)
    return f"""user root;
worker_processes {workers};
pid nginx.pid;
error_log error.log warn;
events {{ worker_connections 1024; }}
http {{
  access_log off;
  client_body_temp_path tmp;
  proxy_temp_path tmp;
  client_max_body_size 1m;
  upstream app {{
{lines}
    keepalive {upstream_keepalive};
  }}
  server {{
    listen 127.0.0.1:{listen};
    keepalive_requests {keepalive_requests};
    keepalive_timeout 10s;
    location / {{
      proxy_pass http://app;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
    }}
  }}
}}
"""


def changes(ports):
    """The same dozen changes for both proxies: (client keepalive requests, server ports, upstream keepalive)."""
    return [(5, ports[:2], 16), (50, ports[1:], 2), (2, ports, 8), (1000, ports[2:], 1),
            (5, ports, 32), (100, ports[:1], 4), (3, ports[1:], 16), (1000, ports, 1),
            (10, ports[::2], 8), (2, ports[:2], 32), (500, ports, 2), (1000, ports, 16)][:]


def run_nginx(args, ports, listen):
    work = tempfile.mkdtemp(prefix='reload-nginx-')
    os.makedirs(os.path.join(work, 'tmp'))
    conf = os.path.join(work, 'nginx.conf')
    base = ['nginx', '-p', work, '-c', conf]
    with open(conf, 'w') as f:
        f.write(nginx_conf(listen, ports, 1000, 16, args.workers))
    subprocess.run(base, check=True)
    try:
        wait_port(listen)
        return drive(args, listen, ports, lambda c: reload_nginx(base, conf, listen, c, args.workers))
    finally:
        subprocess.run(base + ['-s', 'stop'])
        time.sleep(0.5)
        shutil.rmtree(work, ignore_errors=True)


def reload_nginx(base, conf, listen, change, workers):
    requests_, servers, keepalive = change
    with open(conf, 'w') as f:
        f.write(nginx_conf(listen, servers, requests_, keepalive, workers))
    subprocess.run(base + ['-s', 'reload'], check=True, stderr=subprocess.DEVNULL)


def run_holdfast(args, ports, listen):
    work = tempfile.mkdtemp(prefix='reload-holdfast-')
    admin = free_port()
    config = {
        'instances': args.workers,
        'listeners': {'main': {'host': '127.0.0.1', 'port': listen, 'keepalive': {'timeout': '10s'}}},
        'upstreams': {'app': {'servers': [{'address': f'127.0.0.1:{p}'} for p in ports],
                              'keepalive': {'connections': 16}}},
        'admin': {'host': '127.0.0.1', 'port': admin},
        'reload': {'watch': False},
    }
    path = os.path.join(work, 'holdfast.json')
    with open(path, 'w') as f:
        json.dump(config, f)
    log = open(os.path.join(work, 'holdfast.log'), 'w')
    proc = subprocess.Popen(['java', '-XX:+UseSerialGC', '-Xmx256m', '-jar',
                             os.path.join(ROOT, 'modules/app/target/holdfast.jar'), '--config', path],
                            stdout=log, stderr=subprocess.STDOUT)
    try:
        wait_port(admin)
        wait_port(listen)

        def patch(change):
            requests_, servers, keepalive = change
            body = {'listeners': {'main': {'keepalive': {'requests': requests_}}},
                    'upstreams': {'app': {'servers': [{'address': f'127.0.0.1:{p}'} for p in servers],
                                          'keepalive': {'connections': keepalive}}}}
            req = urllib.request.Request(f'http://127.0.0.1:{admin}/config', method='PATCH',
                                         data=json.dumps(body).encode(),
                                         headers={'Content-Type': 'application/merge-patch+json'})
            with urllib.request.urlopen(req, timeout=10) as resp:
                assert resp.status == 200, resp.read()

        return drive(args, listen, ports, patch)
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(40)
        except subprocess.TimeoutExpired:
            dump = os.path.join(tempfile.gettempdir(), 'reload-compare-holdfast-hang.txt')
            with open(dump, 'w') as out:
                subprocess.run(['jcmd', str(proc.pid), 'Thread.print'], stdout=out, stderr=subprocess.STDOUT)
            shutil.copy(os.path.join(work, 'holdfast.log'), dump.replace('.txt', '.log'))
            print(f'holdfast did not exit within 40 s of SIGTERM; killed (threads: {dump})', file=sys.stderr)
            proc.kill()
            proc.wait()
        shutil.rmtree(work, ignore_errors=True)


def drive(args, listen, ports, reconfigure):
    load = Load(listen, args.clients)
    load.start()
    steps = changes(ports)[:args.reloads]
    pause = args.duration / (len(steps) + 1)
    time.sleep(pause)
    for change in steps:
        reconfigure(change)
        time.sleep(pause)
    load.stop()
    return load


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--duration', type=float, default=14)
    p.add_argument('--clients', type=int, default=16)
    p.add_argument('--reloads', type=int, default=12)
    p.add_argument('--workers', type=int, default=1, help='nginx worker_processes = Holdfast instances')
    p.add_argument('--only', choices=['nginx', 'holdfast'])
    p.add_argument('--serve', nargs=2, help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.serve:
        serve(int(args.serve[0]), args.serve[1])
        return
    ports = [free_port() for _ in range(3)]
    children = [subprocess.Popen([sys.executable, __file__, '--serve', str(port), f's{i}'])
                for i, port in enumerate(ports)]
    try:
        for port in ports:
            wait_port(port)
        for name, run in (('nginx', run_nginx), ('holdfast', run_holdfast)):
            if args.only and args.only != name:
                continue
            load = run(args, ports, free_port())
            failed = sum(load.errors.values())
            print(f'{name:9} workers={args.workers} reloads={args.reloads} ok={load.ok} failed={failed} '
                  + ' '.join(f'[{k}: {v}]' for k, v in sorted(load.errors.items())), flush=True)
            for sample in load.samples:
                print('   ', sample)
    finally:
        for child in children:
            child.terminate()


if __name__ == '__main__':
    main()
