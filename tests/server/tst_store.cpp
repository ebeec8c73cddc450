// The store's contract, called directly (no HTTP): the same test program runs on SQLite and,
// as tst_server_store_pg, on PostgreSQL. Time comes from a ManualClock: expiry, idle time,
// retention and throttling windows are set, never slept through.
#include "ManualClock.h"
#include "ServerConfig.h"
#include "TestServer.h"
#include "crypto/PasswordHasher.h"
#include "crypto/Random.h"
#include "crypto/TokenSigner.h"
#include "services/ApiError.h"
#include "services/AuthService.h"
#include "services/CleanupJob.h"
#include "services/LoginThrottle.h"
#include "services/SessionService.h"
#include "store/SessionStore.h"

#include <QtTest>
#include <atomic>
#include <latch>
#include <thread>

using namespace vigie;
using namespace vigie::server;
using namespace std::chrono_literals;

class TestStore final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void rotationMakesTheOldTokenReuse();
    void refreshNeverRevivesAnIdleSession();
    void concurrentRefreshesWithOneTokenLetOneWin();
    void concurrentRevocationsOfOneSessionRevokeItOnce();
    void idleAndExpiredSessionsAreNotListed();
    void purgeDeletesOnlyWhatRetentionAllowsInBoundedBatches();
    void throttleCountsFailuresWithinTheWindow();
    void failedSignInsForNoAccountArePurgedAfterRetention();
    void aSignInPastTheSessionLimitEndsTheOneIdleTheLongest();

    void throttleKeysHaveAFixedMaximumSize();
    void concurrentReservationsAdmitExactlyTheLimit();
    void emailsCompareCaseInsensitivelyBeyondAscii();
    void migrationRecomputesEmailKeysAndRefusesCollisions();
    void throttledSignInsAreAuditedOncePerBurst();
    void signingOutOthersFromASessionAlreadyRevokedChangesNothing();
    void twoSessionsSigningEachOtherOutAtOnceLeaveOne();
    void theSecondCallerToSignOutTheOthersGets401();
    void signingOutThousandsOfOthersWorksInBatches();
    void aSignOutInProgressElsewhereSignsTheCallerOut();
    void reuseOfATokenOfARevokedSessionIsAudited();
    void disablingAnAccountAuditsEachSessionItEnds();

private:
    UserRecord addUser(const std::string& email);
    // A live session of user created now; returns it with its refresh token's hash.
    SessionRecord addSession(const UserRecord& user, const std::string& refreshHash = {});
    int countEvents(const std::string& action, const std::optional<std::string>& targetSession = {});

    std::unique_ptr<TestServer> m_database; // only its temporary database: no server runs
    std::unique_ptr<SessionStore> m_store;
    ManualClock m_clock;
    ServerConfig m_config;
};

void TestStore::init()
{
    m_database = std::make_unique<TestServer>();
    m_store = openStore(m_database->databaseUrl().toStdString(), 16);
    QVERIFY(m_store->migrate() > 0);
    m_config = ServerConfig{};
}

void TestStore::cleanup()
{
    m_store.reset();
    m_database.reset();
}

UserRecord TestStore::addUser(const std::string& email)
{
    UserRecord u;
    u.id = newUuid();
    u.email = email;
    u.displayName = "Test";
    u.passwordHash = "not a real hash";
    if (!m_store->insertUser(u))
        qFatal("could not add user %s", email.c_str());
    return u;
}

SessionRecord TestStore::addSession(const UserRecord& user, const std::string& refreshHash)
{
    const TimePoint now = m_clock.now();
    SessionRecord s;
    s.id = newUuid();
    s.userId = user.id;
    s.deviceInfoJson = "{}";
    s.ipAddress = "203.0.113.7";
    s.createdAt = s.lastActivity = s.authenticatedAt = now;
    s.expiresAt = now + m_config.sessionLifetime;
    s.refreshTokenHash = refreshHash.empty() ? sha256Hex(newOpaqueToken()) : refreshHash;
    m_store->insertSession(s, auditEvent("login", now, user.id, user.id, s.id, s.ipAddress),
                           now - m_config.idleTimeout, m_config.maxSessionsPerAccount);
    return s;
}

int TestStore::countEvents(const std::string& action, const std::optional<std::string>& targetSession)
{
    int n = 0;
    for (const auto& e : m_store->auditEvents(std::nullopt, 1000))
        n += e.action == action && (!targetSession || e.targetSessionId == targetSession);
    return n;
}

