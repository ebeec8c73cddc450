#include "recognition/ua/UapCore.h"

#include "recognition/ua/AtomFilter.h"
#include "recognition/ua/PatternRewriter.h"

#include <algorithm>
#include <deque>
#include <fstream>
#include <mutex>
#include <re2/re2.h>
#include <re2/set.h>
#include <stdexcept>
#include <vector>
#include <yaml-cpp/yaml.h>

namespace vigie::ua {

namespace {

// Candidates are found in one pass of an RE2::Set over the text: the set holds the literal
// strings ("atoms") the section's rules need (see AtomFilter.h), and the atoms found tell which
// rules can match. A set of the rules' patterns themselves, as relaxed as they may be, needed
// a DFA cache of more than 50 MB to run fast on the device section (each rule that has seen its
// first characters stays alive in the DFA's states); a set of literals runs fast within 8 MB.
constexpr size_t kMinAtomLength = 2;

// Memory budgets: a set's DFA cache, and each rule's regexes (program and DFA caches). RE2
// drops and rebuilds a full cache, so these bound memory and cost only speed when exceeded.
constexpr int64_t kSetMaxMem = 8 << 20;
constexpr int64_t kRuleMaxMem = 512 << 10;

constexpr int kMaxReplacementGroup = 9; // $1..$9, as uap-python

// uap-python trims replacements with \s.
bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

re2::RE2::Options regexOptions(int64_t maxMem)
{
    re2::RE2::Options options;
    options.set_log_errors(false);
    options.set_max_mem(maxMem);
    return options;
}

size_t utf8Length(re2::StringPiece s)
{
    return static_cast<size_t>(std::count_if(
        s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xc0) != 0x80; }));
}

// The original pattern's groups 0..9, whichever regex found them.
using Groups = std::array<re2::StringPiece, kMaxReplacementGroup + 1>;

} // namespace

struct UapCore::Rule
{
    std::string pattern; // as written, with (?i) in front for regex_flag: 'i'
    RewrittenPattern rewritten;
    int groupCount = 0; // the original pattern's capturing groups
    // Section order: family, v1..v4 replacements; for devices: device, brand, model.
    std::array<std::optional<std::string>, 5> replacements;

    // Compiled on first use: the prefilter means many rules are rarely or never run.
    mutable std::once_flag extractionOnce;
    mutable std::unique_ptr<re2::RE2> extraction;
    mutable std::once_flag exactOnce;
    mutable std::unique_ptr<re2::RE2> exact;

    const re2::RE2& extractionRegex() const
    {
        std::call_once(extractionOnce, [this] {
            extraction = std::make_unique<re2::RE2>(rewritten.extraction, regexOptions(kRuleMaxMem));
        });
        return *extraction;
    }

    const re2::RE2& exactRegex() const
    {
        std::call_once(exactOnce,
                       [this] { exact = std::make_unique<re2::RE2>(pattern, regexOptions(8 << 20)); });
        return *exact;
    }

    // Matches the rule against the text, filling the original pattern's groups.
    bool match(std::string_view text, Groups& groups) const
    {
        const re2::StringPiece piece(text.data(), text.size());
        if (const re2::RE2& extraction = extractionRegex(); extraction.ok()) {
            thread_local std::vector<re2::StringPiece> found;
            found.resize(static_cast<size_t>(extraction.NumberOfCapturingGroups()) + 1);
            if (!extraction.Match(piece, 0, text.size(), re2::RE2::UNANCHORED, found.data(),
                                  static_cast<int>(found.size())))
                return false;
            bool withinBounds = true;
            for (const auto& bound : rewritten.bounds) {
                const auto& run = found[static_cast<size_t>(bound.group)];
                if (run.data() && utf8Length(run) > static_cast<size_t>(bound.maxChars))
                    withinBounds = false;
            }
            if (withinBounds) {
                for (int k = 0; k <= groupCount; ++k)
                    groups[k] = found[static_cast<size_t>(rewritten.groupIndex[k])];
                return true;
            }
        }
        // A run longer than uap-core's bound: only the pattern as written can say. Rare, so its
        // larger program is compiled only then.
        const re2::RE2& exact = exactRegex();
        return exact.ok() &&
               exact.Match(piece, 0, text.size(), re2::RE2::UNANCHORED, groups.data(), groupCount + 1);
    }
};

