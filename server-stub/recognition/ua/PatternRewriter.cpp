#include "recognition/ua/PatternRewriter.h"

#include <optional>
#include <stdexcept>

namespace vigie::ua {

namespace {

// RE2 refuses counted repetitions above this.
constexpr long kMaxRepeat = 1000;

// Bounds below this stay in the extraction form: they cost RE2 little.
constexpr long kRelaxFrom = 16;

struct Quantifier
{
    size_t length = 0; // characters of pattern text, lazy '?' included
    long min = 0;
    std::optional<long> max; // nullopt = unbounded
    bool counted = false;    // written {n}, {n,} or {n,m}
    bool lazy = false;
};

class Scanner
{
public:
    explicit Scanner(std::string_view re) : m_re(re) {}

    // Length of the escape sequence at i ('\' included).
    size_t escapeLength(size_t i) const
    {
        if (i + 1 >= m_re.size())
            return 1;
        const char d = m_re[i + 1];
        if ((d == 'p' || d == 'P' || d == 'x') && i + 2 < m_re.size() && m_re[i + 2] == '{') {
            const size_t end = m_re.find('}', i + 3);
            return end == std::string_view::npos ? m_re.size() - i : end + 1 - i;
        }
        if (d == 'x')
            return std::min<size_t>(4, m_re.size() - i);
        if (d == 'p' || d == 'P')
            return std::min<size_t>(3, m_re.size() - i);
        if (d == 'Q') {
            const size_t end = m_re.find("\\E", i + 2);
            return end == std::string_view::npos ? m_re.size() - i : end + 2 - i;
        }
        return 2;
    }

    // Length of the character class at i ('[' included).
    size_t classLength(size_t i) const
    {
        size_t j = i + 1;
        if (j < m_re.size() && m_re[j] == '^')
            ++j;
        if (j < m_re.size() && m_re[j] == ']')
            ++j;
        while (j < m_re.size() && m_re[j] != ']') {
            if (m_re[j] == '\\')
                j += escapeLength(j);
            else if (m_re[j] == '[' && j + 1 < m_re.size() && m_re[j + 1] == ':') {
                const size_t end = m_re.find(":]", j + 2);
                j = end == std::string_view::npos ? j + 1 : end + 2;
            } else
                ++j;
        }
        return std::min(j + 1, m_re.size()) - i;
    }

    // For a '(' at i: the length of its opening syntax, whether it captures, and whether it is
    // a flag setting such as (?i) that opens no group.
    size_t groupOpenLength(size_t i, bool& capturing, bool& flagsOnly) const
    {
        capturing = true;
        flagsOnly = false;
        if (i + 1 >= m_re.size() || m_re[i + 1] != '?')
            return 1;
        capturing = false;
        if (m_re.substr(i + 1, 3) == "?P<") {
            capturing = true;
            const size_t end = m_re.find('>', i);
            return end == std::string_view::npos ? m_re.size() - i : end + 1 - i;
        }
        size_t j = i + 2;
        while (j < m_re.size() && m_re[j] != ':' && m_re[j] != ')')
            ++j;
        if (j < m_re.size() && m_re[j] == ')')
            flagsOnly = true;
        return std::min(j + 1, m_re.size()) - i;
    }

    std::optional<Quantifier> quantifierAt(size_t i) const
    {
        if (i >= m_re.size())
            return std::nullopt;
        Quantifier q;
        const char c = m_re[i];
        if (c == '*' || c == '+' || c == '?') {
            q.length = 1;
            q.min = c == '+' ? 1 : 0;
            if (c == '?')
                q.max = 1;
        } else if (c == '{') {
            size_t j = i + 1;
            const auto number = [&](long& value) {
                const size_t start = j;
                value = 0;
                while (j < m_re.size() && m_re[j] >= '0' && m_re[j] <= '9' && j - start < 7)
                    value = value * 10 + (m_re[j++] - '0');
                return j > start;
            };
            long lo = 0;
            if (!number(lo) || j >= m_re.size())
                return std::nullopt; // not a repetition: RE2 reads '{' as a literal
            q.min = lo;
            if (m_re[j] == '}') {
                q.max = lo;
            } else if (m_re[j] == ',') {
                ++j;
                long hi = 0;
                if (number(hi))
                    q.max = hi;
                if (j >= m_re.size() || m_re[j] != '}')
                    return std::nullopt;
            } else {
                return std::nullopt;
            }
            if (q.min > kMaxRepeat || (q.max && *q.max > kMaxRepeat))
                throw std::runtime_error("repetition count above " + std::to_string(kMaxRepeat));
            q.counted = true;
            q.length = j + 1 - i;
        } else {
            return std::nullopt;
        }
        if (i + q.length < m_re.size() && m_re[i + q.length] == '?') {
            q.lazy = true;
            ++q.length;
        }
        return q;
    }

