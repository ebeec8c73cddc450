#include "store/SqliteStore.h"

#include "store/Migrations.h"

#include <algorithm>
#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>
#include <unordered_map>

namespace vigie::server {

namespace {

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

// A prepared statement in use: the rows it returns, read as they are stepped; it is reset
// (and its bindings cleared) when it goes away.
class SqliteRows final : public SqlRows
{
public:
    SqliteRows(sqlite3* db, sqlite3_stmt* stmt) : m_db(db), m_stmt(stmt) {}
    ~SqliteRows() override
    {
        sqlite3_reset(m_stmt);
        sqlite3_clear_bindings(m_stmt);
    }

    bool next() override
    {
        const int rc = sqlite3_step(m_stmt);
        if (rc == SQLITE_ROW)
            return true;
        if (rc == SQLITE_DONE)
            return false;
        fail(m_db, "running a statement");
    }
    bool isNull(int col) const override { return sqlite3_column_type(m_stmt, col) == SQLITE_NULL; }
    std::string text(int col) const override
    {
        const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, col));
        return p ? std::string(p, size_t(sqlite3_column_bytes(m_stmt, col))) : std::string();
    }
    long long integer(int col) const override { return sqlite3_column_int64(m_stmt, col); }
    bool boolean(int col) const override { return integer(col) != 0; }

private:
    sqlite3* m_db;
    sqlite3_stmt* m_stmt;
};

} // namespace

// One SQLite connection and its cached prepared statements. Used by one thread at a time.
class SqliteConnection final : public SqlConnection
{
public:
    explicit SqliteConnection(sqlite3* db) : m_db(db) {}
    ~SqliteConnection() override
    {
        for (auto& [sql, stmt] : m_statements)
            sqlite3_finalize(stmt);
        sqlite3_close_v2(m_db);
    }

    sqlite3* db() const { return m_db; }

    void exec(const char* sql, const char* what)
    {
        if (sqlite3_exec(m_db, sql, nullptr, nullptr, nullptr) != SQLITE_OK)
            fail(m_db, what);
    }

    std::unique_ptr<SqlRows> query(const char* sql, std::span<const SqlValue> params) override
    {
        sqlite3_stmt* stmt = statement(sql);
        auto rows = std::make_unique<SqliteRows>(m_db, stmt);
        // A script's statements share one parameter list, and each binds the ones it names.
        const size_t count = std::min(params.size(), size_t(sqlite3_bind_parameter_count(stmt)));
        for (size_t i = 0; i < count; ++i)
            bind(stmt, int(i + 1), params[i]);
        return rows;
    }

    int execute(const char* sql, std::span<const SqlValue> params) override
    {
        auto rows = query(sql, params);
        while (rows->next()) {
        }
        return sqlite3_changes(m_db);
    }

    // BEGIN IMMEDIATE takes the write lock up front, so two writers never deadlock upgrading
    // a read transaction.
    void begin() override { exec("BEGIN IMMEDIATE", "starting a transaction"); }
    void commit() override { exec("COMMIT", "committing a transaction"); }
    void rollback() noexcept override { sqlite3_exec(m_db, "ROLLBACK", nullptr, nullptr, nullptr); }

private:
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

    // Text is copied (SQLITE_TRANSIENT): a parameter only has to live until query() returns.
    void bind(sqlite3_stmt* stmt, int i, const SqlValue& v)
    {
        int rc = SQLITE_OK;
        if (const auto* s = std::get_if<std::string_view>(&v))
            rc = sqlite3_bind_text(stmt, i, s->data(), int(s->size()), SQLITE_TRANSIENT);
        else if (const auto* n = std::get_if<long long>(&v))
            rc = sqlite3_bind_int64(stmt, i, *n);
        else
            rc = sqlite3_bind_null(stmt, i);
        if (rc != SQLITE_OK)
            fail(m_db, "binding a value");
    }

    sqlite3* m_db;
    std::unordered_map<const char*, sqlite3_stmt*> m_statements;
};

