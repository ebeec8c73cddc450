#include "recognition/ua/AtomFilter.h"

#include <algorithm>
#include <cctype>
#include <optional>

namespace vigie::ua {

namespace {

// Above this many strings, an exact set becomes a formula (as in RE2's prefilter).
constexpr size_t kMaxExactStrings = 16;
// A class of more characters than this matches "anything" as far as atoms go.
constexpr size_t kMaxClassCharacters = 4;

constexpr int kAny = 0; // the node every AtomFilter starts with

std::vector<std::string> sortedUnique(std::vector<std::string> v)
{
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
    return v;
}

char lower(char c)
{
    return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}

} // namespace

// What is known about the texts a piece of pattern matches: either exactly the strings it
// matches (few, short), or a formula its matches satisfy and the strings they start with.
struct AtomFilter::Info
{
    bool exact = false;
    std::vector<std::string> strings;
    int formula = kAny;
    std::vector<std::string> prefixes{""}; // when inexact; {""} when unknown

    static Info any() { return {}; }
    static Info exactly(std::vector<std::string> s) { return {true, sortedUnique(std::move(s)), kAny, {}}; }
    static Info empty() { return exactly({""}); }
    static Info inexact(int formula, std::vector<std::string> prefixes = {""})
    {
        return {false, {}, formula, sortedUnique(std::move(prefixes))};
    }

    const std::vector<std::string>& starts() const { return exact ? strings : prefixes; }
};

namespace {

// Every a + b, or nullopt when there would be too many.
std::optional<std::vector<std::string>> product(const std::vector<std::string>& a,
                                                const std::vector<std::string>& b)
{
    if (a.size() * b.size() > kMaxExactStrings)
        return std::nullopt;
    std::vector<std::string> out;
    for (const auto& x : a)
        for (const auto& y : b)
            out.push_back(x + y);
    return sortedUnique(std::move(out));
}

// Drops the strings that end with another of the set: "text has one of them followed by X"
// implies the same for the shorter ones, so nothing is lost, and products stay small.
std::vector<std::string> withoutLongerEndings(std::vector<std::string> v)
{
    std::vector<std::string> out;
    for (const auto& s : v) {
        const bool redundant = std::any_of(v.begin(), v.end(), [&](const std::string& t) {
            return t.size() < s.size() && s.compare(s.size() - t.size(), t.size(), t) == 0;
        });
        if (!redundant)
            out.push_back(s);
    }
    return out;
}

} // namespace

class AtomFilter::Parser
{
public:
    Parser(AtomFilter& filter, std::string_view re) : m_filter(filter), m_re(re) {}

    Info parse()
    {
        Info info = alternation();
        // Anything left over (an unbalanced ')') is not understood: claim nothing.
        return m_pos < m_re.size() ? Info::any() : info;
    }

private:
    bool atEnd() const { return m_pos >= m_re.size(); }
    char peek() const { return atEnd() ? '\0' : m_re[m_pos]; }

    Info alternation()
    {
        Info result = concatenation();
        while (peek() == '|') {
            ++m_pos;
            Info branch = concatenation();
            std::vector<std::string> both = result.starts();
            both.insert(both.end(), branch.starts().begin(), branch.starts().end());
            if (result.exact && branch.exact && both.size() <= kMaxExactStrings) {
                result = Info::exactly(std::move(both));
            } else {
                const int formula =
                    m_filter.combine(Node::Or, m_filter.toFormula(result), m_filter.toFormula(branch));
                result = Info::inexact(formula,
                                       both.size() <= kMaxExactStrings ? both : std::vector<std::string>{""});
            }
        }
        return result;
    }

