#pragma once

#include "core/ApiTypes.h"

#include <algorithm>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace vigie::server {

struct UserRecord
{
    std::string id;
    std::string email; // as entered; compared case-insensitively through emailKey
    std::string displayName;
    Role role = Role::User;
    std::string passwordHash;
    bool disabled = false;
    std::optional<std::chrono::milliseconds> idleTimeout; // the account's own choice (API.md v1.1)
};

struct SessionRecord
{
    std::string id;
    std::string userId;
    std::string deviceInfoJson; // API.md device_info, serialised
    std::optional<std::string> ipAddress;
    std::optional<std::string> locationDataJson; // API.md location_data, serialised
    TimePoint createdAt;
    TimePoint lastActivity;
    TimePoint expiresAt;
    TimePoint authenticatedAt;
    bool isActive = true;
    std::optional<TimePoint> revokedAt;
    std::optional<std::string> revokedBy;
    std::optional<std::string> revokedReason;
    std::string refreshTokenHash;
    std::optional<std::string> name; // the user's own label (API.md v1.1)
};

// What an authenticated request needs to know about its session, in one lookup.
struct SessionAuthView
{
    std::string userId;
    Role role = Role::User;
    bool userDisabled = false;
    bool isActive = false;
    TimePoint expiresAt;
    TimePoint lastActivity;
    TimePoint authenticatedAt;
    long long sessionsVersion = 0; // changes whenever any session of the user changes
    std::optional<std::chrono::milliseconds> accountIdleTimeout;
};

// The one rule for an account's idle timeout (API.md v1.1 settings): its own choice when it
// made one, never longer than the server's --idle-timeout. The store's SQL applies the same
// rule (VIGIE_WITHIN_ACCOUNT_IDLE_TIMEOUT in SqlStore.h).
inline std::chrono::milliseconds effectiveIdleTimeout(std::chrono::milliseconds server,
                                                      std::optional<std::chrono::milliseconds> account)
{
    return account ? std::min(server, *account) : server;
}

// The one rule for "is this session live?": active, before its hard end, and used since the
// idle cut-off (now minus the idle timeout).
inline bool isLiveSession(bool isActive, TimePoint expiresAt, TimePoint lastActivity, TimePoint now,
                          TimePoint idleCutoff)
{
    return isActive && expiresAt > now && lastActivity > idleCutoff;
}
inline bool isLiveSession(const SessionAuthView& s, TimePoint now,
                          std::chrono::milliseconds serverIdleTimeout)
{
    return !s.userDisabled &&
           isLiveSession(s.isActive, s.expiresAt, s.lastActivity, now,
                         now - effectiveIdleTimeout(serverIdleTimeout, s.accountIdleTimeout));
}

// The API's audit event; an empty id asks the store to assign a new UUID.
using AuditRecord = AuditEvent;

enum class RefreshOutcome { Rotated, Invalid, Reused };

struct RefreshResult
{
    RefreshOutcome outcome = RefreshOutcome::Invalid;
    std::optional<SessionRecord> session; // set for Rotated and Reused
};

// Thrown for a database failure; the message is for the operator's log and never contains
// SQL or user data, and it never reaches a client.
class StoreError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

// The database cannot be reached or is not answering in time (down, restarting, failing
// over, out of connections). Requests fail with 503 and service resumes once it is back.
class StoreUnavailable : public StoreError
{
public:
    using StoreError::StoreError;
};

// Persistence for users, sessions, audit events and login failures. Implementations are
// thread-safe. Every time-sensitive call takes "now" and the idle cut-off from the caller, so
// policy lives in the services and the store holds no clock. The idle cut-off is the
// server's (now minus --idle-timeout); the store also ends sessions idle past their
// account's own shorter timeout (effectiveIdleTimeout), in the same statement.
class SessionStore
{
public:
    virtual ~SessionStore() = default;

    // Applies pending numbered migrations, each in its own transaction; returns how many.
    virtual int migrate() = 0;

    // Throws StoreUnavailable when the database does not answer a trivial query.
    virtual void ping() = 0;

    virtual bool insertUser(const UserRecord& user) = 0; // false: the email exists
    virtual std::optional<UserRecord> findUserByEmail(const std::string& email) = 0;
    virtual std::optional<UserRecord> findUserById(const std::string& id) = 0;
    virtual void updatePassword(const std::string& userId, const std::string& passwordHash) = 0;
    // Sets the account's own idle timeout (nullopt: the server's) with its audit event.
    virtual void setIdleTimeout(const std::string& userId, std::optional<std::chrono::milliseconds> timeout,
                                const AuditRecord& event) = 0;
    // Stores a new password hash and makes keepSessionId freshly authenticated; with
    // signOutOthers, revokes every other live session of the user, one event each (the
    // template's actor, action, ip and reason; each session its target). All of it and the
    // event in one transaction. nullopt (nothing changed) when keepSessionId is no longer
    // live; else the number of sessions revoked.
    virtual std::optional<int> changePassword(const std::string& userId, const std::string& passwordHash,
                                              const std::string& keepSessionId, bool signOutOthers,
                                              TimePoint now, TimePoint idleCutoff, const AuditRecord& event,
                                              const AuditRecord& revokedEventTemplate) = 0;
    // Sets a new password hash and revokes every session of the account (the command line's
    // `user password`), one event each as revokeAllSessions, with the event, in one
    // transaction; nullopt when the email is unknown, else the number of sessions revoked.
    virtual std::optional<int> resetPassword(const std::string& email, const std::string& passwordHash,
                                             TimePoint now, const AuditRecord& event,
                                             const AuditRecord& revokedEventTemplate) = 0;
    // Disables the account and revokes its sessions; false when the email is unknown.
    virtual bool disableUser(const std::string& email, TimePoint now) = 0;

