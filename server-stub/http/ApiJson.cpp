#include "http/ApiJson.h"

#include "core/TimeFormat.h"

#include <nlohmann/json.hpp>

namespace vigie::server {

using nlohmann::json;

namespace {

void appendOptionalString(std::string& out, const std::optional<std::string>& text)
{
    if (text)
        appendJsonString(out, *text);
    else
        out += "null";
}

} // namespace

// Sessions are serialised by hand: their device_info and location_data are stored as JSON
// text already, and splicing it in avoids re-parsing every row on the hottest endpoint.
void appendSession(std::string& out, const SessionRecord& s, bool isCurrent)
{
    out += "{\"id\":";
    appendJsonString(out, s.id);
    out += ",\"device_info\":";
    out += s.deviceInfoJson;
    out += ",\"ip_address\":";
    appendOptionalString(out, s.ipAddress);
    out += ",\"location_data\":";
    out += s.locationDataJson ? *s.locationDataJson : std::string("null");
    out += ",\"created_at\":\"" + formatRfc3339(s.createdAt);
    out += "\",\"last_activity\":\"" + formatRfc3339(s.lastActivity);
    out += "\",\"expires_at\":\"" + formatRfc3339(s.expiresAt);
    out += "\",\"name\":";
    appendOptionalString(out, s.name);
    out += ",\"is_active\":";
    out += s.isActive ? "true" : "false";
    out += ",\"is_current\":";
    out += isCurrent ? "true}" : "false}";
}

std::string sessionsJson(const std::vector<SessionRecord>& sessions, const std::string* currentId)
{
    std::string out;
    out.reserve(64 + sessions.size() * 640);
    out += "{\"sessions\":[";
    for (size_t i = 0; i < sessions.size(); ++i) {
        if (i)
            out += ',';
        appendSession(out, sessions[i], currentId && sessions[i].id == *currentId);
    }
    out += ']';
    if (currentId) {
        out += ",\"current_session_id\":";
        appendJsonString(out, *currentId);
    }
    out += '}';
    return out;
}

std::string eventsJson(const std::vector<AuditRecord>& events)
{
    json list = json::array();
    for (const auto& e : events)
        list.push_back(e);
    return dumpJson(json{{"events", std::move(list)}});
}

} // namespace vigie::server
