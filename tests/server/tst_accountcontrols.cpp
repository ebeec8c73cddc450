// API v1.1 account controls against the real server: GET /api/version, naming a session,
// the account's own idle timeout, changing the password, and `user password`.
#include "HttpClient.h"
#include "TestServer.h"

#include <QtTest>

namespace {

struct Login
{
    QString access;
    QString refresh;
    QString sessionId;
};

Login signIn(HttpClient& http, const QString& email, const QString& password)
{
    const auto r = http.login(email, password);
    if (r.status != 200)
        qWarning() << "login failed" << r.status << r.body;
    const auto j = r.json();
    return {j.value("access_token").toString(), j.value("refresh_token").toString(),
            j.value("session_id").toString()};
}

HttpClient::Headers bearer(const QString& token)
{
    return {{"Authorization", "Bearer " + token.toUtf8()}, {"Content-Type", "application/json"}};
}

HttpReply send(HttpClient& http, const QByteArray& method, const QString& path, const QByteArray& body,
               const QString& token)
{
    return http.send(method, path, body, bearer(token));
}

QByteArray jsonBody(const QJsonObject& o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

HttpReply rename(HttpClient& http, const Login& caller, const QString& sessionId, const QJsonValue& name)
{
    return send(http, "PATCH", "/api/users/me/sessions/" + sessionId, jsonBody({{"name", name}}),
                caller.access);
}

HttpReply changePassword(HttpClient& http, const Login& caller, const QJsonObject& body)
{
    return http.post("/api/users/me/password", body, caller.access);
}

QJsonObject sessionIn(const HttpReply& list, const QString& id)
{
    for (const auto& s : list.json().value("sessions").toArray())
        if (s.toObject().value("id").toString() == id)
            return s.toObject();
    return {};
}

// The caller's audit events with this action, newest first.
QList<QJsonObject> auditOf(HttpClient& http, const Login& caller, const QString& action)
{
    QList<QJsonObject> out;
    for (const auto& e :
         http.get("/api/users/me/audit?limit=1000", caller.access).json().value("events").toArray())
        if (e.toObject().value("action").toString() == action)
            out << e.toObject();
    return out;
}

constexpr auto kStrong = "vXq7-maple-drift-93";

} // namespace

class TestAccountControls final : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void versionListsTheFeatures();
    void renamingShowsTheNameInEveryList();
    void nameRules_data();
    void nameRules();
    void clearingAName();
    void renamingFollowsTheRulesOfDelete();
    void renameBodyRules_data();
    void renameBodyRules();
    void settingsDefaultToTheServersTimeout();
    void settingsRange_data();
    void settingsRange();
    void shorterIdleTimeoutEndsAnExistingSession();
    void cleanupDeletesSessionsIdlePastTheAccountsTimeout();
    void weakPasswordsAreRefused_data();
    void weakPasswordsAreRefused();
    void passwordChangeSignsOutOtherSessions();
    void passwordChangeCanKeepOtherSessions();
    void wrongCurrentPasswordIsThrottledLikeASignIn();
    void cliSetsThePasswordAndEndsEverySession();

private:
    QString addUser(const QString& email, const QString& password = "account password");

    TestServer m_server{{"--login-max-failures", "1000"}};
    std::unique_ptr<HttpClient> m_http;
    QString m_adminToken;
};

void TestAccountControls::initTestCase()
{
    QVERIFY2(m_server.start(), qPrintable(m_server.errorOutput()));
    m_http = std::make_unique<HttpClient>(m_server.url());
    QVERIFY(!m_server.addUser("ada@example.test", "ada password", "admin", "Ada").isEmpty());
    m_adminToken = signIn(*m_http, "ada@example.test", "ada password").access;
}

QString TestAccountControls::addUser(const QString& email, const QString& password)
{
    return m_server.addUser(email, password);
}

void TestAccountControls::versionListsTheFeatures()
{
    const auto r = m_http->get("/api/version");
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value("version").toString(), QString("1.1"));
    const auto features = r.json().value("features").toVariant().toStringList();
    for (const char* f : {"flags", "session_names", "settings", "password_change"})
        QVERIFY2(features.contains(f), f);
    QCOMPARE(m_http->send("POST", "/api/version", "{}").status, 405);
}

