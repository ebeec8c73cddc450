#include "recognition/IpAddress.h"

#include <arpa/inet.h>
#include <cstring>

namespace vigie {

namespace {

constexpr IpAddress::Bytes kV4MappedPrefix{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};

// Room for the longest IPv6 text (with an embedded IPv4 part); anything longer is not an address.
constexpr size_t kMaxAddressText = INET6_ADDRSTRLEN;
// Zone names are interface names or numbers; this only bounds the work done on junk.
constexpr size_t kMaxZonedText = kMaxAddressText + 64;

// Whether the first `bits` bits of a and b are equal.
bool samePrefix(const IpAddress::Bytes& a, const IpAddress::Bytes& b, int bits)
{
    const int whole = bits / 8;
    if (std::memcmp(a.data(), b.data(), size_t(whole)) != 0)
        return false;
    const int rest = bits % 8;
    if (rest == 0)
        return true;
    const auto mask = std::uint8_t(0xff << (8 - rest));
    return (a[size_t(whole)] & mask) == (b[size_t(whole)] & mask);
}

bool hostBitsClear(const IpAddress::Bytes& bytes, int bits)
{
    for (int i = bits; i < 128; ++i) {
        if (bytes[size_t(i / 8)] & (0x80 >> (i % 8)))
            return false;
    }
    return true;
}

struct Range
{
    IpAddress::Bytes network;
    int prefix128;
};

constexpr Range v4(std::uint8_t a, std::uint8_t b, std::uint8_t c, std::uint8_t d, int prefix)
{
    return {{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, a, b, c, d}, 96 + prefix};
}

constexpr Range v6(std::uint8_t b0, std::uint8_t b1, std::uint8_t b2, std::uint8_t b3, int prefix)
{
    return {{b0, b1, b2, b3}, prefix};
}

// Addresses that never identify a place on the Internet.
constexpr Range kNonRoutable[] = {
    v4(0, 0, 0, 0, 8),      // "this network", including the unspecified 0.0.0.0
    v4(10, 0, 0, 0, 8),     // private
    v4(100, 64, 0, 0, 10),  // carrier-grade NAT
    v4(127, 0, 0, 0, 8),    // loopback
    v4(169, 254, 0, 0, 16), // link-local
    v4(172, 16, 0, 0, 12),  // private
    v4(192, 168, 0, 0, 16), // private
    v4(224, 0, 0, 0, 4),    // multicast
    v4(240, 0, 0, 0, 4),    // reserved, and the broadcast 255.255.255.255
    {{}, 128},              // unspecified ::
    {{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}, 128}, // loopback ::1
    v6(0xfc, 0x00, 0, 0, 7),                                 // unique local
    v6(0xfe, 0x80, 0, 0, 10),                                // link-local
    v6(0xfe, 0xc0, 0, 0, 10),                                // site-local (deprecated)
    v6(0xff, 0x00, 0, 0, 8),                                 // multicast
};

constexpr Range kDocumentation[] = {
    v4(192, 0, 2, 0, 24),           // TEST-NET-1
    v4(198, 51, 100, 0, 24),        // TEST-NET-2
    v4(203, 0, 113, 0, 24),         // TEST-NET-3
    v6(0x20, 0x01, 0x0d, 0xb8, 32), // 2001:db8::/32
    v6(0x3f, 0xff, 0, 0, 20),       // 3fff::/20
};

template <size_t N> bool inAny(const IpAddress::Bytes& bytes, const Range (&ranges)[N])
{
    for (const Range& r : ranges) {
        if (samePrefix(bytes, r.network, r.prefix128))
            return true;
    }
    return false;
}

} // namespace

std::optional<IpAddress> IpAddress::parse(std::string_view text)
{
    if (text.empty() || text.size() > kMaxZonedText)
        return std::nullopt;
    if (const auto zone = text.find('%'); zone != std::string_view::npos) {
        // A zone index only qualifies an IPv6 address and says nothing about who the peer is.
        if (text.find(':') == std::string_view::npos || zone + 1 == text.size())
            return std::nullopt;
        text = text.substr(0, zone);
    }
    if (text.size() > kMaxAddressText)
        return std::nullopt;
    char buffer[kMaxAddressText + 1];
    std::memcpy(buffer, text.data(), text.size());
    buffer[text.size()] = '\0';
    if (std::strlen(buffer) != text.size()) // embedded NUL
        return std::nullopt;

    Bytes bytes{};
    if (text.find(':') != std::string_view::npos) {
        if (inet_pton(AF_INET6, buffer, bytes.data()) != 1)
            return std::nullopt;
        return IpAddress(bytes);
    }
    bytes = kV4MappedPrefix;
    if (inet_pton(AF_INET, buffer, bytes.data() + 12) != 1)
        return std::nullopt;
    return IpAddress(bytes);
}

IpAddress IpAddress::fromIpv4(std::uint32_t hostOrder)
{
    Bytes bytes = kV4MappedPrefix;
    bytes[12] = std::uint8_t(hostOrder >> 24);
    bytes[13] = std::uint8_t(hostOrder >> 16);
    bytes[14] = std::uint8_t(hostOrder >> 8);
    bytes[15] = std::uint8_t(hostOrder);
    return IpAddress(bytes);
}

bool IpAddress::isV4() const
{
    return std::memcmp(m_bytes.data(), kV4MappedPrefix.data(), 12) == 0;
}

std::uint32_t IpAddress::toIpv4() const
{
    return std::uint32_t(m_bytes[12]) << 24 | std::uint32_t(m_bytes[13]) << 16 |
           std::uint32_t(m_bytes[14]) << 8 | std::uint32_t(m_bytes[15]);
}

std::string IpAddress::toString() const
{
    if (isV4()) {
        char out[INET_ADDRSTRLEN];
        if (!inet_ntop(AF_INET, m_bytes.data() + 12, out, sizeof out))
            return {};
        return out;
    }
    char out[INET6_ADDRSTRLEN];
    if (!inet_ntop(AF_INET6, m_bytes.data(), out, sizeof out))
        return {};
    return out;
}

bool IpAddress::isNonRoutable(DocumentationRanges documentation) const
{
    if (inAny(m_bytes, kNonRoutable))
        return true;
    return documentation == DocumentationRanges::AreNonRoutable && isDocumentation();
}

bool IpAddress::isDocumentation() const
{
    return inAny(m_bytes, kDocumentation);
}

std::optional<std::string> canonicalIp(std::string_view text)
{
    const auto address = IpAddress::parse(text);
    if (!address)
        return std::nullopt;
    return address->toString();
}

std::optional<Cidr> Cidr::parse(std::string_view text)
{
    std::string_view addressText = text;
    std::optional<int> prefix;
    if (const auto slash = text.find('/'); slash != std::string_view::npos) {
        addressText = text.substr(0, slash);
        const std::string_view digits = text.substr(slash + 1);
        if (digits.empty() || digits.size() > 3 || (digits.size() > 1 && digits[0] == '0'))
            return std::nullopt;
        int value = 0;
        for (const char c : digits) {
            if (c < '0' || c > '9')
                return std::nullopt;
            value = value * 10 + (c - '0');
        }
        prefix = value;
    }
    if (addressText.find('%') != std::string_view::npos)
        return std::nullopt;
    const auto address = IpAddress::parse(addressText);
    if (!address)
        return std::nullopt;

    // The width follows the notation: "::ffff:10.0.0.0/104" is the same network as "10.0.0.0/8".
    const bool v6Notation = addressText.find(':') != std::string_view::npos;
    const int width = v6Notation ? 128 : 32;
    const int length = prefix.value_or(width);
    if (length > width)
        return std::nullopt;
    const int prefix128 = v6Notation ? length : 96 + length;
    if (!hostBitsClear(address->bytes(), prefix128))
        return std::nullopt;
    return Cidr(*address, prefix128);
}

bool Cidr::contains(const IpAddress& address) const
{
    return samePrefix(address.bytes(), m_network.bytes(), m_prefix128);
}

int Cidr::prefixLength() const
{
    // An IPv4-mapped network has clear host bits only if it is at least a /96.
    return m_network.isV4() ? m_prefix128 - 96 : m_prefix128;
}

std::string Cidr::toString() const
{
    return m_network.toString() + '/' + std::to_string(prefixLength());
}

} // namespace vigie
