// The API's JSON mapping (core/ApiTypes) on any JSON text: each type the app reads from the server
// and each request body the server reads. from_json may refuse a document (json::exception or
// std::invalid_argument, which the callers turn into "invalid response" or 400), but anything it
// accepts must survive to_json and back unchanged (timestamps to the second, as the API writes
// them), and nothing else may go wrong.
#include "core/ApiTypes.h"

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <stdexcept>

namespace {

using nlohmann::json;

// The API writes timestamps to the second (clients accept finer ones): compare at that precision.
vigie::TimePoint toSeconds(vigie::TimePoint t)
{
    return std::chrono::floor<std::chrono::seconds>(t);
}
template <typename T> T asWritten(T value)
{
    return value;
}
template <> vigie::Session asWritten(vigie::Session value)
{
    value.createdAt = toSeconds(value.createdAt);
    value.lastActivity = toSeconds(value.lastActivity);
    value.expiresAt = toSeconds(value.expiresAt);
    return value;
}
template <> vigie::AuditEvent asWritten(vigie::AuditEvent value)
{
    value.at = toSeconds(value.at);
    return value;
}

template <typename T> void roundTrips(const json& document)
{
    T value;
    try {
        value = document.get<T>();
    } catch (const json::exception&) {
        return;
    } catch (const std::invalid_argument&) {
        return;
    }
    const std::string text = vigie::dumpJson(json(value));
    const T again = json::parse(text).get<T>();
    if (!(again == asWritten(value)))
        std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const json document = json::parse(data, data + size, nullptr, false);
    if (document.is_discarded())
        return 0;
    roundTrips<vigie::DeviceInfo>(document);
    roundTrips<vigie::LocationData>(document);
    roundTrips<vigie::User>(document);
    roundTrips<vigie::Session>(document);
    roundTrips<vigie::AuditEvent>(document);
    roundTrips<vigie::TokenResponse>(document);
    roundTrips<vigie::ErrorBody>(document);
    roundTrips<vigie::LoginRequest>(document);
    roundTrips<vigie::RefreshRequest>(document);
    roundTrips<vigie::ReauthenticateRequest>(document);
    // The lists the app reads hold these objects.
    if (document.is_object())
        for (const char* list : {"sessions", "events", "users"})
            if (auto it = document.find(list); it != document.end() && it->is_array())
                for (const json& item : *it) {
                    roundTrips<vigie::Session>(item);
                    roundTrips<vigie::AuditEvent>(item);
                    roundTrips<vigie::User>(item);
                }
    return 0;
}