    // Runs of exact pieces are joined into strings (so "Build" is one atom, not five letters),
    // and a run ending before an inexact piece is joined to the characters that piece must start
    // with: "AP[78][0-9]+" gives the atoms "ap7" and "ap8" rather than "ap", which every
    // "AppleWebKit" contains. A run also ends when its strings would be too many.
    Info concatenation()
    {
        std::vector<std::string> run{""};
        int formula = kAny;
        bool inexact = false;
        std::optional<std::vector<std::string>> starts;
        const auto endRun = [&](const std::vector<std::string>& next) {
            if (!starts)
                starts = product(run, next).value_or(run);
            const auto joined = product(withoutLongerEndings(run), next);
            formula =
                m_filter.combine(Node::And, formula, m_filter.toFormula(Info::exactly(joined.value_or(run))));
            run = {""};
        };
        while (!atEnd() && peek() != '|' && peek() != ')') {
            const Info piece = repetition();
            if (!piece.exact) {
                endRun(piece.prefixes);
                formula = m_filter.combine(Node::And, formula, piece.formula);
                inexact = true;
                continue;
            }
            auto joined = product(run, piece.strings);
            if (!joined) {
                endRun({""});
                inexact = true;
                joined = piece.strings;
            }
            run = std::move(*joined);
        }
        if (!inexact)
            return Info::exactly(std::move(run));
        endRun({""});
        return Info::inexact(formula, *starts);
    }

    Info repetition()
    {
        Info info = atom();
        while (!atEnd()) {
            long min = 0;
            std::optional<long> max;
            const char c = peek();
            if (c == '*') {
                ++m_pos;
            } else if (c == '+') {
                min = 1;
                ++m_pos;
            } else if (c == '?') {
                max = 1;
                ++m_pos;
            } else if (c == '{' && counted(min, max)) {
            } else {
                break;
            }
            if (peek() == '?') // lazy
                ++m_pos;
            if (min == 0 && max == 1 && info.exact && info.strings.size() < kMaxExactStrings) {
                info.strings.push_back("");
                info = Info::exactly(std::move(info.strings));
            } else if (min == 0) {
                info = Info::any();
            } else if (!(max && *max == 1)) {
                // At least one occurrence, so it starts the same way.
                info = Info::inexact(m_filter.toFormula(info), info.starts());
            }
        }
        return info;
    }

    // {n}, {n,} or {n,m} at the current position; leaves it alone (a literal '{') otherwise.
    bool counted(long& min, std::optional<long>& max)
    {
        size_t j = m_pos + 1;
        const auto number = [&](long& value) {
            const size_t start = j;
            value = 0;
            while (j < m_re.size() && std::isdigit(static_cast<unsigned char>(m_re[j])) && j - start < 7)
                value = value * 10 + (m_re[j++] - '0');
            return j > start;
        };
        if (!number(min) || j >= m_re.size())
            return false;
        if (m_re[j] == '}') {
            max = min;
        } else if (m_re[j] == ',') {
            ++j;
            long hi = 0;
            if (number(hi))
                max = hi;
            if (j >= m_re.size() || m_re[j] != '}')
                return false;
        } else {
            return false;
        }
        m_pos = j + 1;
        return true;
    }

    Info atom()
    {
        const char c = m_re[m_pos];
        if (c == '(')
            return group();
        if (c == '[')
            return characterClass();
        if (c == '\\')
            return escape();
        ++m_pos;
        if (c == '.')
            return Info::any();
        if (c == '^' || c == '$')
            return Info::empty();
        if (c == '*' || c == '+' || c == '?' || c == '{')
            return c == '{' ? Info::exactly({"{"}) : Info::any(); // stray: RE2 would reject it
        if (static_cast<unsigned char>(c) >= 0x80) {
            size_t end = m_pos;
            while (end < m_re.size() && (static_cast<unsigned char>(m_re[end]) & 0xc0) == 0x80)
                ++end;
            std::string character(m_re.substr(m_pos - 1, end - m_pos + 1));
            m_pos = end;
            return Info::exactly({character});
        }
        return Info::exactly({std::string(1, lower(c))});
    }

    Info group()
    {
        ++m_pos; // '('
        if (peek() == '?') {
            if (m_re.substr(m_pos, 3) == "?P<") {
                const size_t end = m_re.find('>', m_pos);
                if (end == std::string_view::npos)
                    return unknown();
                m_pos = end + 1;
            } else {
                size_t j = m_pos + 1;
                while (j < m_re.size() && m_re[j] != ':' && m_re[j] != ')')
                    ++j;
                if (j >= m_re.size())
                    return unknown();
                m_pos = j + 1;
                if (m_re[j] == ')')
                    return Info::empty(); // (?i): flags only; atoms are case-insensitive anyway
            }
        }
        Info inner = alternation();
        if (peek() != ')')
            return unknown();
        ++m_pos;
        return inner;
    }

