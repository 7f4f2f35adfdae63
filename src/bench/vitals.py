"""What a proxy process holds, for slow-attack.py and soak.py: open file descriptors, RSS and, for the
JVM, live heap after a full GC; plus the Holdfast config pre-flight and the docs/reliability.md writer.
"""
import json
import os
import re
import subprocess
import sys
import time

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench  # noqa: E402

idle_heap = bench.sibling("idle-heap")  # class_histogram (full GC, live bytes) and rss_kib
RELIABILITY_MD = os.path.join(bench.ROOT, "docs", "reliability.md")
TIMEOUT_KEYS = ("headerTimeout", "bodyTimeout", "sendTimeout")


def fd_count(pids):
    total = 0
    for pid in pids:
        try:
            total += len(os.listdir(f"/proc/{pid}/fd"))
        except FileNotFoundError:
            pass
    return total


def sample(pids, jvm_pid=None):
    """{'fds', 'rss_kib', 'heap_bytes' (JVM only: live bytes after the full GC jcmd GC.class_histogram runs)}."""
    result = {"fds": fd_count(pids), "rss_kib": idle_heap.rss_kib(pids), "heap_bytes": None, "at": time.time()}
    if jvm_pid:
        result["heap_bytes"] = idle_heap.class_histogram(jvm_pid)[1]
    return result


def holdfast_refusal(jar, conf_path):
    """None when `holdfast --check` accepts the config, else a message for the user: a build without
    issue 13's listener timeouts refuses them as unknown keys, and that is said plainly."""
    run = subprocess.run([bench.java_bin(), "-jar", jar, "--check", "--config", conf_path],
                         capture_output=True, text=True, timeout=120)
    if run.returncode == 0:
        return None
    errors = (run.stdout + run.stderr).strip()
    unknown = [k for k in TIMEOUT_KEYS if re.search(rf"\.{k}: unknown key", errors)]
    if unknown:
        return (f"This Holdfast build ({jar}) does not know the listener keys {', '.join(unknown)} (issue 13, "
                f"contract §5) and refuses the config:\n{errors}\n"
                f"Run a build that has them, or pass --no-timeouts to measure this build without them.")
    return f"Holdfast refuses the benchmark config ({jar} --check --config {conf_path}):\n{errors}"


def holdfast_version(jar):
    run = subprocess.run([bench.java_bin(), "-jar", jar, "--version"], capture_output=True, text=True, timeout=60)
    return (run.stdout or run.stderr).strip().splitlines()[0] if (run.stdout or run.stderr).strip() else "?"


def jar_label(jar):
    stamp = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(os.path.getmtime(jar)))
    return f"`{os.path.relpath(jar, bench.ROOT) if jar.startswith(bench.ROOT) else jar}` ({holdfast_version(jar)}, built {stamp})"


def status_json(admin_port):
    return json.loads(bench.http_get(f"http://127.0.0.1:{admin_port}/status.json"))


def write_section(marker, text):
    """Replaces what stands between <!-- marker:start --> and <!-- marker:end --> in docs/reliability.md."""
    start, end = f"<!-- {marker}:start -->", f"<!-- {marker}:end -->"
    doc = open(RELIABILITY_MD).read()
    if start not in doc or end not in doc:
        raise RuntimeError(f"{RELIABILITY_MD} has no {start} … {end} block")
    doc = re.sub(re.escape(start) + ".*?" + re.escape(end), lambda _: f"{start}\n{text.strip()}\n{end}", doc,
                 flags=re.S)
    with open(RELIABILITY_MD, "w") as f:
        f.write(doc)
    print(f"wrote the result into {RELIABILITY_MD}", file=sys.stderr)


def mib(n):
    return "—" if n is None else f"{n / (1 << 20):.1f}"
