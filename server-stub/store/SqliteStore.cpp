#include "store/SqliteStore.h"

#include "crypto/Random.h"
#include "store/Migrations.h"
#include "store/PostgresStore.h"
#include "store/StoreValues.h"

#include <algorithm>
#include <cctype>
#include <sqlite3.h>
#include <unordered_map>

namespace vigie::server {

namespace {

using storevalues::fromMs;
using storevalues::lowerAscii;
using storevalues::toMs;

// The message names the failure class only: SQL text and bound values stay out of logs.
// A full disk or failing storage is the operator's to fix and the client's to retry later
// (503), not a fault in the request (500); SQLite has rolled the statement back either way.
[[noreturn]] void fail(sqlite3* db, const char* what)
{
    const int code = sqlite3_extended_errcode(db);
    const std::string message = std::string("database error while ") + what + ": " + sqlite3_errstr(code);
    switch (code & 0xff) {
    case SQLITE_FULL:
    case SQLITE_IOERR:
    case SQLITE_READONLY:
        throw StoreUnavailable(message);
    default:
        throw StoreError(message);
    }
}

} // namespace

// One SQLite connection and its cached prepared statements. Used by one thread at a time.
class SqliteConnection
{
public:
    explicit SqliteConnection(sqlite3* db) : m_db(db) {}
    ~SqliteConnection()
    {
        for (auto& [sql, stmt] : m_statements)
            sqlite3_finalize(stmt);
        sqlite3_close_v2(m_db);
    }

    sqlite3* db() const { return m_db; }

    sqlite3_stmt* statement(const char* sql)
    {
        auto it = m_statements.find(sql);
        if (it != m_statements.end())
            return it->second;
        sqlite3_stmt* stmt = nullptr;
        if (sqlite3_prepare_v3(m_db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, nullptr) != SQLITE_OK)
            fail(m_db, "preparing a statement");
        m_statements.emplace(sql, stmt);
        return stmt;
    }

    void exec(const char* sql, const char* what)
    {
        if (sqlite3_exec(m_db, sql, nullptr, nullptr, nullptr) != SQLITE_OK)
            fail(m_db, what);
    }

private:
    sqlite3* m_db;
    std::unordered_map<const char*, sqlite3_stmt*> m_statements;
};

namespace {

// A prepared statement in use: binds by position, steps, and resets when it goes away.
class Query
{
public:
    Query(SqliteConnection& c, const char* sql) : m_db(c.db()), m_stmt(c.statement(sql)) {}
    ~Query()
    {
        sqlite3_reset(m_stmt);
        sqlite3_clear_bindings(m_stmt);
    }
    Query(const Query&) = delete;
    Query& operator=(const Query&) = delete;

    // Values are bound without a copy (SQLITE_STATIC), so they must outlive the query:
    // temporaries are refused at compile time.
    Query& bind(int i, std::string&&) = delete;
    Query& bind(int i, std::optional<std::string>&&) = delete;
    Query& bind(int i, const std::string& v)
    {
        check(sqlite3_bind_text(m_stmt, i, v.data(), int(v.size()), SQLITE_STATIC));
        return *this;
    }
    Query& bind(int i, const std::optional<std::string>& v)
    {
        if (v)
            return bind(i, *v);
        check(sqlite3_bind_null(m_stmt, i));
        return *this;
    }
    Query& bind(int i, long long v)
    {
        check(sqlite3_bind_int64(m_stmt, i, v));
        return *this;
    }
    Query& bind(int i, TimePoint t) { return bind(i, toMs(t)); }

    // true while there is a row
    bool step()
    {
        const int rc = sqlite3_step(m_stmt);
        if (rc == SQLITE_ROW)
            return true;
        if (rc == SQLITE_DONE)
            return false;
        fail(m_db, "running a statement");
    }
    void run()
    {
        while (step()) {
        }
    }

    std::string text(int col) const
    {
        const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, col));
        return p ? std::string(p, size_t(sqlite3_column_bytes(m_stmt, col))) : std::string();
    }
    std::optional<std::string> optText(int col) const
    {
        if (sqlite3_column_type(m_stmt, col) == SQLITE_NULL)
            return std::nullopt;
        return text(col);
    }
    long long integer(int col) const { return sqlite3_column_int64(m_stmt, col); }
    TimePoint time(int col) const { return fromMs(integer(col)); }
    std::optional<TimePoint> optTime(int col) const
    {
        if (sqlite3_column_type(m_stmt, col) == SQLITE_NULL)
            return std::nullopt;
        return time(col);
    }
    int changes() const { return sqlite3_changes(m_db); }

private:
    void check(int rc)
    {
        if (rc != SQLITE_OK)
            fail(m_db, "binding a value");
    }