void TestStore::rotationMakesTheOldTokenReuse()
{
    const auto user = addUser("ann@example.test");
    const auto session = addSession(user, "h0");
    const auto cutoff = [&] { return m_clock.now() - m_config.idleTimeout; };
    const auto reuseEvent = auditEvent("refresh_reuse", m_clock.now(), {}, {}, {}, "198.51.100.9");

    m_clock.advance(1min);
    auto r = m_store->rotateRefreshToken("h0", "h1", m_clock.now(), cutoff(), reuseEvent);
    QCOMPARE(int(r.outcome), int(RefreshOutcome::Rotated));
    QCOMPARE(r.session->id, session.id);
    QCOMPARE(r.session->lastActivity, m_clock.now());
    QCOMPARE(int(m_store->rotateRefreshToken("h1", "h2", m_clock.now(), cutoff(), reuseEvent).outcome),
             int(RefreshOutcome::Rotated));

    // h0 was current once: presenting it again is theft, and ends the session at once.
    r = m_store->rotateRefreshToken("h0", "h3", m_clock.now(), cutoff(), reuseEvent);
    QCOMPARE(int(r.outcome), int(RefreshOutcome::Reused));
    QVERIFY(m_store->activeSessions(user.id, m_clock.now(), cutoff()).empty());
    QCOMPARE(countEvents("refresh_reuse", session.id), 1);
    // The thief's latest token is dead too; a token never issued is simply invalid.
    QCOMPARE(int(m_store->rotateRefreshToken("h2", "h4", m_clock.now(), cutoff(), reuseEvent).outcome),
             int(RefreshOutcome::Invalid));
    QCOMPARE(int(m_store->rotateRefreshToken("never", "h5", m_clock.now(), cutoff(), reuseEvent).outcome),
             int(RefreshOutcome::Invalid));
}

void TestStore::refreshNeverRevivesAnIdleSession()
{
    const auto user = addUser("ann@example.test");
    addSession(user, "h0");
    m_clock.advance(m_config.idleTimeout + 1ms);
    const auto r =
        m_store->rotateRefreshToken("h0", "h1", m_clock.now(), m_clock.now() - m_config.idleTimeout,
                                    auditEvent("refresh_reuse", m_clock.now(), {}, {}, {}, {}));
    QCOMPARE(int(r.outcome), int(RefreshOutcome::Invalid));
}

void TestStore::concurrentRefreshesWithOneTokenLetOneWin()
{
    const auto user = addUser("ann@example.test");
    addSession(user, "h0");
    std::atomic<int> rotated = 0;
    std::vector<std::thread> threads;
    for (int i = 0; i < 8; ++i)
        threads.emplace_back([&, i] {
            const auto r = m_store->rotateRefreshToken(
                "h0", "new" + std::to_string(i), m_clock.now(), m_clock.now() - m_config.idleTimeout,
                auditEvent("refresh_reuse", m_clock.now(), {}, {}, {}, {}));
            rotated += r.outcome == RefreshOutcome::Rotated;
        });
    for (auto& t : threads)
        t.join();
    QCOMPARE(rotated.load(), 1);
}

void TestStore::concurrentRevocationsOfOneSessionRevokeItOnce()
{
    const auto user = addUser("ann@example.test");
    const auto session = addSession(user);
    std::atomic<int> revoked = 0;
    std::vector<std::thread> threads;
    for (int i = 0; i < 8; ++i)
        threads.emplace_back([&] {
            const TimePoint now = m_clock.now();
            revoked += m_store->revokeSession(
                user.id, session.id, now, now - m_config.idleTimeout, user.id, std::string("revoked_by_user"),
                auditEvent("session_revoked", now, user.id, user.id, session.id, {}));
        });
    for (auto& t : threads)
        t.join();
    QCOMPARE(revoked.load(), 1);
    QCOMPARE(countEvents("session_revoked", session.id), 1);
}