namespace {

// A random (version 4) UUID in SQL, for rows created by INSERT ... SELECT. SQLite's
// randomblob() is not a CSPRNG, which is fine for audit event ids: they are not secrets.
#define VIGIE_SQL_UUID_V4                                                                                    \
    "lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' " \
    "|| substr('89AB', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || "              \
    "hex(randomblob(6)))"

#define VIGIE_INSERT_AUDIT "INSERT INTO audit_events (" VIGIE_AUDIT_COLUMNS ") VALUES "

// Three bounded index range scans, one batch of rowids each.
#define VIGIE_PURGE_SESSIONS(column)                                                                         \
    "DELETE FROM user_sessions WHERE rowid IN (SELECT rowid FROM user_sessions WHERE " column                \
    " < ?1 LIMIT ?2)"

// The live sessions of user ?1 past the ?4 most recently active ones.
#define VIGIE_OVER_LIMIT                                                                                     \
    "SELECT id FROM user_sessions WHERE user_id = ?1 AND is_active = 1 AND expires_at > ?2 AND "             \
    "last_activity > ?3 AND " VIGIE_WITHIN_ACCOUNT_IDLE_TIMEOUT(                                             \
        "user_sessions", "?2") " ORDER BY last_activity DESC, id DESC LIMIT -1 OFFSET ?4"

// The next batch (?10) of user ?1's live sessions other than ?2.
#define VIGIE_OTHERS_BATCH                                                                                   \
    "SELECT id FROM user_sessions WHERE user_id = ?1 AND id <> ?2 AND is_active = 1 AND expires_at > ?3 "    \
    "AND last_activity > ?4 AND " VIGIE_WITHIN_ACCOUNT_IDLE_TIMEOUT("user_sessions",                         \
                                                                    "?3") " ORDER BY id LIMIT ?10"

const SqlStatements kSqlite{
    .insertUser = "INSERT INTO users (id, email, email_key, display_name, role, password_hash, created_at) "
                  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, CAST(strftime('%s','now') AS INTEGER) * 1000) "
                  "ON CONFLICT (email_key) DO NOTHING",
    .userByEmailKey = "SELECT " VIGIE_USER_COLUMNS " FROM users WHERE email_key = ?1",
    .userById = "SELECT " VIGIE_USER_COLUMNS " FROM users WHERE id = ?1",
    .updatePassword = "UPDATE users SET password_hash = ?2 WHERE id = ?1",
    .setIdleTimeout = "UPDATE users SET idle_timeout_ms = ?2 WHERE id = ?1",
    .userIdByEmailKey = "SELECT id FROM users WHERE email_key = ?1",
    .userEmails = "SELECT id, email, email_key FROM users",
    .setEmailKey = "UPDATE users SET email_key = ?2 WHERE id = ?1",
    .revokeAllSessions =
        {"INSERT INTO audit_events (" VIGIE_AUDIT_COLUMNS ") SELECT " VIGIE_SQL_UUID_V4
         ", ?2, ?5, ?6, ?1, id, NULL, ?7 FROM user_sessions WHERE user_id = ?1 AND is_active = 1",
         "UPDATE user_sessions SET is_active = 0, revoked_at = ?2, revoked_by = ?3, "
         "revoked_reason = ?4 WHERE user_id = ?1 AND is_active = 1"},
    .disableUser = "UPDATE users SET disabled_at = COALESCE(disabled_at, ?2) WHERE id = ?1",
    .insertSession =
        {"INSERT INTO user_sessions (id, user_id, device_info, ip_address, location_data, "
         "created_at, last_activity, expires_at, authenticated_at, is_active, refresh_token_hash) "
         "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 1, ?10)",
         VIGIE_INSERT_AUDIT "(?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)"},
    .revokeOverLimit =
        {"INSERT INTO audit_events (" VIGIE_AUDIT_COLUMNS ") SELECT " VIGIE_SQL_UUID_V4
         ", ?2, ?5, 'session_revoked', ?1, id, ?6, ?7 FROM user_sessions WHERE id IN (" VIGIE_OVER_LIMIT ")",
         "UPDATE user_sessions SET is_active = 0, revoked_at = ?2, revoked_reason = 'session_limit' "
         "WHERE id IN (" VIGIE_OVER_LIMIT ")"},
    .insertAudit = VIGIE_INSERT_AUDIT "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    .sessionForAuth = "SELECT " VIGIE_AUTH_VIEW_COLUMNS
                      " FROM user_sessions s JOIN users u ON u.id = s.user_id WHERE s.id = ?1",
    .liveSessions =
        "SELECT " VIGIE_SESSION_COLUMNS " FROM user_sessions WHERE user_id = ?1 AND is_active = 1 "
        "AND last_activity > ?3 AND expires_at > ?2 AND " VIGIE_WITHIN_ACCOUNT_IDLE_TIMEOUT(
            "user_sessions", "?2") " ORDER BY last_activity DESC, id",
    .touchSession = "UPDATE user_sessions SET last_activity = ?2 WHERE id = ?1 AND last_activity < ?2",
    .markAuthenticated =
        {"UPDATE user_sessions SET authenticated_at = ?2, last_activity = MAX(last_activity, "
         "?2) WHERE id = ?1",
         VIGIE_INSERT_AUDIT "(?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"},
    .renameSession =
        "UPDATE user_sessions SET name = ?3 WHERE id = ?2 AND user_id = ?1 AND is_active = 1 AND "
        "expires_at > ?4 AND last_activity > ?5 AND " VIGIE_WITHIN_ACCOUNT_IDLE_TIMEOUT(
            "user_sessions", "?4") " RETURNING " VIGIE_SESSION_COLUMNS,
    .sessionByRefreshHash =
        "SELECT " VIGIE_SESSION_COLUMNS " FROM user_sessions WHERE refresh_token_hash = ?1",
    .recordUsedRefreshToken = "INSERT INTO used_refresh_tokens (token_hash, session_id, used_at) "
                              "VALUES (?1, ?2, ?3)",
    .rotateRefreshToken = "UPDATE user_sessions SET refresh_token_hash = ?2, last_activity = "
                          "MAX(last_activity, ?3) WHERE id = ?1",
    .sessionOfUsedRefreshToken = "SELECT " VIGIE_SESSION_COLUMNS " FROM user_sessions WHERE id = (SELECT "
                                 "session_id FROM used_refresh_tokens WHERE token_hash = ?1)",
    .revokeForReuse = "UPDATE user_sessions SET is_active = 0, revoked_at = ?2, revoked_reason = "
                      "'refresh_token_reuse' WHERE id = ?1 AND is_active = 1",
    .revokeSession =
        {"UPDATE user_sessions SET is_active = 0, revoked_at = ?3, revoked_by = ?5, "
         "revoked_reason = ?6 WHERE id = ?2 AND user_id = ?1 AND is_active = 1 AND expires_at > ?3 "
         "AND last_activity > ?4 AND " VIGIE_WITHIN_ACCOUNT_IDLE_TIMEOUT("user_sessions", "?3"),
         VIGIE_INSERT_AUDIT "(?7, ?8, ?9, ?10, ?11, ?2, ?12, ?13)"},
    .liveSession =
        "SELECT EXISTS (SELECT 1 FROM user_sessions WHERE id = ?2 AND user_id = ?1 AND "
        "is_active = 1 AND expires_at > ?3 AND last_activity > ?4 AND " VIGIE_WITHIN_ACCOUNT_IDLE_TIMEOUT(
            "user_sessions", "?3") ")",
    .claimSignOut =
        "INSERT INTO sign_out_claims (user_id, session_id, started_at) VALUES (?1, ?2, ?3) "
        "ON CONFLICT (user_id) DO UPDATE SET session_id = excluded.session_id, started_at = "
        "excluded.started_at WHERE sign_out_claims.started_at < ?4 OR sign_out_claims.session_id = "
        "excluded.session_id",
    .releaseSignOut = "DELETE FROM sign_out_claims WHERE user_id = ?1 AND session_id = ?2",
    // One event per session, written by one statement before the sessions change: with
    // 10,000 sessions a row-by-row round trip would dominate the request.
    .revokeOtherSessions = {"INSERT INTO audit_events (" VIGIE_AUDIT_COLUMNS ") SELECT " VIGIE_SQL_UUID_V4
                            ", ?3, ?5, ?6, ?7, id, ?8, ?9 FROM user_sessions WHERE id IN (" VIGIE_OTHERS_BATCH
                            ")",
                            "UPDATE user_sessions SET is_active = 0, revoked_at = ?3, revoked_by = ?5, "
                            "revoked_reason = 'signed_out_by_user' WHERE id IN (" VIGIE_OTHERS_BATCH ")"},
    .allAudit = "SELECT " VIGIE_AUDIT_COLUMNS " FROM audit_events ORDER BY seq DESC LIMIT ?1",
    .userAudit = "SELECT " VIGIE_AUDIT_COLUMNS " FROM audit_events WHERE actor_user_id = ?2 OR "
                 "target_user_id = ?2 ORDER BY seq DESC LIMIT ?1",
    .insertLoginFailure = "INSERT INTO login_failures (key, at) VALUES (?1, ?2)",
    .loginFailures = "SELECT at FROM login_failures WHERE key = ?1 AND at > ?2 ORDER BY at LIMIT 10000",
    .clearLoginFailures = "DELETE FROM login_failures WHERE key = ?1",
    .lockLoginKey = nullptr, // BEGIN IMMEDIATE already makes count-then-insert atomic
    .countLoginFailures =
        "SELECT count(*) FROM (SELECT 1 FROM login_failures WHERE key = ?1 AND at > ?2 LIMIT ?3)",
    .releaseLoginFailure = "DELETE FROM login_failures WHERE rowid = (SELECT rowid FROM login_failures "
                           "WHERE key = ?1 AND at = ?2 LIMIT 1)",
    .purgeLock = nullptr, // BEGIN IMMEDIATE already makes the purge the only writer
    .purgeRevoked = VIGIE_PURGE_SESSIONS("revoked_at"),
    .purgeExpired = VIGIE_PURGE_SESSIONS("expires_at"),
    .purgeIdle = VIGIE_PURGE_SESSIONS("last_activity"),
    .purgeAccountIdle =
        "DELETE FROM user_sessions WHERE rowid IN (SELECT s.rowid FROM users u JOIN user_sessions s "
        "ON s.user_id = u.id WHERE u.idle_timeout_ms IS NOT NULL AND s.last_activity < ?1 - "
        "u.idle_timeout_ms LIMIT ?2)",
    .purgeLoginFailures = "DELETE FROM login_failures WHERE rowid IN (SELECT rowid FROM login_failures "
                          "WHERE at < ?1 LIMIT ?2)",
    .purgeUnknownAccountLoginFailures =
        "DELETE FROM audit_events WHERE rowid IN (SELECT rowid FROM audit_events "
        "WHERE action IN ('login_failed', 'login_throttled') AND target_user_id IS NULL AND at < ?1 "
        "LIMIT ?2)",
};

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

