#include "store/PostgresStore.h"

#include "crypto/Random.h"
#include "store/Migrations.h"
#include "store/StoreValues.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <deque>
#include <libpq-fe.h>
#include <unordered_map>

namespace vigie::server {

namespace {

// Server-side limits that turn a stuck database into a failed request instead of a hung one.
constexpr const char* kSessionSettings =
    "SET statement_timeout = '5s'; SET lock_timeout = '5s'; SET idle_in_transaction_session_timeout = '30s'; "
    "SET client_min_messages = warning";
constexpr auto kAcquireTimeout = std::chrono::seconds(5);
constexpr auto kFailFastAfterConnectError = std::chrono::milliseconds(500);
// Advisory lock keys (arbitrary, fixed): one migration runner and one purge batch at a time
// across every server on the database.
constexpr long long kMigrationLock = 0x5669676965'0001;
constexpr long long kPurgeLock = 0x5669676965'0002;

using storevalues::fromMs;
using storevalues::lowerAscii;
using storevalues::toMs;

std::string firstLine(const char* text)
{
    std::string s = text ? text : "";
    s = s.substr(0, s.find('\n'));
    return s.empty() ? std::string("no reason given") : s;
}

// A deadlock or serialization failure: the transaction was rolled back and can run again.
class RetryableConflict : public StoreError
{
public:
    using StoreError::StoreError;
};

bool startsWith(const std::string& s, const char* prefix)
{
    return s.rfind(prefix, 0) == 0;
}

// The message names the failure class and SQLSTATE only: SQL text and values stay out of logs.
[[noreturn]] void fail(PGconn* conn, const PGresult* result, const std::string& what)
{
    const char* field = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
    const std::string state = field ? field : "";
    // Connection lost (class 08), shut down or starting (57P0x), statement timeout (57014),
    // out of resources such as connections (class 53), a read-only standby after failover.
    if (PQstatus(conn) != CONNECTION_OK || startsWith(state, "08") || startsWith(state, "57P0") ||
        state == "57014" || startsWith(state, "53") || state == "25006" || state == "55P03")
        throw StoreUnavailable("database unavailable while " + what + " (" +
                               (state.empty() ? std::string("connection lost") : "SQLSTATE " + state) + ")");
    if (state == "40001" || state == "40P01")
        throw RetryableConflict("database conflict while " + what + " (SQLSTATE " + state + ")");
    throw StoreError("database error while " + what + " (SQLSTATE " + (state.empty() ? "unknown" : state) +
                     ")");
}

using Param = std::optional<std::string>;

Param param(const std::string& v)
{
    return v;
}
Param param(const std::optional<std::string>& v)
{
    return v;
}
Param param(long long v)
{
    return std::to_string(v);
}
Param param(int v)
{
    return std::to_string(v);
}
Param param(TimePoint t)
{
    return std::to_string(toMs(t));
}

struct ResultDeleter
{
    void operator()(PGresult* r) const { PQclear(r); }
};

// Rows of a statement, in libpq's text format.
class Result
{
public:
    explicit Result(PGresult* r) : m_r(r) {}

    const PGresult* raw() const { return m_r.get(); }
    int rows() const { return PQntuples(m_r.get()); }
    int affected() const { return std::atoi(PQcmdTuples(m_r.get())); }
    bool isNull(int row, int col) const { return PQgetisnull(m_r.get(), row, col) != 0; }
    std::string text(int row, int col) const
    {
        return std::string(PQgetvalue(m_r.get(), row, col), size_t(PQgetlength(m_r.get(), row, col)));
    }
    std::optional<std::string> optText(int row, int col) const
    {
        if (isNull(row, col))
            return std::nullopt;
        return text(row, col);
    }
    long long integer(int row, int col) const
    {
        return std::strtoll(PQgetvalue(m_r.get(), row, col), nullptr, 10);
    }
    bool boolean(int row, int col) const { return PQgetvalue(m_r.get(), row, col)[0] == 't'; }
    TimePoint time(int row, int col) const { return fromMs(integer(row, col)); }
    std::optional<TimePoint> optTime(int row, int col) const
    {
        if (isNull(row, col))
            return std::nullopt;
        return time(row, col);
    }

private:
    std::unique_ptr<PGresult, ResultDeleter> m_r;
};

} // namespace

// One libpq connection and the statements prepared on it. Used by one thread at a time.
class PgConnection
{
public:
    explicit PgConnection(PGconn* conn) : m_conn(conn) {}
    ~PgConnection() { PQfinish(m_conn); }
    PgConnection(const PgConnection&) = delete;
    PgConnection& operator=(const PgConnection&) = delete;