struct UapCore::RuleSet
{
    std::deque<Rule> rules;
    AtomFilter filter{kMinAtomLength};
    std::unique_ptr<re2::RE2::Set> atoms; // the filter's atoms, in atom id order
};

namespace {

struct SectionSpec
{
    const char* name;
    std::array<const char*, 5> replacementKeys;
};

constexpr SectionSpec kSpecs[] = {
    {"user_agent_parsers",
     {"family_replacement", "v1_replacement", "v2_replacement", "v3_replacement", "v4_replacement"}},
    {"os_parsers",
     {"os_replacement", "os_v1_replacement", "os_v2_replacement", "os_v3_replacement", "os_v4_replacement"}},
    {"device_parsers", {"device_replacement", "brand_replacement", "model_replacement", nullptr, nullptr}},
};

Field group(const Groups& groups, int count, int index)
{
    if (index > count || groups[index].data() == nullptr || groups[index].empty())
        return std::nullopt;
    return std::string(groups[index].data(), groups[index].size());
}

// uap-python's MultiReplace: $1..$9 become the groups (unmatched or missing ones vanish), the
// result is trimmed, and an empty result is null. A replacement without $n is a literal.
Field substitute(const std::string& replacement, const Groups& groups, int count)
{
    std::string out;
    out.reserve(replacement.size() + 16);
    for (size_t i = 0; i < replacement.size(); ++i) {
        const char c = replacement[i];
        if (c == '$' && i + 1 < replacement.size() && replacement[i + 1] >= '0' &&
            replacement[i + 1] <= '9') {
            const int index = replacement[++i] - '0';
            if (index >= 1 && index <= count && groups[index].data() != nullptr)
                out.append(groups[index].data(), groups[index].size());
        } else {
            out += c;
        }
    }
    size_t begin = 0;
    size_t end = out.size();
    while (begin < end && isSpace(out[begin]))
        ++begin;
    while (end > begin && isSpace(out[end - 1]))
        --end;
    if (begin == end)
        return std::nullopt;
    return out.substr(begin, end - begin);
}

// The fields a matched rule gives, with uap-python's semantics; nullopt when the family comes
// out empty (uap-python then goes on to the next rule).
std::optional<Fields> fieldsOf(UapCore::Section section,
                               const std::array<std::optional<std::string>, 5>& repl, const Groups& groups,
                               int count)
{
    Fields f;
    f[0] = repl[0] ? substitute(*repl[0], groups, count) : group(groups, count, 1);
    if (!f[0])
        return std::nullopt;
    if (section == UapCore::Section::Device) {
        f[1] = repl[1] ? substitute(*repl[1], groups, count) : std::nullopt;
        f[2] = repl[2] ? substitute(*repl[2], groups, count) : group(groups, count, 1);
    } else {
        for (int k = 1; k < 5; ++k)
            f[k] = repl[k] ? substitute(*repl[k], groups, count) : group(groups, count, k + 1);
    }
    return f;
}

} // namespace

UapCore::UapCore() = default;
UapCore::~UapCore() = default;

