#include "AddressRecognition.h"

#include "recognition/HeaderText.h"

#include <stdexcept>

namespace vigie::server {

namespace {

bool isPort(std::string_view text)
{
    if (text.empty() || text.size() > 5)
        return false;
    for (const char c : text) {
        if (c < '0' || c > '9')
            return false;
    }
    return true;
}

// One X-Forwarded-For hop. Some proxies add the client's port ("203.0.113.7:51234",
// "[2001:db8::1]:443"), so that is accepted too.
std::optional<IpAddress> parseHop(std::string_view hop)
{
    if (hop.starts_with('[')) {
        const auto close = hop.find(']');
        if (close == std::string_view::npos)
            return std::nullopt;
        const std::string_view rest = hop.substr(close + 1);
        if (!rest.empty() && !(rest[0] == ':' && isPort(rest.substr(1))))
            return std::nullopt;
        const std::string_view inside = hop.substr(1, close - 1);
        if (inside.find(':') == std::string_view::npos)
            return std::nullopt;
        return IpAddress::parse(inside);
    }
    if (const auto colon = hop.find(':');
        colon != std::string_view::npos && hop.find(':', colon + 1) == std::string_view::npos) {
        if (!isPort(hop.substr(colon + 1)))
            return std::nullopt;
        return IpAddress::parse(hop.substr(0, colon));
    }
    return IpAddress::parse(hop);
}

} // namespace

std::string AddressRecognition::clientGroup(std::string_view address)
{
    const auto ip = IpAddress::parse(address);
    if (!ip)
        return std::string(address);
    if (ip->isV4())
        return ip->toString();
    IpAddress::Bytes bytes = ip->bytes();
    std::fill(bytes.begin() + 8, bytes.end(), std::uint8_t(0));
    return IpAddress::fromBytes(bytes).toString() + "/64";
}

AddressRecognition::AddressRecognition(const Options& options) : m_options(options)
{
    if (m_options.geoipLanguage.empty())
        m_options.geoipLanguage = "en";
    for (const std::string& text : m_options.trustedProxies) {
        const auto cidr = Cidr::parse(trimmedOws(text));
        if (!cidr)
            throw std::runtime_error("invalid trusted proxy \"" + text +
                                     "\": expected an address or a CIDR block such as 10.0.0.0/8 or "
                                     "fd00::/8, with no bits set after the prefix");
        m_trustedProxies.push_back(*cidr);
    }
    if (!m_options.geoipDatabase.empty()) {
        m_geoip = std::make_unique<GeoIpDatabase>(m_options.geoipDatabase);
        m_languages = m_geoip->languages();
    }
}

AddressRecognition::~AddressRecognition() = default;

bool AddressRecognition::isTrustedProxy(const IpAddress& address) const
{
    for (const Cidr& cidr : m_trustedProxies) {
        if (cidr.contains(address))
            return true;
    }
    return false;
}

std::string AddressRecognition::clientAddress(std::string_view peerAddress,
                                              std::string_view xForwardedFor) const
{
    const auto peer = IpAddress::parse(trimmedOws(peerAddress));
    if (!peer)
        return std::string(peerAddress);
    if (!isTrustedProxy(*peer))
        return peer->toString();

    // Each trusted hop vouches only for the entry to its left. Walking from the right, the
    // first untrusted hop is the client; a malformed entry breaks the chain, as nothing to
    // its left can be told apart from what the client itself sent, so the last trusted hop
    // reached is the best answer. Empty list elements are allowed by HTTP and skipped.
    IpAddress client = *peer;
    std::string_view rest = xForwardedFor;
    while (!rest.empty()) {
        const auto comma = rest.rfind(',');
        const std::string_view hop =
            trimmedOws(comma == std::string_view::npos ? rest : rest.substr(comma + 1));
        rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(0, comma);
        if (hop.empty())
            continue;
        const auto address = parseHop(hop);
        if (!address)
            break;
        client = *address;
        if (!isTrustedProxy(client))
            break;
    }
    return client.toString();
}

std::optional<LocationData> AddressRecognition::locate(std::string_view address) const
{
    const auto found = place(address);
    return found ? found->in(m_options.geoipLanguage) : std::nullopt;
}

std::optional<Place> AddressRecognition::place(std::string_view address) const
{
    if (!m_geoip)
        return std::nullopt;
    return m_geoip->lookupPlace(trimmedOws(address));
}

std::string AddressRecognition::placeLanguage(std::string_view acceptLanguage) const
{
    std::string chosen = chooseLanguage(acceptLanguage, m_languages);
    return chosen.empty() ? m_options.geoipLanguage : chosen;
}

} // namespace vigie::server