SqliteStore::SqliteStore(std::string path) : SqlStore(kSqlite), m_path(std::move(path))
{
    // SQLite would create a missing database with the umask's permissions, and gives its WAL
    // and shared-memory files the database's: created here first, private, all of them are.
    if (const int fd = ::open(m_path.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600); fd >= 0) {
        ::fchmod(fd, 0600);
        ::close(fd);
    }
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
    // Two servers starting together on a new file: switching it to WAL needs the file alone
    // for a moment, and SQLite can answer "locked" at once, without waiting, while the other
    // server's first transaction holds it. Try again for as long as the busy timeout.
    for (int attempt = 1;; ++attempt) {
        try {
            c->exec("PRAGMA journal_mode=WAL", "enabling WAL");
            break;
        } catch (const StoreError&) {
            if (attempt == 100)
                throw;
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
    }
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

void SqliteStore::withConnection(Access access, const std::function<void(SqlConnection&)>& work)
{
    auto lease = access == Access::Write ? acquireWriter() : acquire();
    work(*lease);
}

int SqliteStore::migrateSchema()
{
    auto lease = acquireWriter();
    auto& c = *lease;
    c.exec("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
           "applied_at INTEGER NOT NULL)",
           "creating schema_migrations");
    int applied = 0;
    for (const auto& m : sqliteMigrations()) {
        SqlTransaction tx(c);
        if (query(c, "SELECT 1 FROM schema_migrations WHERE version = ?1", m.version)->next())
            continue;
        // A migration and its record commit together or not at all.
        const std::string sql(m.sql);
        c.exec(sql.c_str(), ("applying migration " + std::string(m.name)).c_str());
        const std::string name(m.name);
        execute(c,
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?1, ?2, "
                "CAST(strftime('%s','now') AS INTEGER) * 1000)",
                m.version, name);
        tx.commit();
        ++applied;
    }
    return applied;
}

} // namespace vigie::server
