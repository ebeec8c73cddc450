// A user's own sessions: listing, revoking one or all others, re-authentication, expiry.
#include "HttpClient.h"
#include "TestServer.h"

#include <QScopeGuard>
#include <QtTest>
#include <thread>

using namespace std::chrono_literals;

namespace {
struct Login
{
    QString access;
    QString refresh;
    QString sessionId;
};

Login signIn(HttpClient& http, const QString& email, const QString& password,
             const QByteArray& userAgent = {})
{
    HttpClient::Headers headers;
    if (!userAgent.isEmpty())
        headers.append({"User-Agent", userAgent});
    const auto r = http.login(email, password, headers);
    if (r.status != 200)
        qWarning() << "login failed" << r.status << r.body;
    const auto j = r.json();
    return {j.value("access_token").toString(), j.value("refresh_token").toString(),
            j.value("session_id").toString()};
}

QStringList sessionIds(const HttpReply& r)
{
    QStringList ids;
    for (const auto& s : r.json().value("sessions").toArray())
        ids << s.toObject().value("id").toString();
    return ids;
}
} // namespace

class TestSessions final : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void listShowsOnlyOwnActiveSessionsCurrentFirst();
    void sessionObjectHasEveryField();
    void revokingAnotherSessionEndsItOnTheNextRequest();
    void revokingNeedsFreshAuthentication();
    void otherUsersSessionsAndUnknownIdsAreTheSame404();
    void invalidSessionIdIs400();
    void upperCaseIdsAreAccepted();
    void revokingAllOthersKeepsTheCurrentOne();
    void revokingTheCurrentSessionSignsOut();
    void idleSessionsExpire();
    void refreshNeverExtendsPastTheSessionLifetime();
    void expiredAccessTokenIsRefused();
    void listIsFreshWhenAnotherServerRevokes();
    void listDropsSessionsThatGoIdle();
    void fullDiskGets503AndLosesNothing();

private:
    TestServer m_server{{"--login-max-failures", "1000"}};
    std::unique_ptr<HttpClient> m_http;
};

void TestSessions::initTestCase()
{
    QVERIFY2(m_server.start(), qPrintable(m_server.errorOutput()));
    QVERIFY(!m_server.addUser("ann@example.test", "ann password").isEmpty());
    QVERIFY(!m_server.addUser("ben@example.test", "ben password").isEmpty());
    m_http = std::make_unique<HttpClient>(m_server.url());
}

void TestSessions::listShowsOnlyOwnActiveSessionsCurrentFirst()
{
    const auto older = signIn(*m_http, "ann@example.test", "ann password");
    const auto other = signIn(*m_http, "ben@example.test", "ben password");
    QTest::qWait(1100); // last_activity has second precision on the wire
    const auto newer = signIn(*m_http, "ann@example.test", "ann password");
    const auto current = signIn(*m_http, "ann@example.test", "ann password");
    // Activity on "older" makes it the most recent after the current one.
    QTest::qWait(1100);
    QCOMPARE(m_http->post("/api/auth/refresh", {{"refresh_token", older.refresh}}).status, 200);

    const auto r = m_http->get("/api/users/me/sessions", current.access);
    QCOMPARE(r.status, 200);
    const QStringList ids = sessionIds(r);
    QCOMPARE(ids.first(), current.sessionId);
    QCOMPARE(r.json().value("current_session_id").toString(), current.sessionId);
    QVERIFY(ids.contains(newer.sessionId));
    QVERIFY(!ids.contains(other.sessionId));
    QVERIFY(ids.indexOf(older.sessionId) < ids.indexOf(newer.sessionId));
    int currentCount = 0;
    for (const auto& s : r.json().value("sessions").toArray())
        currentCount += s.toObject().value("is_current").toBool();
    QCOMPARE(currentCount, 1);
}

void TestSessions::sessionObjectHasEveryField()
{
    const QByteArray ua = "Vigie/0.1.0 (Debian GNU/Linux 12; Qt 6.4.2)";
    const auto me = signIn(*m_http, "ann@example.test", "ann password", ua);
    const auto r = m_http->get("/api/users/me/sessions", me.access);
    const auto s = r.json().value("sessions").toArray().first().toObject();
    QCOMPARE(s.value("id").toString(), me.sessionId);
    QCOMPARE(s.value("ip_address").toString(), QString("127.0.0.1"));
    QVERIFY(s.value("location_data").isNull()); // loopback cannot be located
    QVERIFY(s.value("is_active").toBool());
    QVERIFY(s.value("is_current").toBool());
    const auto device = s.value("device_info").toObject();
    QCOMPARE(device.value("user_agent").toString(), QString::fromLatin1(ua));
    for (const char* key :
         {"browser", "browser_version", "os", "os_version", "device_type", "device_brand", "device_model"})
        QVERIFY2(device.contains(key), key);
    const auto created = QDateTime::fromString(s.value("created_at").toString(), Qt::ISODate);
    const auto expires = QDateTime::fromString(s.value("expires_at").toString(), Qt::ISODate);
    QVERIFY(s.value("created_at").toString().endsWith('Z'));
    QVERIFY(qAbs(created.secsTo(QDateTime::currentDateTimeUtc())) < 60);
    QCOMPARE(created.daysTo(expires), 30); // default session lifetime
}