void TestStore::idleAndExpiredSessionsAreNotListed()
{
    m_config.sessionLifetime = 48h;
    m_config.idleTimeout = 24h;
    const auto user = addUser("ann@example.test");
    const auto idle = addSession(user);
    m_clock.advance(12h);
    const auto used = addSession(user);
    const auto listed = [&] {
        QStringList ids;
        for (const auto& s :
             m_store->activeSessions(user.id, m_clock.now(), m_clock.now() - m_config.idleTimeout))
            ids << QString::fromStdString(s.id);
        return ids;
    };
    QCOMPARE(listed(), (QStringList{QString::fromStdString(used.id), QString::fromStdString(idle.id)}));

    m_clock.advance(12h); // idle's last activity is now exactly idle_timeout ago
    QCOMPARE(listed(), QStringList{QString::fromStdString(used.id)});
    m_store->touchSession(used.id, m_clock.now());
    m_clock.advance(24h); // used's hard end (created 36 h ago + 48 h) is still ahead, but idle
    QCOMPARE(listed(), QStringList{});
}

void TestStore::purgeDeletesOnlyWhatRetentionAllowsInBoundedBatches()
{
    m_config.retention = 24h;
    const auto user = addUser("ann@example.test");
    const auto revokeNow = [&](const SessionRecord& s) {
        const TimePoint now = m_clock.now();
        QVERIFY(m_store->revokeSession(user.id, s.id, now, now - m_config.idleTimeout, user.id, std::nullopt,
                                       auditEvent("session_revoked", now, user.id, user.id, s.id, {})));
    };
    for (int i = 0; i < 70; ++i)
        revokeNow(addSession(user));
    m_clock.advance(12h);
    const auto recent = addSession(user);
    revokeNow(recent);
    const auto live = addSession(user);
    const auto countSessions = [&] { return m_database->sqlInt("SELECT COUNT(*) FROM user_sessions"); };
    QCOMPARE(countSessions(), 72);

    // Nothing is due before the retention has passed.
    CleanupJob job(*m_store, m_config, m_clock);
    QCOMPARE(job.runOnce(), 0);

    m_clock.advance(12h + 1ms);
    // One batch never deletes more than it is asked to.
    const TimePoint now = m_clock.now();
    QCOMPARE(m_store->purgeBatch(now - m_config.retention, m_config.idleTimeout, now - 15min, 10), 10);
    QCOMPARE(job.runOnce(), 60);
    QCOMPARE(countSessions(), 2);
    QCOMPARE(m_database->sqlInt("SELECT COUNT(*) FROM user_sessions WHERE id = ?1",
                                QString::fromStdString(recent.id)),
             1);
    QCOMPARE(m_store->activeSessions(user.id, m_clock.now(), m_clock.now() - m_config.idleTimeout).size(),
             size_t(1));
    Q_UNUSED(live);
}

void TestStore::aSignInPastTheSessionLimitEndsTheOneIdleTheLongest()
{
    m_config.maxSessionsPerAccount = 3;
    const auto user = addUser("ann@example.test");
    const auto other = addUser("ben@example.test");
    const auto first = addSession(user);
    m_clock.advance(1min);
    const auto second = addSession(user);
    m_clock.advance(1min);
    const auto third = addSession(user);
    addSession(other);
    m_clock.advance(1min);
    m_store->touchSession(first.id, m_clock.now()); // second is now the one idle the longest
    m_clock.advance(1min);
    const auto fourth = addSession(user);

    const auto cutoff = m_clock.now() - m_config.idleTimeout;
    QSet<std::string> live;
    for (const auto& s : m_store->activeSessions(user.id, m_clock.now(), cutoff))
        live.insert(s.id);
    QCOMPARE(live, (QSet<std::string>{first.id, third.id, fourth.id}));
    QCOMPARE(countEvents("session_revoked", second.id), 1);
    QCOMPARE(m_store->activeSessions(other.id, m_clock.now(), cutoff).size(), size_t(1));
}

void TestStore::failedSignInsForNoAccountArePurgedAfterRetention()
{
    m_config.retention = 24h;
    const auto user = addUser("ann@example.test");
    for (int i = 0; i < 70; ++i)
        m_store->appendAudit(
            auditEvent("login_failed", m_clock.now(), {}, {}, {}, "198.51.100." + std::to_string(i)));
    m_store->appendAudit(auditEvent("login_failed", m_clock.now(), {}, user.id, {}, "198.51.100.200"));
    m_clock.advance(12h);
    m_store->appendAudit(auditEvent("login_failed", m_clock.now(), {}, {}, {}, "198.51.100.201"));
    CleanupJob job(*m_store, m_config, m_clock);
    QCOMPARE(job.runOnce(), 0);
    QCOMPARE(countEvents("login_failed"), 72);

    m_clock.advance(12h + 1ms);
    QCOMPARE(job.runOnce(), 70);
    // The account holder's own trail keeps its failed sign-in; the recent stranger stays too.
    QCOMPARE(countEvents("login_failed"), 2);
    QCOMPARE(m_store->auditEvents(user.id, 10).size(), size_t(1));
}

