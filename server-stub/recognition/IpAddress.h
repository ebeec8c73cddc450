#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace vigie {

// An IPv4 or IPv6 address. IPv4 is kept as its IPv4-mapped IPv6 form (::ffff:a.b.c.d), so
// "1.2.3.4" and "::ffff:1.2.3.4" are the same address and one CIDR test covers both.
class IpAddress
{
public:
    using Bytes = std::array<std::uint8_t, 16>;

    // Whether the documentation ranges (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24,
    // 2001:db8::/32, 3fff::/20) count as non-routable. By default they do not: the demo and
    // test GeoIP databases map them to cities.
    enum class DocumentationRanges { AreRoutable, AreNonRoutable };

    // Strict numeric text only (inet_pton): no ports, brackets, spaces or leading zeros in
    // IPv4 octets. An IPv6 zone ("fe80::1%eth0") is accepted and dropped.
    static std::optional<IpAddress> parse(std::string_view text);

    static IpAddress fromBytes(const Bytes& bytes) { return IpAddress(bytes); }
    static IpAddress fromIpv4(std::uint32_t hostOrder);

    bool isV4() const;
    const Bytes& bytes() const { return m_bytes; }
    // The IPv4 address in host byte order; only meaningful when isV4().
    std::uint32_t toIpv4() const;

    // IPv4 in dotted quad, IPv6 lower-case with the longest run of zeros compressed (RFC 5952).
    std::string toString() const;

    // True for addresses that must not be geolocated: unspecified, "this network" 0.0.0.0/8,
    // loopback, private (RFC 1918, fc00::/7), link-local, CGNAT (100.64.0.0/10), multicast,
    // the reserved 240.0.0.0/4 and broadcast, and the deprecated site-local fec0::/10.
    bool isNonRoutable(DocumentationRanges documentation = DocumentationRanges::AreRoutable) const;
    bool isDocumentation() const;

    bool operator==(const IpAddress&) const = default;

private:
    explicit IpAddress(const Bytes& bytes) : m_bytes(bytes) {}

    Bytes m_bytes{};
};

// The canonical text form of an address, or nullopt when the text is not one.
std::optional<std::string> canonicalIp(std::string_view text);

// A network in CIDR notation ("10.0.0.0/8", "2001:db8::/32"); a bare address is a /32 or /128.
class Cidr
{
public:
    // Nullopt on anything but "<address>[/<prefix>]" with a decimal prefix within the family's
    // width and no bits set after the prefix ("10.0.0.1/8" is refused as a likely typo).
    static std::optional<Cidr> parse(std::string_view text);

    bool contains(const IpAddress& address) const;

    const IpAddress& network() const { return m_network; }
    // The prefix length in the address's own family (8 for 10.0.0.0/8).
    int prefixLength() const;
    std::string toString() const;

    bool operator==(const Cidr&) const = default;

private:
    Cidr(const IpAddress& network, int prefix128) : m_network(network), m_prefix128(prefix128) {}

    IpAddress m_network;
    int m_prefix128 = 0; // counted in the 128-bit (IPv4-mapped) space
};

} // namespace vigie