void TestSessions::revokingAnotherSessionEndsItOnTheNextRequest()
{
    const auto victim = signIn(*m_http, "ann@example.test", "ann password");
    const auto me = signIn(*m_http, "ann@example.test", "ann password");
    QCOMPARE(m_http->get("/api/users/me", victim.access).status, 200);
    QCOMPARE(m_http->del("/api/users/me/sessions/" + victim.sessionId, me.access).status, 204);
    // Not at expiry: on the very next request.
    QCOMPARE(m_http->get("/api/users/me", victim.access).status, 401);
    QCOMPARE(m_http->post("/api/auth/refresh", {{"refresh_token", victim.refresh}}).status, 401);
    QVERIFY(!sessionIds(m_http->get("/api/users/me/sessions", me.access)).contains(victim.sessionId));
    // Twice is 404: already revoked looks like unknown.
    QCOMPARE(m_http->del("/api/users/me/sessions/" + victim.sessionId, me.access).status, 404);
}

void TestSessions::revokingNeedsFreshAuthentication()
{
    TestServer server({"--reauth-window", "1s"});
    QVERIFY(server.start());
    server.addUser("cat@example.test", "cat password");
    HttpClient http(server.url());
    const auto other = signIn(http, "cat@example.test", "cat password");
    const auto me = signIn(http, "cat@example.test", "cat password");
    QTest::qWait(1500);

    auto r = http.del("/api/users/me/sessions/" + other.sessionId, me.access);
    QCOMPARE(r.status, 403);
    QCOMPARE(r.error(), QString("reauthentication_required"));
    QCOMPARE(http.del("/api/users/me/sessions", me.access).status, 403);
    // Unknown sessions are 404 before any password prompt.
    QCOMPARE(
        http.del("/api/users/me/sessions/" + QUuid::createUuid().toString(QUuid::WithoutBraces), me.access)
            .status,
        404);
    QCOMPARE(http.get("/api/users/me", other.access).status, 200);

    QCOMPARE(http.post("/api/auth/reauthenticate", {{"password", "cat password"}}, me.access).status, 204);
    QCOMPARE(http.del("/api/users/me/sessions/" + other.sessionId, me.access).status, 204);
    QCOMPARE(http.get("/api/users/me", other.access).status, 401);
}

void TestSessions::otherUsersSessionsAndUnknownIdsAreTheSame404()
{
    const auto ben = signIn(*m_http, "ben@example.test", "ben password");
    const auto ann = signIn(*m_http, "ann@example.test", "ann password");
    const auto foreign = m_http->del("/api/users/me/sessions/" + ben.sessionId, ann.access);
    const auto unknown = m_http->del(
        "/api/users/me/sessions/" + QUuid::createUuid().toString(QUuid::WithoutBraces), ann.access);
    QCOMPARE(foreign.status, 404);
    QCOMPARE(foreign.body, unknown.body);
    QCOMPARE(m_http->get("/api/users/me", ben.access).status, 200); // untouched
}

void TestSessions::invalidSessionIdIs400()
{
    const auto ann = signIn(*m_http, "ann@example.test", "ann password");
    for (const QString& bad : {QString("123"), QString("' OR '1'='1"), QString("%00"),
                               QString("zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz")}) {
        const auto r = m_http->del("/api/users/me/sessions/" + QUrl::toPercentEncoding(bad), ann.access);
        QCOMPARE(r.status, 400);
        QCOMPARE(r.error(), QString("invalid_request"));
    }
}

void TestSessions::upperCaseIdsAreAccepted()
{
    const auto victim = signIn(*m_http, "ann@example.test", "ann password");
    const auto me = signIn(*m_http, "ann@example.test", "ann password");
    QCOMPARE(m_http->del("/api/users/me/sessions/" + victim.sessionId.toUpper(), me.access).status, 204);
    QCOMPARE(m_http->get("/api/users/me", victim.access).status, 401);
}