    // One character of an escape sequence, or nullopt when it stands for a class or an assertion.
    std::optional<char> escapedCharacter(bool& assertion)
    {
        assertion = false;
        ++m_pos; // '\'
        if (atEnd())
            return std::nullopt;
        const char d = m_re[m_pos++];
        switch (d) {
        case 'n':
            return '\n';
        case 't':
            return '\t';
        case 'r':
            return '\r';
        case 'f':
            return '\f';
        case 'v':
            return '\v';
        case 'a':
            return '\a';
        case 'b':
        case 'B':
        case 'A':
        case 'z':
            assertion = true;
            return std::nullopt;
        case 'x': {
            std::string hex;
            if (peek() == '{') {
                const size_t end = m_re.find('}', m_pos);
                if (end == std::string_view::npos)
                    return std::nullopt;
                hex = m_re.substr(m_pos + 1, end - m_pos - 1);
                m_pos = end + 1;
            } else {
                hex = m_re.substr(m_pos, 2);
                m_pos = std::min(m_pos + 2, m_re.size());
            }
            const long value = std::strtol(hex.c_str(), nullptr, 16);
            if (value <= 0 || value >= 0x80)
                return std::nullopt;
            return static_cast<char>(value);
        }
        case 'p':
        case 'P':
            if (peek() == '{') {
                const size_t end = m_re.find('}', m_pos);
                m_pos = end == std::string_view::npos ? m_re.size() : end + 1;
            } else if (!atEnd()) {
                ++m_pos;
            }
            return std::nullopt;
        default:
            if (std::isalnum(static_cast<unsigned char>(d)))
                return std::nullopt; // \d, \w, \s, \C, octal...: a class of sorts
            return d;
        }
    }

    Info escape()
    {
        if (m_re.substr(m_pos, 2) == "\\Q") {
            const size_t end = m_re.find("\\E", m_pos + 2);
            std::string text(
                m_re.substr(m_pos + 2, (end == std::string_view::npos ? m_re.size() : end) - m_pos - 2));
            m_pos = end == std::string_view::npos ? m_re.size() : end + 2;
            std::transform(text.begin(), text.end(), text.begin(), lower);
            return Info::exactly({text});
        }
        bool assertion = false;
        const auto c = escapedCharacter(assertion);
        if (assertion)
            return Info::empty();
        if (!c)
            return Info::any();
        return Info::exactly({std::string(1, lower(*c))});
    }

    Info characterClass()
    {
        ++m_pos; // '['
        bool negated = false;
        if (peek() == '^') {
            negated = true;
            ++m_pos;
        }
        std::vector<std::string> characters;
        bool big = negated;
        bool first = true;
        while (!atEnd() && (peek() != ']' || first)) {
            first = false;
            std::optional<char> from;
            if (m_re.substr(m_pos, 2) == "[:") {
                const size_t end = m_re.find(":]", m_pos);
                m_pos = end == std::string_view::npos ? m_re.size() : end + 2;
                big = true;
                continue;
            }
            if (peek() == '\\') {
                bool assertion = false;
                from = escapedCharacter(assertion);
                if (!from) {
                    big = true;
                    continue;
                }
            } else if (static_cast<unsigned char>(peek()) >= 0x80) {
                ++m_pos;
                big = true;
                continue;
            } else {
                from = m_re[m_pos++];
            }
            char to = *from;
            if (peek() == '-' && m_pos + 1 < m_re.size() && m_re[m_pos + 1] != ']') {
                ++m_pos;
                if (peek() == '\\') {
                    bool assertion = false;
                    const auto end = escapedCharacter(assertion);
                    if (!end) {
                        big = true;
                        continue;
                    }
                    to = *end;
                } else if (static_cast<unsigned char>(peek()) >= 0x80) {
                    big = true;
                    ++m_pos;
                    continue;
                } else {
                    to = m_re[m_pos++];
                }
            }
            if (to < *from || to - *from >= static_cast<int>(kMaxClassCharacters)) {
                big = true;
                continue;
            }
            for (char ch = *from; ch <= to && ch >= *from; ++ch)
                characters.emplace_back(1, lower(ch));
        }
        if (atEnd())
            return unknown();
        ++m_pos; // ']'
        characters = sortedUnique(std::move(characters));
        if (big || characters.empty() || characters.size() > kMaxClassCharacters)
            return Info::any();
        return Info::exactly(std::move(characters));
    }

