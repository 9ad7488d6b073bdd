"""Runs textmill over the damaged corpus that damaged.py writes, and checks the reliability
claims: every input record gives exactly one output record (a document or a typed error), no
stage panics, nothing hangs, the words that must survive a damaged encoding do, and no document
with prose is emptied. Then each large input runs in a process of its own, for its peak memory
(against its size) and time (against a 4 MB text, for linearity).

    python3 benches/reliability/run_damaged.py [--binary target/release/textmill] [CORPUS]

Exits 1 when a check fails."""
import argparse
import json
import os
import pathlib
import resource
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[2]
parser = argparse.ArgumentParser()
parser.add_argument("corpus", nargs="?", default=str(ROOT / "target" / "damaged"))
parser.add_argument("--binary", default=str(ROOT / "target" / "release" / "textmill"))
parser.add_argument("--timeout", type=float, default=900, help="seconds before a run is a hang")
parser.add_argument("--skip-large", action="store_true")
args = parser.parse_args()
corpus = pathlib.Path(args.corpus)
manifest = json.loads((corpus / "manifest.json").read_text())
failures = []


def run(inputs, output, *extra):
    """Runs `textmill run` in its own process: (exit status, seconds, peak RSS in bytes)."""
    command = [args.binary, "run", *map(str, inputs), "-o", str(output), "-q", *extra]
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = started + args.timeout
    while True:
        pid, status, usage = os.wait4(child.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() > deadline:
            child.kill()
            pid, status, usage = os.wait4(child.pid, 0)
            failures.append(f"hang: {' '.join(command)} ran past {args.timeout:.0f} s")
            break
        time.sleep(0.01)
    stderr = child.stderr.read().decode(errors="replace")
    if "panicked" in stderr:
        failures.append(f"panic: {' '.join(command)}: {stderr[:500]}")
    return os.waitstatus_to_exitcode(status), time.perf_counter() - started, usage.ru_maxrss * 1024


def count_lines(path):
    """Counts the records of an output without holding it: outputs of the large inputs run to
    hundreds of megabytes."""
    lines = 0
    with open(path, "rb") as f:
        while chunk := f.read(1 << 20):
            lines += chunk.count(b"\n")
    return lines


with tempfile.TemporaryDirectory() as tmp:
    tmp = pathlib.Path(tmp)
    # The large inputs run first, while this harness is small: a child's peak RSS (ru_maxrss)
    # starts from the size of the process it was forked from.
    harness = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3
    print(f"harness RSS before the large runs: {harness:.0f} MB")
    if not args.skip_large:
        print(f"{'large input':<40} {'MB':>7} {'status':>6} {'seconds':>8} {'peak MB':>8} {'x size':>7}")
        large = {}
        for name in sorted(n for n in manifest if n.startswith("large/")):
            path = corpus / name
            size = path.stat().st_size
            status, seconds, rss = run([path], tmp / "large.jsonl", "--max-bytes", str(200 << 20))
            lines = count_lines(tmp / "large.jsonl")
            if lines != 1:
                failures.append(f"{name}: {lines} records out, 1 in")
            large[name] = (size, seconds, rss)
            print(f"{name:<40} {size / 1e6:>7.1f} {status:>6} {seconds:>8.2f} {rss / 1e6:>8.0f} "
                  f"{rss / size:>7.1f}")
            if size > 10e6 and rss > 8 * size:
                failures.append(f"{name}: peak memory {rss / size:.1f}x its size (target 8x)")
        small, big = large.get("large/prose-4mb.txt"), large.get("large/prose-50mb.txt")
        if small and big:
            ratio = big[1] / (small[1] * big[0] / small[0])
            print(f"linearity: 50 MB took {ratio:.2f}x the 4 MB time scaled by size (target <= 1.5)")
            if ratio > 1.5:
                failures.append(f"time is not linear in size: {ratio:.2f}x")

    folders = sorted({n.split("/")[0] for n in manifest if not n.startswith("large/")})
    status, seconds, rss = run([corpus / f for f in folders], tmp / "out.jsonl", "--fields", "all")
    if status not in (0, 2):  # 2: some records are error records, as they should be
        failures.append(f"the corpus run ended with status {status}")
    records = [json.loads(line) for line in (tmp / "out.jsonl").read_text().split("\n") if line]
    stats = json.loads((tmp / "out.stats.json").read_text())
    by_file = {}
    for r in records:
        source = r["error"]["input"] if r.get("error") else r["source"]["input"]
        name = pathlib.Path(source).relative_to(corpus.resolve() if pathlib.Path(source).is_absolute() else corpus).as_posix()
        by_file.setdefault(name, []).append(r)
    emptied = []
    for name, want in manifest.items():
        if name.startswith("large/"):
            continue
        got = by_file.get(name, [])
        if len(got) != want["records"]:
            failures.append(f"{name}: {len(got)} records out, {want['records']} in")
        docs = [r for r in got if not r.get("error")]
        for word in want["must_contain"]:
            if not any(word in d["text"] for d in docs):
                failures.append(f"{name}: {word!r} is not in its text (garbled or lost)")
        emptied += [name for d in docs if not d["text"].strip() and d["removed"]]
    panics = stats["errors_by_kind"].get("panic", 0)
    if panics:
        failures.append(f"{panics} records hit a panic")
    times = stats["seconds_per_document"]
    kinds = ", ".join(f"{k} {v}" for k, v in sorted(stats["errors_by_kind"].items()))
    print(f"damaged corpus: {len(manifest) - sum(n.startswith('large/') for n in manifest)} files, "
          f"{len(records)} records out ({stats['documents']} documents, {stats['errors']} error "
          f"records: {kinds}), {panics} panics, status {status}, {seconds:.1f} s, "
          f"peak RSS {rss / 1e6:.0f} MB")
    print(f"  time per document: p50 {times['p50'] * 1e3:.2f} ms, p99 {times['p99'] * 1e3:.1f} ms, "
          f"p99.9 {times['p99.9'] * 1e3:.1f} ms, max {times['max'] * 1e3:.1f} ms ({times['slowest'][:60]})")
    print(f"  emptied documents: {len(emptied)} {emptied[:5]}")

for failure in failures:
    print("FAIL", failure)
print("all checks hold" if not failures else f"{len(failures)} checks failed")
sys.exit(1 if failures else 0)
