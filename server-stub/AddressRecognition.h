#pragma once

#include "core/ApiTypes.h"

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

    // The client's address in canonical text form.
    std::string clientAddress(std::string_view peerAddress, std::string_view xForwardedFor) const;

    std::optional<LocationData> locate(std::string_view address) const;

private:
    Options m_options;
};

} // namespace vigie::server