    sqlite3* m_db;
    sqlite3_stmt* m_stmt;
};

// BEGIN IMMEDIATE takes the write lock up front, so two writers never deadlock upgrading a
// read transaction; anything but commit() rolls back.
class WriteTransaction
{
public:
    explicit WriteTransaction(SqliteConnection& c) : m_c(c)
    {
        m_c.exec("BEGIN IMMEDIATE", "starting a transaction");
    }
    ~WriteTransaction()
    {
        if (!m_done)
            sqlite3_exec(m_c.db(), "ROLLBACK", nullptr, nullptr, nullptr);
    }
    void commit()
    {
        m_c.exec("COMMIT", "committing a transaction");
        m_done = true;
    }

private:
    SqliteConnection& m_c;
    bool m_done = false;
};

constexpr const char* kInsertAudit =
    "INSERT INTO audit_events (id, at, actor_user_id, action, target_user_id, target_session_id, ip_address, "
    "reason) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";

void insertAudit(SqliteConnection& c, const AuditRecord& e)
{
    Query(c, kInsertAudit)
        .bind(1, e.id.empty() ? newUuid() : e.id)
        .bind(2, e.at)
        .bind(3, e.actorUserId)
        .bind(4, e.action)
        .bind(5, e.targetUserId)
        .bind(6, e.targetSessionId)
        .bind(7, e.ipAddress)
        .bind(8, e.reason)
        .run();
}

constexpr const char* kUserColumns = "id, email, display_name, role, password_hash, disabled_at";

UserRecord readUser(const Query& q)
{
    UserRecord u;
    u.id = q.text(0);
    u.email = q.text(1);
    u.displayName = q.text(2);
    u.role = roleFromString(q.text(3)).value_or(Role::User);
    u.passwordHash = q.text(4);
    u.disabled = q.optTime(5).has_value();
    return u;
}

// A random (version 4) UUID in SQL, for rows created by INSERT ... SELECT. SQLite's
// randomblob() is not a CSPRNG, which is fine for audit event ids: they are not secrets.
#define VIGIE_SQL_UUID_V4                                                                                    \
    "lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' " \
    "|| "                                                                                                    \
    "substr('89AB', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || "                 \
    "hex(randomblob(6)))"

#define VIGIE_SESSION_COLUMNS                                                                                \
    "id, user_id, device_info, ip_address, location_data, created_at, last_activity, expires_at, "           \
    "authenticated_at, is_active, revoked_at, revoked_by, revoked_reason, refresh_token_hash"

SessionRecord readSession(const Query& q)
{
    SessionRecord s;
    s.id = q.text(0);
    s.userId = q.text(1);
    s.deviceInfoJson = q.text(2);
    s.ipAddress = q.optText(3);
    s.locationDataJson = q.optText(4);
    s.createdAt = q.time(5);
    s.lastActivity = q.time(6);
    s.expiresAt = q.time(7);
    s.authenticatedAt = q.time(8);
    s.isActive = q.integer(9) != 0;
    s.revokedAt = q.optTime(10);
    s.revokedBy = q.optText(11);
    s.revokedReason = q.optText(12);
    s.refreshTokenHash = q.text(13);
    return s;
}

} // namespace

class SqliteStore::Lease
{
public:
    Lease(SqliteStore& store, std::unique_ptr<SqliteConnection> c,
          std::unique_lock<std::mutex> writeLock = {})
        : m_store(store), m_c(std::move(c)), m_writeLock(std::move(writeLock))
    {}
    ~Lease() { m_store.release(std::move(m_c)); }
    Lease(Lease&&) = default;
    SqliteConnection& operator*() { return *m_c; }

private:
    SqliteStore& m_store;
    std::unique_ptr<SqliteConnection> m_c;
    std::unique_lock<std::mutex> m_writeLock;
};

SqliteStore::SqliteStore(std::string path) : m_path(std::move(path))
{
    // Open one connection now so that a bad path fails at start, not on the first request.
    release(openConnection());
    m_checkpointer = std::thread([this] { checkpointLoop(); });
}