void TestStore::throttleCountsFailuresWithinTheWindow()
{
    m_config.loginMaxFailures = 5;
    m_config.loginFailureWindow = 15min;
    LoginThrottle throttle(*m_store, m_config);
    const auto isThrottled = [&](const std::string& email, const std::string& address) -> long long {
        try {
            bool burstStarted = false;
            throttle.check(email, address, m_clock.now(), burstStarted);
            return 0;
        } catch (const ApiError& e) {
            return e.status == 429 ? e.retryAfter : -1;
        }
    };
    for (int i = 0; i < 4; ++i) {
        throttle.recordFailure("Ann@Example.test", "198.51.100.1", m_clock.now());
        m_clock.advance(1min);
    }
    QCOMPARE(isThrottled("ann@example.test", "198.51.100.2"), 0);
    throttle.recordFailure("ann@example.test", "198.51.100.1", m_clock.now());
    // The account is throttled from any address, and the address for any account, until the
    // oldest failure leaves the window (4 minutes ago + 15 minutes).
    QCOMPARE(isThrottled("ANN@example.test", "198.51.100.2"), 11 * 60);
    QCOMPARE(isThrottled("ben@example.test", "198.51.100.1"), 11 * 60);
    QCOMPARE(isThrottled("ben@example.test", "198.51.100.2"), 0);

    m_clock.advance(11min);
    QCOMPARE(isThrottled("ann@example.test", "198.51.100.2"), 0);

    throttle.recordFailure("ann@example.test", "198.51.100.1", m_clock.now());
    throttle.recordSuccess("ann@example.test");
    QCOMPARE(isThrottled("ann@example.test", "198.51.100.3"), 0);
}

void TestStore::concurrentReservationsAdmitExactlyTheLimit()
{
    // Sixteen sign-in attempts at once for one account: exactly five get to check a password.
    const TimePoint now = m_clock.now();
    std::atomic<int> admitted = 0;
    std::latch start(16);
    std::vector<std::thread> threads;
    for (int i = 0; i < 16; ++i)
        threads.emplace_back([&, i] {
            start.arrive_and_wait();
            admitted += m_store->reserveLoginAttempt(
                {"account:ann@example.test", "address:198.51.100." + std::to_string(i)}, now, now - 15min, 5);
        });
    for (auto& t : threads)
        t.join();
    QCOMPARE(admitted.load(), 5);
    QCOMPARE(m_store->loginFailures("account:ann@example.test", now - 15min).size(), size_t(5));
    // A reservation that succeeded is taken back: one failure fewer for its key.
    m_store->recordLoginFailure({"address:203.0.113.9"}, now);
    m_store->recordLoginFailure({"address:203.0.113.9"}, now);
    m_store->releaseLoginAttempt("address:203.0.113.9", now);
    QCOMPARE(m_store->loginFailures("address:203.0.113.9", now - 15min).size(), size_t(1));
}

void TestStore::throttledSignInsAreAuditedOncePerBurst()
{
    PasswordHasher hasher;
    const TokenSigner signer(std::vector<unsigned char>(32, 7));
    const PasswordPolicy passwords;
    AuthService auth(*m_store, m_config, hasher, signer, passwords, m_clock);
    UserRecord user;
    user.id = newUuid();
    user.email = "ann@example.test";
    user.displayName = "Ann";
    user.passwordHash = hasher.hash("ann password");
    QVERIFY(m_store->insertUser(user));
    ClientContext client;
    client.ipAddress = "198.51.100.7";
    const auto status = [&](const char* password) {
        try {
            auth.login("ann@example.test", password, client);
            return 200;
        } catch (const ApiError& e) {
            return e.status;
        }
    };
    const auto throttledEvents = [&] {
        int n = 0;
        for (const auto& e : m_store->auditEvents(user.id, 100))
            n += e.action == "login_throttled";
        return n;
    };
    for (int i = 0; i < m_config.loginMaxFailures; ++i)
        QCOMPARE(status("guess"), 401);
    for (int i = 0; i < 3; ++i)
        QCOMPARE(status("ann password"), 429);
    QCOMPARE(throttledEvents(), 1);

    // The window passes; a new burst is a new event.
    m_clock.advance(m_config.loginFailureWindow + 1s);
    for (int i = 0; i < m_config.loginMaxFailures; ++i)
        QCOMPARE(status("guess"), 401);
    QCOMPARE(status("guess"), 429);
    QCOMPARE(status("guess"), 429);
    QCOMPARE(throttledEvents(), 2);
}

