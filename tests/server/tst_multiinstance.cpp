// Several vigie-servers on one PostgreSQL database, as when scaling out: what one server
// does, the others honour at once; and a database that goes away and comes back.
#include "HttpClient.h"
#include "TestServer.h"

#include <QDir>
#include <QtTest>
#include <future>

namespace {

QStringList sessionIds(const HttpReply& reply)
{
    QStringList ids;
    for (const auto& s : reply.json().value("sessions").toArray())
        ids << s.toObject().value("id").toString();
    return ids;
}

// Stops, starts or restarts the test's own PostgreSQL cluster (tests/support/with-postgres.sh).
bool controlDatabase(const QString& what)
{
    return QProcess::execute(qEnvironmentVariable("VIGIE_TEST_PG_CONTROL"), {"--control", what}) == 0;
}

} // namespace

class TestMultiInstance final : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void serversStartingTogetherMigrateOnce();
    void revocationThroughOneIsRefusedByTheOther();
    void refreshTokenUsedOnOneIsReuseOnTheOther();
    void concurrentRefreshesOnTwoServersLetOneWin();
    void loginThrottlingCountsFailuresOnEveryServer();
    void droppedConnectionsAreReplacedWithoutErrors();
    void databaseOutageGives503AndServiceResumes();
};

void TestMultiInstance::initTestCase()
{
    if (!TestServer::onPostgres())
        QSKIP("several servers on one database are tested on PostgreSQL (tst_server_multiinstance_pg)");
}

void TestMultiInstance::serversStartingTogetherMigrateOnce()
{
    TestServer a;
    TestServer b(a, {});
    TestServer c(a, {});
    // An empty database, three servers at once: each applies pending migrations at start.
    QVERIFY(a.launch());
    QVERIFY(b.launch());
    QVERIFY(c.launch());
    QVERIFY2(a.waitUntilListening(), qPrintable(a.errorOutput()));
    QVERIFY2(b.waitUntilListening(), qPrintable(b.errorOutput()));
    QVERIFY2(c.waitUntilListening(), qPrintable(c.errorOutput()));
    const int files = QDir(qEnvironmentVariable("VIGIE_SOURCE_DIR") + "/server-stub/migrations/postgresql")
                          .entryList({"*.sql"}, QDir::Files)
                          .size();
    QCOMPARE(a.sqlInt("SELECT count(*) FROM schema_migrations"), files);
    QCOMPARE(a.sqlInt("SELECT count(DISTINCT version) FROM schema_migrations"), files);

    // And all three serve the same accounts.
    a.addUser("una@example.test", "una password");
    for (TestServer* s : {&a, &b, &c}) {
        HttpClient http(s->url());
        QCOMPARE(http.login("una@example.test", "una password").status, 200);
    }
}

void TestMultiInstance::revocationThroughOneIsRefusedByTheOther()
{
    TestServer a;
    QVERIFY(a.start());
    TestServer b(a, {});
    QVERIFY(b.start());
    a.addUser("vic@example.test", "vic password");
    HttpClient httpA(a.url());
    HttpClient httpB(b.url());
    const auto victim = httpB.signIn("vic@example.test", "vic password");
    const auto owner = httpA.signIn("vic@example.test", "vic password");
    // B has served the victim session and listed it (and may cache what it saw).
    QCOMPARE(httpB.get("/api/users/me", victim.access).status, 200);
    QVERIFY(sessionIds(httpB.get("/api/users/me/sessions", owner.access)).contains(victim.sessionId));

    QCOMPARE(httpA.del("/api/users/me/sessions/" + victim.sessionId, owner.access).status, 204);

    // B refuses the revoked session on its very next request and no longer lists it.
    QCOMPARE(httpB.get("/api/users/me", victim.access).status, 401);
    QVERIFY(!sessionIds(httpB.get("/api/users/me/sessions", owner.access)).contains(victim.sessionId));
    QCOMPARE(httpB.post("/api/auth/refresh", {{"refresh_token", victim.refresh}}).status, 401);
}