std::unique_ptr<UapCore> UapCore::load(const std::string& path)
{
    if (!std::ifstream(path))
        throw std::runtime_error("cannot read the user-agent regexes file " + path);

    YAML::Node root;
    try {
        root = YAML::LoadFile(path);
    } catch (const YAML::Exception& e) {
        throw std::runtime_error("invalid user-agent regexes file " + path + ": " + e.msg + " at line " +
                                 std::to_string(e.mark.line + 1));
    }
    if (!root.IsMap())
        throw std::runtime_error("invalid user-agent regexes file " + path + ": not a YAML mapping");

    std::unique_ptr<UapCore> core(new UapCore);
    for (size_t s = 0; s < 3; ++s) {
        const SectionSpec& spec = kSpecs[s];
        const std::string where = "invalid user-agent regexes file " + path + ": " + spec.name;
        const YAML::Node list = root[spec.name];
        if (!list.IsSequence())
            throw std::runtime_error(where + " is missing or not a list");

        auto rs = std::make_unique<RuleSet>();
        for (size_t i = 0; i < list.size(); ++i) {
            const auto fail = [&](const std::string& why) {
                throw std::runtime_error(where + "[" + std::to_string(i) + "]: " + why);
            };
            const YAML::Node entry = list[i];
            if (!entry.IsMap() || !entry["regex"] || !entry["regex"].IsScalar())
                fail("no regex");
            Rule& rule = rs->rules.emplace_back();
            try {
                rule.pattern = entry["regex"].as<std::string>();
                if (const YAML::Node flag = entry["regex_flag"]; flag && flag.IsScalar()) {
                    if (flag.as<std::string>() != "i")
                        fail("unknown regex_flag '" + flag.as<std::string>() + "'");
                    rule.pattern.insert(0, "(?i)");
                }
                for (size_t k = 0; k < 5; ++k) {
                    if (!spec.replacementKeys[k])
                        continue;
                    const YAML::Node r = entry[spec.replacementKeys[k]];
                    if (r && r.IsScalar())
                        rule.replacements[k] = r.as<std::string>();
                }
            } catch (const YAML::Exception& e) {
                fail(e.msg);
            }
            try {
                rule.rewritten = rewritePattern(rule.pattern);
            } catch (const std::runtime_error& e) {
                fail(e.what());
            }
            rule.groupCount =
                std::min(static_cast<int>(rule.rewritten.groupIndex.size()) - 1, kMaxReplacementGroup);

            // The relaxed form parses exactly when the pattern does (bounds aside, which the
            // rewriter checks), and compiles in a fraction of the time: a bad file fails here.
            if (re2::RE2(rule.rewritten.fullyRelaxed, regexOptions(kRuleMaxMem)).ok()) {
                rs->filter.add(rule.rewritten.fullyRelaxed);
            } else if (const re2::RE2 exact(rule.pattern, regexOptions(8 << 20)); exact.ok()) {
                rs->filter.add(rule.pattern); // a rewriter blind spot: correct, if slower
            } else {
                fail("bad regex '" + rule.pattern + "': " + exact.error());
            }
        }

        rs->filter.buildIndex();
        // Atoms are lower-case; matching them case-insensitively also covers the rules written
        // case-sensitively, which is all a prefilter needs.
        auto options = regexOptions(kSetMaxMem);
        options.set_case_sensitive(false);
        rs->atoms = std::make_unique<re2::RE2::Set>(options, re2::RE2::UNANCHORED);
        for (const std::string& atom : rs->filter.atoms())
            rs->atoms->Add(re2::RE2::QuoteMeta(atom), nullptr);
        if (!rs->atoms->Compile())
            throw std::runtime_error(std::string("cannot compile the user-agent regexes' ") + spec.name +
                                     ": out of memory");
        core->m_sets[s] = std::move(rs);
    }
    return core;
}

const UapCore::RuleSet& UapCore::set(Section section) const
{
    return *m_sets[static_cast<size_t>(section)];
}

int UapCore::compileAll() const
{
    // The patterns as written are only checked: they are needed for rare texts, and compiled
    // they would take more memory than everything else together.
    int failed = 0;
    for (const auto& rs : m_sets)
        for (const Rule& rule : rs->rules)
            failed +=
                rule.extractionRegex().ok() && re2::RE2(rule.pattern, regexOptions(8 << 20)).ok() ? 0 : 1;
    return failed;
}

Fields UapCore::match(Section section, std::string_view text) const
{
    const RuleSet& rs = set(section);
    thread_local std::vector<int> atomsFound;
    thread_local std::vector<int> candidates;
    atomsFound.clear();
    re2::RE2::Set::ErrorInfo error{re2::RE2::Set::kNoError};
    const bool found = rs.atoms->Match(re2::StringPiece(text.data(), text.size()), &atomsFound, &error);
    if (!found && error.kind != re2::RE2::Set::kNoError) {
        // The set's DFA gave up on this text: try every rule, slowly but right.
        candidates.resize(rs.rules.size());
        for (size_t i = 0; i < candidates.size(); ++i)
            candidates[i] = static_cast<int>(i);
    } else {
        rs.filter.candidates(atomsFound, candidates);
    }

    // Candidates come in file order: uap-core's rule is that the first match wins.
    Groups groups;
    for (const int index : candidates) {
        const Rule& rule = rs.rules[static_cast<size_t>(index)];
        groups.fill(re2::StringPiece());
        if (!rule.match(text, groups))
            continue;
        if (auto fields = fieldsOf(section, rule.replacements, groups, rule.groupCount))
            return *fields;
    }
    return {};
}

} // namespace vigie::ua