void TestStore::emailsCompareCaseInsensitivelyBeyondAscii()
{
    const auto user = addUser("Élodie.Ñúñez@Exemple.test");
    const auto found = m_store->findUserByEmail("élodie.ñúñez@exemple.test");
    QVERIFY(found);
    QCOMPARE(found->id, user.id);
    QCOMPARE(found->email, std::string("Élodie.Ñúñez@Exemple.test")); // kept as entered
    // Decomposed accents (E + U+0301) are the same address.
    QVERIFY(m_store->findUserByEmail("E\u0301lodie.N\u0303u\u0301n\u0303ez@exemple.test"));
    UserRecord duplicate = user;
    duplicate.id = newUuid();
    duplicate.email = "ÉLODIE.ÑÚÑEZ@EXEMPLE.TEST";
    QVERIFY(!m_store->insertUser(duplicate));
    QVERIFY(m_store->disableUser("ÉLODIE.ñúñez@exemple.test", m_clock.now()));

    // The throttle counts one account under every spelling.
    LoginThrottle throttle(*m_store, m_config);
    for (int i = 0; i < m_config.loginMaxFailures; ++i)
        throttle.recordFailure("élodie.ñúñez@exemple.test", "198.51.100." + std::to_string(i), m_clock.now());
    bool burstStarted = false;
    QVERIFY_THROWS_EXCEPTION(
        ApiError, throttle.check("ÉLODIE.ÑÚÑEZ@Exemple.test", "203.0.113.1", m_clock.now(), burstStarted));
}

void TestStore::migrationRecomputesEmailKeysAndRefusesCollisions()
{
    // A row as the previous version wrote it: only ASCII letters lower-cased in the key.
    const auto insertRaw = [&](const QString& id, const QString& email, const QString& key) {
        return m_database->sqlExec(
            "INSERT INTO users (id, email, email_key, display_name, role, password_hash, "
            "created_at) VALUES ('" +
            id + "', '" + email + "', '" + key + "', 'Old', 'user', 'x', 0)");
    };
    const QString first = QString::fromStdString(newUuid());
    QVERIFY(insertRaw(first, "Élodie@Exemple.test", "Élodie@exemple.test"));
    QVERIFY(!m_store->findUserByEmail("élodie@exemple.test"));
    m_store.reset();
    m_store = openStore(m_database->databaseUrl().toStdString(), 4);
    m_store->migrate();
    const auto found = m_store->findUserByEmail("élodie@exemple.test");
    QVERIFY(found);
    QCOMPARE(QString::fromStdString(found->id), first);

    // Two accounts the old rule told apart and the new one cannot: no start until fixed.
    const QString second = QString::fromStdString(newUuid());
    QVERIFY(insertRaw(second, "ÉLODIE@exemple.test", "Élodie@exemple.test"));
    m_store.reset();
    m_store = openStore(m_database->databaseUrl().toStdString(), 4);
    try {
        m_store->migrate();
        QFAIL("migrate() accepted two accounts with one email");
    } catch (const StoreError& e) {
        const QString message = e.what();
        QVERIFY2(message.contains(first) && message.contains(second), e.what());
    }
}

void TestStore::throttleKeysHaveAFixedMaximumSize()
{
    LoginThrottle throttle(*m_store, m_config);
    const std::string hugeEmail = std::string(100 * 1024, 'a') + "@example.test";
    const std::string hugeAddress(10 * 1024, '1');
    for (int i = 0; i < m_config.loginMaxFailures; ++i)
        throttle.recordFailure(hugeEmail, hugeAddress, m_clock.now());
    QVERIFY(m_database->sqlInt("SELECT MAX(LENGTH(key)) FROM login_failures") <= 400);
    // Still counted: the same huge email is throttled, a different one is not.
    bool burstStarted = false;
    QVERIFY_THROWS_EXCEPTION(ApiError,
                             throttle.check(hugeEmail, "198.51.100.1", m_clock.now(), burstStarted));
    throttle.check(std::string(100 * 1024, 'b') + "@example.test", "198.51.100.1", m_clock.now(),
                   burstStarted);
}