void TestAccountControls::renamingShowsTheNameInEveryList()
{
    const QString userId = addUser("nina@example.test");
    const auto laptop = signIn(*m_http, "nina@example.test", "account password");
    const auto phone = signIn(*m_http, "nina@example.test", "account password");
    // Listed (and cached) before the rename: the list must not be served stale after it.
    QVERIFY(sessionIn(m_http->get("/api/users/me/sessions", phone.access), laptop.sessionId)
                .value("name")
                .isNull());

    const auto r = rename(*m_http, phone, laptop.sessionId, "  Work laptop\t");
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value("id").toString(), laptop.sessionId);
    QCOMPARE(r.json().value("name").toString(), QString("Work laptop"));
    QCOMPARE(r.json().value("is_current").toBool(), false);
    QVERIFY(r.json().contains("device_info"));

    QCOMPARE(sessionIn(m_http->get("/api/users/me/sessions", phone.access), laptop.sessionId).value("name"),
             QJsonValue("Work laptop"));
    QCOMPARE(rename(*m_http, phone, phone.sessionId, "Phone").json().value("is_current").toBool(), true);
    const auto staff = m_http->get("/api/admin/users/" + userId + "/sessions", m_adminToken);
    QCOMPARE(sessionIn(staff, laptop.sessionId).value("name"), QJsonValue("Work laptop"));
    QCOMPARE(sessionIn(staff, phone.sessionId).value("name"), QJsonValue("Phone"));

    const auto events = auditOf(*m_http, phone, "session_renamed");
    QCOMPARE(events.size(), 2);
    QCOMPARE(events.last().value("target_session_id").toString(), laptop.sessionId);
    QCOMPARE(events.last().value("actor_user_id").toString(), userId);
}

void TestAccountControls::nameRules_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("stored");
    QTest::newRow("64 code points") << QString(64, QChar(0xe9)) << 200 << QString(64, QChar(0xe9));
    QTest::newRow("65 code points") << QString(65, QChar(0xe9)) << 400 << QString();
    QTest::newRow("64 after trimming")
        << QString(" \u3000" + QString(64, 'a') + "\u00a0\n") << 200 << QString(64, 'a');
    QTest::newRow("emoji count once") << QString::fromUtf8("\U0001F4BB").repeated(64) << 200
                                      << QString::fromUtf8("\U0001F4BB").repeated(64);
    QTest::newRow("bell inside") << QString("Work\u0007laptop") << 400 << QString();
    QTest::newRow("tab inside") << QString("Work\tlaptop") << 400 << QString();
    QTest::newRow("DEL") << QString("Work\u007flaptop") << 400 << QString();
    QTest::newRow("C1 NEL inside") << QString("Work\u0085laptop") << 400 << QString();
    QTest::newRow("C1 CSI") << QString("Work\u009blaptop") << 400 << QString();
    QTest::newRow("inner spaces kept") << QString("Living  room PC") << 200 << QString("Living  room PC");
}

void TestAccountControls::nameRules()
{
    QFETCH(QString, name);
    QFETCH(int, status);
    QFETCH(QString, stored);
    const QString email = QString("names-%1@example.test").arg(QTest::currentDataTag()).replace(' ', '-');
    addUser(email);
    const auto me = signIn(*m_http, email, "account password");
    const auto r = rename(*m_http, me, me.sessionId, name);
    QCOMPARE(r.status, status);
    if (status != 200) {
        QCOMPARE(r.error(), QString("invalid_request"));
        QVERIFY(!r.json().value("message").toString().isEmpty());
        return;
    }
    QCOMPARE(r.json().value("name").toString(), stored);
    QCOMPARE(
        sessionIn(m_http->get("/api/users/me/sessions", me.access), me.sessionId).value("name").toString(),
        stored);
}

void TestAccountControls::clearingAName()
{
    addUser("clara@example.test");
    const auto me = signIn(*m_http, "clara@example.test", "account password");
    for (const QJsonValue& clear : {QJsonValue(QJsonValue::Null), QJsonValue(""), QJsonValue(" \t ")}) {
        QCOMPARE(rename(*m_http, me, me.sessionId, "Desk").json().value("name").toString(), QString("Desk"));
        const auto r = rename(*m_http, me, me.sessionId, clear);
        QCOMPARE(r.status, 200);
        QVERIFY(r.json().value("name").isNull());
        QVERIFY(
            sessionIn(m_http->get("/api/users/me/sessions", me.access), me.sessionId).value("name").isNull());
    }
}

