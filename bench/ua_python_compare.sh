#!/bin/sh
# Runs Debian's python3-ua-parser (uap-python 0.16, the same uap-core regexes) over the corpus
# bench_useragent uses, for comparison; see docs/benchmarks.md.
#
#   bench/ua_python_compare.sh [test_device.yaml] [passes]
#
# Needs the python3-ua-parser package (apt-get install -y python3-ua-parser), which is for
# Debian's /usr/bin/python3, not whichever python3 comes first on PATH.
set -eu

corpus=${1:-/usr/share/uap-core/tests/test_device.yaml}
passes=${2:-3}
python=/usr/bin/python3

if ! "$python" -c 'import ua_parser' 2>/dev/null; then
    echo "ua_python_compare.sh: python3-ua-parser is not installed (apt-get install -y python3-ua-parser)" >&2
    exit 2
fi

exec "$python" - "$corpus" "$passes" <<'PYTHON'
import resource, sys, time

corpus_path, passes = sys.argv[1], int(sys.argv[2])

# The same text extraction as bench_useragent: '...' with '' for a quote, or "...".
corpus = []
with open(corpus_path, encoding="utf-8") as f:
    for line in f:
        at = line.find("user_agent_string: ")
        if at < 0:
            continue
        value = line[at + len("user_agent_string: "):].rstrip()
        if len(value) >= 2 and value[0] in "'\"":
            quote, value = value[0], value[1:-1]
            if quote == "'":
                value = value.replace("''", "'")
        corpus.append(value)

start = time.perf_counter()
from ua_parser import user_agent_parser as uap  # reads and compiles regexes.yaml
load = time.perf_counter() - start
print(f"python3-ua-parser: corpus {len(corpus)} User-Agents from {corpus_path}")
print(f"load (import, read and compile regexes.yaml): {load * 1e3:.1f} ms")

def cold_pass():
    start = time.perf_counter()
    for ua in corpus:
        uap._ParseUserAgent(ua, {})
        uap._ParseOS(ua, {})
        uap._ParseDevice(ua, {})
    return len(corpus) / (time.perf_counter() - start)

rates = sorted(cold_pass() for _ in range(passes))
print(f"cold (no cache): best {rates[-1]:.0f} /s, median {rates[len(rates) // 2]:.0f} /s")

# Parse() keeps up to MAX_CACHE_SIZE (200) results and empties itself when full: a working set
# that fits, repeated.
working = corpus[:100] * 160
def cached_pass():
    start = time.perf_counter()
    for ua in working:
        uap.Parse(ua)
    return len(working) / (time.perf_counter() - start)

cached_pass()
rates = sorted(cached_pass() for _ in range(passes))
print(f"cached (100 distinct, repeated): best {rates[-1]:.0f} /s, median {rates[len(rates) // 2]:.0f} /s")
print(f"peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.1f} MiB")
PYTHON
