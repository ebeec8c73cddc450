#include "core/ApiTypes.h"

#include "core/TimeFormat.h"

#include <algorithm>
#include <limits>
#include <nlohmann/json.hpp>
#include <stdexcept>

namespace vigie {

using nlohmann::json;

namespace {

template <typename T> void putOptional(json& j, const char* key, const std::optional<T>& value)
{
    if (value)
        j[key] = *value;
    else
        j[key] = nullptr;
}

// A missing key and an explicit null both mean "unknown"; any other type is an error.
std::optional<std::string> getOptionalString(const json& j, const char* key)
{
    if (!j.is_object())
        throw std::invalid_argument(std::string("expected an object holding '") + key + "'");
    auto it = j.find(key);
    if (it == j.end() || it->is_null())
        return std::nullopt;
    return it->get<std::string>();
}

// A required string: json::exception when it is missing or not a string, whatever j is.
std::string getString(const json& j, const char* key)
{
    return j.at(key).get<std::string>();
}

// Only a whole number: converting a larger floating-point number to an integer is undefined.
long long getWholeNumber(const json& j, const char* key)
{
    const json& value = j.at(key);
    if (!value.is_number_integer() ||
        (value.is_number_unsigned() &&
         value.get<unsigned long long>() >
             static_cast<unsigned long long>(std::numeric_limits<long long>::max())))
        throw std::invalid_argument(std::string("field '") + key + "' is not a whole number");
    return value.get<long long>();
}

std::optional<LocationData> getOptionalLocation(const json& j, const char* key);

TimePoint getTime(const json& j, const char* key)
{
    auto parsed = parseRfc3339(j.at(key).get<std::string>());
    if (!parsed)
        throw std::invalid_argument(std::string("field '") + key + "' is not an RFC 3339 timestamp");
    return *parsed;
}

} // namespace

std::string toString(Role role)
{
    switch (role) {
    case Role::Support:
        return "support";
    case Role::Admin:
        return "admin";
    case Role::User:
        break;
    }
    return "user";
}

std::optional<Role> roleFromString(std::string_view text)
{
    if (text == "user")
        return Role::User;
    if (text == "support")
        return Role::Support;
    if (text == "admin")
        return Role::Admin;
    return std::nullopt;
}

void to_json(json& j, const DeviceInfo& v)
{
    j = json::object();
    putOptional(j, "browser", v.browser);
    putOptional(j, "browser_version", v.browserVersion);
    putOptional(j, "os", v.os);
    putOptional(j, "os_version", v.osVersion);
    j["device_type"] = v.deviceType;
    putOptional(j, "device_brand", v.deviceBrand);
    putOptional(j, "device_model", v.deviceModel);
    // A missing or empty User-Agent is null, never "" (API.md).
    if (v.userAgent.empty())
        j["user_agent"] = nullptr;
    else
        j["user_agent"] = v.userAgent;
}

void from_json(const json& j, DeviceInfo& v)
{
    v.browser = getOptionalString(j, "browser");
    v.browserVersion = getOptionalString(j, "browser_version");
    v.os = getOptionalString(j, "os");
    v.osVersion = getOptionalString(j, "os_version");
    v.deviceType = getOptionalString(j, "device_type").value_or("unknown");
    v.deviceBrand = getOptionalString(j, "device_brand");
    v.deviceModel = getOptionalString(j, "device_model");
    v.userAgent = getOptionalString(j, "user_agent").value_or("");
}

void to_json(json& j, const LocationData& v)
{
    j = json::object();
    putOptional(j, "city", v.city);
    putOptional(j, "region", v.region);
    putOptional(j, "country", v.country);
    putOptional(j, "country_code", v.countryCode);
}

void from_json(const json& j, LocationData& v)
{
    v.city = getOptionalString(j, "city");
    v.region = getOptionalString(j, "region");
    v.country = getOptionalString(j, "country");
    v.countryCode = getOptionalString(j, "country_code");
}

namespace {
std::optional<LocationData> getOptionalLocation(const json& j, const char* key)
{
    auto it = j.find(key);
    if (it == j.end() || it->is_null())
        return std::nullopt;
    return it->get<LocationData>();
}
} // namespace

void to_json(json& j, const User& v)
{
    j = json{{"id", v.id}, {"email", v.email}, {"display_name", v.displayName}, {"role", toString(v.role)}};
}

void from_json(const json& j, User& v)
{
    v.id = j.at("id").get<std::string>();
    v.email = j.at("email").get<std::string>();
    v.displayName = j.at("display_name").get<std::string>();
    auto role = roleFromString(j.at("role").get<std::string>());
    if (!role)
        throw std::invalid_argument("unknown role");
    v.role = *role;
}

void to_json(json& j, const Session& v)
{
    j = json::object();
    j["id"] = v.id;
    j["device_info"] = v.deviceInfo;
    putOptional(j, "ip_address", v.ipAddress);
    putOptional(j, "location_data", v.locationData);
    j["created_at"] = formatRfc3339(v.createdAt);
    j["last_activity"] = formatRfc3339(v.lastActivity);
    j["expires_at"] = formatRfc3339(v.expiresAt);
    j["is_active"] = v.isActive;
    j["is_current"] = v.isCurrent;
    putOptional(j, "name", v.name);
    j["flags"] = v.flags;
    putOptional(j, "last_ip_address", v.lastIpAddress);
    putOptional(j, "last_location_data", v.lastLocationData);
}

void from_json(const json& j, Session& v)
{
    v.id = j.at("id").get<std::string>();
    v.deviceInfo = j.at("device_info").get<DeviceInfo>();
    v.ipAddress = getOptionalString(j, "ip_address");
    v.locationData = getOptionalLocation(j, "location_data");
    v.createdAt = getTime(j, "created_at");
    v.lastActivity = getTime(j, "last_activity");
    v.expiresAt = getTime(j, "expires_at");
    v.isActive = j.at("is_active").get<bool>();
    v.isCurrent = j.at("is_current").get<bool>();
    v.name = getOptionalString(j, "name");
    v.flags.clear();
    if (auto flags = j.find("flags"); flags != j.end() && !flags->is_null())
        v.flags = flags->get<std::vector<std::string>>();
    v.lastIpAddress = getOptionalString(j, "last_ip_address");
    v.lastLocationData = getOptionalLocation(j, "last_location_data");
}

void to_json(json& j, const TargetSession& v)
{
    j = json::object();
    putOptional(j, "name", v.name);
    j["device_info"] = v.deviceInfo;
    putOptional(j, "location_data", v.locationData);
}

void from_json(const json& j, TargetSession& v)
{
    v.name = getOptionalString(j, "name");
    v.deviceInfo = j.at("device_info").get<DeviceInfo>();
    v.locationData = getOptionalLocation(j, "location_data");
}

void to_json(json& j, const AuditEvent& v)
{
    j = json::object();
    j["id"] = v.id;
    j["at"] = formatRfc3339(v.at);
    putOptional(j, "actor_user_id", v.actorUserId);
    j["action"] = v.action;
    putOptional(j, "target_user_id", v.targetUserId);
    putOptional(j, "target_session_id", v.targetSessionId);
    putOptional(j, "ip_address", v.ipAddress);
    putOptional(j, "reason", v.reason);
    // Written only when known, so that a server that does not record it yet still answers
    // exactly as v1 (openapi.yaml's AuditEvent has no other properties until then).
    if (v.targetSession)
        j["target_session"] = *v.targetSession;
}

void from_json(const json& j, AuditEvent& v)
{
    v.id = j.at("id").get<std::string>();
    v.at = getTime(j, "at");
    v.actorUserId = getOptionalString(j, "actor_user_id");
    v.action = j.at("action").get<std::string>();
    v.targetUserId = getOptionalString(j, "target_user_id");
    v.targetSessionId = getOptionalString(j, "target_session_id");
    v.ipAddress = getOptionalString(j, "ip_address");
    v.reason = getOptionalString(j, "reason");
    auto target = j.find("target_session");
    if (target != j.end() && !target->is_null())
        v.targetSession = target->get<TargetSession>();
    else
        v.targetSession.reset();
}

bool ServerVersion::has(std::string_view feature) const
{
    return std::find(features.begin(), features.end(), feature) != features.end();
}

void to_json(json& j, const ServerVersion& v)
{
    j = json{{"version", v.version}, {"features", v.features}};
}

void from_json(const json& j, ServerVersion& v)
{
    v.version = getString(j, "version");
    v.features = j.at("features").get<std::vector<std::string>>();
}

void to_json(json& j, const AccountSettings& v)
{
    j = json{{"idle_timeout_seconds", v.idleTimeoutSeconds},
             {"max_idle_timeout_seconds", v.maxIdleTimeoutSeconds}};
}

void from_json(const json& j, AccountSettings& v)
{
    v.idleTimeoutSeconds = getWholeNumber(j, "idle_timeout_seconds");
    v.maxIdleTimeoutSeconds = getWholeNumber(j, "max_idle_timeout_seconds");
}

void to_json(json& j, const PasswordChangeRequest& v)
{
    j = json{{"current_password", v.currentPassword},
             {"new_password", v.newPassword},
             {"sign_out_other_sessions", v.signOutOtherSessions}};
}

void from_json(const json& j, PasswordChangeRequest& v)
{
    v.currentPassword = getString(j, "current_password");
    v.newPassword = getString(j, "new_password");
    v.signOutOtherSessions = true;
    if (auto it = j.find("sign_out_other_sessions"); it != j.end())
        v.signOutOtherSessions = it->get<bool>();
}

void to_json(json& j, const SessionRenameRequest& v)
{
    j = json::object();
    putOptional(j, "name", v.name);
}

void from_json(const json& j, SessionRenameRequest& v)
{
    if (!j.is_object() || !j.contains("name"))
        throw std::invalid_argument("expected an object holding 'name'");
    v.name = getOptionalString(j, "name");
}

void to_json(json& j, const AccountEvent& v)
{
    j = json::object();
    j["event"] = v.event;
    putOptional(j, "session", v.session);
}

void from_json(const json& j, AccountEvent& v)
{
    v.event = j.at("event").get<AuditEvent>();
    auto session = j.find("session");
    if (session != j.end() && !session->is_null())
        v.session = session->get<Session>();
    else
        v.session.reset();
}

void to_json(json& j, const TokenResponse& v)
{
    j = json{{"access_token", v.accessToken},   {"token_type", v.tokenType}, {"expires_in", v.expiresIn},
             {"refresh_token", v.refreshToken}, {"session_id", v.sessionId}, {"user", v.user}};
}

void from_json(const json& j, TokenResponse& v)
{
    v.accessToken = j.at("access_token").get<std::string>();
    v.tokenType = j.at("token_type").get<std::string>();
    v.expiresIn = getWholeNumber(j, "expires_in");
    v.refreshToken = j.at("refresh_token").get<std::string>();
    v.sessionId = j.at("session_id").get<std::string>();
    v.user = j.at("user").get<User>();
}

std::string dumpJson(const json& j)
{
    return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

void appendJsonString(std::string& out, std::string_view text)
{
    bool plain = true;
    for (unsigned char c : text)
        if (c < 0x20 || c == '"' || c == '\\' || c >= 0x80) {
            plain = false;
            break;
        }
    if (plain) {
        out += '"';
        out += text;
        out += '"';
        return;
    }
    out += dumpJson(json(std::string(text)));
}

void to_json(json& j, const ErrorBody& v)
{
    j = json{{"error", v.error}, {"message", v.message}};
}

void from_json(const json& j, ErrorBody& v)
{
    v.error = j.at("error").get<std::string>();
    v.message = j.at("message").get<std::string>();
}

void to_json(json& j, const LoginRequest& v)
{
    j = json{{"email", v.email}, {"password", v.password}};
}

void from_json(const json& j, LoginRequest& v)
{
    v.email = getString(j, "email");
    v.password = getString(j, "password");
}

void to_json(json& j, const RefreshRequest& v)
{
    j = json{{"refresh_token", v.refreshToken}};
}

void from_json(const json& j, RefreshRequest& v)
{
    v.refreshToken = getString(j, "refresh_token");
}

void to_json(json& j, const ReauthenticateRequest& v)
{
    j = json{{"password", v.password}};
}

void from_json(const json& j, ReauthenticateRequest& v)
{
    v.password = getString(j, "password");
}

} // namespace vigie