void TestStore::signingOutOthersFromASessionAlreadyRevokedChangesNothing()
{
    const auto user = addUser("ann@example.test");
    const auto a = addSession(user);
    const auto b = addSession(user);
    const TimePoint now = m_clock.now();
    const auto cutoff = now - m_config.idleTimeout;
    const auto event = auditEvent("other_sessions_revoked", now, user.id, user.id, {}, {});
    QCOMPARE(m_store->revokeOtherSessions(user.id, a.id, now, cutoff, event), std::optional<int>(1));
    // b was authenticated a moment before a signed it out: it no longer speaks for the account.
    QCOMPARE(m_store->revokeOtherSessions(user.id, b.id, now, cutoff, event), std::optional<int>());
    const auto live = m_store->activeSessions(user.id, now, cutoff);
    QCOMPARE(live.size(), size_t(1));
    QCOMPARE(live.front().id, a.id);
}

void TestStore::twoSessionsSigningEachOtherOutAtOnceLeaveOne()
{
    for (int round = 0; round < 20; ++round) {
        const auto user = addUser("round" + std::to_string(round) + "@example.test");
        const SessionRecord sessions[] = {addSession(user), addSession(user), addSession(user)};
        std::latch start(2);
        std::optional<int> results[2];
        std::vector<std::thread> threads;
        for (int i = 0; i < 2; ++i)
            threads.emplace_back([&, i] {
                const TimePoint now = m_clock.now();
                start.arrive_and_wait();
                results[i] = m_store->revokeOtherSessions(
                    user.id, sessions[i].id, now, now - m_config.idleTimeout,
                    auditEvent("other_sessions_revoked", now, user.id, user.id, {}, {}));
            });
        for (auto& t : threads)
            t.join();
        QCOMPARE(int(results[0].has_value()) + int(results[1].has_value()), 1);
        const auto live =
            m_store->activeSessions(user.id, m_clock.now(), m_clock.now() - m_config.idleTimeout);
        QCOMPARE(live.size(), size_t(1));
        QCOMPARE(live.front().id, sessions[results[0] ? 0 : 1].id);
        QCOMPARE(*(results[0] ? results[0] : results[1]), 2);
    }
}

void TestStore::signingOutThousandsOfOthersWorksInBatches()
{
    m_config.maxSessionsPerAccount = 5000;
    const auto user = addUser("ann@example.test");
    const auto kept = addSession(user);
    for (int i = 0; i < 1200; ++i)
        addSession(user);
    m_clock.advance(1s);
    const TimePoint now = m_clock.now();
    const auto cutoff = now - m_config.idleTimeout;
    const auto event = auditEvent("other_sessions_revoked", now, user.id, user.id, {}, {});
    QCOMPARE(m_store->revokeOtherSessions(user.id, kept.id, now, cutoff, event), std::optional<int>(1200));
    QCOMPARE(countEvents("other_sessions_revoked"), 1000); // what one page of the audit shows
    QCOMPARE(m_database->sqlInt("SELECT COUNT(*) FROM audit_events WHERE action = 'other_sessions_revoked'"),
             1200);
    const auto live = m_store->activeSessions(user.id, now, cutoff);
    QCOMPARE(live.size(), size_t(1));
    QCOMPARE(live.front().id, kept.id);
    // Done, the account is free again: nothing left to revoke, and no one left signed out.
    QCOMPARE(m_store->revokeOtherSessions(user.id, kept.id, now, cutoff, event), std::optional<int>(0));
}

void TestStore::aSignOutInProgressElsewhereSignsTheCallerOut()
{
    const auto user = addUser("ann@example.test");
    const auto a = addSession(user);
    const auto b = addSession(user);
    const TimePoint now = m_clock.now();
    const auto cutoff = now - m_config.idleTimeout;
    const auto event = auditEvent("other_sessions_revoked", now, user.id, user.id, {}, {});
    // a is half-way through signing out the others (its claim stands): b is not in charge.
    QVERIFY(m_database->sqlExec("INSERT INTO sign_out_claims (user_id, session_id, started_at) VALUES ('" +
                                QString::fromStdString(user.id) + "', '" + QString::fromStdString(a.id) +
                                "', " + QString::number(now.time_since_epoch().count()) + ")"));
    QCOMPARE(m_store->revokeOtherSessions(user.id, b.id, now, cutoff, event), std::optional<int>());
    QCOMPARE(m_store->activeSessions(user.id, now, cutoff).size(), size_t(2));
    // A claim left behind by a crash is taken over after a minute.
    m_clock.advance(1min + 1ms);
    const TimePoint later = m_clock.now();
    QCOMPARE(m_store->revokeOtherSessions(user.id, b.id, later, later - m_config.idleTimeout, event),
             std::optional<int>(1));
}

