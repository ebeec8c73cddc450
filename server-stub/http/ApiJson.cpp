#include "http/ApiJson.h"

#include "core/TimeFormat.h"
#include "recognition/Place.h"

#include <nlohmann/json.hpp>

namespace vigie::server {

using nlohmann::json;

namespace {

std::optional<LocationData> placeIn(const std::optional<std::string>& placeJson, std::string_view language)
{
    if (!placeJson)
        return std::nullopt;
    const auto place = Place::fromJson(*placeJson);
    return place ? place->in(language) : std::nullopt;
}

std::string placeText(const std::optional<std::string>& placeJson, std::string_view language)
{
    const auto location = placeIn(placeJson, language);
    return location ? dumpJson(json(*location)) : std::string("null");
}

void appendOptionalString(std::string& out, const std::optional<std::string>& text)
{
    if (text)
        appendJsonString(out, *text);
    else
        out += "null";
}

// ,"<ipKey>":…,"<placeKey>":… — an address and its place, as a session carries two of them.
void appendWhere(std::string& out, const char* ipKey, const std::optional<std::string>& ip,
                 const char* placeKey, const std::string& placeJson)
{
    out += ",\"";
    out += ipKey;
    out += "\":";
    appendOptionalString(out, ip);
    out += ",\"";
    out += placeKey;
    out += "\":";
    out += placeJson;
}

// An audit event's target_session as stored (Place and all) → the API's, in `language`.
std::optional<TargetSession> targetSessionIn(const std::optional<std::string>& stored,
                                             std::string_view language)
{
    if (!stored)
        return std::nullopt;
    const json j = json::parse(*stored, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded() || !j.is_object())
        return std::nullopt;
    try {
        TargetSession target;
        if (const auto name = j.find("name"); name != j.end() && name->is_string())
            target.name = name->get<std::string>();
        target.deviceInfo = j.at("device_info").get<DeviceInfo>();
        if (const auto place = j.find("location_data"); place != j.end() && place->is_object())
            target.locationData = placeIn(place->dump(), language);
        return target;
    } catch (const std::exception&) {
        return std::nullopt; // a damaged row reads as "no target", never as a failed request
    }
}

} // namespace

// Sessions are serialised by hand: their device_info is stored as JSON text already, and
// splicing it in avoids re-parsing it on the hottest endpoint. Places are stored with all
// their names and written in the reader's language.
void appendSession(std::string& out, const SessionRecord& s, bool isCurrent, std::string_view language)
{
    out += "{\"id\":";
    appendJsonString(out, s.id);
    out += ",\"device_info\":";
    out += s.deviceInfoJson;
    // A session's last place is usually where it signed in: named once, written twice.
    const std::string place = placeText(s.locationDataJson, language);
    appendWhere(out, "ip_address", s.ipAddress, "location_data", place);
    out += ",\"created_at\":\"" + formatRfc3339(s.createdAt);
    out += "\",\"last_activity\":\"" + formatRfc3339(s.lastActivity);
    out += "\",\"expires_at\":\"" + formatRfc3339(s.expiresAt);
    out += "\",\"name\":";
    appendOptionalString(out, s.name);
    out += ",\"is_active\":";
    out += s.isActive ? "true" : "false";
    out += ",\"is_current\":";
    out += isCurrent ? "true" : "false";
    out += ",\"flags\":";
    out += s.flagsJson;
    appendWhere(out, "last_ip_address", s.lastIpAddress, "last_location_data",
                s.lastLocationDataJson == s.locationDataJson ? place
                                                             : placeText(s.lastLocationDataJson, language));
    out += '}';
}

std::string sessionsJson(const std::vector<SessionRecord>& sessions, const std::string* currentId,
                         std::string_view language)
{
    std::string out;
    out.reserve(64 + sessions.size() * 640);
    out += "{\"sessions\":[";
    for (size_t i = 0; i < sessions.size(); ++i) {
        if (i)
            out += ',';
        appendSession(out, sessions[i], currentId && sessions[i].id == *currentId, language);
    }
    out += ']';
    if (currentId) {
        out += ",\"current_session_id\":";
        appendJsonString(out, *currentId);
    }
    out += '}';
    return out;
}

json auditEventJson(const AuditRecord& e, std::string_view language)
{
    AuditEvent event = e;
    event.targetSession = targetSessionIn(e.targetSessionJson, language);
    json j = event;
    if (!event.targetSession)
        j["target_session"] = nullptr;
    return j;
}

std::string eventsJson(const std::vector<AuditRecord>& events, std::string_view language)
{
    json list = json::array();
    for (const auto& e : events)
        list.push_back(auditEventJson(e, language));
    return dumpJson(json{{"events", std::move(list)}});
}

} // namespace vigie::server
