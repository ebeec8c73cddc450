#pragma once

#include "core/ApiTypes.h"
#include "recognition/Place.h"

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vigie {

class IpAddress;

// A MaxMind DB file (GeoLite2-City or anything shaped like it) that turns addresses into
// docs/openapi.yaml's LocationData. Thread-safe: the opened database is read-only, so one instance
// serves every request. The file is memory-mapped: update it by renaming a new file over it
// (as MaxMind's geoipupdate does), never by rewriting it in place under a running server.
class GeoIpDatabase
{
public:
    // Throws std::runtime_error with a one-line message naming the file when it is missing,
    // unreadable or not a MaxMind DB.
    explicit GeoIpDatabase(const std::string& path);
    ~GeoIpDatabase();

    GeoIpDatabase(GeoIpDatabase&&) noexcept;
    GeoIpDatabase& operator=(GeoIpDatabase&&) noexcept;
    GeoIpDatabase(const GeoIpDatabase&) = delete;
    GeoIpDatabase& operator=(const GeoIpDatabase&) = delete;

    // City, first subdivision, country and its ISO code, with names in `language` ("en",
    // "fr", …) and, field by field, English where that language has no name. Nullopt when the
    // text is not an address, the address must not be geolocated (IpAddress::isNonRoutable),
    // the database does not know it, or knows none of those fields.
    std::optional<LocationData> lookup(std::string_view address, std::string_view language = "en") const;
    std::optional<LocationData> lookup(const IpAddress& address, std::string_view language = "en") const;

    // The same place with every name the database has, for storing (Place::in names it).
    std::optional<Place> lookupPlace(std::string_view address) const;
    std::optional<Place> lookupPlace(const IpAddress& address) const;
    // The languages the database names places in (its metadata), e.g. {"en", "fr"}.
    std::vector<std::string> languages() const;

    const std::string& path() const { return m_path; }
    std::string databaseType() const;

private:
    struct Handle;

    std::string m_path;
    std::unique_ptr<Handle> m_handle;
};

} // namespace vigie