void TestStore::theSecondCallerToSignOutTheOthersGets401()
{
    SessionService service(*m_store, m_config, m_clock);
    const auto user = addUser("ann@example.test");
    const auto a = addSession(user);
    const auto b = addSession(user);
    // Both requests were authenticated (fresh) before either ran.
    const Caller callerA{user.id, a.id, Role::User, m_clock.now(), "198.51.100.1", 0};
    const Caller callerB{user.id, b.id, Role::User, m_clock.now(), "198.51.100.2", 0};
    QCOMPARE(service.revokeOtherOwn(callerA), 1);
    try {
        service.revokeOtherOwn(callerB);
        QFAIL("the signed-out session signed the other out");
    } catch (const ApiError& e) {
        QCOMPARE(e.status, 401);
    }
    QCOMPARE(service.listOwn(callerA).size(), size_t(1));
}

void TestStore::reuseOfATokenOfARevokedSessionIsAudited()
{
    const auto user = addUser("ann@example.test");
    const auto session = addSession(user, "h0");
    TimePoint now = m_clock.now();
    const auto cutoff = now - m_config.idleTimeout;
    const auto reuse = auditEvent("refresh_reuse", now, {}, {}, {}, "198.51.100.66");
    QCOMPARE(int(m_store->rotateRefreshToken("h0", "h1", now, cutoff, reuse).outcome),
             int(RefreshOutcome::Rotated));
    QVERIFY(m_store->revokeSession(user.id, session.id, now, cutoff, user.id, std::string("signed_out"),
                                   auditEvent("logout", now, user.id, user.id, session.id, {})));

    // Signed out, but still kept: a replay of the stolen first token must leave a trace, by
    // whoever presented it (not the account holder, who is not signed in there).
    m_clock.advance(1h);
    now = m_clock.now();
    QCOMPARE(int(m_store->rotateRefreshToken("h0", "h2", now, now - m_config.idleTimeout, reuse).outcome),
             int(RefreshOutcome::Reused));
    QCOMPARE(countEvents("refresh_reuse", session.id), 1);
    for (const auto& e : m_store->auditEvents(user.id, 10))
        if (e.action == "refresh_reuse") {
            QCOMPARE(e.actorUserId, std::optional<std::string>());
            QCOMPARE(e.targetUserId, std::optional(user.id));
            QCOMPARE(e.ipAddress, std::optional<std::string>("198.51.100.66"));
        }
}

void TestStore::disablingAnAccountAuditsEachSessionItEnds()
{
    const auto user = addUser("Ann@Example.test");
    const auto other = addUser("ben@example.test");
    const SessionRecord sessions[] = {addSession(user), addSession(user), addSession(user)};
    const auto kept = addSession(other);
    QVERIFY(
        m_store->revokeSession(user.id, sessions[2].id, m_clock.now(), m_clock.now() - m_config.idleTimeout,
                               user.id, std::string("signed_out"),
                               auditEvent("logout", m_clock.now(), user.id, user.id, sessions[2].id, {})));
    QVERIFY(m_store->disableUser("ann@example.test", m_clock.now()));
    QVERIFY(!m_store->disableUser("nobody@example.test", m_clock.now()));
    QCOMPARE(countEvents("session_revoked"), 2);
    QCOMPARE(countEvents("session_revoked", sessions[0].id), 1);
    QCOMPARE(countEvents("session_revoked", sessions[1].id), 1);
    for (const auto& e : m_store->auditEvents(std::nullopt, 100))
        if (e.action == "session_revoked")
            QCOMPARE(e.targetUserId, std::optional(user.id));
    QVERIFY(m_store->activeSessions(user.id, m_clock.now(), m_clock.now() - m_config.idleTimeout).empty());
    QCOMPARE(m_store->activeSessions(other.id, m_clock.now(), m_clock.now() - m_config.idleTimeout).size(),
             size_t(1));
    QVERIFY(m_store->findUserById(user.id)->disabled);
    Q_UNUSED(kept);
}

QTEST_GUILESS_MAIN(TestStore)
#include "tst_store.moc"