void TestSessions::revokingAllOthersKeepsTheCurrentOne()
{
    TestServer server;
    QVERIFY(server.start());
    server.addUser("dan@example.test", "dan password");
    server.addUser("eve@example.test", "eve password");
    HttpClient http(server.url());
    QList<Login> others;
    for (int i = 0; i < 4; ++i)
        others << signIn(http, "dan@example.test", "dan password");
    const auto eve = signIn(http, "eve@example.test", "eve password");
    const auto me = signIn(http, "dan@example.test", "dan password");
    const auto r = http.del("/api/users/me/sessions", me.access);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value("revoked").toInt(), 4);
    for (const auto& o : others)
        QCOMPARE(http.get("/api/users/me", o.access).status, 401);
    QCOMPARE(http.get("/api/users/me", me.access).status, 200);
    QCOMPARE(http.get("/api/users/me", eve.access).status, 200); // another user's sessions untouched
    QCOMPARE(sessionIds(http.get("/api/users/me/sessions", me.access)), QStringList{me.sessionId});
    // Nothing left to revoke.
    QCOMPARE(http.del("/api/users/me/sessions", me.access).json().value("revoked").toInt(), 0);
    // One audit event per revoked session.
    int events = 0;
    for (const auto& e : http.get("/api/users/me/audit", me.access).json().value("events").toArray())
        events += e.toObject().value("action").toString() == "other_sessions_revoked";
    QCOMPARE(events, 4);
}

void TestSessions::revokingTheCurrentSessionSignsOut()
{
    const auto me = signIn(*m_http, "ann@example.test", "ann password");
    QCOMPARE(m_http->del("/api/users/me/sessions/" + me.sessionId, me.access).status, 204);
    QCOMPARE(m_http->get("/api/users/me", me.access).status, 401);
}

void TestSessions::idleSessionsExpire()
{
    TestServer server({"--idle-timeout", "2s", "--activity-write-interval", "0"});
    QVERIFY(server.start());
    server.addUser("fay@example.test", "fay password");
    HttpClient http(server.url());
    const auto active = signIn(http, "fay@example.test", "fay password");
    const auto idle = signIn(http, "fay@example.test", "fay password");
    for (int i = 0; i < 3; ++i) {
        QTest::qWait(900);
        QCOMPARE(http.get("/api/users/me", active.access).status, 200); // activity keeps it alive
    }
    QCOMPARE(http.get("/api/users/me", idle.access).status, 401);
    QCOMPARE(http.post("/api/auth/refresh", {{"refresh_token", idle.refresh}}).status, 401);
    QCOMPARE(sessionIds(http.get("/api/users/me/sessions", active.access)), QStringList{active.sessionId});
}

void TestSessions::refreshNeverExtendsPastTheSessionLifetime()
{
    TestServer server({"--session-lifetime", "3s"});
    QVERIFY(server.start());
    server.addUser("gus@example.test", "gus password");
    HttpClient http(server.url());
    auto login = signIn(http, "gus@example.test", "gus password");
    auto r = http.post("/api/auth/refresh", {{"refresh_token", login.refresh}});
    QCOMPARE(r.status, 200);
    QVERIFY(r.json().value("expires_in").toInt() <= 3); // the access token ends with the session
    QTest::qWait(3200);
    QCOMPARE(http.post("/api/auth/refresh", {{"refresh_token", r.json().value("refresh_token")}}).status,
             401);
    QCOMPARE(http.get("/api/users/me", r.json().value("access_token").toString()).status, 401);
}

void TestSessions::expiredAccessTokenIsRefused()
{
    // 3 s, not less: JWT expiry has whole seconds, and on a loaded machine (PostgreSQL, a
    // parallel build) the first request after sign-in came later than a sub-second token's end.
    TestServer server({"--access-token-ttl", "3s"});
    QVERIFY(server.start());
    server.addUser("hal@example.test", "hal password");
    HttpClient http(server.url());
    const auto r = http.login("hal@example.test", "hal password");
    QCOMPARE(r.json().value("expires_in").toInt(), 3);
    const QString access = r.json().value("access_token").toString();
    QCOMPARE(http.get("/api/users/me", access).status, 200);
    QTest::qWait(4100);
    QCOMPARE(http.get("/api/users/me", access).status, 401);
    // The session itself lives on: refresh works.
    QCOMPARE(http.post("/api/auth/refresh", {{"refresh_token", r.json().value("refresh_token")}}).status,
             200);
}

