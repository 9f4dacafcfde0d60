#!/usr/bin/env bash
# Performance figures of budget-workbench, measured side by side in one run; writes the
# generated part of docs/performance.md and prints the table.
#
# A tool, not a test: CI runs only `cargo test`; this takes a few minutes on 2 cores.
#
#   scripts/perf.sh            # build release, generate inputs, measure, update the doc
#   PERF_RUNS=10 scripts/perf.sh
#
# Needs: cargo, python3, hyperfine (else repeated runs and the median), jq, GNU time
# (/usr/bin/time). jq and time are installed with apt-get when missing and possible.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}
RUNS=${PERF_RUNS:-5}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/bw-perf.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
DOC=$ROOT/docs/performance.md

say() { printf '\033[1m== %s\033[0m\n' "$*" >&2; }

# ---- tools ----------------------------------------------------------------------------------
missing=()
command -v jq >/dev/null || missing+=(jq)
[ -x /usr/bin/time ] || missing+=(time)
if [ ${#missing[@]} -gt 0 ]; then
    if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
        say "installing ${missing[*]}"
        apt-get install -y -qq "${missing[@]}" >/dev/null
    else
        echo "perf.sh: please install ${missing[*]}" >&2
        exit 1
    fi
fi
HAVE_HYPERFINE=0
command -v hyperfine >/dev/null && HAVE_HYPERFINE=1

# ---- build and inputs -----------------------------------------------------------------------
say "building release (binary and examples/perf_probe)"
cargo build --release --quiet --bin budget-workbench --example perf_probe
BIN=$CARGO_TARGET_DIR/release/budget-workbench
PROBE=$CARGO_TARGET_DIR/release/examples/perf_probe

say "generating the 50 MB and the x100 workspaces"
WS50=$WORK/ws-50mb.json
WS100=$WORK/ws-x100.json
"$BIN" generate --megabytes 50 -o "$WS50" >/dev/null
"$BIN" generate --scale 100 -o "$WS100" >/dev/null
SIZE50=$(stat -c %s "$WS50")
SIZE100=$(stat -c %s "$WS100")

# ---- timing helper: median wall seconds of a command (stdout discarded, exit status ignored) --
# usage: median NAME -- CMD ARGS…   (writes $WORK/t-NAME.txt)
median() {
    local name=$1
    shift 2
    if [ $HAVE_HYPERFINE = 1 ]; then
        hyperfine -N -i --warmup 1 --runs "$RUNS" --style none --output=null \
            --export-json "$WORK/h-$name.json" -- "$(printf '%q ' "$@")" >/dev/null 2>&1
        jq -r '.results[0].median' "$WORK/h-$name.json" >"$WORK/t-$name.txt"
    else
        local i
        for i in $(seq 0 "$RUNS"); do
            local s e
            s=$(date +%s.%N)
            "$@" >/dev/null 2>&1 || true
            e=$(date +%s.%N)
            [ "$i" = 0 ] || echo "$e - $s" | bc -l
        done | sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}' \
            >"$WORK/t-$name.txt"
    fi
}

# Peak resident set (KiB) of a command.
peak() {
    local name=$1
    shift 2
    /usr/bin/time -v "$@" >/dev/null 2>"$WORK/m-$name.txt" || true
    awk -F': ' '/Maximum resident set size/ {print $2}' "$WORK/m-$name.txt" >"$WORK/rss-$name.txt"
}

# ---- 1. load + check of the 50 MB workspace vs python and jq ---------------------------------
say "load + check, 50 MB: budget-workbench vs python3 json.load vs jq ($RUNS runs each)"
median check50 -- "$BIN" check --format json "$WS50"
median summary50 -- "$BIN" summary "$WS50"
median python50 -- python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$WS50"
median jq50 -- jq empty "$WS50"
median check100 -- "$BIN" check --format json "$WS100"
peak check50 -- "$BIN" check --format json "$WS50"
peak python50 -- python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$WS50"
peak jq50 -- jq empty "$WS50"

# ---- 2. keystrokes, frames and bytes ---------------------------------------------------------
say "keystrokes handled + drawn, frame bytes (examples/perf_probe: seed, x100, 50 MB)"
"$PROBE" keys seed= "x100=$WS100" "50MB=$WS50" >"$WORK/keys.tsv"

# ---- 3. start to first frame -----------------------------------------------------------------
say "start to first frame (real binary in a pty; summary; perf_probe first-frame)"
median summaryseed -- "$BIN" summary
median probeframe -- "$PROBE" first-frame
HOME_DIR=$WORK/home
mkdir -p "$HOME_DIR"
PTY_RUNS=$((RUNS * 4))
cat >"$WORK/first_frame.py" <<'PY'
# Starts the real workbench in a 120x40 pseudo-terminal; the time from fork to the end of
# its first frame (the move to the last row, then ratatui's hide-cursor that ends a draw).
import fcntl, os, pty, select, signal, statistics, struct, sys, termios, time

binary, home, runs, file = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
rows, cols = 40, 120
env = dict(os.environ, HOME=home, XDG_CONFIG_HOME=home + "/config",
           BUDGET_WORKBENCH_STATE_DIR=home + "/state", TERM="xterm-256color")
env.pop("NO_COLOR", None)
last_row = f"\x1b[{rows};".encode()
hide = b"\x1b[?25l"

def once():
    t0 = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        args = [binary] + ([file] if file else [])
        os.execve(binary, args, env)
    out = b""
    done = None
    deadline = t0 + 60
    while time.perf_counter() < deadline:
        r, _, _ = select.select([fd], [], [], 0.5)
        if not r:
            continue
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
        i = out.find(last_row)
        if i >= 0 and out.find(hide, i) >= 0:
            done = time.perf_counter() - t0
            break
    os.write(fd, b"q")
    end = time.time() + 5
    while time.time() < end:
        p, _ = os.waitpid(pid, os.WNOHANG)
        if p:
            break
        try:
            if select.select([fd], [], [], 0.05)[0]:
                os.read(fd, 65536)
        except OSError:
            pass
    else:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    os.close(fd)
    return done, len(out)

results = [once() for _ in range(runs)]
times = [t for t, _ in results if t is not None]
if not times:
    print("nan 0 0")
else:
    print(f"{statistics.median(times)} {results[-1][1]} {len(times)}")
PY
python3 "$WORK/first_frame.py" "$BIN" "$HOME_DIR" "$PTY_RUNS" "" >"$WORK/pty-seed.txt"
python3 "$WORK/first_frame.py" "$BIN" "$HOME_DIR" 3 "$WS50" >"$WORK/pty-50.txt"

# ---- report ---------------------------------------------------------------------------------
say "writing $DOC"
python3 - "$WORK" "$DOC" "$SIZE50" "$SIZE100" "$RUNS" "$HAVE_HYPERFINE" <<'PY'
import datetime, os, platform, re, subprocess, sys

work, doc, size50, size100, runs, have_hf = sys.argv[1:7]
size50, size100 = int(size50), int(size100)

def t(name):
    return float(open(f"{work}/t-{name}.txt").read().split()[0])

def rss(name):
    return int(open(f"{work}/rss-{name}.txt").read().strip()) * 1024

keys = {}
for line in open(f"{work}/keys.tsv").read().splitlines()[1:]:
    name, what, term, med, p90, cpu, n, b = line.split("\t")
    keys[(name, what, term)] = (float(med), float(p90), int(n), b, float(cpu))

def k(name, what, term="120x40"):
    return keys[(name, what, term)]

def ms(s):
    return f"{s * 1000:.0f} ms" if s >= 0.1 else f"{s * 1000:.1f} ms"

def us(x):
    return f"{x / 1000:.2f} ms" if x >= 1000 else f"{x:.0f} µs"

def mib(b):
    return f"{b / 1048576:.1f} MiB"

def mark(ok):
    return "met" if ok else "**missed**"

rows = []
def row(what, figure, target, ok, note=""):
    rows.append((what, figure, target, mark(ok) if ok is not None else "—", note))

c50, py50, jq50, sum50 = t("check50"), t("python50"), t("jq50"), t("summary50")
row("load + check 50 MB (`check --format json`)", ms(c50), "≥ 2× faster than python",
    py50 / c50 >= 2, f"python `json.load` {ms(py50)}: {py50 / c50:.2f}×")
row("load + check 50 MB vs jq", ms(c50), "faster than `jq empty`", c50 < jq50,
    f"jq {ms(jq50)}: {jq50 / c50:.2f}×")
row("load + summary 50 MB (`summary`, no check)", ms(sum50), "", None,
    f"check adds ≈ {ms(max(c50 - sum50, 0))}")
row("load + check x100 (`check --format json`)", ms(t("check100")), "", None, mib(size100))
m50 = rss("check50")
row("peak RSS, check 50 MB", mib(m50), "≤ 3× file size", m50 <= 3 * size50,
    f"{m50 / size50:.2f}× the {mib(size50)} file; python {mib(rss('python50'))}, jq {mib(rss('jq50'))}")

def key_rows(what, label):
    seed = k("seed", what)
    big = k("50MB", what)
    x100 = k("x100", what)
    row(f"{label}, seed, 120×40", us(seed[0]), "< 1 ms median", seed[0] < 1000,
        f"CPU {us(seed[4])}; p90 {us(seed[1])}, n={seed[2]}")
    row(f"{label}, x100, 120×40", us(x100[0]), "< 1 ms median", x100[0] < 1000,
        f"CPU {us(x100[4])}; p90 {us(x100[1])}, n={x100[2]}")
    row(f"{label}, 50 MB, 120×40", us(big[0]), "< 1 ms and ≤ 1.2× seed",
        big[0] < 1000 and big[0] <= 1.2 * seed[0],
        f"{big[0] / seed[0]:.2f}× seed; CPU {us(big[4])}; "
        f"handle {us(k('50MB', what + ': handle_key only')[0])}, "
        f"draw {us(k('50MB', what + ': draw only')[0])}; p90 {us(big[1])}, n={big[2]}")
    b200 = k("50MB", what, "200x60")
    row(f"{label}, 50 MB, 200×60", us(b200[0]), "< 1 ms median", b200[0] < 1000,
        f"seed {us(k('seed', what, '200x60')[0])}")

key_rows("key j (move down)", "keystroke `j` handled + drawn")
key_rows("key j on 汇总 (move down)", "keystroke `j` in 汇总 handled + drawn")
key_rows("key 2 (tab switch)", "keystroke `2` (tab switch) handled + drawn")
key_rows("key Enter (edit commit)", "edit commit (Enter) handled + drawn")

full_max = max(int(str(k(n, f"full frame {tab}")[3]).split("-")[-1])
               for n in ("seed", "x100", "50MB")
               for tab in ("Summary", "ThreePublic", "Projects", "Activities", "Findings"))
jb = k("50MB", "key j (move down)")[3]
jmax = max(int(str(k(n, "key j (move down)")[3]).split("-")[-1]) for n in ("seed", "x100", "50MB"))
row("bytes, one-row move `j`, 120×40", f"{jmax} B (max of the sizes)", "≤ 1 KiB", jmax <= 1024,
    "seed " + str(k("seed", "key j (move down)")[3]) + " B, x100 "
    + str(k("x100", "key j (move down)")[3]) + " B, 50 MB " + str(jb) + " B; "
    "`perf_probe dump-j FILE` shows them")
# One full screen: the first (full) draw of the tab the workbench starts on, 汇总, per size.
for n in ("seed", "x100", "50MB"):
    screen = int(str(k(n, "full frame Summary")[3]).split("-")[-1])
    tab = int(str(k(n, "key 2 (tab switch)")[3]).split("-")[-1])
    row(f"bytes, tab switch `2`, {n}, 120×40", f"{tab} B", "≤ one full screen", tab <= screen,
        f"one full screen = first full draw (汇总) of this size: {screen} B; "
        f"largest full draw of any tab: {full_max} B")
pty_t, pty_bytes, pty_n = open(f"{work}/pty-seed.txt").read().split()
pty50_t, pty50_bytes, pty50_n = open(f"{work}/pty-50.txt").read().split()
pty_t, pty50_t = float(pty_t), float(pty50_t)
row("start → first frame, embedded sample (real binary in a 120×40 pty)", ms(pty_t), "< 30 ms",
    pty_t < 0.030, f"median of {pty_n}; {pty_bytes} B written to the terminal")
row("process start → exit, `perf_probe first-frame` (load, App::new, one frame)",
    ms(t("probeframe")), "< 30 ms", t("probeframe") < 0.030, "whole process, no terminal")
row("process start → exit, `budget-workbench summary` (lower bound)", ms(t("summaryseed")),
    "", None, "load + summary of the embedded sample")
row("start → first frame, 50 MB file (real binary in a pty)", ms(pty50_t), "", None,
    f"median of {pty50_n}")

cpu = "unknown"
for line in open("/proc/cpuinfo"):
    if line.startswith("model name"):
        cpu = line.split(":", 1)[1].strip()
        break
ncpu = os.cpu_count()
try:
    rustc = subprocess.run(["rustc", "--version"], capture_output=True, text=True).stdout.strip()
except OSError:
    rustc = "rustc ?"
now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
tool = "hyperfine (median)" if have_hf == "1" else "repeated runs (median)"

out = []
out.append(f"Measured {now} on {ncpu} cores ({cpu}), {platform.system()} {platform.release()}, "
           f"{rustc}; release profile. Timings of whole processes: {tool}, {runs} runs after one "
           f"warm-up. Inputs: `generate --megabytes 50` ({mib(size50)}) and `generate --scale 100` "
           f"({mib(size100)}), seed 1. Load average at the end of the run: "
           f"{os.getloadavg()[0]:.1f} (over {ncpu} cores, other processes' work inflates wall "
           f"times; the probe's CPU-time figures are this thread's only).")
out.append("")
out.append("| What | Figure | Target | Status | Notes |")
out.append("|---|---|---|---|---|")
for r in rows:
    out.append("| " + " | ".join(r) + " |")
out.append("")
out.append("Raw probe output (`perf_probe keys`, µs; `bytes` is bytes written, or a count where said):")
out.append("")
out.append("```")
out.append(open(f"{work}/keys.tsv").read().rstrip())
out.append("```")
generated = "\n".join(out)

begin, end = "<!-- perf.sh:begin -->", "<!-- perf.sh:end -->"
text = open(doc).read() if os.path.exists(doc) else f"# Performance\n\n{begin}\n{end}\n"
if begin not in text:
    text += f"\n{begin}\n{end}\n"
pre, rest = text.split(begin, 1)
_, post = rest.split(end, 1)
open(doc, "w").write(f"{pre}{begin}\n{generated}\n{end}{post}")

w = [max(len(r[i]) for r in rows) for i in range(4)]
for r in rows:
    print(f"{r[0]:<{w[0]}}  {r[1]:>{w[1]}}  {r[2]:<{w[2]}}  {r[3]:<{w[3]}}  {r[4]}")
PY
