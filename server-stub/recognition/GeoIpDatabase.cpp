#include "recognition/GeoIpDatabase.h"

#include "recognition/IpAddress.h"

#include <cerrno>
#include <cstring>
#include <maxminddb.h>
#include <netinet/in.h>
#include <stdexcept>
#include <sys/socket.h>
#include <sys/stat.h>

namespace vigie {

struct GeoIpDatabase::Handle
{
    MMDB_s mmdb{};
    // MMDB_open cleans up after itself when it fails; MMDB_close is only for an open file.
    bool open = false;

    ~Handle()
    {
        if (open)
            MMDB_close(&mmdb);
    }
};

namespace {

[[noreturn]] void fail(const std::string& path, const std::string& problem)
{
    throw std::runtime_error("GeoIP database \"" + path + "\" " + problem);
}

std::optional<std::string> stringAt(MMDB_entry_s& entry, const char* const* path)
{
    MMDB_entry_data_s data{};
    if (MMDB_aget_value(&entry, &data, path) != MMDB_SUCCESS || !data.has_data ||
        data.type != MMDB_DATA_TYPE_UTF8_STRING || data.data_size == 0)
        return std::nullopt;
    return std::string(data.utf8_string, data.data_size);
}

// The map at `path` as an entry of its own, so that the values under it are found without
// walking the record from the top again (each walk decodes every key before the wanted one).
std::optional<MMDB_entry_s> mapAt(MMDB_entry_s& entry, const char* const* path)
{
    MMDB_entry_data_s data{};
    if (MMDB_aget_value(&entry, &data, path) != MMDB_SUCCESS || !data.has_data ||
        data.type != MMDB_DATA_TYPE_MAP)
        return std::nullopt;
    return MMDB_entry_s{entry.mmdb, data.offset};
}

// Every name a GeoLite2 object (city, subdivision, country) has in the database's languages.
Place::Names namesOf(std::optional<MMDB_entry_s> object, const MMDB_s& mmdb)
{
    Place::Names out;
    if (!object)
        return out;
    const char* const namesPath[] = {"names", nullptr};
    auto names = mapAt(*object, namesPath);
    if (!names)
        return out;
    for (size_t i = 0; i < mmdb.metadata.languages.count; ++i) {
        const char* const path[] = {mmdb.metadata.languages.names[i], nullptr};
        if (auto name = stringAt(*names, path))
            out.emplace_back(path[0], std::move(*name));
    }
    // A database whose metadata lists no languages still has its English names.
    if (out.empty()) {
        const char* const english[] = {"en", nullptr};
        if (auto name = stringAt(*names, english))
            out.emplace_back("en", std::move(*name));
    }
    return out;
}

} // namespace

GeoIpDatabase::GeoIpDatabase(const std::string& path) : m_path(path)
{
    // Checked first so that the common mistakes get a precise message rather than
    // libmaxminddb's generic "invalid metadata".
    struct stat info;
    if (::stat(path.c_str(), &info) != 0)
        fail(path, std::string("cannot be opened: ") + std::strerror(errno));
    if (S_ISDIR(info.st_mode))
        fail(path, "is a directory, not a MaxMind DB file");
    if (info.st_size == 0)
        fail(path, "is empty, not a MaxMind DB file");

    auto handle = std::make_unique<Handle>();
    errno = 0;
    const int status = MMDB_open(path.c_str(), MMDB_MODE_MMAP, &handle->mmdb);
    if (status != MMDB_SUCCESS) {
        const int error = errno;
        if (status == MMDB_FILE_OPEN_ERROR || status == MMDB_IO_ERROR)
            fail(path,
                 std::string("cannot be read: ") + (error ? std::strerror(error) : MMDB_strerror(status)));
        fail(path, std::string("is not a valid MaxMind DB file (") + MMDB_strerror(status) + ")");
    }
    handle->open = true;
    m_handle = std::move(handle);
}

GeoIpDatabase::~GeoIpDatabase() = default;
GeoIpDatabase::GeoIpDatabase(GeoIpDatabase&&) noexcept = default;
GeoIpDatabase& GeoIpDatabase::operator=(GeoIpDatabase&&) noexcept = default;

std::string GeoIpDatabase::databaseType() const
{
    const char* type = m_handle ? m_handle->mmdb.metadata.database_type : nullptr;
    return type ? type : "";
}

std::vector<std::string> GeoIpDatabase::languages() const
{
    std::vector<std::string> out;
    if (m_handle)
        for (size_t i = 0; i < m_handle->mmdb.metadata.languages.count; ++i)
            out.emplace_back(m_handle->mmdb.metadata.languages.names[i]);
    return out;
}

std::optional<LocationData> GeoIpDatabase::lookup(std::string_view address, std::string_view language) const
{
    const auto parsed = IpAddress::parse(address);
    return parsed ? lookup(*parsed, language) : std::nullopt;
}

std::optional<LocationData> GeoIpDatabase::lookup(const IpAddress& address, std::string_view language) const
{
    const auto place = lookupPlace(address);
    return place ? place->in(language.empty() ? std::string_view("en") : language) : std::nullopt;
}

std::optional<Place> GeoIpDatabase::lookupPlace(std::string_view address) const
{
    const auto parsed = IpAddress::parse(address);
    if (!parsed)
        return std::nullopt;
    return lookupPlace(*parsed);
}

std::optional<Place> GeoIpDatabase::lookupPlace(const IpAddress& address) const
{
    if (!m_handle || address.isNonRoutable())
        return std::nullopt;
    // Built from the parsed bytes rather than with MMDB_lookup_string, which would run
    // getaddrinfo on every request.
    sockaddr_storage storage{};
    if (address.isV4()) {
        auto* in = reinterpret_cast<sockaddr_in*>(&storage);
        in->sin_family = AF_INET;
        std::memcpy(&in->sin_addr, address.bytes().data() + 12, 4);
    } else {
        auto* in6 = reinterpret_cast<sockaddr_in6*>(&storage);
        in6->sin6_family = AF_INET6;
        std::memcpy(&in6->sin6_addr, address.bytes().data(), 16);
    }
    int mmdbError = MMDB_SUCCESS;
    MMDB_lookup_result_s result =
        MMDB_lookup_sockaddr(&m_handle->mmdb, reinterpret_cast<const sockaddr*>(&storage), &mmdbError);
    // Errors here (an IPv6 address in an IPv4-only file, a corrupt search tree) mean "unknown
    // place", not a failed request.
    if (mmdbError != MMDB_SUCCESS || !result.found_entry)
        return std::nullopt;

    const char* const cityPath[] = {"city", nullptr};
    const char* const regionPath[] = {"subdivisions", "0", nullptr};
    const char* const countryPath[] = {"country", nullptr};
    const char* const isoCodePath[] = {"iso_code", nullptr};
    const auto country = mapAt(result.entry, countryPath);

    Place place;
    place.city = namesOf(mapAt(result.entry, cityPath), m_handle->mmdb);
    place.region = namesOf(mapAt(result.entry, regionPath), m_handle->mmdb);
    place.country = namesOf(country, m_handle->mmdb);
    if (country) {
        MMDB_entry_s countryEntry = *country;
        place.countryCode = stringAt(countryEntry, isoCodePath);
    }

    if (place.city.empty() && place.region.empty() && place.country.empty() && !place.countryCode)
        return std::nullopt;
    return place;
}

} // namespace vigie
