// How fast UserAgentParser starts and parses, and what it costs in memory; see
// docs/benchmarks.md. Single thread, over uap-core's test_device.yaml (16,111 User-Agents).
//
//   bench_useragent [test_device.yaml] [passes]

#include "recognition/UserAgentParser.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <malloc.h>
#include <string>
#include <sys/resource.h>
#include <vector>

#ifndef VIGIE_UAP_TESTS_DIR_DEFAULT
#define VIGIE_UAP_TESTS_DIR_DEFAULT "/usr/share/uap-core/tests"
#endif

namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point start)
{
    return std::chrono::duration<double>(Clock::now() - start).count();
}

double threadCpuSeconds()
{
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return double(t.tv_sec) + double(t.tv_nsec) * 1e-9;
}

double heapMiB()
{
    const struct mallinfo2 m = mallinfo2();
    return double(m.uordblks + m.hblkhd) / (1024.0 * 1024.0);
}

double peakRssMiB()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return double(u.ru_maxrss) / 1024.0;
}

// The user_agent_string values of a uap-core test file, read as text (a YAML parser would
// dwarf the parser's own memory): '...' with '' for a quote, or "..." (no escapes are used).
std::vector<std::string> readCorpus(const std::string& path)
{
    std::vector<std::string> out;
    std::ifstream in(path);
    std::string line;
    const std::string key = "user_agent_string: ";
    while (std::getline(in, line)) {
        const size_t at = line.find(key);
        if (at == std::string::npos)
            continue;
        std::string value = line.substr(at + key.size());
        while (!value.empty() && (value.back() == ' ' || value.back() == '\r'))
            value.pop_back();
        if (value.size() >= 2 && (value.front() == '\'' || value.front() == '"')) {
            const char quote = value.front();
            value = value.substr(1, value.size() - 2);
            if (quote == '\'')
                for (size_t i = value.find("''"); i != std::string::npos; i = value.find("''", i + 1))
                    value.erase(i, 1);
        }
        out.push_back(value);
    }
    return out;
}

struct Pass
{
    double wall;
    double cpu;
};

Pass run(const vigie::UserAgentParser& parser, const std::vector<std::string>& corpus, size_t& sink)
{
    const auto start = Clock::now();
    const double cpu = threadCpuSeconds();
    for (const std::string& ua : corpus)
        sink += parser.parse(ua).deviceType.size();
    return {secondsSince(start), threadCpuSeconds() - cpu};
}

void report(const char* what, const std::vector<Pass>& passes, size_t perPass)
{
    std::vector<double> wall;
    std::vector<double> cpu;
    for (const Pass& p : passes) {
        wall.push_back(double(perPass) / p.wall);
        cpu.push_back(double(perPass) / p.cpu);
    }
    std::sort(wall.begin(), wall.end());
    std::sort(cpu.begin(), cpu.end());
    std::printf("%-34s best %9.0f /s  median %9.0f /s  (per CPU second: best %9.0f, median %9.0f)\n", what,
                wall.back(), wall[wall.size() / 2], cpu.back(), cpu[cpu.size() / 2]);
}

} // namespace

int main(int argc, char** argv)
{
    const std::string corpusPath =
        argc > 1 ? argv[1] : std::string(VIGIE_UAP_TESTS_DIR_DEFAULT) + "/test_device.yaml";
    const int passes = argc > 2 ? std::max(1, std::atoi(argv[2])) : 7;

    const std::vector<std::string> corpus = readCorpus(corpusPath);
    if (corpus.empty()) {
        std::fprintf(stderr, "bench_useragent: no User-Agents in %s\n", corpusPath.c_str());
        return 2;
    }
    const double heapBefore = heapMiB();
    std::printf("corpus: %zu User-Agents from %s\n", corpus.size(), corpusPath.c_str());

    auto start = Clock::now();
    const auto parser = vigie::UserAgentParser::load();
    const double loadSeconds = secondsSince(start);
    std::printf("load (read regexes.yaml, build the prefilters): %.1f ms, heap +%.1f MiB\n",
                loadSeconds * 1e3, heapMiB() - heapBefore);

    size_t sink = 0;
    parser->setCacheEnabled(false);
    const Pass first = run(*parser, corpus, sink);
    std::printf("cold, first pass (compiles the rules it needs): %9.0f /s\n",
                double(corpus.size()) / first.wall);
    std::vector<Pass> cold;
    for (int i = 0; i < passes; ++i)
        cold.push_back(run(*parser, corpus, sink));
    report("cold (cache off), later passes", cold, corpus.size());
    std::printf("heap for the parser after these passes: %.1f MiB\n", heapMiB() - heapBefore);

    start = Clock::now();
    const int failed = parser->compileAll();
    std::printf("compiling the rules not used yet, checking every pattern: %.1f ms (%d failed)\n",
                secondsSince(start) * 1e3, failed);
    std::printf("heap for the parser, every rule compiled: %.1f MiB\n", heapMiB() - heapBefore);

    // The cache holds 8,192 results: measure it on a working set that fits, as a server's
    // stream of sign-ins from the same browsers would be.
    parser->setCacheEnabled(true);
    const std::vector<std::string> workingSet(corpus.begin(),
                                              corpus.begin() + std::min<size_t>(1000, corpus.size()));
    std::vector<std::string> repeated;
    for (int i = 0; i < 16; ++i)
        repeated.insert(repeated.end(), workingSet.begin(), workingSet.end());
    run(*parser, workingSet, sink);
    std::vector<Pass> cached;
    for (int i = 0; i < passes; ++i)
        cached.push_back(run(*parser, repeated, sink));
    report("cached (1,000 distinct, repeated)", cached, repeated.size());

    std::vector<Pass> misses;
    for (int i = 0; i < std::min(passes, 3); ++i)
        misses.push_back(run(*parser, corpus, sink));
    report("cache on, all 16,111 (mostly misses)", misses, corpus.size());

    std::printf("peak RSS of this process: %.1f MiB\n", peakRssMiB());
    return sink == 0 ? 1 : 0;
}