    PGconn* raw() const { return m_conn; }
    bool broken() const { return m_broken || PQstatus(m_conn) != CONNECTION_OK; }
    void markBroken() { m_broken = true; }
    int statementsRun() const { return m_statementsRun; }
    void resetStatementCount() { m_statementsRun = 0; }

    // A statement without parameters, or several separated by semicolons.
    void exec(const char* sql, const std::string& what)
    {
        Result r(PQexec(m_conn, sql));
        check(r, what);
    }

    template <typename... Args> Result query(const char* sql, const Args&... args)
    {
        const Param params[] = {param(args)..., Param()};
        const char* values[sizeof...(Args) + 1] = {};
        for (size_t i = 0; i < sizeof...(Args); ++i)
            values[i] = params[i] ? params[i]->c_str() : nullptr;
        const std::string& name = prepared(sql);
        Result r(PQexecPrepared(m_conn, name.c_str(), int(sizeof...(Args)), values, nullptr, nullptr, 0));
        check(r, "running a statement");
        return r;
    }

private:
    void check(const Result& r, const std::string& what)
    {
        const PGresult* raw = r.raw();
        const auto status = raw ? PQresultStatus(raw) : PGRES_FATAL_ERROR;
        if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
            fail(m_conn, raw, what);
        ++m_statementsRun;
    }

    const std::string& prepared(const char* sql)
    {
        auto it = m_prepared.find(sql);
        if (it != m_prepared.end())
            return it->second;
        std::string name = "v" + std::to_string(m_prepared.size() + 1);
        Result r(PQprepare(m_conn, name.c_str(), sql, 0, nullptr));
        const PGresult* raw = r.raw();
        if (!raw || PQresultStatus(raw) != PGRES_COMMAND_OK)
            fail(m_conn, raw, "preparing a statement");
        return m_prepared.emplace(sql, std::move(name)).first->second;
    }

