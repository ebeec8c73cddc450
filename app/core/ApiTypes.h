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
    // API.md v1.1; a v1 server sends none of these, and they read as absent/empty.
    std::optional<std::string> name;          // the user's own label ("Work laptop")
    std::vector<std::string> flags;           // session::kFlagNewDevice, kFlagNewCountry
    std::optional<std::string> lastIpAddress; // the most recent request's address
    std::optional<LocationData> lastLocationData;

    bool operator==(const Session&) const = default;
};

namespace session {
inline constexpr char kFlagNewDevice[] = "new_device";
inline constexpr char kFlagNewCountry[] = "new_country";
// A session name's longest length (API.md v1.1), in code points after trimming.
inline constexpr int kNameMaxLength = 64;
} // namespace session

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

// GET /api/version (API.md v1.1). A v1 server answers 404.
struct ServerVersion
{
    std::string version;
    std::vector<std::string> features; // feature::k…
    bool has(std::string_view feature) const;
    bool operator==(const ServerVersion&) const = default;
};

namespace feature {
inline constexpr char kEvents[] = "events";
inline constexpr char kFlags[] = "flags";
inline constexpr char kSessionNames[] = "session_names";
inline constexpr char kSettings[] = "settings";
inline constexpr char kPasswordChange[] = "password_change";
} // namespace feature

// GET/PUT /api/users/me/settings (API.md v1.1). PUT sends idleTimeoutSeconds only.
struct AccountSettings
{
    long long idleTimeoutSeconds = 0;
    long long maxIdleTimeoutSeconds = 0;
    bool operator==(const AccountSettings&) const = default;
};
// The shortest idle timeout an account may choose.
inline constexpr long long kMinIdleTimeoutSeconds = 3600;

// POST /api/users/me/password (API.md v1.1).
struct PasswordChangeRequest
{
    std::string currentPassword;
    std::string newPassword;
    bool signOutOtherSessions = true;
    bool operator==(const PasswordChangeRequest&) const = default;
};
// A password's bounds, in code points (API.md v1.1).
inline constexpr int kPasswordMinLength = 8;
inline constexpr int kPasswordMaxLength = 1024;

// PATCH /api/users/me/sessions/{id}: null (or "") clears the name.
struct SessionRenameRequest
{
    std::optional<std::string> name;
    bool operator==(const SessionRenameRequest&) const = default;
};

// One message of GET /api/users/me/events: the audit event and, for a login, the new session
// as the caller's own list shows it (null when it has ended or for other actions).
struct AccountEvent
{
    AuditEvent event;
    std::optional<Session> session;
    bool operator==(const AccountEvent&) const = default;
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
void to_json(nlohmann::json& j, const ServerVersion& v);
void from_json(const nlohmann::json& j, ServerVersion& v);
void to_json(nlohmann::json& j, const AccountSettings& v);
void from_json(const nlohmann::json& j, AccountSettings& v);
void to_json(nlohmann::json& j, const PasswordChangeRequest& v);
void from_json(const nlohmann::json& j, PasswordChangeRequest& v);
void to_json(nlohmann::json& j, const SessionRenameRequest& v);
void from_json(const nlohmann::json& j, SessionRenameRequest& v);
void to_json(nlohmann::json& j, const AccountEvent& v);
void from_json(const nlohmann::json& j, AccountEvent& v);
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