    Info unknown()
    {
        m_pos = m_re.size();
        return Info::any();
    }

    AtomFilter& m_filter;
    std::string_view m_re;
    size_t m_pos = 0;
};

AtomFilter::AtomFilter(size_t minAtomLength) : m_minAtomLength(minAtomLength)
{
    m_nodes.push_back(Node{}); // kAny
}

int AtomFilter::atomId(const std::string& atom)
{
    auto [it, added] = m_atomIds.emplace(atom, static_cast<int>(m_atoms.size()));
    if (added)
        m_atoms.push_back(atom);
    return it->second;
}

int AtomFilter::node(Node n)
{
    m_nodes.push_back(std::move(n));
    return static_cast<int>(m_nodes.size()) - 1;
}

int AtomFilter::toFormula(const Info& info)
{
    if (!info.exact)
        return info.formula;
    // Containing "ab" is implied by containing "xaby": keep the shortest strings only.
    std::vector<std::string> needed;
    for (const std::string& s : info.strings)
        if (std::none_of(info.strings.begin(), info.strings.end(), [&](const std::string& t) {
                return t.size() < s.size() && s.find(t) != std::string::npos;
            }))
            needed.push_back(s);
    int result = -1;
    for (const std::string& s : needed) {
        if (s.size() < m_minAtomLength)
            return kAny; // a string too short to look for: nothing can be ruled out
        const int leaf = node(Node{Node::Atom, atomId(s), {}});
        result = result < 0 ? leaf : combine(Node::Or, result, leaf);
    }
    return result < 0 ? kAny : result;
}

int AtomFilter::combine(Node::Kind kind, int a, int b)
{
    if (kind == Node::And && (a == kAny || b == kAny))
        return a == kAny ? b : a;
    if (kind == Node::Or && (a == kAny || b == kAny))
        return kAny;
    Node n{kind, -1, {}};
    for (const int child : {a, b}) {
        if (m_nodes[child].kind == kind)
            n.children.insert(n.children.end(), m_nodes[child].children.begin(),
                              m_nodes[child].children.end());
        else
            n.children.push_back(child);
    }
    return node(std::move(n));
}

void AtomFilter::collectAtoms(int n, std::vector<int>& out) const
{
    const Node& x = m_nodes[n];
    if (x.kind == Node::Atom)
        out.push_back(x.atom);
    for (const int child : x.children)
        collectAtoms(child, out);
}

void AtomFilter::add(std::string_view pattern)
{
    Parser parser(*this, pattern);
    m_ruleFormula.push_back(toFormula(parser.parse()));
    m_indexed = false;
}

// Atoms some of which a text must contain for the formula to hold: for an alternation, those of
// every branch; for a concatenation, those of the part whose atoms the fewest rules use (an
// atom many rules need, such as " build", is one most texts have).
std::vector<int> AtomFilter::keyAtoms(int n, const std::vector<int>& uses) const
{
    const Node& x = m_nodes[n];
    if (x.kind == Node::Atom)
        return {x.atom};
    std::vector<int> best;
    long bestCost = -1;
    for (const int child : x.children) {
        std::vector<int> keys = keyAtoms(child, uses);
        if (x.kind == Node::Or) {
            best.insert(best.end(), keys.begin(), keys.end());
            continue;
        }
        long cost = 0;
        for (const int atom : keys)
            cost += uses[static_cast<size_t>(atom)];
        if (bestCost < 0 || cost < bestCost) {
            bestCost = cost;
            best = std::move(keys);
        }
    }
    return best;
}

void AtomFilter::buildIndex()
{
    std::vector<int> uses(m_atoms.size(), 0);
    for (const int formula : m_ruleFormula) {
        std::vector<int> atoms;
        collectAtoms(formula, atoms);
        std::sort(atoms.begin(), atoms.end());
        atoms.erase(std::unique(atoms.begin(), atoms.end()), atoms.end());
        for (const int atom : atoms)
            ++uses[static_cast<size_t>(atom)];
    }
    m_flat.clear();
    m_flatChildren.clear();
    for (const Node& n : m_nodes) {
        const int begin = static_cast<int>(m_flatChildren.size());
        m_flatChildren.insert(m_flatChildren.end(), n.children.begin(), n.children.end());
        m_flat.push_back({n.kind, n.atom, begin, static_cast<int>(m_flatChildren.size())});
    }
    m_atomRules.assign(m_atoms.size(), {});
    m_alwaysCandidates.clear();
    m_keysDecide.assign(m_ruleFormula.size(), false);
    for (size_t rule = 0; rule < m_ruleFormula.size(); ++rule) {
        if (m_ruleFormula[rule] == kAny) {
            m_alwaysCandidates.push_back(static_cast<int>(rule));
            continue;
        }
        // A formula that is one atom, or a choice of atoms, holds whenever a key atom is found.
        const Node& top = m_nodes[static_cast<size_t>(m_ruleFormula[rule])];
        m_keysDecide[rule] =
            top.kind == Node::Atom ||
            (top.kind == Node::Or && std::all_of(top.children.begin(), top.children.end(), [&](int c) {
                 return m_nodes[static_cast<size_t>(c)].kind == Node::Atom;
             }));
        std::vector<int> keys = keyAtoms(m_ruleFormula[rule], uses);
        std::sort(keys.begin(), keys.end());
        keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
        for (const int atom : keys)
            m_atomRules[static_cast<size_t>(atom)].push_back(static_cast<int>(rule));
    }
    m_indexed = true;
}

bool AtomFilter::holds(int n, const std::vector<unsigned char>& found) const
{
    const FlatNode& x = m_flat[static_cast<size_t>(n)];
    switch (x.kind) {
    case Node::Any:
        return true;
    case Node::Atom:
        return found[static_cast<size_t>(x.atom)] != 0;
    case Node::And:
    case Node::Or: {
        const bool isAnd = x.kind == Node::And;
        for (int c = x.begin; c < x.end; ++c) {
            const FlatNode& child = m_flat[static_cast<size_t>(m_flatChildren[static_cast<size_t>(c)])];
            const bool h = child.kind == Node::Atom ? found[static_cast<size_t>(child.atom)] != 0
                                                    : holds(m_flatChildren[static_cast<size_t>(c)], found);
            if (h != isAnd)
                return h;
        }
        return isAnd;
    }
    }
    return true;
}

void AtomFilter::candidates(const std::vector<int>& atomsFound, std::vector<int>& rules) const
{
    rules.clear();
    if (!m_indexed) { // buildIndex() not called: every rule is a candidate
        for (size_t i = 0; i < m_ruleFormula.size(); ++i)
            rules.push_back(static_cast<int>(i));
        return;
    }
    // Per thread, reused across calls and filters: which atoms were found (reset on the way
    // out), and in which call each rule was last looked at.
    thread_local std::vector<unsigned char> found;
    thread_local std::vector<unsigned> lookedAt;
    thread_local unsigned call = 0;
    if (found.size() < m_atoms.size())
        found.resize(m_atoms.size(), 0);
    if (lookedAt.size() < m_ruleFormula.size())
        lookedAt.resize(m_ruleFormula.size(), 0);
    if (++call == 0) {
        std::fill(lookedAt.begin(), lookedAt.end(), 0);
        call = 1;
    }

    for (const int atom : atomsFound)
        found[static_cast<size_t>(atom)] = 1;
    for (const int atom : atomsFound) {
        for (const int rule : m_atomRules[static_cast<size_t>(atom)]) {
            if (lookedAt[static_cast<size_t>(rule)] == call)
                continue;
            lookedAt[static_cast<size_t>(rule)] = call;
            if (m_keysDecide[static_cast<size_t>(rule)] ||
                holds(m_ruleFormula[static_cast<size_t>(rule)], found))
                rules.push_back(rule);
        }
    }
    for (const int atom : atomsFound)
        found[static_cast<size_t>(atom)] = 0;
    rules.insert(rules.end(), m_alwaysCandidates.begin(), m_alwaysCandidates.end());
    std::sort(rules.begin(), rules.end());
}

} // namespace vigie::ua