    PGconn* m_conn;
    bool m_broken = false;
    int m_statementsRun = 0;
    std::unordered_map<const char*, std::string> m_prepared;
};

namespace {

// BEGIN … COMMIT; anything but commit() rolls back.
class Transaction
{
public:
    explicit Transaction(PgConnection& c) : m_c(c) { m_c.exec("BEGIN", "starting a transaction"); }
    ~Transaction()
    {
        if (m_done)
            return;
        PGresult* r = PQexec(m_c.raw(), "ROLLBACK");
        if (!r || PQresultStatus(r) != PGRES_COMMAND_OK)
            m_c.markBroken();
        PQclear(r);
    }
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void commit()
    {
        m_done = true;
        m_c.exec("COMMIT", "committing a transaction");
    }

private:
    PgConnection& m_c;
    bool m_done = false;
};

#define VIGIE_SESSION_COLUMNS                                                                                \
    "id, user_id, device_info, ip_address, location_data, created_at, last_activity, expires_at, "           \
    "authenticated_at, is_active, revoked_at, revoked_by, revoked_reason, refresh_token_hash"

#define VIGIE_AUDIT_COLUMNS                                                                                  \
    "id, at, actor_user_id, action, target_user_id, target_session_id, ip_address, reason"

SessionRecord readSession(const Result& r, int row)
{
    SessionRecord s;
    s.id = r.text(row, 0);
    s.userId = r.text(row, 1);
    s.deviceInfoJson = r.text(row, 2);
    s.ipAddress = r.optText(row, 3);
    s.locationDataJson = r.optText(row, 4);
    s.createdAt = r.time(row, 5);
    s.lastActivity = r.time(row, 6);
    s.expiresAt = r.time(row, 7);
    s.authenticatedAt = r.time(row, 8);
    s.isActive = r.boolean(row, 9);
    s.revokedAt = r.optTime(row, 10);
    s.revokedBy = r.optText(row, 11);
    s.revokedReason = r.optText(row, 12);
    s.refreshTokenHash = r.text(row, 13);
    return s;
}

UserRecord readUser(const Result& r)
{
    UserRecord u;
    u.id = r.text(0, 0);
    u.email = r.text(0, 1);
    u.displayName = r.text(0, 2);
    u.role = roleFromString(r.text(0, 3)).value_or(Role::User);
    u.passwordHash = r.text(0, 4);
    u.disabled = !r.isNull(0, 5);
    return u;
}

std::string auditId(const AuditRecord& e)
{
    return e.id.empty() ? newUuid() : e.id;
}

} // namespace

class PostgresStore::Lease
{
public:
    Lease(PostgresStore& store, std::unique_ptr<PgConnection> c, bool fresh)
        : m_store(store), m_c(std::move(c)), m_fresh(fresh)
    {}
    ~Lease()
    {
        if (m_c)
            m_store.release(std::move(m_c));
    }
    Lease(Lease&& other) noexcept : m_store(other.m_store), m_c(std::move(other.m_c)), m_fresh(other.m_fresh)
    {}
    PgConnection& operator*() { return *m_c; }
    bool fresh() const { return m_fresh; }

private:
    PostgresStore& m_store;
    std::unique_ptr<PgConnection> m_c;
    bool m_fresh;
};

PostgresStore::PostgresStore(std::string url, int poolSize) : m_url(std::move(url)), m_poolSize(poolSize)
{
    // One connection now, so that a wrong URL or an unreachable server fails at start.
    ++m_open;
    release(connect());
}

PostgresStore::~PostgresStore() = default;

std::unique_ptr<PgConnection> PostgresStore::connect()
{
    // Keywords before dbname are defaults the URL may override; TCP keep-alives and
    // tcp_user_timeout notice a peer that vanished without closing the connection.
    const char* keys[] = {"connect_timeout",
                          "application_name",
                          "keepalives",
                          "keepalives_idle",
                          "keepalives_interval",
                          "keepalives_count",
                          "tcp_user_timeout",
                          "dbname",
                          nullptr};
    const char* values[] = {"5", "vigie-server", "1", "10", "5", "2", "10000", m_url.c_str(), nullptr};
    PGconn* raw = PQconnectdbParams(keys, values, 1);
    if (!raw)
        throw StoreUnavailable("cannot connect to the database: out of memory");
    auto c = std::make_unique<PgConnection>(raw);
    if (PQstatus(raw) != CONNECTION_OK)
        throw StoreUnavailable("cannot connect to the database: " + firstLine(PQerrorMessage(raw)));
    c->exec(kSessionSettings, "configuring the connection");
    return c;
}

PostgresStore::Lease PostgresStore::acquire()
{
    const auto deadline = std::chrono::steady_clock::now() + kAcquireTimeout;
    std::unique_lock lock(m_mutex);
    std::unique_ptr<PgConnection> c;
    // Threads queue in order once connections run short: handing each freed connection to the
    // longest waiter keeps the slowest request's wait near the average one's.
    if (m_waiters.empty() && !m_idle.empty()) {
        c = std::move(m_idle.back());
        m_idle.pop_back();
    } else if (m_waiters.empty() && m_open < m_poolSize) {
        ++m_open; // a slot of our own to open a connection in
    } else {
        Waiter w;
        m_waiters.push_back(&w);
        if (!w.wake.wait_until(lock, deadline, [&] { return w.handed || w.slot; })) {
            m_waiters.erase(std::find(m_waiters.begin(), m_waiters.end(), &w));
            throw StoreUnavailable("no database connection became free in time");
        }
        c = std::move(w.handed);
    }
    lock.unlock();
    if (c && !c->broken())
        return Lease(*this, std::move(c), false);
    c.reset(); // dead while idle: open a new one in its slot
    try {
        if (std::chrono::steady_clock::now() < m_downUntil)
            throw StoreUnavailable("the database was unreachable a moment ago");
        return Lease(*this, connect(), true);
    } catch (const StoreError&) {
        lock.lock();
        if (std::chrono::steady_clock::now() >= m_downUntil)
            m_downUntil = std::chrono::steady_clock::now() + kFailFastAfterConnectError;
        freeSlot();
        throw;
    }
}

void PostgresStore::freeSlot()
{
    if (m_waiters.empty()) {
        --m_open;
        return;
    }
    Waiter* w = m_waiters.front();
    m_waiters.pop_front();
    w->slot = true;
    w->wake.notify_one();
}

void PostgresStore::release(std::unique_ptr<PgConnection> c)
{
    const bool keep = !c->broken() && PQtransactionStatus(c->raw()) == PQTRANS_IDLE;
    c->resetStatementCount();
    std::lock_guard lock(m_mutex);
    if (keep) {
        if (m_waiters.empty()) {
            m_idle.push_back(std::move(c));
            return;
        }
        Waiter* w = m_waiters.front();
        m_waiters.pop_front();
        w->handed = std::move(c);
        w->wake.notify_one();
        return;
    }
    c.reset();
    freeSlot();
    // One connection found dead means the database went away since the others were last
    // used: they are dead too, and replacing them now spares each request a failed try.
    const size_t idle = m_idle.size();
    m_idle.clear();
    for (size_t i = 0; i < idle; ++i)
        freeSlot();
}

template <typename Work> auto PostgresStore::run(Work&& work)
{
    for (int attempt = 1;; ++attempt) {
        auto lease = acquire();
        try {
            return work(*lease);
        } catch (const RetryableConflict&) {
            if (attempt >= 3)
                throw StoreError("database conflict persisted after retries");
        } catch (const StoreUnavailable&) {
            // A pooled connection that fails its first statement was closed while idle (the
            // database restarted): nothing ran, so the work can run again on a new one.
            if (lease.fresh() || (*lease).statementsRun() > 0 || !(*lease).broken() || attempt > 1)
                throw;
        }
    }
}

int PostgresStore::migrate()
{
    return run([](PgConnection& c) {
        try {
            // Migrations may take longer than a request may, and wait for another server's.
            c.exec("SET statement_timeout = 0; SET lock_timeout = 0", "configuring the connection");
            // Servers starting together on an empty database queue here: one applies the
            // migrations, the others then find them recorded.
            c.query("SELECT pg_advisory_lock($1::bigint)", kMigrationLock);
            c.exec("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT "
                   "NULL, applied_at BIGINT NOT NULL)",
                   "creating schema_migrations");
            int applied = 0;
            for (const auto& m : postgresqlMigrations()) {
                Transaction tx(c);
                if (c.query("SELECT 1 FROM schema_migrations WHERE version = $1::integer", m.version).rows() >
                    0)
                    continue;
                // A migration and its record commit together or not at all.
                const std::string sql(m.sql);
                c.exec(sql.c_str(), "applying migration " + std::string(m.name));
                const std::string name(m.name);
                c.query("INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1::integer, $2, "
                        "(extract(epoch FROM now()) * 1000)::bigint)",
                        m.version, name);
                tx.commit();
                ++applied;
            }
            c.query("SELECT pg_advisory_unlock($1::bigint)", kMigrationLock);
            c.exec(kSessionSettings, "configuring the connection");
            return applied;
        } catch (...) {
            c.markBroken(); // closing the connection also drops the advisory lock
            throw;
        }
    });
}

void PostgresStore::ping()
{
    run([](PgConnection& c) { return c.query("SELECT 1").rows(); });
}

bool PostgresStore::insertUser(const UserRecord& u)
{
    const std::string emailKey = lowerAscii(u.email);
    const std::string role = toString(u.role);
    return run([&](PgConnection& c) {
        return c.query(
                    "INSERT INTO users (id, email, email_key, display_name, role, password_hash, created_at) "
                    "VALUES ($1, $2, $3, $4, $5, $6, (extract(epoch FROM now()) * 1000)::bigint) "
                    "ON CONFLICT (email_key) DO NOTHING",
                    u.id, u.email, emailKey, u.displayName, role, u.passwordHash)
                   .affected() == 1;
    });
}

std::optional<UserRecord> PostgresStore::findUserByEmail(const std::string& email)
{
    const std::string key = lowerAscii(email);
    return run([&](PgConnection& c) -> std::optional<UserRecord> {
        const Result r = c.query("SELECT id, email, display_name, role, password_hash, disabled_at FROM "
                                 "users WHERE email_key = $1",
                                 key);
        if (r.rows() == 0)
            return std::nullopt;
        return readUser(r);
    });
}

std::optional<UserRecord> PostgresStore::findUserById(const std::string& id)
{
    return run([&](PgConnection& c) -> std::optional<UserRecord> {
        const Result r = c.query(
            "SELECT id, email, display_name, role, password_hash, disabled_at FROM users WHERE id = $1", id);
        if (r.rows() == 0)
            return std::nullopt;
        return readUser(r);
    });
}

void PostgresStore::updatePassword(const std::string& userId, const std::string& passwordHash)
{
    run([&](PgConnection& c) {
        return c.query("UPDATE users SET password_hash = $2 WHERE id = $1", userId, passwordHash).affected();
    });
}

bool PostgresStore::disableUser(const std::string& email, TimePoint now)
{
    const std::string key = lowerAscii(email);
    return run([&](PgConnection& c) {
        Transaction tx(c);
        const Result user = c.query("SELECT id FROM users WHERE email_key = $1", key);
        if (user.rows() == 0)
            return false;
        const std::string userId = user.text(0, 0);
        // Sessions first, then the user: the same lock order as every other writer (a session
        // row, then its user's sessions_version through the trigger), so no deadlock.
        c.query("UPDATE user_sessions SET is_active = FALSE, revoked_at = $2, revoked_reason = "
                "'account_disabled' WHERE user_id = $1 AND is_active",
                userId, now);
        c.query("UPDATE users SET disabled_at = COALESCE(disabled_at, $2) WHERE id = $1", userId, now);
        tx.commit();
        return true;
    });
}

void PostgresStore::insertSession(const SessionRecord& s, const AuditRecord& e)
{
    const std::string eventId = auditId(e);
    // One statement: the session and its audit event commit together.
    run([&](PgConnection& c) {
        return c
            .query(
                "WITH s AS (INSERT INTO user_sessions (id, user_id, device_info, ip_address, location_data, "
                "created_at, last_activity, expires_at, authenticated_at, is_active, refresh_token_hash) "
                "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, TRUE, $10)) "
                "INSERT INTO audit_events (" VIGIE_AUDIT_COLUMNS ") "
                "VALUES ($11, $12, $13, $14, $15, $16, $17, $18)",
                s.id, s.userId, s.deviceInfoJson, s.ipAddress, s.locationDataJson, s.createdAt,
                s.lastActivity, s.expiresAt, s.authenticatedAt, s.refreshTokenHash, eventId, e.at,
                e.actorUserId, e.action, e.targetUserId, e.targetSessionId, e.ipAddress, e.reason)
            .affected();
    });
}

std::optional<SessionAuthView> PostgresStore::sessionForAuth(const std::string& sessionId)
{
    return run([&](PgConnection& c) -> std::optional<SessionAuthView> {
        const Result r =
            c.query("SELECT s.user_id, u.role, u.disabled_at, s.is_active, s.expires_at, s.last_activity, "
                    "s.authenticated_at, u.sessions_version FROM user_sessions s JOIN users u ON u.id = "
                    "s.user_id WHERE s.id = $1",
                    sessionId);
        if (r.rows() == 0)
            return std::nullopt;
        SessionAuthView v;
        v.userId = r.text(0, 0);
        v.role = roleFromString(r.text(0, 1)).value_or(Role::User);
        v.userDisabled = !r.isNull(0, 2);
        v.isActive = r.boolean(0, 3);
        v.expiresAt = r.time(0, 4);
        v.lastActivity = r.time(0, 5);
        v.authenticatedAt = r.time(0, 6);
        v.sessionsVersion = r.integer(0, 7);
        return v;
    });
}

std::vector<SessionRecord> PostgresStore::activeSessions(const std::string& userId, TimePoint now,
                                                         TimePoint idleCutoff)
{
    return run([&](PgConnection& c) {
        const Result r = c.query("SELECT " VIGIE_SESSION_COLUMNS " FROM user_sessions WHERE user_id = $1 AND "
                                 "is_active AND last_activity > $3 AND expires_at > $2 "
                                 "ORDER BY last_activity DESC, id",
                                 userId, now, idleCutoff);
        std::vector<SessionRecord> out;
        out.reserve(size_t(r.rows()));
        for (int i = 0; i < r.rows(); ++i)
            out.push_back(readSession(r, i));
        return out;
    });
}

void PostgresStore::touchSession(const std::string& sessionId, TimePoint now)
{
    run([&](PgConnection& c) {
        return c
            .query("UPDATE user_sessions SET last_activity = $2 WHERE id = $1 AND last_activity < $2",
                   sessionId, now)
            .affected();
    });
}

void PostgresStore::markAuthenticated(const std::string& sessionId, TimePoint now, const AuditRecord& e)
{
    const std::string eventId = auditId(e);
    run([&](PgConnection& c) {
        return c
            .query("WITH s AS (UPDATE user_sessions SET authenticated_at = $2, last_activity = "
                   "GREATEST(last_activity, $2) WHERE id = $1) "
                   "INSERT INTO audit_events (" VIGIE_AUDIT_COLUMNS ") "
                   "VALUES ($3, $4, $5, $6, $7, $8, $9, $10)",
                   sessionId, now, eventId, e.at, e.actorUserId, e.action, e.targetUserId, e.targetSessionId,
                   e.ipAddress, e.reason)
            .affected();
    });
}

RefreshResult PostgresStore::rotateRefreshToken(const std::string& oldHash, const std::string& newHash,
                                                TimePoint now, TimePoint idleCutoff,
                                                const AuditRecord& reuseEvent)
{
    return run([&](PgConnection& c) -> RefreshResult {
        Transaction tx(c);
        // The row lock makes a concurrent refresh with the same token (on any server) wait;
        // it then no longer matches the rotated hash and finds the token used: reuse.
        const Result found = c.query("SELECT " VIGIE_SESSION_COLUMNS
                                     " FROM user_sessions WHERE refresh_token_hash = $1 FOR UPDATE",
                                     oldHash);
        if (found.rows() > 0) {
            SessionRecord current = readSession(found, 0);
            if (!current.isActive || current.expiresAt <= now || current.lastActivity <= idleCutoff)
                return {RefreshOutcome::Invalid, std::nullopt};
            c.query("INSERT INTO used_refresh_tokens (token_hash, session_id, used_at) VALUES ($1, $2, $3)",
                    oldHash, current.id, now);
            c.query(
                "UPDATE user_sessions SET refresh_token_hash = $2, last_activity = GREATEST(last_activity, "
                "$3) WHERE id = $1",
                current.id, newHash, now);
            tx.commit();
            current.refreshTokenHash = newHash;
            current.lastActivity = std::max(current.lastActivity, now);
            return {RefreshOutcome::Rotated, current};
        }

        const Result used =
            c.query("SELECT session_id FROM used_refresh_tokens WHERE token_hash = $1", oldHash);
        if (used.rows() == 0)
            return {RefreshOutcome::Invalid, std::nullopt};
        const std::string sessionId = used.text(0, 0);
        const Result revoked =
            c.query("UPDATE user_sessions SET is_active = FALSE, revoked_at = $2, revoked_reason = "
                    "'refresh_token_reuse' WHERE id = $1 AND is_active RETURNING " VIGIE_SESSION_COLUMNS,
                    sessionId, now);
        std::optional<SessionRecord> reused;
        if (revoked.rows() > 0) {
            reused = readSession(revoked, 0);
            AuditRecord e = reuseEvent;
            e.actorUserId = reused->userId;
            e.targetUserId = reused->userId;
            e.targetSessionId = reused->id;
            const std::string eventId = auditId(e);
            c.query("INSERT INTO audit_events (" VIGIE_AUDIT_COLUMNS
                    ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                    eventId, e.at, e.actorUserId, e.action, e.targetUserId, e.targetSessionId, e.ipAddress,
                    e.reason);
        }
        tx.commit();
        return {RefreshOutcome::Reused, reused};
    });
}

bool PostgresStore::revokeSession(const std::string& userId, const std::string& sessionId, TimePoint now,
                                  TimePoint idleCutoff, const std::optional<std::string>& revokedBy,
                                  const std::optional<std::string>& reason, const AuditRecord& e)
{
    const std::string eventId = auditId(e);
    // One conditional statement: of two servers revoking the same session, one changes the
    // row and writes the event; the other changes nothing and reports it.
    return run([&](PgConnection& c) {
        return c.query("WITH r AS (UPDATE user_sessions SET is_active = FALSE, revoked_at = $3, revoked_by = "
                       "$5, "
                       "revoked_reason = $6 WHERE id = $2 AND user_id = $1 AND is_active AND expires_at > $3 "
                       "AND last_activity > $4 RETURNING id) "
                       "INSERT INTO audit_events (" VIGIE_AUDIT_COLUMNS ") "
                       "SELECT $7, $8, $9, $10, $11, r.id, $12, $13 FROM r",
                       userId, sessionId, now, idleCutoff, revokedBy, reason, eventId, e.at, e.actorUserId,
                       e.action, e.targetUserId, e.ipAddress, e.reason)
                   .affected() == 1;
    });
}

int PostgresStore::revokeOtherSessions(const std::string& userId, const std::string& keepSessionId,
                                       TimePoint now, TimePoint idleCutoff, const AuditRecord& e)
{
    // One statement revokes and writes one event per session it revoked.
    return run([&](PgConnection& c) {
        return c
            .query("WITH r AS (UPDATE user_sessions SET is_active = FALSE, revoked_at = $3, revoked_by = $5, "
                   "revoked_reason = 'signed_out_by_user' WHERE user_id = $1 AND id <> $2 AND is_active AND "
                   "expires_at > $3 AND last_activity > $4 RETURNING id) "
                   "INSERT INTO audit_events (" VIGIE_AUDIT_COLUMNS ") "
                   "SELECT gen_random_uuid()::text, $3, $5, $6, $7, r.id, $8, $9 FROM r",
                   userId, keepSessionId, now, idleCutoff, e.actorUserId, e.action, e.targetUserId,
                   e.ipAddress, e.reason)
            .affected();
    });
}

void PostgresStore::appendAudit(const AuditRecord& e)
{
    const std::string eventId = auditId(e);
    run([&](PgConnection& c) {
        return c
            .query("INSERT INTO audit_events (" VIGIE_AUDIT_COLUMNS
                   ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                   eventId, e.at, e.actorUserId, e.action, e.targetUserId, e.targetSessionId, e.ipAddress,
                   e.reason)
            .affected();
    });
}

std::vector<AuditRecord> PostgresStore::auditEvents(const std::optional<std::string>& userId, int limit)
{
    return run([&](PgConnection& c) {
        const Result r =
            userId ? c.query("SELECT " VIGIE_AUDIT_COLUMNS " FROM audit_events WHERE actor_user_id = $2 OR "
                             "target_user_id = $2 ORDER BY seq DESC LIMIT $1",
                             limit, *userId)
                   : c.query("SELECT " VIGIE_AUDIT_COLUMNS " FROM audit_events ORDER BY seq DESC LIMIT $1",
                             limit);
        std::vector<AuditRecord> out;
        out.reserve(size_t(r.rows()));
        for (int i = 0; i < r.rows(); ++i) {
            AuditRecord e;
            e.id = r.text(i, 0);
            e.at = r.time(i, 1);
            e.actorUserId = r.optText(i, 2);
            e.action = r.text(i, 3);
            e.targetUserId = r.optText(i, 4);
            e.targetSessionId = r.optText(i, 5);
            e.ipAddress = r.optText(i, 6);
            e.reason = r.optText(i, 7);
            out.push_back(std::move(e));
        }
        return out;
    });
}

void PostgresStore::recordLoginFailure(const std::vector<std::string>& keys, TimePoint now)
{
    run([&](PgConnection& c) {
        Transaction tx(c);
        for (const auto& key : keys)
            c.query("INSERT INTO login_failures (key, at) VALUES ($1, $2)", key, now);
        tx.commit();
        return 0;
    });
}

std::vector<TimePoint> PostgresStore::loginFailures(const std::string& key, TimePoint since)
{
    return run([&](PgConnection& c) {
        const Result r = c.query(
            "SELECT at FROM login_failures WHERE key = $1 AND at > $2 ORDER BY at LIMIT 10000", key, since);
        std::vector<TimePoint> out;
        out.reserve(size_t(r.rows()));
        for (int i = 0; i < r.rows(); ++i)
            out.push_back(r.time(i, 0));
        return out;
    });
}

void PostgresStore::clearLoginFailures(const std::string& key)
{
    run([&](PgConnection& c) {
        return c.query("DELETE FROM login_failures WHERE key = $1", key).affected();
    });
}

bool PostgresStore::reserveLoginAttempt(const std::vector<std::string>& keys, TimePoint now, TimePoint since,
                                        int max)
{
    std::vector<std::string> ordered = keys;
    std::sort(ordered.begin(), ordered.end()); // one lock order for every server: no deadlock
    return run([&](PgConnection& c) {
        Transaction tx(c);
        for (const auto& key : ordered) {
            // Serialises the attempts on one key across servers for this transaction.
            c.query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", key);
            const Result r = c.query("SELECT count(*) FROM (SELECT 1 FROM login_failures WHERE key = $1 AND "
                                     "at > $2 LIMIT $3) AS f",
                                     key, since, max);
            if (r.integer(0, 0) >= max)
                return false;
        }
        for (const auto& key : ordered)
            c.query("INSERT INTO login_failures (key, at) VALUES ($1, $2)", key, now);
        tx.commit();
        return true;
    });
}

void PostgresStore::releaseLoginAttempt(const std::string& key, TimePoint at)
{
    run([&](PgConnection& c) {
        return c
            .query("DELETE FROM login_failures WHERE ctid = (SELECT ctid FROM login_failures WHERE key = $1 "
                   "AND at = $2 LIMIT 1)",
                   key, at)
            .affected();
    });
}

int PostgresStore::purgeBatch(TimePoint purgeBefore, std::chrono::milliseconds idleTimeout,
                              TimePoint failuresBefore, int batchSize)
{
    return run([&](PgConnection& c) {
        Transaction tx(c);
        // One batch at a time across all servers: the others skip this round, and the one
        // that holds the lock keeps going until the backlog is gone.
        if (c.query("SELECT pg_try_advisory_xact_lock($1::bigint)", kPurgeLock).text(0, 0) != "t")
            return 0;
        // SKIP LOCKED leaves rows a request is changing right now to a later batch instead of
        // waiting for them.
        const struct
        {
            const char* sql;
            TimePoint before;
        } ended[] = {
            {"DELETE FROM user_sessions WHERE id IN (SELECT id FROM user_sessions WHERE revoked_at < $1 "
             "LIMIT $2 FOR UPDATE SKIP LOCKED)",
             purgeBefore},
            {"DELETE FROM user_sessions WHERE id IN (SELECT id FROM user_sessions WHERE expires_at < $1 "
             "LIMIT $2 FOR UPDATE SKIP LOCKED)",
             purgeBefore},
            {"DELETE FROM user_sessions WHERE id IN (SELECT id FROM user_sessions WHERE last_activity < $1 "
             "LIMIT $2 FOR UPDATE SKIP LOCKED)",
             purgeBefore - idleTimeout},
        };
        int deleted = 0;
        for (const auto& e : ended) {
            if (deleted >= batchSize)
                break;
            deleted += c.query(e.sql, e.before, batchSize - deleted).affected();
        }
        c.query(
            "DELETE FROM login_failures WHERE id IN (SELECT id FROM login_failures WHERE at < $1 LIMIT $2 "
            "FOR UPDATE SKIP LOCKED)",
            failuresBefore, batchSize);
        tx.commit();
        return deleted;
    });
}

} // namespace vigie::server
