// Support and admin endpoints: role enforcement, look-ups, revocation on a user's behalf,
// and the audit trail.
#include "HttpClient.h"
#include "TestServer.h"

#include <QtTest>

class TestAdmin final : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void everyAdminEndpointEnforcesTheRole_data();
    void everyAdminEndpointEnforcesTheRole();
    void findUserIsExactAndCaseInsensitive();
    void staffSeeAUsersSessionsWithoutTokens();
    void staffRevokeWithAReasonAndTheUserIsOut();
    void staffRevocationNeedsFreshAuthentication();
    void auditTrailRecordsWhoDidWhat();
    void auditLimitIsValidated();
    void usersSeeSupportLookupsWithoutStaffAddresses();

private:
    QString tokenFor(const QString& email, const QString& password);
    TestServer m_server{{"--login-max-failures", "1000", "--reauth-window", "1h"}};
    std::unique_ptr<HttpClient> m_http;
    QString m_userId;
    QString m_supportId;
    QString m_adminId;
    QString m_user, m_support, m_admin;
};

QString TestAdmin::tokenFor(const QString& email, const QString& password)
{
    return m_http->login(email, password).json().value("access_token").toString();
}

void TestAdmin::initTestCase()
{
    QVERIFY2(m_server.start(), qPrintable(m_server.errorOutput()));
    m_userId = m_server.addUser("Uma@Example.test", "uma password", "user", "Uma");
    m_supportId = m_server.addUser("sue@example.test", "sue password", "support", "Sue");
    m_adminId = m_server.addUser("ada@example.test", "ada password", "admin", "Ada");
    QVERIFY(!m_adminId.isEmpty());
    m_http = std::make_unique<HttpClient>(m_server.url());
    m_user = tokenFor("uma@example.test", "uma password");
    m_support = tokenFor("sue@example.test", "sue password");
    m_admin = tokenFor("ada@example.test", "ada password");
}

void TestAdmin::everyAdminEndpointEnforcesTheRole_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::newRow("find user") << QByteArray("GET") << "/api/admin/users?email=uma@example.test";
    QTest::newRow("find user, no email") << QByteArray("GET") << "/api/admin/users";
    QTest::newRow("sessions") << QByteArray("GET") << "/api/admin/users/USER/sessions";
    QTest::newRow("revoke") << QByteArray("DELETE")
                            << "/api/admin/users/USER/sessions/00000000-0000-4000-8000-000000000000";
    QTest::newRow("audit") << QByteArray("GET") << "/api/admin/audit";
}

void TestAdmin::everyAdminEndpointEnforcesTheRole()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    path.replace("USER", m_userId);
    const auto call = [&](const QString& token) {
        return m_http->send(method, path, {}, {{"Authorization", "Bearer " + token.toUtf8()}});
    };
    const auto asUser = call(m_user);
    QCOMPARE(asUser.status, 403);
    QCOMPARE(asUser.error(), QString("forbidden"));
    QCOMPARE(m_http->send(method, path).status, 401);
    for (const QString& staff : {m_support, m_admin}) {
        const int status = call(staff).status;
        QVERIFY2(status != 403 && status != 401 && status < 500, qPrintable(QString::number(status)));
    }
}

void TestAdmin::findUserIsExactAndCaseInsensitive()
{
    auto r = m_http->get("/api/admin/users?email=UMA%40example.TEST", m_support);
    QCOMPARE(r.status, 200);
    const auto users = r.json().value("users").toArray();
    QCOMPARE(users.size(), 1);
    QCOMPARE(users.first().toObject().value("id").toString(), m_userId);
    QCOMPARE(m_http->get("/api/admin/users?email=uma", m_support).json().value("users").toArray().size(), 0);
    QCOMPARE(m_http->get("/api/admin/users?email=%25", m_support).json().value("users").toArray().size(), 0);
    QCOMPARE(m_http->get("/api/admin/users", m_support).status, 400);

    // Beyond ASCII too: the look-up in lower case finds the address as it was entered.
    const QString elodie =
        m_server.addUser(QString::fromUtf8("Élodie.Ñúñez@Exemple.test"), "elodie password");
    QVERIFY(!elodie.isEmpty());
    const QString query =
        QString::fromUtf8(QUrl::toPercentEncoding(QString::fromUtf8("élodie.ñúñez@exemple.test")));
    const auto found =
        m_http->get("/api/admin/users?email=" + query, m_support).json().value("users").toArray();
    QCOMPARE(found.size(), 1);
    QCOMPARE(found.first().toObject().value("id").toString(), elodie);
    QCOMPARE(found.first().toObject().value("email").toString(),
             QString::fromUtf8("Élodie.Ñúñez@Exemple.test"));
}