void TestMultiInstance::refreshTokenUsedOnOneIsReuseOnTheOther()
{
    TestServer a;
    QVERIFY(a.start());
    TestServer b(a, {});
    QVERIFY(b.start());
    a.addUser("wes@example.test", "wes password");
    HttpClient httpA(a.url());
    HttpClient httpB(b.url());
    const auto first = httpA.signIn("wes@example.test", "wes password");
    const auto rotated = httpA.post("/api/auth/refresh", {{"refresh_token", first.refresh}}).json();
    const QString newRefresh = rotated.value("refresh_token").toString();
    const QString newAccess = rotated.value("access_token").toString();
    QVERIFY(!newRefresh.isEmpty());
    QCOMPARE(httpB.get("/api/users/me", newAccess).status, 200);

    // The old token again, on the other server: theft. The session ends everywhere.
    const auto replay = httpB.post("/api/auth/refresh", {{"refresh_token", first.refresh}});
    QCOMPARE(replay.status, 401);
    QCOMPARE(replay.error(), QString("invalid_grant"));
    QCOMPARE(httpA.get("/api/users/me", newAccess).status, 401);
    QCOMPARE(httpB.get("/api/users/me", newAccess).status, 401);
    QCOMPARE(httpA.post("/api/auth/refresh", {{"refresh_token", newRefresh}}).status, 401);

    // The reuse is in the audit trail, seen from either server.
    const auto staffId = a.addUser("sue@example.test", "sue password", "support");
    QVERIFY(!staffId.isEmpty());
    const auto staff = httpB.signIn("sue@example.test", "sue password");
    const auto me = httpB.signIn("wes@example.test", "wes password");
    const auto meUser = httpB.get("/api/users/me", me.access).json().value("id").toString();
    const auto events =
        httpA.get("/api/admin/audit?user_id=" + meUser, staff.access).json().value("events").toArray();
    bool reuseRecorded = false;
    for (const auto& e : events)
        reuseRecorded |= e.toObject().value("action").toString() == "refresh_reuse" &&
                         e.toObject().value("target_session_id").toString() == first.sessionId;
    QVERIFY(reuseRecorded);
}

void TestMultiInstance::concurrentRefreshesOnTwoServersLetOneWin()
{
    TestServer a;
    QVERIFY(a.start());
    TestServer b(a, {});
    QVERIFY(b.start());
    a.addUser("xan@example.test", "xan password");
    const QUrl urls[] = {a.url(), b.url()};
    for (int round = 0; round < 5; ++round) {
        HttpClient http(a.url());
        const auto s = http.signIn("xan@example.test", "xan password");
        std::vector<std::future<int>> refreshes;
        for (int i = 0; i < 4; ++i)
            refreshes.push_back(std::async(std::launch::async, [url = urls[i % 2], token = s.refresh] {
                HttpClient client(url);
                return client.post("/api/auth/refresh", {{"refresh_token", token}}).status;
            }));
        int succeeded = 0;
        for (auto& r : refreshes) {
            const int status = r.get();
            QVERIFY2(status == 200 || status == 401, qPrintable(QString::number(status)));
            succeeded += status == 200 ? 1 : 0;
        }
        QVERIFY2(succeeded <= 1, qPrintable(QString("%1 refreshes won").arg(succeeded)));
    }
}

void TestMultiInstance::loginThrottlingCountsFailuresOnEveryServer()
{
    TestServer a({"--login-max-failures", "4"});
    QVERIFY(a.start());
    TestServer b(a, {"--login-max-failures", "4"});
    QVERIFY(b.start());
    a.addUser("yul@example.test", "yul password");
    HttpClient httpA(a.url());
    HttpClient httpB(b.url());
    QCOMPARE(httpA.login("yul@example.test", "wrong").status, 401);
    QCOMPARE(httpB.login("yul@example.test", "wrong").status, 401);
    QCOMPARE(httpA.login("yul@example.test", "wrong").status, 401);
    QCOMPARE(httpB.login("yul@example.test", "wrong").status, 401);
    // Four failures spread over two servers: both now refuse even the right password.
    const auto onA = httpA.login("yul@example.test", "yul password");
    QCOMPARE(onA.status, 429);
    QVERIFY(!onA.header("Retry-After").isEmpty());
    QCOMPARE(httpB.login("yul@example.test", "yul password").status, 429);
}

