#include "Uuid.h"

namespace vigie {

std::optional<std::string> canonicalUuid(std::string_view text)
{
    if (text.size() != 36)
        return std::nullopt;
    std::string out(text);
    for (size_t i = 0; i < out.size(); ++i) {
        char& c = out[i];
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (c != '-')
                return std::nullopt;
            continue;
        }
        if (c >= 'A' && c <= 'F')
            c = char(c - 'A' + 'a');
        else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            return std::nullopt;
    }
    return out;
}

std::string uuidV4FromBytes(const unsigned char (&in)[16])
{
    unsigned char b[16];
    for (int i = 0; i < 16; ++i)
        b[i] = in[i];
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    static const char* hex = "0123456789abcdef";
    std::string out;
    out.reserve(36);
    for (int i = 0; i < 16; ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            out.push_back('-');
        out.push_back(hex[b[i] >> 4]);
        out.push_back(hex[b[i] & 0x0f]);
    }
    return out;
}

} // namespace vigie
