#pragma once

// The types of the Vigie session API (docs/openapi.yaml) and their JSON mapping.
// Both vigie-server and the desktop client use these, so the two cannot drift.

#include <chrono>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

namespace vigie {

using Clock = std::chrono::system_clock;
using TimePoint = std::chrono::time_point<Clock, std::chrono::milliseconds>;

enum class Role { User, Support, Admin };

std::string toString(Role role);
std::optional<Role> roleFromString(std::string_view text);

// What the user-agent parser knows about a client. Unknown parts are null.
struct DeviceInfo
{
    std::optional<std::string> browser;
    std::optional<std::string> browserVersion;
    std::optional<std::string> os;
    std::optional<std::string> osVersion;
    std::string deviceType = "unknown"; // desktop, mobile, tablet, bot, app, unknown
    std::optional<std::string> deviceBrand;
    std::optional<std::string> deviceModel;
    std::string userAgent;

    bool operator==(const DeviceInfo&) const = default;
};

struct LocationData
{
    std::optional<std::string> city;
    std::optional<std::string> region;
    std::optional<std::string> country;
    std::optional<std::string> countryCode;

    bool operator==(const LocationData&) const = default;
};

struct User
{
    std::string id;
    std::string email;
    std::string displayName;
    Role role = Role::User;

    bool operator==(const User&) const = default;
};

struct Session
{
    std::string id;
    DeviceInfo deviceInfo;
    std::optional<std::string> ipAddress;
    std::optional<LocationData> locationData;
    TimePoint createdAt;
    TimePoint lastActivity;
    TimePoint expiresAt;
    bool isActive = true;
    bool isCurrent = false;

    bool operator==(const Session&) const = default;
};

// The session an audit event was about, as it was when the event was written (API.md v1.1): it
// outlives the session itself, so an old event can still say which device it concerned.
struct TargetSession
{
    std::optional<std::string> name;
    DeviceInfo deviceInfo;
    std::optional<LocationData> locationData;

    bool operator==(const TargetSession&) const = default;
};

struct AuditEvent
{
    std::string id;
    TimePoint at;
    std::optional<std::string> actorUserId;
    std::string action;
    std::optional<std::string> targetUserId;
    std::optional<std::string> targetSessionId;
    std::optional<std::string> ipAddress;
    std::optional<std::string> reason;
    // Absent from a v1 server and null when the event has no target session.
    std::optional<TargetSession> targetSession;

    bool operator==(const AuditEvent&) const = default;
};

struct TokenResponse
{
    std::string accessToken;
    std::string tokenType = "Bearer";
    long long expiresIn = 0;
    std::string refreshToken;
    std::string sessionId;
    User user;

    bool operator==(const TokenResponse&) const = default;
};

struct ErrorBody
{
    std::string error;
    std::string message;

    bool operator==(const ErrorBody&) const = default;
};

// The request bodies the server reads: POST /api/auth/login, /refresh and /reauthenticate.
struct LoginRequest
{
    std::string email;
    std::string password;

    bool operator==(const LoginRequest&) const = default;
};

struct RefreshRequest
{
    std::string refreshToken;

    bool operator==(const RefreshRequest&) const = default;
};

struct ReauthenticateRequest
{
    std::string password;

    bool operator==(const ReauthenticateRequest&) const = default;
};

// JSON mapping. from_json throws nlohmann::json::exception on a missing field or a wrong type,
// and std::invalid_argument on a value outside the contract (bad timestamp, unknown role).
void to_json(nlohmann::json& j, const DeviceInfo& v);
void from_json(const nlohmann::json& j, DeviceInfo& v);
void to_json(nlohmann::json& j, const LocationData& v);
void from_json(const nlohmann::json& j, LocationData& v);
void to_json(nlohmann::json& j, const User& v);
void from_json(const nlohmann::json& j, User& v);
void to_json(nlohmann::json& j, const Session& v);
void from_json(const nlohmann::json& j, Session& v);
void to_json(nlohmann::json& j, const TargetSession& v);
void from_json(const nlohmann::json& j, TargetSession& v);
void to_json(nlohmann::json& j, const AuditEvent& v);
void from_json(const nlohmann::json& j, AuditEvent& v);
void to_json(nlohmann::json& j, const TokenResponse& v);
void from_json(const nlohmann::json& j, TokenResponse& v);
void to_json(nlohmann::json& j, const ErrorBody& v);
void from_json(const nlohmann::json& j, ErrorBody& v);
void to_json(nlohmann::json& j, const LoginRequest& v);
void from_json(const nlohmann::json& j, LoginRequest& v);
void to_json(nlohmann::json& j, const RefreshRequest& v);
void from_json(const nlohmann::json& j, RefreshRequest& v);
void to_json(nlohmann::json& j, const ReauthenticateRequest& v);
void from_json(const nlohmann::json& j, ReauthenticateRequest& v);

// Serialises compactly; bytes that are not UTF-8 (a User-Agent header may carry any) become
// U+FFFD instead of throwing.
std::string dumpJson(const nlohmann::json& j);

// Appends text as a JSON string literal (quotes included), escaping as dumpJson does.
void appendJsonString(std::string& out, std::string_view text);

} // namespace vigie