void TestAccountControls::renamingFollowsTheRulesOfDelete()
{
    addUser("otto@example.test");
    addUser("olga@example.test");
    const auto otto = signIn(*m_http, "otto@example.test", "account password");
    const auto olga = signIn(*m_http, "olga@example.test", "account password");
    const auto ended = signIn(*m_http, "otto@example.test", "account password");
    QCOMPARE(m_http->post("/api/auth/logout", {}, ended.access).status, 204);

    const auto foreign = rename(*m_http, otto, olga.sessionId, "Mine now");
    QCOMPARE(foreign.status, 404);
    QCOMPARE(foreign.error(), QString("not_found"));
    QCOMPARE(rename(*m_http, otto, "7b0c51a8-2f43-4a8e-9d0e-2c1f9a7d6b11", "x").status, 404);
    QCOMPARE(rename(*m_http, otto, ended.sessionId, "x").status, 404);
    QCOMPARE(rename(*m_http, otto, "not-a-uuid", "x").status, 400);
    // Upper-case ids are accepted, as for DELETE.
    QCOMPARE(rename(*m_http, otto, otto.sessionId.toUpper(), "Upper").status, 200);
    // Olga's session is untouched.
    QVERIFY(
        sessionIn(m_http->get("/api/users/me/sessions", olga.access), olga.sessionId).value("name").isNull());
    QCOMPARE(send(*m_http, "PATCH", "/api/users/me/sessions/" + otto.sessionId, jsonBody({{"name", "x"}}), {})
                 .status,
             401);
}

void TestAccountControls::renameBodyRules_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("unknown field") << QByteArray(R"({"name":"Desk","colour":"red"})");
    QTest::newRow("no name") << QByteArray("{}");
    QTest::newRow("number") << QByteArray(R"({"name":42})");
    QTest::newRow("array") << QByteArray(R"({"name":["Desk"]})");
    QTest::newRow("not an object") << QByteArray(R"("Desk")");
    QTest::newRow("not UTF-8") << QByteArray("{\"name\":\"Desk\xff\"}");
}

void TestAccountControls::renameBodyRules()
{
    QFETCH(QByteArray, body);
    const QString email = QString("body-%1@example.test").arg(QTest::currentDataTag()).replace(' ', '-');
    addUser(email);
    const auto me = signIn(*m_http, email, "account password");
    const auto r = send(*m_http, "PATCH", "/api/users/me/sessions/" + me.sessionId, body, me.access);
    QCOMPARE(r.status, 400);
    QCOMPARE(r.error(), QString("invalid_request"));
}

void TestAccountControls::settingsDefaultToTheServersTimeout()
{
    addUser("sam@example.test");
    const auto me = signIn(*m_http, "sam@example.test", "account password");
    const auto r = m_http->get("/api/users/me/settings", me.access);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value("max_idle_timeout_seconds").toInteger(), 14 * 24 * 3600); // --idle-timeout 14d
    QCOMPARE(r.json().value("idle_timeout_seconds").toInteger(), 14 * 24 * 3600);
    QCOMPARE(m_http->get("/api/users/me/settings").status, 401);
}

void TestAccountControls::settingsRange_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::newRow("3599") << QByteArray(R"({"idle_timeout_seconds":3599})") << 400;
    QTest::newRow("3600") << QByteArray(R"({"idle_timeout_seconds":3600})") << 200;
    QTest::newRow("max") << QByteArray(R"({"idle_timeout_seconds":1209600})") << 200;
    QTest::newRow("max + 1") << QByteArray(R"({"idle_timeout_seconds":1209601})") << 400;
    QTest::newRow("fraction") << QByteArray(R"({"idle_timeout_seconds":3600.5})") << 400;
    QTest::newRow("float") << QByteArray(R"({"idle_timeout_seconds":3600.0})") << 400;
    QTest::newRow("string") << QByteArray(R"({"idle_timeout_seconds":"3600"})") << 400;
    QTest::newRow("boolean") << QByteArray(R"({"idle_timeout_seconds":true})") << 400;
    QTest::newRow("null") << QByteArray(R"({"idle_timeout_seconds":null})") << 400;
    QTest::newRow("negative") << QByteArray(R"({"idle_timeout_seconds":-3600})") << 400;
    QTest::newRow("past 64 bits") << QByteArray(R"({"idle_timeout_seconds":18446744073709551615})") << 400;
    QTest::newRow("missing") << QByteArray("{}") << 400;
    QTest::newRow("unknown field") << QByteArray(R"({"idle_timeout_seconds":3600,"theme":"dark"})") << 400;
}