SqliteStore::~SqliteStore()
{
    {
        std::lock_guard lock(m_checkpointMutex);
        m_stopping = true;
    }
    m_checkpointWake.notify_all();
    m_checkpointer.join();
}

void SqliteStore::checkpointLoop()
{
    auto connection = openConnection();
    std::unique_lock lock(m_checkpointMutex);
    for (;;) {
        const bool stopping =
            m_checkpointWake.wait_for(lock, std::chrono::milliseconds(500), [this] { return m_stopping; });
        // PASSIVE copies what it can without waiting for, or blocking, readers and writers.
        sqlite3_wal_checkpoint_v2(connection->db(), nullptr,
                                  stopping ? SQLITE_CHECKPOINT_TRUNCATE : SQLITE_CHECKPOINT_PASSIVE, nullptr,
                                  nullptr);
        if (stopping)
            return;
    }
}

std::unique_ptr<SqliteConnection> SqliteStore::openConnection()
{
    sqlite3* db = nullptr;
    const int rc = sqlite3_open_v2(m_path.c_str(), &db,
                                   SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
        const std::string reason = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
        sqlite3_close_v2(db);
        throw StoreError("cannot open database " + m_path + ": " + reason);
    }
    auto c = std::make_unique<SqliteConnection>(db);
    sqlite3_busy_timeout(db, 5000);
    c->exec("PRAGMA journal_mode=WAL", "enabling WAL");
    // NORMAL in WAL mode survives a killed process; only an OS crash can lose the last commits.
    c->exec("PRAGMA synchronous=NORMAL", "configuring the database");
    c->exec("PRAGMA foreign_keys=ON", "configuring the database");
    c->exec("PRAGMA wal_autocheckpoint=0", "configuring the database"); // see checkpointLoop()
    // Pages are read through a shared mapping instead of one pread() each: it halves the cost
    // of the cleanup's scattered index deletions, and the pages are shared by all connections.
    c->exec("PRAGMA mmap_size=268435456", "configuring the database");
    return c;
}

std::unique_ptr<SqliteConnection> SqliteStore::takeConnection()
{
    {
        std::lock_guard lock(m_poolMutex);
        if (!m_pool.empty()) {
            auto c = std::move(m_pool.back());
            m_pool.pop_back();
            return c;
        }
    }
    return openConnection();
}

SqliteStore::Lease SqliteStore::acquire()
{
    return Lease(*this, takeConnection());
}

SqliteStore::Lease SqliteStore::acquireWriter()
{
    // Writers of this process queue here and are woken the moment the previous one is done;
    // left to SQLite's busy handler they would sleep in growing steps (up to 100 ms) instead.
    std::unique_lock writeLock(m_writeMutex);
    return Lease(*this, takeConnection(), std::move(writeLock));
}

void SqliteStore::release(std::unique_ptr<SqliteConnection> connection)
{
    if (!connection)
        return;
    std::lock_guard lock(m_poolMutex);
    m_pool.push_back(std::move(connection));
}