    // For each '(' that opens a group: whether a quantifier lets the group match more than once.
    std::vector<bool> repeatedGroups() const
    {
        std::vector<bool> repeated(m_re.size(), false);
        std::vector<size_t> open;
        size_t i = 0;
        while (i < m_re.size()) {
            const char c = m_re[i];
            if (c == '\\') {
                i += escapeLength(i);
            } else if (c == '[') {
                i += classLength(i);
            } else if (c == '(') {
                bool capturing = false;
                bool flagsOnly = false;
                const size_t length = groupOpenLength(i, capturing, flagsOnly);
                if (!flagsOnly)
                    open.push_back(i);
                i += length;
            } else if (c == ')') {
                ++i;
                if (open.empty())
                    continue;
                const size_t at = open.back();
                open.pop_back();
                if (const auto q = quantifierAt(i))
                    repeated[at] = !q->max || *q->max > 1;
            } else {
                ++i;
            }
        }
        return repeated;
    }

private:
    std::string_view m_re;
};

std::string relaxedQuantifier(const Quantifier& q)
{
    std::string out = q.min == 0 ? "*" : q.min == 1 ? "+" : "{" + std::to_string(q.min) + ",}";
    if (q.lazy)
        out += '?';
    return out;
}

} // namespace

RewrittenPattern rewritePattern(std::string_view re)
{
    const Scanner scan(re);
    const std::vector<bool> repeated = scan.repeatedGroups();

    RewrittenPattern out;
    std::string& relaxed = out.fullyRelaxed;
    relaxed.reserve(re.size());
    out.extraction.reserve(re.size() + 16);
    out.groupIndex.push_back(0);
    std::vector<bool> openRepeated;
    int repeatedDepth = 0;
    int extractionGroups = 0;

    size_t i = 0;
    while (i < re.size()) {
        const char c = re[i];
        size_t length = 1;
        bool singleCharacter = false;
        if (c == '(') {
            bool capturing = false;
            bool flagsOnly = false;
            length = scan.groupOpenLength(i, capturing, flagsOnly);
            if (!flagsOnly) {
                openRepeated.push_back(repeated[i]);
                repeatedDepth += repeated[i] ? 1 : 0;
                if (capturing)
                    out.groupIndex.push_back(++extractionGroups);
            }
            relaxed.append(re.substr(i, length));
            out.extraction.append(re.substr(i, length));
            i += length;
            continue;
        }
        if (c == '|' || c == '^' || c == '$') {
            relaxed += c;
            out.extraction += c;
            ++i;
            continue;
        }
        if (c == ')') {
            if (!openRepeated.empty()) {
                repeatedDepth -= openRepeated.back() ? 1 : 0;
                openRepeated.pop_back();
            }
        } else if (c == '\\') {
            length = scan.escapeLength(i);
            const char d = i + 1 < re.size() ? re[i + 1] : '\\';
            singleCharacter = length > 1 && d != 'b' && d != 'B' && d != 'A' && d != 'z' && d != 'Q';
        } else if (c == '[') {
            length = scan.classLength(i);
            singleCharacter = true;
        } else if (static_cast<unsigned char>(c) >= 0xc0) {
            while (i + length < re.size() && (static_cast<unsigned char>(re[i + length]) & 0xc0) == 0x80)
                ++length;
            singleCharacter = true;
        } else {
            singleCharacter = c != '*' && c != '+' && c != '?';
        }
        const size_t atomInExtraction = out.extraction.size();
        relaxed.append(re.substr(i, length));
        out.extraction.append(re.substr(i, length));
        i += length;

        const auto q = scan.quantifierAt(i);
        if (!q)
            continue;
        const std::string_view written = re.substr(i, q->length);
        i += q->length;
        const bool bounded = q->counted && q->max && *q->max > q->min;
        relaxed.append(bounded ? relaxedQuantifier(*q) : std::string(written));
        if (bounded && singleCharacter && repeatedDepth == 0 && *q->max >= kRelaxFrom) {
            out.extraction.insert(atomInExtraction, 1, '(');
            out.extraction += relaxedQuantifier(*q) + ')';
            out.bounds.push_back({++extractionGroups, *q->max});
        } else {
            out.extraction.append(written);
        }
    }
    return out;
}

} // namespace vigie::ua