    // Inserts a session with its login event. Past maxActiveSessions live sessions of the user
    // (the new one included), the ones idle the longest are revoked, each with a
    // session_revoked event, in the same transaction.
    virtual void insertSession(const SessionRecord& session, const AuditRecord& event, TimePoint idleCutoff,
                               int maxActiveSessions) = 0;
    virtual std::optional<SessionAuthView> sessionForAuth(const std::string& sessionId) = 0;
    virtual std::vector<SessionRecord> activeSessions(const std::string& userId, TimePoint now,
                                                      TimePoint idleCutoff) = 0;
    virtual void touchSession(const std::string& sessionId, TimePoint now) = 0;
    virtual void markAuthenticated(const std::string& sessionId, TimePoint now, const AuditRecord& event) = 0;
    // Names (or, with nullopt, unnames) one live session of userId, with the event; returns
    // the session as it is now, or nullopt when there is no such session.
    virtual std::optional<SessionRecord> renameSession(const std::string& userId,
                                                       const std::string& sessionId,
                                                       const std::optional<std::string>& name, TimePoint now,
                                                       TimePoint idleCutoff, const AuditRecord& event) = 0;

    // Rotates the refresh token whose hash is oldHash. A hash that was current once but has
    // been rotated away is reuse: the session is revoked and the event recorded, atomically.
    virtual RefreshResult rotateRefreshToken(const std::string& oldHash, const std::string& newHash,
                                             TimePoint now, TimePoint idleCutoff,
                                             const AuditRecord& reuseEvent) = 0;

    // Revokes one active, unexpired session of userId; false when there is no such session.
    // The event's targetSessionId is filled in.
    virtual bool revokeSession(const std::string& userId, const std::string& sessionId, TimePoint now,
                               TimePoint idleCutoff, const std::optional<std::string>& revokedBy,
                               const std::optional<std::string>& reason, const AuditRecord& event) = 0;
    // Revokes every other active session of userId, one audit event each, and returns the
    // count; nullopt (nothing changed) when keepSessionId itself is no longer live, checked in
    // the same transaction: of two sessions signing each other out at once, one survives.
    virtual std::optional<int> revokeOtherSessions(const std::string& userId,
                                                   const std::string& keepSessionId, TimePoint now,
                                                   TimePoint idleCutoff,
                                                   const AuditRecord& eventTemplate) = 0;
    // Revokes every active session of userId with one event each (the template's actor,
    // action and reason; each session its target); returns the count.
    virtual int revokeAllSessions(const std::string& userId, TimePoint now,
                                  const std::optional<std::string>& revokedBy,
                                  const std::string& revokedReason, const AuditRecord& eventTemplate) = 0;

    virtual void appendAudit(const AuditRecord& event) = 0;
    virtual std::vector<AuditRecord> auditEvents(const std::optional<std::string>& userId, int limit) = 0;

    // Login throttling: failures per key ("account:…", "address:…") within a window.
    virtual void recordLoginFailure(const std::vector<std::string>& keys, TimePoint now) = 0;
    // The failures of key after since, oldest first.
    virtual std::vector<TimePoint> loginFailures(const std::string& key, TimePoint since) = 0;
    virtual void clearLoginFailures(const std::string& key) = 0;
    // Records a failure for each key at once, unless one of them already has max failures
    // after since: then records nothing and returns false. Atomic across servers, so that
    // concurrent attempts cannot all pass one check (an attempt is reserved before hashing).
    virtual bool reserveLoginAttempt(const std::vector<std::string>& keys, TimePoint now, TimePoint since,
                                     int max) = 0;
    // Takes back one failure of key recorded at `at` (a reserved attempt that succeeded).
    virtual void releaseLoginAttempt(const std::string& key, TimePoint at) = 0;

    // Deletes up to batchSize sessions that were revoked or ended before purgeBefore (with
    // their device and address data) and failed sign-ins for no account written before it,
    // and login failures older than failuresBefore. Returns the sessions and events deleted.
    virtual int purgeBatch(TimePoint purgeBefore, std::chrono::milliseconds idleTimeout,
                           TimePoint failuresBefore, int batchSize) = 0;
};

// Opens the store a database URL names: "sqlite:PATH" (or a bare path), or a libpq URL
// "postgresql://…" (also "postgres://…") with at most poolSize connections. Throws StoreError
// with a one-line message when the URL is unsupported or the database cannot be opened.
std::unique_ptr<SessionStore> openStore(const std::string& url, int poolSize = 10);

// "sqlite:PATH" → PATH, for files kept beside the database (the JWT secret).
std::optional<std::string> sqlitePath(const std::string& url);

} // namespace vigie::server