void TestSessions::listIsFreshWhenAnotherServerRevokes()
{
    // Two servers on one database, as when PostgreSQL or a shared SQLite file is scaled out:
    // a list served (and cached) by one must reflect a revocation made through the other.
    TestServer a;
    QVERIFY(a.start());
    a.addUser("ida@example.test", "ida password");
    HttpClient httpA(a.url());
    const auto me = signIn(httpA, "ida@example.test", "ida password");
    const auto other = signIn(httpA, "ida@example.test", "ida password");
    QCOMPARE(sessionIds(httpA.get("/api/users/me/sessions", me.access)).size(), 2);
    QCOMPARE(sessionIds(httpA.get("/api/users/me/sessions", me.access)).size(), 2);

    // Same database and the same JWT secret file: tokens work on both.
    TestServer second(a, {});
    QVERIFY(second.start());
    HttpClient httpB(second.url());
    QCOMPARE(httpB.get("/api/users/me", me.access).status, 200);
    const auto viaB = signIn(httpB, "ida@example.test", "ida password");
    QCOMPARE(httpB.del("/api/users/me/sessions/" + other.sessionId, viaB.access).status, 204);

    const QStringList ids = sessionIds(httpA.get("/api/users/me/sessions", me.access));
    QVERIFY(!ids.contains(other.sessionId));
    QVERIFY(ids.contains(viaB.sessionId)); // and a sign-in through B shows up on A
}

void TestSessions::listDropsSessionsThatGoIdle()
{
    TestServer server({"--idle-timeout", "3s", "--activity-write-interval", "0"});
    QVERIFY(server.start());
    server.addUser("joe@example.test", "joe password");
    HttpClient http(server.url());
    const auto idle = signIn(http, "joe@example.test", "joe password");
    const auto me = signIn(http, "joe@example.test", "joe password");
    // The idle clock starts here, not at the first sign-in: the second one may be slow (Argon2id
    // on a loaded machine, or under a sanitizer).
    QCOMPARE(http.get("/api/users/me", idle.access).status, 200);
    QCOMPARE(sessionIds(http.get("/api/users/me/sessions", me.access)).size(), 2);
    // Nothing is written when "idle" goes idle: the list must notice by itself.
    QTest::qWait(1500);
    QCOMPARE(sessionIds(http.get("/api/users/me/sessions", me.access)).size(), 2);
    QTest::qWait(2000);
    QCOMPARE(sessionIds(http.get("/api/users/me/sessions", me.access)), QStringList{me.sessionId});
    QCOMPARE(http.get("/api/users/me", idle.access).status, 401);
}

QTEST_GUILESS_MAIN(TestSessions)
#include "tst_sessions.moc"

void TestSessions::fullDiskGets503AndLosesNothing()
{
    if (TestServer::onPostgres())
        QSKIP("PostgreSQL's files are not on a disk this test can fill");
    // The database on a 4 MiB file system of its own, then filled up.
    TestServer server;
    const QString dir = QFileInfo(server.databasePath()).absolutePath();
    if (QProcess::execute("mount", {"-t", "tmpfs", "-o", "size=4m", "tmpfs", dir}) != 0)
        QSKIP("cannot mount a small tmpfs here (needs root, as CI has)");
    auto unmount = qScopeGuard([&] {
        server.stop();
        QProcess::execute("umount", {dir});
    });
    QVERIFY2(server.start(), qPrintable(server.errorOutput()));
    QVERIFY(!server.addUser("fay@example.test", "fay password").isEmpty());
    HttpClient http(server.url());
    const Login first = signIn(http, "fay@example.test", "fay password");
    QVERIFY(!first.access.isEmpty());
    Login current = signIn(http, "fay@example.test", "fay password");

    QFile filler(dir + "/filler");
    QVERIFY(filler.open(QIODevice::WriteOnly));
    const QByteArray chunk(64 * 1024, 'x');
    while (filler.write(chunk) == chunk.size() && filler.flush()) {
    }
    filler.close();

    // Writes now fail: the client is told to come back later, in the API's error shape, and
    // the token it presented still works once there is room again (nothing half-written).
    HttpReply r;
    for (int i = 0; i < 200; ++i) {
        r = http.post("/api/auth/refresh", {{"refresh_token", current.refresh}});
        if (r.status != 200)
            break;
        current.refresh = r.json().value("refresh_token").toString();
        current.access = r.json().value("access_token").toString();
    }
    QVERIFY2(r.status == 503, qPrintable(QString::number(r.status) + " " + r.body + "\n" +
                                         QString::fromUtf8(server.process().readAllStandardError())));
    QCOMPARE(r.error(), QStringLiteral("service_unavailable"));
    QVERIFY(!r.header("Retry-After").isEmpty());
    QVERIFY2(server.process().state() == QProcess::Running, "the server died on a full disk");
    // Reading still works.
    QCOMPARE(http.get("/api/users/me/sessions", current.access).status, 200);

    QVERIFY(QFile::remove(dir + "/filler"));
    r = http.post("/api/auth/refresh", {{"refresh_token", current.refresh}});
    QCOMPARE(r.status, 200);
    const auto list = http.get("/api/users/me/sessions", r.json().value("access_token").toString());
    QCOMPARE(list.status, 200);
    QVERIFY(sessionIds(list).contains(first.sessionId));
    QVERIFY(sessionIds(list).contains(current.sessionId));
}
