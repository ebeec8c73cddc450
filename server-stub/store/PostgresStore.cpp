#include "store/PostgresStore.h"

#include "store/Migrations.h"
#include "store/StoreValues.h"

#include <algorithm>
#include <cstdlib>
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
#define VIGIE_PURGE_LOCK "24322740867891202" // 0x5669676965'0002

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

struct ResultDeleter
{
    void operator()(PGresult* r) const { PQclear(r); }
};
using Result = std::unique_ptr<PGresult, ResultDeleter>;

// The rows of a statement, in libpq's text format.
class PgRows final : public SqlRows
{
public:
    explicit PgRows(Result r) : m_r(std::move(r)) {}

    bool next() override { return ++m_row < PQntuples(m_r.get()); }
    bool isNull(int col) const override { return PQgetisnull(m_r.get(), m_row, col) != 0; }
    std::string text(int col) const override
    {
        return std::string(PQgetvalue(m_r.get(), m_row, col), size_t(PQgetlength(m_r.get(), m_row, col)));
    }
    long long integer(int col) const override
    {
        return std::strtoll(PQgetvalue(m_r.get(), m_row, col), nullptr, 10);
    }
    bool boolean(int col) const override { return PQgetvalue(m_r.get(), m_row, col)[0] == 't'; }

private:
    Result m_r;
    int m_row = -1;
};

} // namespace

// One libpq connection and the statements prepared on it. Used by one thread at a time.
class PgConnection final : public SqlConnection
{
public:
    explicit PgConnection(PGconn* conn) : m_conn(conn) {}
    ~PgConnection() override { PQfinish(m_conn); }
    PgConnection(const PgConnection&) = delete;
    PgConnection& operator=(const PgConnection&) = delete;

    PGconn* raw() const { return m_conn; }
    bool broken() const { return m_broken || PQstatus(m_conn) != CONNECTION_OK; }
    void markBroken() { m_broken = true; }
    int statementsRun() const { return m_statementsRun; }
    void resetStatementCount() { m_statementsRun = 0; }

    // A statement without parameters, or several separated by semicolons.
    void exec(const char* sql, const std::string& what) { check(Result(PQexec(m_conn, sql)), what); }

    std::unique_ptr<SqlRows> query(const char* sql, std::span<const SqlValue> params) override
    {
        return std::make_unique<PgRows>(run(sql, params));
    }
    int execute(const char* sql, std::span<const SqlValue> params) override
    {
        return std::atoi(PQcmdTuples(run(sql, params).get()));
    }

    void begin() override { exec("BEGIN", "starting a transaction"); }
    void commit() override { exec("COMMIT", "committing a transaction"); }
    void rollback() noexcept override
    {
        PGresult* r = PQexec(m_conn, "ROLLBACK");
        if (!r || PQresultStatus(r) != PGRES_COMMAND_OK)
            markBroken();
        PQclear(r);
    }

private:
    Result run(const char* sql, std::span<const SqlValue> params)
    {
        std::vector<std::optional<std::string>> texts;
        texts.reserve(params.size());
        for (const auto& v : params) {
            if (const auto* s = std::get_if<std::string_view>(&v))
                texts.emplace_back(std::string(*s));
            else if (const auto* n = std::get_if<long long>(&v))
                texts.emplace_back(std::to_string(*n));
            else
                texts.emplace_back();
        }
        std::vector<const char*> values;
        values.reserve(texts.size());
        for (const auto& t : texts)
            values.push_back(t ? t->c_str() : nullptr);
        const std::string& name = prepared(sql);
        Result r(
            PQexecPrepared(m_conn, name.c_str(), int(values.size()), values.data(), nullptr, nullptr, 0));
        return check(std::move(r), "running a statement");
    }

    Result check(Result r, const std::string& what)
    {
        const auto status = r ? PQresultStatus(r.get()) : PGRES_FATAL_ERROR;
        if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
            fail(m_conn, r.get(), what);
        ++m_statementsRun;
        return r;
    }

    const std::string& prepared(const char* sql)
    {
        auto it = m_prepared.find(sql);
        if (it != m_prepared.end())
            return it->second;
        std::string name = "v" + std::to_string(m_prepared.size() + 1);
        Result r(PQprepare(m_conn, name.c_str(), sql, 0, nullptr));
        if (!r || PQresultStatus(r.get()) != PGRES_COMMAND_OK)
            fail(m_conn, r.get(), "preparing a statement");
        return m_prepared.emplace(sql, std::move(name)).first->second;
    }

    PGconn* m_conn;
    bool m_broken = false;
    int m_statementsRun = 0;
    std::unordered_map<const char*, std::string> m_prepared;
};

