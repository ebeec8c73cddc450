#include "recognition/ua/Utf8.h"

#include <algorithm>
#include <cstdint>
#include <cstring>

namespace vigie::ua {

namespace {

// Length of the well-formed UTF-8 sequence at text[i], or 0 (RFC 3629: no overlongs, no
// surrogates, nothing above U+10FFFF).
size_t sequenceLength(std::string_view text, size_t i)
{
    const auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
    const unsigned char b0 = byte(i);
    if (b0 < 0x80)
        return 1;
    size_t length = 0;
    unsigned char lo = 0x80;
    unsigned char hi = 0xbf;
    if (b0 >= 0xc2 && b0 <= 0xdf) {
        length = 2;
    } else if (b0 >= 0xe0 && b0 <= 0xef) {
        length = 3;
        if (b0 == 0xe0)
            lo = 0xa0;
        else if (b0 == 0xed)
            hi = 0x9f;
    } else if (b0 >= 0xf0 && b0 <= 0xf4) {
        length = 4;
        if (b0 == 0xf0)
            lo = 0x90;
        else if (b0 == 0xf4)
            hi = 0x8f;
    } else {
        return 0;
    }
    if (i + length > text.size())
        return 0;
    if (byte(i + 1) < lo || byte(i + 1) > hi)
        return 0;
    for (size_t k = 2; k < length; ++k)
        if (byte(i + k) < 0x80 || byte(i + k) > 0xbf)
            return 0;
    return length;
}

} // namespace

std::string_view validUtf8Prefix(std::string_view text, size_t maxBytes, std::string& storage)
{
    constexpr std::string_view kReplacement = "\xef\xbf\xbd";
    size_t i = 0;
    // The common case: short, well-formed text is returned as it is. ASCII goes 8 bytes at a time.
    const size_t limit = std::min(text.size(), maxBytes);
    while (i + 8 <= limit) {
        uint64_t word;
        std::memcpy(&word, text.data() + i, 8);
        if (word & 0x8080808080808080ULL)
            break;
        i += 8;
    }
    while (i < text.size()) {
        const size_t n = sequenceLength(text, i);
        if (n == 0 || i + n > maxBytes)
            break;
        i += n;
    }
    if (i == text.size())
        return text;
    if (i + sequenceLength(text, i) > maxBytes && sequenceLength(text, i) != 0)
        return text.substr(0, i);

    storage.assign(text.data(), i);
    while (i < text.size()) {
        const size_t n = sequenceLength(text, i);
        const std::string_view piece = n ? text.substr(i, n) : kReplacement;
        if (storage.size() + piece.size() > maxBytes)
            break;
        storage.append(piece);
        i += n ? n : 1;
    }
    return storage;
}

} // namespace vigie::ua