void TestAdmin::staffSeeAUsersSessionsWithoutTokens()
{
    const auto r = m_http->get("/api/admin/users/" + m_userId + "/sessions", m_support);
    QCOMPARE(r.status, 200);
    const auto sessions = r.json().value("sessions").toArray();
    QVERIFY(!sessions.isEmpty());
    for (const auto& s : sessions) {
        QVERIFY(!s.toObject().value("is_current").toBool());
        QCOMPARE(s.toObject().value("ip_address").toString(), QString("127.0.0.1"));
    }
    QVERIFY(!r.body.contains(m_user.toUtf8()));
    QVERIFY(!r.body.contains("refresh"));
    QCOMPARE(m_http
                 ->get("/api/admin/users/" + QUuid::createUuid().toString(QUuid::WithoutBraces) + "/sessions",
                       m_support)
                 .status,
             404);
    QCOMPARE(m_http->get("/api/admin/users/not-a-uuid/sessions", m_support).status, 400);
}

void TestAdmin::staffRevokeWithAReasonAndTheUserIsOut()
{
    const auto login = m_http->login("uma@example.test", "uma password").json();
    const QString victimToken = login.value("access_token").toString();
    const QString sid = login.value("session_id").toString();
    QCOMPARE(m_http->get("/api/users/me", victimToken).status, 200);

    const auto r = m_http->del("/api/admin/users/" + m_userId + "/sessions/" + sid, m_support,
                               R"({"reason": "Caller reported a stolen laptop, ticket #4411 — « urgent »"})");
    QCOMPARE(r.status, 204);
    QCOMPARE(m_http->get("/api/users/me", victimToken).status, 401);
    // Again: gone.
    QCOMPARE(m_http->del("/api/admin/users/" + m_userId + "/sessions/" + sid, m_support).status, 404);
    // A session of another user through this user's path: 404 as well.
    const QString supportSid =
        m_http->login("sue@example.test", "sue password").json().value("session_id").toString();
    QCOMPARE(m_http->del("/api/admin/users/" + m_userId + "/sessions/" + supportSid, m_admin).status, 404);
    QCOMPARE(m_http->del("/api/admin/users/" + m_userId + "/sessions/" + sid, m_support, R"({"reason": 5})")
                 .status,
             400);

    bool found = false;
    for (const auto& e :
         m_http->get("/api/admin/audit?user_id=" + m_userId, m_admin).json().value("events").toArray()) {
        const auto o = e.toObject();
        if (o.value("action") == "session_revoked" && o.value("target_session_id") == sid) {
            QCOMPARE(o.value("actor_user_id").toString(), m_supportId);
            QCOMPARE(o.value("target_user_id").toString(), m_userId);
            QVERIFY(o.value("reason").toString().contains(QString::fromUtf8("« urgent »")));
            found = true;
        }
    }
    QVERIFY(found);
}

void TestAdmin::staffRevocationNeedsFreshAuthentication()
{
    TestServer server({"--reauth-window", "1s"});
    QVERIFY(server.start());
    const QString uid = server.addUser("vic@example.test", "vic password");
    server.addUser("sam@example.test", "sam password", "support");
    HttpClient http(server.url());
    const QString sid = http.login("vic@example.test", "vic password").json().value("session_id").toString();
    const QString staff =
        http.login("sam@example.test", "sam password").json().value("access_token").toString();
    QTest::qWait(1500);
    const auto r = http.del("/api/admin/users/" + uid + "/sessions/" + sid, staff);
    QCOMPARE(r.status, 403);
    QCOMPARE(r.error(), QString("reauthentication_required"));
    QCOMPARE(http.post("/api/auth/reauthenticate", {{"password", "sam password"}}, staff).status, 204);
    QCOMPARE(http.del("/api/admin/users/" + uid + "/sessions/" + sid, staff).status, 204);
}

void TestAdmin::auditTrailRecordsWhoDidWhat()
{
    m_http->login("uma@example.test", "wrong password");
    const auto r = m_http->get("/api/admin/audit?user_id=" + m_userId + "&limit=1000", m_admin);
    QCOMPARE(r.status, 200);
    QSet<QString> actions;
    QDateTime previous;
    for (const auto& e : r.json().value("events").toArray()) {
        const auto o = e.toObject();
        actions << o.value("action").toString();
        const auto at = QDateTime::fromString(o.value("at").toString(), Qt::ISODate);
        QVERIFY(at.isValid());
        if (previous.isValid())
            QVERIFY(at <= previous); // newest first
        previous = at;
    }
    for (const char* expected : {"login", "login_failed", "session_revoked", "support_lookup"})
        QVERIFY2(actions.contains(expected), expected);
    // Without user_id: everything, limited.
    QCOMPARE(m_http->get("/api/admin/audit?limit=2", m_admin).json().value("events").toArray().size(), 2);
    // Reading the whole log is itself a support look-up, with no target user.
    const auto newest = m_http->get("/api/admin/audit?limit=1", m_admin).json().value("events").toArray();
    QCOMPARE(newest.size(), 1);
    const auto lookup = newest.first().toObject();
    QCOMPARE(lookup.value("action").toString(), QString("support_lookup"));
    QCOMPARE(lookup.value("actor_user_id").toString(), m_adminId);
    QVERIFY(lookup.value("target_user_id").isNull());
}

void TestAdmin::auditLimitIsValidated()
{
    for (const char* bad : {"0", "1001", "-5", "abc", "10.5", ""})
        QCOMPARE(m_http->get(QString("/api/admin/audit?limit=") + bad, m_admin).status, 400);
    QCOMPARE(m_http->get("/api/admin/audit?user_id=nope", m_admin).status, 400);
    QCOMPARE(m_http->get("/api/users/me/audit?limit=0", m_user).status, 400);
    QCOMPARE(m_http->get("/api/admin/audit?limit=1000", m_admin).status, 200);
}

void TestAdmin::usersSeeSupportLookupsWithoutStaffAddresses()
{
    m_http->get("/api/admin/users/" + m_userId + "/sessions", m_support);
    const QString own = tokenFor("uma@example.test", "uma password");
    const auto r = m_http->get("/api/users/me/audit", own);
    QCOMPARE(r.status, 200);
    bool sawLookup = false, sawOwnLogin = false;
    for (const auto& e : r.json().value("events").toArray()) {
        const auto o = e.toObject();
        if (o.value("action") == "support_lookup") {
            sawLookup = true;
            const QString actor = o.value("actor_user_id").toString();
            QVERIFY(actor == m_supportId || actor == m_adminId);
            QVERIFY(o.value("ip_address").isNull());
        }
        if (o.value("action") == "login" && o.value("actor_user_id") == m_userId) {
            sawOwnLogin = true;
            QCOMPARE(o.value("ip_address").toString(), QString("127.0.0.1"));
        }
        QVERIFY(o.value("actor_user_id") == m_userId || o.value("target_user_id") == m_userId);
    }
    QVERIFY(sawLookup);
    QVERIFY(sawOwnLogin);
}

QTEST_GUILESS_MAIN(TestAdmin)
#include "tst_admin.moc"