void TestAccountControls::settingsRange()
{
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    const QString email = QString("range-%1@example.test").arg(QTest::currentDataTag()).replace(' ', '-');
    addUser(email);
    const auto me = signIn(*m_http, email, "account password");
    const auto r = send(*m_http, "PUT", "/api/users/me/settings", body, me.access);
    QCOMPARE(r.status, status);
    const auto now = m_http->get("/api/users/me/settings", me.access).json();
    if (status != 200) {
        QCOMPARE(r.error(), QString("invalid_request"));
        QCOMPARE(now.value("idle_timeout_seconds").toInteger(), 1209600); // unchanged
        QVERIFY(auditOf(*m_http, me, "settings_changed").isEmpty());
        return;
    }
    const qint64 chosen = QJsonDocument::fromJson(body).object().value("idle_timeout_seconds").toInteger();
    QCOMPARE(r.json().value("idle_timeout_seconds").toInteger(), chosen);
    QCOMPARE(r.json().value("max_idle_timeout_seconds").toInteger(), 1209600);
    QCOMPARE(now.value("idle_timeout_seconds").toInteger(), chosen);
    QCOMPARE(auditOf(*m_http, me, "settings_changed").size(), 1);
}

void TestAccountControls::shorterIdleTimeoutEndsAnExistingSession()
{
    addUser("ida@example.test");
    const auto active = signIn(*m_http, "ida@example.test", "account password");
    const auto idle = signIn(*m_http, "ida@example.test", "account password");
    // Two hours without activity: well within the server's 14 days.
    QVERIFY(m_server.sqlExec("UPDATE user_sessions SET last_activity = last_activity - 7200000 WHERE id = '" +
                             idle.sessionId + "'"));
    QVERIFY(!sessionIn(m_http->get("/api/users/me/sessions", active.access), idle.sessionId).isEmpty());

    QCOMPARE(send(*m_http, "PUT", "/api/users/me/settings", R"({"idle_timeout_seconds":3600})", active.access)
                 .status,
             200);
    // The existing session stops working on its very next request, and leaves the list.
    QCOMPARE(m_http->get("/api/users/me", idle.access).status, 401);
    QCOMPARE(m_http->post("/api/auth/refresh", {{"refresh_token", idle.refresh}}).status, 401);
    QVERIFY(sessionIn(m_http->get("/api/users/me/sessions", active.access), idle.sessionId).isEmpty());
    QCOMPARE(rename(*m_http, active, idle.sessionId, "x").status, 404);
    QCOMPARE(m_http->get("/api/users/me", active.access).status, 200);

    // Back to the server's maximum: a session idle for two hours is live again (it had not
    // been revoked, only found idle), as with a longer --idle-timeout.
    QCOMPARE(
        send(*m_http, "PUT", "/api/users/me/settings", R"({"idle_timeout_seconds":1209600})", active.access)
            .status,
        200);
    QVERIFY(!sessionIn(m_http->get("/api/users/me/sessions", active.access), idle.sessionId).isEmpty());
}

void TestAccountControls::cleanupDeletesSessionsIdlePastTheAccountsTimeout()
{
    TestServer server({"--cleanup-interval", "1s", "--retention", "1s"});
    QVERIFY2(server.start(), qPrintable(server.errorOutput()));
    HttpClient http(server.url());
    server.addUser("cleo@example.test", "account password");
    server.addUser("carl@example.test", "account password");
    const auto cleo = signIn(http, "cleo@example.test", "account password");
    const auto carl = signIn(http, "carl@example.test", "account password");
    QCOMPARE(
        send(http, "PUT", "/api/users/me/settings", R"({"idle_timeout_seconds":3600})", cleo.access).status,
        200);
    // Both idle for two hours: only the account that chose one hour loses its session.
    QVERIFY(server.sqlExec("UPDATE user_sessions SET last_activity = last_activity - 7200000"));
    const QString count = "SELECT count(*) FROM user_sessions WHERE id = ?1";
    QTRY_COMPARE_WITH_TIMEOUT(server.sqlInt(count, cleo.sessionId), 0, 15000);
    QCOMPARE(server.sqlInt(count, carl.sessionId), 1);
    QCOMPARE(http.get("/api/users/me", carl.access).status, 200);
}

