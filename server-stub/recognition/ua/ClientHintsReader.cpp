#include "recognition/ua/ClientHintsReader.h"

#include "recognition/HeaderText.h"

#include <cctype>

namespace vigie::ua {

namespace {

class Reader
{
public:
    explicit Reader(std::string_view text) : m_text(text) {}

    bool atEnd() const { return m_pos >= m_text.size(); }
    char peek() const { return atEnd() ? '\0' : m_text[m_pos]; }
    bool eat(char c)
    {
        if (peek() != c)
            return false;
        ++m_pos;
        return true;
    }
    void skipSpaces()
    {
        while (!atEnd() && (m_text[m_pos] == ' ' || m_text[m_pos] == '\t'))
            ++m_pos;
    }

    // An sf-string, or (leniently) a bare token.
    std::optional<std::string> bareItem()
    {
        if (peek() == '"')
            return quoted();
        const size_t start = m_pos;
        while (!atEnd() && m_text[m_pos] != ',' && m_text[m_pos] != ';' && m_text[m_pos] != '=' &&
               m_text[m_pos] != ' ' && m_text[m_pos] != '\t')
            ++m_pos;
        if (m_pos == start)
            return std::nullopt;
        return std::string(m_text.substr(start, m_pos - start));
    }

    std::string key()
    {
        const size_t start = m_pos;
        while (!atEnd() && (std::islower(static_cast<unsigned char>(m_text[m_pos])) ||
                            std::isdigit(static_cast<unsigned char>(m_text[m_pos])) || m_text[m_pos] == '_' ||
                            m_text[m_pos] == '-' || m_text[m_pos] == '.' || m_text[m_pos] == '*'))
            ++m_pos;
        return std::string(m_text.substr(start, m_pos - start));
    }

private:
    std::optional<std::string> quoted()
    {
        ++m_pos;
        std::string out;
        while (!atEnd()) {
            const char c = m_text[m_pos++];
            if (c == '"')
                return out;
            if (c == '\\') {
                if (atEnd())
                    return std::nullopt;
                out += m_text[m_pos++];
            } else {
                out += c;
            }
        }
        return std::nullopt; // unterminated
    }

    std::string_view m_text;
    size_t m_pos = 0;
};

} // namespace

std::vector<Brand> readBrandList(std::string_view header)
{
    std::vector<Brand> brands;
    Reader r(header);
    r.skipSpaces();
    while (!r.atEnd()) {
        const auto name = r.bareItem();
        if (!name)
            break;
        Brand brand{*name, {}};
        while (r.eat(';')) {
            r.skipSpaces();
            const std::string key = r.key();
            std::string value;
            if (r.eat('=')) {
                const auto v = r.bareItem();
                if (!v)
                    return brands;
                value = *v;
            }
            if (key == "v")
                brand.version = value;
        }
        if (!isGreaseBrand(brand.name) && !trimmedOws(brand.name).empty())
            brands.push_back(std::move(brand));
        r.skipSpaces();
        if (r.atEnd() || !r.eat(','))
            break;
        r.skipSpaces();
    }
    return brands;
}

std::optional<std::string> readString(std::string_view header)
{
    header = trimmedOws(header);
    Reader r(header);
    auto value = r.peek() == '"' ? r.bareItem() : std::optional<std::string>(std::string(header));
    if (!value || trimmedOws(*value).empty())
        return std::nullopt;
    return std::string(trimmedOws(*value));
}

std::optional<bool> readBoolean(std::string_view header)
{
    header = trimmedOws(header);
    if (header == "?1")
        return true;
    if (header == "?0")
        return false;
    return std::nullopt;
}

bool isGreaseBrand(std::string_view name)
{
    // Chromium builds these as "Not" + c + "A" + c + "Brand" with c from a set of punctuation
    // and space: compare the letters only.
    std::string letters;
    for (const char c : name)
        if (std::isalpha(static_cast<unsigned char>(c)))
            letters += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        else if (std::isdigit(static_cast<unsigned char>(c)))
            return false;
    return letters == "notabrand";
}

} // namespace vigie::ua