int SqliteStore::migrate()
{
    auto lease = acquireWriter();
    auto& c = *lease;
    c.exec("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
           "applied_at INTEGER NOT NULL)",
           "creating schema_migrations");
    int applied = 0;
    for (const auto& m : sqliteMigrations()) {
        WriteTransaction tx(c);
        bool done;
        {
            Query q(c, "SELECT 1 FROM schema_migrations WHERE version = ?1");
            q.bind(1, (long long)m.version);
            done = q.step();
        }
        if (done)
            continue;
        // A migration and its record commit together or not at all.
        const std::string sql(m.sql);
        if (sqlite3_exec(c.db(), sql.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK)
            fail(c.db(), ("applying migration " + std::string(m.name)).c_str());
        const std::string name(m.name);
        Query(c, "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?1, ?2, "
                 "CAST(strftime('%s','now') AS INTEGER) * 1000)")
            .bind(1, (long long)m.version)
            .bind(2, name)
            .run();
        tx.commit();
        ++applied;
    }
    return applied;
}

void SqliteStore::ping()
{
    auto lease = acquire();
    Query(*lease, "SELECT 1").run();
}

bool SqliteStore::insertUser(const UserRecord& u)
{
    auto lease = acquireWriter();
    auto& c = *lease;
    Query q(c, "INSERT INTO users (id, email, email_key, display_name, role, password_hash, created_at) "
               "VALUES (?1, ?2, ?3, ?4, ?5, ?6, CAST(strftime('%s','now') AS INTEGER) * 1000) "
               "ON CONFLICT (email_key) DO NOTHING");
    const std::string emailKey = lowerAscii(u.email);
    const std::string role = toString(u.role);
    q.bind(1, u.id)
        .bind(2, u.email)
        .bind(3, emailKey)
        .bind(4, u.displayName)
        .bind(5, role)
        .bind(6, u.passwordHash);
    q.run();
    return q.changes() == 1;
}

std::optional<UserRecord> SqliteStore::findUserByEmail(const std::string& email)
{
    auto lease = acquire();
    Query q(
        *lease,
        "SELECT id, email, display_name, role, password_hash, disabled_at FROM users WHERE email_key = ?1");
    const std::string key = lowerAscii(email);
    q.bind(1, key);
    if (!q.step())
        return std::nullopt;
    return readUser(q);
}

std::optional<UserRecord> SqliteStore::findUserById(const std::string& id)
{
    auto lease = acquire();
    Query q(*lease,
            "SELECT id, email, display_name, role, password_hash, disabled_at FROM users WHERE id = ?1");
    q.bind(1, id);
    if (!q.step())
        return std::nullopt;
    return readUser(q);
}

void SqliteStore::updatePassword(const std::string& userId, const std::string& passwordHash)
{
    auto lease = acquireWriter();
    Query(*lease, "UPDATE users SET password_hash = ?2 WHERE id = ?1")
        .bind(1, userId)
        .bind(2, passwordHash)
        .run();
}

bool SqliteStore::disableUser(const std::string& email, TimePoint now)
{
    auto lease = acquireWriter();
    auto& c = *lease;
    WriteTransaction tx(c);
    std::string userId;
    {
        Query q(c,
                "UPDATE users SET disabled_at = COALESCE(disabled_at, ?2) WHERE email_key = ?1 RETURNING id");
        const std::string key = lowerAscii(email);
        q.bind(1, key).bind(2, now);
        if (!q.step())
            return false;
        userId = q.text(0);
        q.run();
    }
    Query(c, "UPDATE user_sessions SET is_active = 0, revoked_at = ?2, revoked_reason = 'account_disabled' "
             "WHERE user_id = ?1 AND is_active = 1")
        .bind(1, userId)
        .bind(2, now)
        .run();
    tx.commit();
    return true;
}

void SqliteStore::insertSession(const SessionRecord& s, const AuditRecord& event)
{
    auto lease = acquireWriter();
    auto& c = *lease;
    WriteTransaction tx(c);
    Query(c, "INSERT INTO user_sessions (id, user_id, device_info, ip_address, location_data, created_at, "
             "last_activity, expires_at, authenticated_at, is_active, refresh_token_hash) "
             "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 1, ?10)")
        .bind(1, s.id)
        .bind(2, s.userId)
        .bind(3, s.deviceInfoJson)
        .bind(4, s.ipAddress)
        .bind(5, s.locationDataJson)
        .bind(6, s.createdAt)
        .bind(7, s.lastActivity)
        .bind(8, s.expiresAt)
        .bind(9, s.authenticatedAt)
        .bind(10, s.refreshTokenHash)
        .run();
    insertAudit(c, event);
    tx.commit();
}

std::optional<SessionAuthView> SqliteStore::sessionForAuth(const std::string& sessionId)
{
    auto lease = acquire();
    Query q(*lease,
            "SELECT s.user_id, u.role, u.disabled_at, s.is_active, s.expires_at, s.last_activity, "
            "s.authenticated_at, u.sessions_version FROM user_sessions s JOIN users u ON u.id = s.user_id "
            "WHERE s.id = ?1");
    q.bind(1, sessionId);
    if (!q.step())
        return std::nullopt;
    SessionAuthView v;
    v.userId = q.text(0);
    v.role = roleFromString(q.text(1)).value_or(Role::User);
    v.userDisabled = q.optTime(2).has_value();
    v.isActive = q.integer(3) != 0;
    v.expiresAt = q.time(4);
    v.lastActivity = q.time(5);
    v.authenticatedAt = q.time(6);
    v.sessionsVersion = q.integer(7);
    return v;
}

std::vector<SessionRecord> SqliteStore::activeSessions(const std::string& userId, TimePoint now,
                                                       TimePoint idleCutoff)
{
    auto lease = acquire();
    Query q(*lease,
            "SELECT " VIGIE_SESSION_COLUMNS " FROM user_sessions WHERE user_id = ?1 AND is_active = 1 "
            "AND last_activity > ?3 AND expires_at > ?2 ORDER BY last_activity DESC, id");
    q.bind(1, userId).bind(2, now).bind(3, idleCutoff);
    std::vector<SessionRecord> out;
    while (q.step())
        out.push_back(readSession(q));
    return out;
}

void SqliteStore::touchSession(const std::string& sessionId, TimePoint now)
{
    auto lease = acquireWriter();
    Query(*lease, "UPDATE user_sessions SET last_activity = ?2 WHERE id = ?1 AND last_activity < ?2")
        .bind(1, sessionId)
        .bind(2, now)
        .run();
}

void SqliteStore::markAuthenticated(const std::string& sessionId, TimePoint now, const AuditRecord& event)
{
    auto lease = acquireWriter();
    auto& c = *lease;
    WriteTransaction tx(c);
    Query(c, "UPDATE user_sessions SET authenticated_at = ?2, last_activity = MAX(last_activity, ?2) WHERE "
             "id = ?1")
        .bind(1, sessionId)
        .bind(2, now)
        .run();
    insertAudit(c, event);
    tx.commit();
}

RefreshResult SqliteStore::rotateRefreshToken(const std::string& oldHash, const std::string& newHash,
                                              TimePoint now, TimePoint idleCutoff,
                                              const AuditRecord& reuseEvent)
{
    auto lease = acquireWriter();
    auto& c = *lease;
    // One write transaction: of two concurrent refreshes with the same token, the second one
    // sees the token already rotated away, which is reuse.
    WriteTransaction tx(c);
    std::optional<SessionRecord> current;
    {
        Query q(c, "SELECT " VIGIE_SESSION_COLUMNS " FROM user_sessions WHERE refresh_token_hash = ?1");
        q.bind(1, oldHash);
        if (q.step())
            current = readSession(q);
    }
    if (current) {
        if (!current->isActive || current->expiresAt <= now || current->lastActivity <= idleCutoff)
            return {RefreshOutcome::Invalid, std::nullopt};
        Query(c, "INSERT INTO used_refresh_tokens (token_hash, session_id, used_at) VALUES (?1, ?2, ?3)")
            .bind(1, oldHash)
            .bind(2, current->id)
            .bind(3, now)
            .run();
        Query(c, "UPDATE user_sessions SET refresh_token_hash = ?2, last_activity = MAX(last_activity, ?3) "
                 "WHERE id = ?1")
            .bind(1, current->id)
            .bind(2, newHash)
            .bind(3, now)
            .run();
        tx.commit();
        current->refreshTokenHash = newHash;
        current->lastActivity = std::max(current->lastActivity, now);
        return {RefreshOutcome::Rotated, current};
    }

    std::optional<std::string> sessionId;
    {
        Query q(c, "SELECT session_id FROM used_refresh_tokens WHERE token_hash = ?1");
        q.bind(1, oldHash);
        if (q.step())
            sessionId = q.text(0);
    }
    if (!sessionId)
        return {RefreshOutcome::Invalid, std::nullopt};

    std::optional<SessionRecord> reused;
    {
        Query q(
            c,
            "UPDATE user_sessions SET is_active = 0, revoked_at = ?2, revoked_reason = 'refresh_token_reuse' "
            "WHERE id = ?1 AND is_active = 1 RETURNING " VIGIE_SESSION_COLUMNS);
        q.bind(1, *sessionId).bind(2, now);
        if (q.step())
            reused = readSession(q);
        q.run();
    }
    if (reused) {
        AuditRecord e = reuseEvent;
        e.actorUserId = reused->userId;
        e.targetUserId = reused->userId;
        e.targetSessionId = reused->id;
        insertAudit(c, e);
    }
    tx.commit();
    return {RefreshOutcome::Reused, reused};
}

bool SqliteStore::revokeSession(const std::string& userId, const std::string& sessionId, TimePoint now,
                                TimePoint idleCutoff, const std::optional<std::string>& revokedBy,
                                const std::optional<std::string>& reason, const AuditRecord& event)
{
    auto lease = acquireWriter();
    auto& c = *lease;
    WriteTransaction tx(c);
    Query q(c,
            "UPDATE user_sessions SET is_active = 0, revoked_at = ?3, revoked_by = ?5, revoked_reason = ?6 "
            "WHERE id = ?2 AND user_id = ?1 AND is_active = 1 AND expires_at > ?3 AND last_activity > ?4");
    q.bind(1, userId).bind(2, sessionId).bind(3, now).bind(4, idleCutoff).bind(5, revokedBy).bind(6, reason);
    q.run();
    if (q.changes() != 1)
        return false;
    AuditRecord e = event;
    e.targetSessionId = sessionId;
    insertAudit(c, e);
    tx.commit();
    return true;
}

int SqliteStore::revokeOtherSessions(const std::string& userId, const std::string& keepSessionId,
                                     TimePoint now, TimePoint idleCutoff, const AuditRecord& e)
{
    auto lease = acquireWriter();
    auto& c = *lease;
    WriteTransaction tx(c);
    // One event per session, written by one statement before the sessions change: with
    // 10,000 sessions a row-by-row round trip would dominate the request.
    Query(c,
          "INSERT INTO audit_events (id, at, actor_user_id, action, target_user_id, target_session_id, "
          "ip_address, reason) SELECT " VIGIE_SQL_UUID_V4 ", ?3, ?5, ?6, ?7, id, ?8, ?9 FROM user_sessions "
          "WHERE user_id = ?1 AND id <> ?2 AND is_active = 1 AND expires_at > ?3 AND last_activity > ?4")
        .bind(1, userId)
        .bind(2, keepSessionId)
        .bind(3, now)
        .bind(4, idleCutoff)
        .bind(5, e.actorUserId)
        .bind(6, e.action)
        .bind(7, e.targetUserId)
        .bind(8, e.ipAddress)
        .bind(9, e.reason)
        .run();
    Query q(c, "UPDATE user_sessions SET is_active = 0, revoked_at = ?3, revoked_by = ?5, "
               "revoked_reason = 'signed_out_by_user' WHERE user_id = ?1 AND id <> ?2 AND is_active = 1 "
               "AND expires_at > ?3 AND last_activity > ?4");
    q.bind(1, userId).bind(2, keepSessionId).bind(3, now).bind(4, idleCutoff).bind(5, e.actorUserId);
    q.run();
    const int revoked = q.changes();
    tx.commit();
    return revoked;
}

void SqliteStore::appendAudit(const AuditRecord& event)
{
    auto lease = acquireWriter();
    insertAudit(*lease, event);
}

std::vector<AuditRecord> SqliteStore::auditEvents(const std::optional<std::string>& userId, int limit)
{
    auto lease = acquire();
    auto& c = *lease;
    const char* sqlAll =
        "SELECT id, at, actor_user_id, action, target_user_id, target_session_id, ip_address, "
        "reason FROM audit_events ORDER BY seq DESC LIMIT ?1";
    const char* sqlUser =
        "SELECT id, at, actor_user_id, action, target_user_id, target_session_id, ip_address, "
        "reason FROM audit_events WHERE actor_user_id = ?2 OR target_user_id = ?2 "
        "ORDER BY seq DESC LIMIT ?1";
    Query q(c, userId ? sqlUser : sqlAll);
    q.bind(1, (long long)limit);
    if (userId)
        q.bind(2, *userId);
    std::vector<AuditRecord> out;
    while (q.step()) {
        AuditRecord e;
        e.id = q.text(0);
        e.at = q.time(1);
        e.actorUserId = q.optText(2);
        e.action = q.text(3);
        e.targetUserId = q.optText(4);
        e.targetSessionId = q.optText(5);
        e.ipAddress = q.optText(6);
        e.reason = q.optText(7);
        out.push_back(std::move(e));
    }
    return out;
}

void SqliteStore::recordLoginFailure(const std::vector<std::string>& keys, TimePoint now)
{
    auto lease = acquireWriter();
    auto& c = *lease;
    WriteTransaction tx(c);
    for (const auto& key : keys)
        Query(c, "INSERT INTO login_failures (key, at) VALUES (?1, ?2)").bind(1, key).bind(2, now).run();
    tx.commit();
}

std::vector<TimePoint> SqliteStore::loginFailures(const std::string& key, TimePoint since)
{
    auto lease = acquire();
    Query q(*lease, "SELECT at FROM login_failures WHERE key = ?1 AND at > ?2 ORDER BY at LIMIT 10000");
    q.bind(1, key).bind(2, since);
    std::vector<TimePoint> out;
    while (q.step())
        out.push_back(q.time(0));
    return out;
}

void SqliteStore::clearLoginFailures(const std::string& key)
{
    auto lease = acquireWriter();
    Query(*lease, "DELETE FROM login_failures WHERE key = ?1").bind(1, key).run();
}

bool SqliteStore::reserveLoginAttempt(const std::vector<std::string>& keys, TimePoint now, TimePoint since,
                                      int max)
{
    auto lease = acquireWriter();
    auto& c = *lease;
    WriteTransaction tx(c); // the write lock makes count-then-insert atomic
    for (const auto& key : keys) {
        Query q(c, "SELECT count(*) FROM (SELECT 1 FROM login_failures WHERE key = ?1 AND at > ?2 LIMIT ?3)");
        q.bind(1, key).bind(2, since).bind(3, (long long)max);
        if (q.step() && q.integer(0) >= max)
            return false;
    }
    for (const auto& key : keys)
        Query(c, "INSERT INTO login_failures (key, at) VALUES (?1, ?2)").bind(1, key).bind(2, now).run();
    tx.commit();
    return true;
}

void SqliteStore::releaseLoginAttempt(const std::string& key, TimePoint at)
{
    auto lease = acquireWriter();
    Query(*lease,
          "DELETE FROM login_failures WHERE rowid = (SELECT rowid FROM login_failures WHERE key = ?1 AND "
          "at = ?2 LIMIT 1)")
        .bind(1, key)
        .bind(2, at)
        .run();
}

int SqliteStore::purgeBatch(TimePoint purgeBefore, std::chrono::milliseconds idleTimeout,
                            TimePoint failuresBefore, int batchSize)
{
    auto lease = acquireWriter();
    auto& c = *lease;
    WriteTransaction tx(c);
    // Three bounded index range scans: a UNION of them would first collect every match of
    // all three into a temporary b-tree, which is a million rows when the backlog is large.
    const struct
    {
        const char* sql;
        TimePoint before;
    } ended[] = {
        {"DELETE FROM user_sessions WHERE rowid IN (SELECT rowid FROM user_sessions WHERE revoked_at < ?1 "
         "LIMIT ?2)",
         purgeBefore},
        {"DELETE FROM user_sessions WHERE rowid IN (SELECT rowid FROM user_sessions WHERE expires_at < ?1 "
         "LIMIT ?2)",
         purgeBefore},
        {"DELETE FROM user_sessions WHERE rowid IN (SELECT rowid FROM user_sessions WHERE last_activity < ?1 "
         "LIMIT ?2)",
         purgeBefore - idleTimeout},
    };
    int deleted = 0;
    for (const auto& e : ended) {
        if (deleted >= batchSize)
            break;
        Query q(c, e.sql);
        q.bind(1, e.before).bind(2, (long long)(batchSize - deleted));
        q.run();
        deleted += q.changes();
    }
    Query f(c, "DELETE FROM login_failures WHERE rowid IN (SELECT rowid FROM login_failures WHERE at < ?1 "
               "LIMIT ?2)");
    f.bind(1, failuresBefore).bind(2, (long long)batchSize);
    f.run();
    tx.commit();
    return deleted;
}

std::optional<std::string> sqlitePath(const std::string& url)
{
    if (url.rfind("sqlite:", 0) == 0)
        return url.substr(7);
    if (url.find("://") == std::string::npos)
        return url;
    return std::nullopt;
}

std::unique_ptr<SessionStore> openStore(const std::string& url, int poolSize)
{
    if (auto path = sqlitePath(url)) {
        if (path->empty())
            throw StoreError("the database URL names no file (expected sqlite:PATH)");
        return std::make_unique<SqliteStore>(*path);
    }
    if (url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0)
        return std::make_unique<PostgresStore>(url, poolSize);
    throw StoreError("unsupported database URL (expected sqlite:PATH or postgresql://…)");
}

} // namespace vigie::server