void TestAccountControls::weakPasswordsAreRefused_data()
{
    QTest::addColumn<QString>("password");
    QTest::addColumn<QString>("rule");
    QTest::newRow("7 code points") << QString(7, QChar(0x1F4)) << QString("short");
    QTest::newRow("7 ASCII") << QString("Xq7-mpl") << QString("short");
    QTest::newRow("1025 code points") << QString("Xq7-maple-").repeated(103).left(1025) << QString("long");
    QTest::newRow("the current one") << QString("account password") << QString("same");
    QTest::newRow("password1") << QString("password1") << QString("common");
    QTest::newRow("qwertyuiop") << QString("qwertyuiop") << QString("common");
    QTest::newRow("letmein123") << QString("letmein123") << QString("common");
    QTest::newRow("12345678") << QString("12345678") << QString("common");
}

void TestAccountControls::weakPasswordsAreRefused()
{
    QFETCH(QString, password);
    QFETCH(QString, rule);
    const QString email = QString("weak-%1@example.test").arg(QTest::currentDataTag()).replace(' ', '-');
    addUser(email);
    const auto me = signIn(*m_http, email, "account password");
    const auto other = signIn(*m_http, email, "account password");
    const auto r =
        changePassword(*m_http, me, {{"current_password", "account password"}, {"new_password", password}});
    QCOMPARE(r.status, 400);
    QCOMPARE(r.error(), QString("weak_password"));
    QVERIFY2(r.json().value("message").toString().contains(rule), r.body.constData());
    // Nothing changed.
    QCOMPARE(m_http->login(email, "account password").status, 200);
    QCOMPARE(m_http->get("/api/users/me", other.access).status, 200);
}

void TestAccountControls::passwordChangeSignsOutOtherSessions()
{
    const QString userId = addUser("pia@example.test", "old pia password");
    const auto me = signIn(*m_http, "pia@example.test", "old pia password");
    const auto laptop = signIn(*m_http, "pia@example.test", "old pia password");
    const auto phone = signIn(*m_http, "pia@example.test", "old pia password");
    // This session's sign-in was long ago: revoking others would ask for the password again.
    QVERIFY(m_server.sqlExec(
        "UPDATE user_sessions SET authenticated_at = authenticated_at - 86400000 WHERE id = '" +
        me.sessionId + "'"));
    QCOMPARE(m_http->del("/api/users/me/sessions", me.access).status, 403);

    // A 1024-code-point passphrase is within the bounds.
    const QString passphrase = QString("Vq%1-maplé-drift;").repeated(64).arg(7).left(1024);
    QCOMPARE(passphrase.toUcs4().size(), 1024);
    const auto r =
        changePassword(*m_http, me, {{"current_password", "old pia password"}, {"new_password", passphrase}});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value("revoked").toInt(), 2);

    QCOMPARE(m_http->get("/api/users/me", laptop.access).status, 401);
    QCOMPARE(m_http->get("/api/users/me", phone.access).status, 401);
    QCOMPARE(m_http->post("/api/auth/refresh", {{"refresh_token", phone.refresh}}).status, 401);
    const auto list = m_http->get("/api/users/me/sessions", me.access);
    QCOMPARE(list.status, 200);
    QCOMPARE(list.json().value("sessions").toArray().size(), 1);
    // Freshly authenticated: revoking needs no password now.
    const auto spare = signIn(*m_http, "pia@example.test", passphrase);
    QCOMPARE(m_http->del("/api/users/me/sessions/" + spare.sessionId, me.access).status, 204);

    const auto oldLogin = m_http->login("pia@example.test", "old pia password");
    QCOMPARE(oldLogin.status, 401);
    QCOMPARE(oldLogin.error(), QString("invalid_credentials"));
    QCOMPARE(m_http->login("pia@example.test", passphrase).status, 200);

    const auto changed = auditOf(*m_http, me, "password_changed");
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.first().value("actor_user_id").toString(), userId);
    QStringList revokedTargets;
    for (const auto& e : auditOf(*m_http, me, "other_sessions_revoked"))
        revokedTargets << e.value("target_session_id").toString();
    revokedTargets.sort();
    QStringList expected{laptop.sessionId, phone.sessionId};
    expected.sort();
    QCOMPARE(revokedTargets, expected);
}

