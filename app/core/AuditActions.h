#pragma once

// The audit trail's actions (API.md "Support staff" and v1.1), the one list the server writes
// and the app reads.
namespace vigie::audit_action {

inline constexpr char kLogin[] = "login";
inline constexpr char kLoginFailed[] = "login_failed";
inline constexpr char kRefresh[] = "refresh";
inline constexpr char kRefreshReuse[] = "refresh_reuse";
inline constexpr char kReauthenticated[] = "reauthenticated";
inline constexpr char kLogout[] = "logout";
inline constexpr char kSessionRevoked[] = "session_revoked";
inline constexpr char kOtherSessionsRevoked[] = "other_sessions_revoked";
inline constexpr char kSupportLookup[] = "support_lookup";
inline constexpr char kSessionExpired[] = "session_expired";
// v1.1
inline constexpr char kSessionRenamed[] = "session_renamed";
inline constexpr char kSettingsChanged[] = "settings_changed";
inline constexpr char kPasswordChanged[] = "password_changed";

} // namespace vigie::audit_action