namespace {

#define VIGIE_INSERT_AUDIT "INSERT INTO audit_events (" VIGIE_AUDIT_COLUMNS ") "

// SKIP LOCKED leaves rows a request is changing right now to a later batch instead of
// waiting for them.
#define VIGIE_PURGE_SESSIONS(column)                                                                         \
    "DELETE FROM user_sessions WHERE id IN (SELECT id FROM user_sessions WHERE " column " < $1 LIMIT $2 "    \
    "FOR UPDATE SKIP LOCKED)"

// Several writes in one statement where PostgreSQL allows it: a data-modifying CTE commits
// with the statement, without a round trip for BEGIN and COMMIT.
const SqlStatements kPostgres{
    .insertUser = "INSERT INTO users (id, email, email_key, display_name, role, password_hash, created_at) "
                  "VALUES ($1, $2, $3, $4, $5, $6, (extract(epoch FROM now()) * 1000)::bigint) "
                  "ON CONFLICT (email_key) DO NOTHING",
    .userByEmailKey = "SELECT " VIGIE_USER_COLUMNS " FROM users WHERE email_key = $1",
    .userById = "SELECT " VIGIE_USER_COLUMNS " FROM users WHERE id = $1",
    .updatePassword = "UPDATE users SET password_hash = $2 WHERE id = $1",
    .setIdleTimeout = "UPDATE users SET idle_timeout_ms = $2 WHERE id = $1",
    .userIdByEmailKey = "SELECT id FROM users WHERE email_key = $1",
    .userEmails = "SELECT id, email, email_key FROM users",
    .setEmailKey = "UPDATE users SET email_key = $2 WHERE id = $1",
    .revokeAllSessions =
        {"WITH r AS (UPDATE user_sessions SET is_active = FALSE, revoked_at = $2, revoked_by = "
         "$3, revoked_reason = $4 WHERE user_id = $1 AND is_active RETURNING id) " VIGIE_INSERT_AUDIT
         "SELECT gen_random_uuid()::text, $2, $5, $6, $1, r.id, NULL, $7 FROM r"},
    .disableUser = "UPDATE users SET disabled_at = COALESCE(disabled_at, $2) WHERE id = $1",
    .insertSession =
        {"WITH s AS (INSERT INTO user_sessions (id, user_id, device_info, ip_address, "
         "location_data, created_at, last_activity, expires_at, authenticated_at, is_active, "
         "refresh_token_hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, TRUE, $10)) " VIGIE_INSERT_AUDIT
         "VALUES ($11, $12, $13, $14, $15, $16, $17, $18)"},
    .revokeOverLimit =
        {"WITH r AS (UPDATE user_sessions SET is_active = FALSE, revoked_at = $2, revoked_reason = "
         "'session_limit' WHERE id IN (SELECT id FROM user_sessions WHERE user_id = $1 AND is_active "
         "AND expires_at > $2 AND last_activity > $3 AND " VIGIE_WITHIN_ACCOUNT_IDLE_TIMEOUT(
             "user_sessions", "$2") " ORDER BY last_activity DESC, id DESC OFFSET $4) "
                                    "RETURNING id) " VIGIE_INSERT_AUDIT
                                    "SELECT gen_random_uuid()::text, $2, $5, "
                                    "'session_revoked', $1, r.id, $6, $7 FROM r"},
    .insertAudit = VIGIE_INSERT_AUDIT "VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    .sessionForAuth = "SELECT " VIGIE_AUTH_VIEW_COLUMNS
                      " FROM user_sessions s JOIN users u ON u.id = s.user_id WHERE s.id = $1",
    .liveSessions = "SELECT " VIGIE_SESSION_COLUMNS " FROM user_sessions WHERE user_id = $1 AND is_active "
                    "AND last_activity > $3 AND expires_at > $2 AND " VIGIE_WITHIN_ACCOUNT_IDLE_TIMEOUT(
                        "user_sessions", "$2") " ORDER BY last_activity DESC, id",
    .touchSession = "UPDATE user_sessions SET last_activity = $2 WHERE id = $1 AND last_activity < $2",
    .markAuthenticated = {"WITH s AS (UPDATE user_sessions SET authenticated_at = $2, last_activity = "
                          "GREATEST(last_activity, $2) WHERE id = $1) " VIGIE_INSERT_AUDIT
                          "VALUES ($3, $4, $5, $6, $7, $8, $9, $10)"},
    .renameSession = "UPDATE user_sessions SET name = $3 WHERE id = $2 AND user_id = $1 AND is_active AND "
                     "expires_at > $4 AND last_activity > $5 AND " VIGIE_WITHIN_ACCOUNT_IDLE_TIMEOUT(
                         "user_sessions", "$4") " RETURNING " VIGIE_SESSION_COLUMNS,
    // The row lock makes a concurrent refresh with the same token (on any server) wait; it
    // then no longer matches the rotated hash and finds the token used: reuse.
    .sessionByRefreshHash =
        "SELECT " VIGIE_SESSION_COLUMNS " FROM user_sessions WHERE refresh_token_hash = $1 FOR UPDATE",
    .recordUsedRefreshToken = "INSERT INTO used_refresh_tokens (token_hash, session_id, used_at) "
                              "VALUES ($1, $2, $3)",
    .rotateRefreshToken = "UPDATE user_sessions SET refresh_token_hash = $2, last_activity = "
                          "GREATEST(last_activity, $3) WHERE id = $1",
    .sessionOfUsedRefreshToken = "SELECT " VIGIE_SESSION_COLUMNS " FROM user_sessions WHERE id = (SELECT "
                                 "session_id FROM used_refresh_tokens WHERE token_hash = $1)",
    .revokeForReuse = "UPDATE user_sessions SET is_active = FALSE, revoked_at = $2, revoked_reason = "
                      "'refresh_token_reuse' WHERE id = $1 AND is_active",
    .revokeSession =
        {"WITH r AS (UPDATE user_sessions SET is_active = FALSE, revoked_at = $3, revoked_by = $5, "
         "revoked_reason = $6 WHERE id = $2 AND user_id = $1 AND is_active AND expires_at > $3 "
         "AND last_activity > $4 AND " VIGIE_WITHIN_ACCOUNT_IDLE_TIMEOUT(
             "user_sessions", "$3") " RETURNING id) " VIGIE_INSERT_AUDIT
                                    "SELECT $7, $8, $9, $10, $11, r.id, $12, $13 FROM r"},
    .liveSession =
        "SELECT EXISTS (SELECT 1 FROM user_sessions WHERE id = $2 AND user_id = $1 AND is_active AND "
        "expires_at > $3 AND last_activity > $4 AND " VIGIE_WITHIN_ACCOUNT_IDLE_TIMEOUT("user_sessions",
                                                                                        "$3") ")",
    .claimSignOut =
        "INSERT INTO sign_out_claims (user_id, session_id, started_at) VALUES ($1, $2, $3) "
        "ON CONFLICT (user_id) DO UPDATE SET session_id = excluded.session_id, started_at = "
        "excluded.started_at WHERE sign_out_claims.started_at < $4 OR sign_out_claims.session_id = "
        "excluded.session_id",
    .releaseSignOut = "DELETE FROM sign_out_claims WHERE user_id = $1 AND session_id = $2",
    .revokeOtherSessions =
        {"WITH r AS (UPDATE user_sessions SET is_active = FALSE, revoked_at = $3, revoked_by = $5, "
         "revoked_reason = "
         "'signed_out_by_user' WHERE id IN (SELECT id FROM user_sessions WHERE user_id = $1 AND id <> $2 AND "
         "is_active AND expires_at > $3 AND last_activity > $4 AND " VIGIE_WITHIN_ACCOUNT_IDLE_TIMEOUT(
             "user_sessions", "$3") " ORDER BY id LIMIT $10 "
                                    "FOR "
                                    "UPDATE) RETURNING id) " VIGIE_INSERT_AUDIT
                                    "SELECT gen_random_uuid()::text, $3, $5, $6, $7, r.id, $8, "
                                    "$9 FROM r"},
    .allAudit = "SELECT " VIGIE_AUDIT_COLUMNS " FROM audit_events ORDER BY seq DESC LIMIT $1",
    .userAudit = "SELECT " VIGIE_AUDIT_COLUMNS " FROM audit_events WHERE actor_user_id = $2 OR "
                 "target_user_id = $2 ORDER BY seq DESC LIMIT $1",
    .insertLoginFailure = "INSERT INTO login_failures (key, at) VALUES ($1, $2)",
    .loginFailures = "SELECT at FROM login_failures WHERE key = $1 AND at > $2 ORDER BY at LIMIT 10000",
    .clearLoginFailures = "DELETE FROM login_failures WHERE key = $1",
    .lockLoginKey = "SELECT pg_advisory_xact_lock(hashtextextended($1, 0))",
    .countLoginFailures =
        "SELECT count(*) FROM (SELECT 1 FROM login_failures WHERE key = $1 AND at > $2 LIMIT $3) AS f",
    .releaseLoginFailure = "DELETE FROM login_failures WHERE id = (SELECT id FROM login_failures "
                           "WHERE key = $1 AND at = $2 LIMIT 1)",
    .purgeLock = "SELECT pg_try_advisory_xact_lock(" VIGIE_PURGE_LOCK ")",
    .purgeRevoked = VIGIE_PURGE_SESSIONS("revoked_at"),
    .purgeExpired = VIGIE_PURGE_SESSIONS("expires_at"),
    .purgeIdle = VIGIE_PURGE_SESSIONS("last_activity"),
    .purgeAccountIdle =
        "DELETE FROM user_sessions WHERE id IN (SELECT s.id FROM users u JOIN user_sessions s ON "
        "s.user_id = u.id WHERE u.idle_timeout_ms IS NOT NULL AND s.last_activity < $1 - "
        "u.idle_timeout_ms LIMIT $2 FOR UPDATE OF s SKIP LOCKED)",
    .purgeLoginFailures =
        "DELETE FROM login_failures WHERE id IN (SELECT id FROM login_failures WHERE at < $1 "
        "LIMIT $2 FOR UPDATE SKIP LOCKED)",
    .purgeUnknownAccountLoginFailures =
        "DELETE FROM audit_events WHERE seq IN (SELECT seq FROM audit_events WHERE "
        "action IN ('login_failed', 'login_throttled') AND target_user_id IS NULL AND at < $1 LIMIT $2 "
        "FOR UPDATE SKIP LOCKED)",
};

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

PostgresStore::PostgresStore(std::string url, int poolSize)
    : SqlStore(kPostgres), m_url(std::move(url)), m_poolSize(poolSize)
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

void PostgresStore::withConnection(Access, const std::function<void(SqlConnection&)>& work)
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

int PostgresStore::migrateSchema()
{
    int applied = 0;
    withConnection(Access::Write, [&](SqlConnection& connection) {
        auto& c = static_cast<PgConnection&>(connection);
        applied = 0;
        try {
            // Migrations may take longer than a request may, and wait for another server's.
            c.exec("SET statement_timeout = 0; SET lock_timeout = 0", "configuring the connection");
            // Servers starting together on an empty database queue here: one applies the
            // migrations, the others then find them recorded.
            query(c, "SELECT pg_advisory_lock($1::bigint)", kMigrationLock)->next();
            c.exec("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT "
                   "NULL, applied_at BIGINT NOT NULL)",
                   "creating schema_migrations");
            for (const auto& m : postgresqlMigrations()) {
                SqlTransaction tx(c);
                if (query(c, "SELECT 1 FROM schema_migrations WHERE version = $1::integer", m.version)
                        ->next())
                    continue;
                // A migration and its record commit together or not at all.
                const std::string sql(m.sql);
                c.exec(sql.c_str(), "applying migration " + std::string(m.name));
                const std::string name(m.name);
                execute(c,
                        "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1::integer, $2, "
                        "(extract(epoch FROM now()) * 1000)::bigint)",
                        m.version, name);
                tx.commit();
                ++applied;
            }
            query(c, "SELECT pg_advisory_unlock($1::bigint)", kMigrationLock)->next();
            c.exec(kSessionSettings, "configuring the connection");
        } catch (...) {
            c.markBroken(); // closing the connection also drops the advisory lock
            throw;
        }
    });
    return applied;
}

std::optional<std::string> postgresTransportWarning(const std::string& url)
{
    char* error = nullptr;
    PQconninfoOption* options = PQconninfoParse(url.c_str(), &error);
    PQfreemem(error);
    if (!options)
        return std::nullopt; // the connection attempt reports a malformed URL
    std::string host, hostaddr, sslmode;
    for (const PQconninfoOption* o = options; o->keyword; ++o) {
        const std::string value = o->val ? o->val : "";
        if (std::string_view(o->keyword) == "host")
            host = value;
        else if (std::string_view(o->keyword) == "hostaddr")
            hostaddr = value;
        else if (std::string_view(o->keyword) == "sslmode")
            sslmode = value;
    }
    PQconninfoFree(options);
    if (sslmode == "require" || sslmode == "verify-full")
        return std::nullopt;
    // Several hosts are separated by commas; each must be local for the warning to be moot.
    const std::string hosts = hostaddr.empty() ? host : hostaddr;
    bool local = true;
    size_t start = 0;
    while (start <= hosts.size()) {
        const size_t end = std::min(hosts.find(',', start), hosts.size());
        const std::string h = hosts.substr(start, end - start);
        local = local && (h.empty() || h.front() == '/' || h.front() == '@' || h == "localhost" ||
                          h == "::1" || h.rfind("127.", 0) == 0);
        start = end + 1;
    }
    if (local)
        return std::nullopt;
    return "the PostgreSQL database is on another host and the URL does not require TLS: add "
           "sslmode=verify-full (or sslmode=require) to it";
}

} // namespace vigie::server