void TestAccountControls::passwordChangeCanKeepOtherSessions()
{
    addUser("kim@example.test", "old kim password");
    const auto me = signIn(*m_http, "kim@example.test", "old kim password");
    const auto other = signIn(*m_http, "kim@example.test", "old kim password");
    const auto r = changePassword(*m_http, me,
                                  {{"current_password", "old kim password"},
                                   {"new_password", kStrong},
                                   {"sign_out_other_sessions", false}});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value("revoked").toInt(), 0);
    QCOMPARE(m_http->get("/api/users/me", other.access).status, 200);
    QCOMPARE(m_http->get("/api/users/me", me.access).status, 200);
    QCOMPARE(m_http->login("kim@example.test", "old kim password").status, 401);
    QCOMPARE(m_http->login("kim@example.test", kStrong).status, 200);
    QVERIFY(auditOf(*m_http, me, "other_sessions_revoked").isEmpty());

    const auto bad = changePassword(*m_http, me,
                                    {{"current_password", kStrong},
                                     {"new_password", "another vXq7 passphrase"},
                                     {"sign_out_other_sessions", "no"}});
    QCOMPARE(bad.status, 400);
    QCOMPARE(changePassword(*m_http, me, {{"current_password", kStrong}, {"new_password", "x"}, {"extra", 1}})
                 .status,
             400);
    QCOMPARE(changePassword(*m_http, me, {{"new_password", "another vXq7 passphrase"}}).status, 400);
}

void TestAccountControls::wrongCurrentPasswordIsThrottledLikeASignIn()
{
    TestServer server({"--login-max-failures", "3"});
    QVERIFY2(server.start(), qPrintable(server.errorOutput()));
    HttpClient http(server.url());
    server.addUser("tom@example.test", "tom password");
    const auto me = signIn(http, "tom@example.test", "tom password");
    const QJsonObject wrong{{"current_password", "not it"}, {"new_password", kStrong}};
    for (int i = 0; i < 3; ++i) {
        const auto r = changePassword(http, me, wrong);
        QCOMPARE(r.status, 401);
        QCOMPARE(r.error(), QString("invalid_credentials"));
    }
    const auto throttled =
        changePassword(http, me, {{"current_password", "tom password"}, {"new_password", kStrong}});
    QCOMPARE(throttled.status, 429);
    QVERIFY(throttled.header("Retry-After").toInt() >= 1);
    // The same count as sign-ins: the account's sign-in is throttled too.
    QCOMPARE(http.login("tom@example.test", "tom password").status, 429);
    QCOMPARE(http.get("/api/users/me", me.access).status, 200);
    QCOMPARE(auditOf(http, me, "login_failed").size(), 3);
}

void TestAccountControls::cliSetsThePasswordAndEndsEverySession()
{
    addUser("cli@example.test", "old cli password");
    const auto a = signIn(*m_http, "cli@example.test", "old cli password");
    const auto b = signIn(*m_http, "cli@example.test", "old cli password");
    const QString database = m_server.databaseUrl();
    const QStringList args{"user",    "password",         "--database",      database,
                           "--email", "CLI@example.test", "--password-stdin"};
    QString out;
    QCOMPARE(m_server.runCli(args, "password1\n", &out), 2);
    QVERIFY2(out.contains("common"), qPrintable(out));
    QCOMPARE(m_server.runCli(args, "short\n", &out), 2);
    QCOMPARE(m_server.runCli({"user", "password", "--database", database, "--email", "nobody@example.test",
                              "--password-stdin"},
                             QByteArray(kStrong) + "\n", &out),
             2);
    QVERIFY2(out.contains("nobody@example.test"), qPrintable(out));
    QCOMPARE(m_server.runCli({"user", "password", "--database", database, "--email", "cli@example.test"}, {},
                             &out),
             2);
    QCOMPARE(m_http->get("/api/users/me", a.access).status, 200); // nothing changed so far

    const int status = m_server.runCli(args, QByteArray(kStrong) + "\n", &out);
    QVERIFY2(status == 0, qPrintable(out));
    QCOMPARE(m_http->get("/api/users/me", a.access).status, 401);
    QCOMPARE(m_http->get("/api/users/me", b.access).status, 401);
    QCOMPARE(m_http->login("cli@example.test", "old cli password").status, 401);
    const auto now = signIn(*m_http, "cli@example.test", kStrong);
    QVERIFY(!now.access.isEmpty());
    QStringList ended;
    for (const auto& e : auditOf(*m_http, now, "session_revoked"))
        ended << e.value("target_session_id").toString();
    ended.sort();
    QStringList expected{a.sessionId, b.sessionId};
    expected.sort();
    QCOMPARE(ended, expected);
    QCOMPARE(auditOf(*m_http, now, "password_changed").size(), 1);
}

QTEST_GUILESS_MAIN(TestAccountControls)
#include "tst_accountcontrols.moc"
