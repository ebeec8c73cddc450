#pragma once

#include "core/ApiTypes.h"
#include "recognition/GeoIpDatabase.h"
#include "recognition/IpAddress.h"

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vigie::server {

// Works out who the client is (peer address, X-Forwarded-For from trusted proxies only)
// and where it is (GeoIP). Thread-safe: one instance serves every request.
class AddressRecognition
{
public:
    struct Options
    {
        std::vector<std::string> trustedProxies; // CIDR blocks
        std::string geoipDatabase;               // empty: no GeoIP
        std::string geoipLanguage = "en";
    };

    // Throws std::runtime_error with a one-line message on a bad CIDR or database.
    explicit AddressRecognition(const Options& options);
    ~AddressRecognition();

    // The client's address in canonical text form. X-Forwarded-For counts only when the peer
    // is a trusted proxy; then the client is the right-most hop that is not itself one. A
    // request with several X-Forwarded-For headers must pass them joined with ", " in order.
    std::string clientAddress(std::string_view peerAddress, std::string_view xForwardedFor) const;

    // The unit a client is counted by (connection limits, sign-in throttling): the address
    // itself, except that IPv6 clients count by their /64, which one subscriber usually holds
    // whole. Text that is no address is returned as it is.
    static std::string clientGroup(std::string_view address);

    // Null for addresses that must not be geolocated, unknown ones, or without a database.
    std::optional<LocationData> locate(std::string_view address) const;
    // The same place with every name the database has, as sessions store it.
    std::optional<Place> place(std::string_view address) const;
    // The language to name places in for a request's Accept-Language: the first one the
    // database has, else --geoip-language (English unless the operator chose otherwise).
    std::string placeLanguage(std::string_view acceptLanguage) const;

private:
    bool isTrustedProxy(const IpAddress& address) const;

    Options m_options;
    std::vector<Cidr> m_trustedProxies;
    std::unique_ptr<GeoIpDatabase> m_geoip;
    std::vector<std::string> m_languages; // the database's
};

} // namespace vigie::server
