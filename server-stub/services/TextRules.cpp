#include "services/TextRules.h"

#include "core/ApiTypes.h"
#include "services/ApiError.h"

#include <algorithm>
#include <unicode/uchar.h>
#include <unicode/utf8.h>
#include <vector>

namespace vigie::server {

namespace {

// Calls visit(code point, start, end) for each character; false at the first ill-formed byte.
template <typename Visit> bool forEachCodePoint(std::string_view text, Visit visit)
{
    const auto* s = reinterpret_cast<const uint8_t*>(text.data());
    const auto length = int32_t(text.size());
    for (int32_t i = 0; i < length;) {
        const int32_t start = i;
        UChar32 c = 0;
        U8_NEXT(s, i, length, c);
        if (c < 0)
            return false;
        visit(c, size_t(start), size_t(i));
    }
    return true;
}

bool isControl(UChar32 c)
{
    return c < 0x20 || (c >= 0x7f && c <= 0x9f);
}

} // namespace

std::optional<size_t> codePointCount(std::string_view text)
{
    size_t count = 0;
    if (!forEachCodePoint(text, [&](UChar32, size_t, size_t) { ++count; }))
        return std::nullopt;
    return count;
}

std::optional<std::string> checkedSessionName(std::string_view name)
{
    struct Character
    {
        UChar32 c;
        size_t start, end;
    };
    std::vector<Character> chars;
    if (!forEachCodePoint(name, [&](UChar32 c, size_t start, size_t end) {
            chars.push_back({c, start, end});
        }))
        throw ApiError::invalidRequest("Field 'name' is not valid UTF-8.");
    auto first = chars.begin(), last = chars.end();
    while (first != last && u_isUWhiteSpace(first->c))
        ++first;
    while (last != first && u_isUWhiteSpace((last - 1)->c))
        --last;
    if (first == last)
        return std::nullopt;
    // A tab or a line break around the name is trimmed; inside it, it is refused.
    if (std::any_of(first, last, [](const Character& ch) { return isControl(ch.c); }))
        throw ApiError::invalidRequest("Field 'name' must not contain control characters.");
    if (last - first > session::kNameMaxLength)
        throw ApiError::invalidRequest("Field 'name' is longer than " +
                                       std::to_string(session::kNameMaxLength) + " characters.");
    return std::string(name.substr(first->start, (last - 1)->end - first->start));
}

} // namespace vigie::server