void TestMultiInstance::droppedConnectionsAreReplacedWithoutErrors()
{
    TestServer a;
    QVERIFY(a.start());
    a.addUser("zoe@example.test", "zoe password");
    HttpClient http(a.url());
    const auto s = http.signIn("zoe@example.test", "zoe password");
    QCOMPARE(http.get("/api/users/me/sessions", s.access).status, 200);
    // What a failover or a pooler restart does: every connection of the server is cut. (The
    // event hub's LISTEN connection reconnects by itself at once: only the old ones count.)
    const qint64 cutAt = a.sqlInt("SELECT (extract(epoch FROM clock_timestamp()) * 1000000)::bigint");
    QVERIFY(a.sqlExec("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = "
                      "current_database() AND pid <> pg_backend_pid()"));
    QTRY_COMPARE(a.sqlInt("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND "
                          "pid <> pg_backend_pid() AND backend_start <= to_timestamp(?1::bigint / 1000000.0)",
                          QString::number(cutAt)),
                 0);
    // The next requests find their connections dead, replace them, and succeed.
    QCOMPARE(http.get("/api/users/me", s.access).status, 200);
    QCOMPARE(http.get("/api/users/me/sessions", s.access).status, 200);
    QCOMPARE(http.get("/healthz").status, 200);
}

void TestMultiInstance::databaseOutageGives503AndServiceResumes()
{
    TestServer a({"--activity-write-interval", "0"});
    QVERIFY(a.start());
    TestServer b(a, {"--activity-write-interval", "0"});
    QVERIFY(b.start());
    a.addUser("amy@example.test", "amy password");
    HttpClient httpA(a.url());
    HttpClient httpB(b.url());
    const auto s = httpA.signIn("amy@example.test", "amy password");
    QCOMPARE(httpB.get("/api/users/me", s.access).status, 200);

    QVERIFY(controlDatabase("stop"));
    for (HttpClient* http : {&httpA, &httpB}) {
        const auto me = http->get("/api/users/me", s.access);
        QCOMPARE(me.status, 503);
        QCOMPARE(me.error(), QString("service_unavailable"));
        QVERIFY(!me.json().value("message").toString().isEmpty());
        QCOMPARE(me.header("Retry-After"), QByteArray("1"));
        const auto login = http->login("amy@example.test", "amy password");
        QCOMPARE(login.status, 503);
        QCOMPARE(login.error(), QString("service_unavailable"));
        const auto health = http->get("/healthz");
        QCOMPARE(health.status, 503);
        QCOMPARE(health.error(), QString("service_unavailable"));
    }

    QVERIFY(controlDatabase("start"));
    // Nobody restarts the servers: they reconnect by themselves, and nothing was lost.
    QTRY_COMPARE_WITH_TIMEOUT(httpA.get("/healthz").status, 200, 20000);
    QTRY_COMPARE_WITH_TIMEOUT(httpB.get("/healthz").status, 200, 20000);
    QCOMPARE(httpA.get("/api/users/me", s.access).status, 200);
    QCOMPARE(httpB.get("/api/users/me", s.access).status, 200);
    QCOMPARE(httpB.login("amy@example.test", "amy password").status, 200);
    QCOMPARE(a.process().state(), QProcess::Running);
    QCOMPARE(b.process().state(), QProcess::Running);
}

QTEST_GUILESS_MAIN(TestMultiInstance)
#include "tst_multiinstance.moc"
