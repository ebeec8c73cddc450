// Sign-in, refresh, re-authentication and sign-out against the real server.
#include "HttpClient.h"
#include "TestServer.h"

#include <QtConcurrent/QtConcurrentRun>
#include <QtTest>
#include <thread>

class TestAuth final : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void loginReturnsTokensAndUser();
    void wrongPasswordAndUnknownEmailLookTheSame();
    void malformedCredentialsAre401ButMalformedBodiesAre400();
    void emailsAreCaseInsensitive();
    void disabledAccountCannotSignIn();
    void refreshRotatesBothTokens();
    void reusedRefreshTokenRevokesTheSession();
    void accessTokenIsNotARefreshToken();
    void concurrentRefreshSucceedsAtMostOnce();
    void reauthenticateChecksThePassword();
    void logoutEndsTheSession();
    void currentUserIsReturned();
    void throttlingLocksTheAccountWithRetryAfter();
    void successfulLoginResetsTheAccountCount();

private:
    TestServer m_server{{"--login-max-failures", "1000"}};
    std::unique_ptr<HttpClient> m_http;
    QString m_userId;
};

void TestAuth::initTestCase()
{
    QVERIFY2(m_server.start(), qPrintable(m_server.errorOutput()));
    m_userId = m_server.addUser("alice@example.test", "correct horse", "user", "Alice");
    QVERIFY(!m_userId.isEmpty());
    QVERIFY(!m_server.addUser("disabled@example.test", "pw-disabled").isEmpty());
    QString out;
    QVERIFY2(m_server.runCli({"user", "disable", "--database", m_server.databaseUrl(), "--email",
                              "disabled@example.test"},
                             {}, &out) == 0,
             qPrintable(out));
    m_http = std::make_unique<HttpClient>(m_server.url());
}

void TestAuth::loginReturnsTokensAndUser()
{
    const auto r = m_http->login("alice@example.test", "correct horse");
    QCOMPARE(r.status, 200);
    const auto j = r.json();
    QCOMPARE(j.value("token_type").toString(), QString("Bearer"));
    QCOMPARE(j.value("expires_in").toInt(), 900);
    QCOMPARE(j.value("access_token").toString().count('.'), 2);
    // 256 bits of randomness in base64url is 43 characters.
    QVERIFY(j.value("refresh_token").toString().size() >= 43);
    QVERIFY(QUuid::fromString(j.value("session_id").toString()).version() == QUuid::Random);
    const auto user = j.value("user").toObject();
    QCOMPARE(user.value("id").toString(), m_userId);
    QCOMPARE(user.value("email").toString(), QString("alice@example.test"));
    QCOMPARE(user.value("display_name").toString(), QString("Alice"));
    QCOMPARE(user.value("role").toString(), QString("user"));
    QCOMPARE(r.header("Cache-Control"), QByteArray("no-store"));
}

void TestAuth::wrongPasswordAndUnknownEmailLookTheSame()
{
    const auto wrong = m_http->login("alice@example.test", "wrong");
    const auto unknown = m_http->login("nobody@example.test", "wrong");
    QCOMPARE(wrong.status, 401);
    QCOMPARE(unknown.status, 401);
    QCOMPARE(wrong.error(), QString("invalid_credentials"));
    QCOMPARE(wrong.body, unknown.body);

    // Both paths run one Argon2id check: the median times must be close (a missing dummy hash
    // makes the unknown-email path ~100x faster). The two are timed in turn, so that a busy
    // machine slows both alike.
    QList<qint64> knownTimes, unknownTimes;
    const auto timeLogin = [this](const QString& email) {
        QElapsedTimer t;
        t.start();
        m_http->login(email, "wrong");
        return t.nsecsElapsed();
    };
    for (int i = 0; i < 7; ++i) {
        knownTimes << timeLogin("alice@example.test");
        unknownTimes << timeLogin("nobody@example.test");
    }
    std::sort(knownTimes.begin(), knownTimes.end());
    std::sort(unknownTimes.begin(), unknownTimes.end());
    const qint64 known = knownTimes[3];
    const qint64 unknownTime = unknownTimes[3];
    QVERIFY2(unknownTime > known / 3 && unknownTime < known * 3,
             qPrintable(QString("known %1 ms, unknown %2 ms").arg(known / 1e6).arg(unknownTime / 1e6)));
}

void TestAuth::malformedCredentialsAre401ButMalformedBodiesAre400()
{
    QCOMPARE(m_http->login("", "").status, 401);
    QCOMPARE(m_http->login("not an email", "x").status, 401);
    QCOMPARE(m_http->post("/api/auth/login", QJsonObject{{"email", "alice@example.test"}}).status, 400);
    QCOMPARE(m_http->post("/api/auth/login", QJsonObject{{"email", 5}, {"password", "x"}}).status, 400);
    auto r = m_http->send("POST", "/api/auth/login", "[1,2]");
    QCOMPARE(r.status, 400);
    QCOMPARE(r.error(), QString("invalid_request"));
    QCOMPARE(m_http->send("POST", "/api/auth/login", "{\"email\":").status, 400);
    QCOMPARE(m_http->send("POST", "/api/auth/login", "").status, 400);
    QCOMPARE(m_http->send("POST", "/api/auth/refresh", "\"token\"").status, 400);
}

void TestAuth::emailsAreCaseInsensitive()
{
    QCOMPARE(m_http->login("ALICE@Example.Test", "correct horse").status, 200);
}

void TestAuth::disabledAccountCannotSignIn()
{
    const auto r = m_http->login("disabled@example.test", "pw-disabled");
    QCOMPARE(r.status, 401);
    QCOMPARE(r.error(), QString("invalid_credentials"));
}

void TestAuth::refreshRotatesBothTokens()
{
    const auto login = m_http->login("alice@example.test", "correct horse").json();
    const auto r = m_http->post("/api/auth/refresh", {{"refresh_token", login.value("refresh_token")}});
    QCOMPARE(r.status, 200);
    const auto j = r.json();
    QCOMPARE(j.value("session_id"), login.value("session_id"));
    QVERIFY(j.value("refresh_token") != login.value("refresh_token"));
    QVERIFY(j.value("access_token") != login.value("access_token"));
    QCOMPARE(m_http->get("/api/users/me", j.value("access_token").toString()).status, 200);
    // The new refresh token works in turn.
    QCOMPARE(m_http->post("/api/auth/refresh", {{"refresh_token", j.value("refresh_token")}}).status, 200);
}

void TestAuth::reusedRefreshTokenRevokesTheSession()
{
    const auto login = m_http->login("alice@example.test", "correct horse").json();
    const auto first =
        m_http->post("/api/auth/refresh", {{"refresh_token", login.value("refresh_token")}}).json();
    const QString access = first.value("access_token").toString();
    QCOMPARE(m_http->get("/api/users/me", access).status, 200);

    const auto replay = m_http->post("/api/auth/refresh", {{"refresh_token", login.value("refresh_token")}});
    QCOMPARE(replay.status, 401);
    QCOMPARE(replay.error(), QString("invalid_grant"));
    // Theft detected: the whole session is gone, including the legitimate new tokens.
    QCOMPARE(m_http->get("/api/users/me", access).status, 401);
    QCOMPARE(m_http->post("/api/auth/refresh", {{"refresh_token", first.value("refresh_token")}}).status,
             401);

    const auto unknown = m_http->post("/api/auth/refresh", {{"refresh_token", "nonsense"}});
    QCOMPARE(unknown.status, 401);
    QCOMPARE(unknown.body, replay.body);
}

void TestAuth::accessTokenIsNotARefreshToken()
{
    const auto login = m_http->login("alice@example.test", "correct horse").json();
    const auto r = m_http->post("/api/auth/refresh", {{"refresh_token", login.value("access_token")}});
    QCOMPARE(r.status, 401);
    QCOMPARE(r.error(), QString("invalid_grant"));
}

void TestAuth::concurrentRefreshSucceedsAtMostOnce()
{
    for (int round = 0; round < 3; ++round) {
        const auto login = m_http->login("alice@example.test", "correct horse").json();
        const QString token = login.value("refresh_token").toString();
        const QUrl base = m_server.url();
        auto attempt = [base, token] {
            HttpClient client(base);
            return client.post("/api/auth/refresh", {{"refresh_token", token}}).status;
        };
        QList<QFuture<int>> futures;
        for (int i = 0; i < 4; ++i)
            futures << QtConcurrent::run(attempt);
        int ok = 0;
        for (auto& f : futures) {
            const int status = f.result();
            QVERIFY(status == 200 || status == 401);
            ok += status == 200;
        }
        QVERIFY2(ok <= 1, qPrintable(QString("%1 concurrent refreshes succeeded").arg(ok)));
    }
}

void TestAuth::reauthenticateChecksThePassword()
{
    const QString access =
        m_http->login("alice@example.test", "correct horse").json().value("access_token").toString();
    QCOMPARE(m_http->post("/api/auth/reauthenticate", {{"password", "correct horse"}}, access).status, 204);
    const auto wrong = m_http->post("/api/auth/reauthenticate", {{"password", "nope"}}, access);
    QCOMPARE(wrong.status, 401);
    QCOMPARE(wrong.error(), QString("invalid_credentials"));
    QCOMPARE(m_http->post("/api/auth/reauthenticate", {{"password", "correct horse"}}).status, 401);
}

void TestAuth::logoutEndsTheSession()
{
    const auto login = m_http->login("alice@example.test", "correct horse").json();
    const QString access = login.value("access_token").toString();
    QCOMPARE(m_http->post("/api/auth/logout", {}, access).status, 204);
    QCOMPARE(m_http->get("/api/users/me", access).status, 401);
    QCOMPARE(m_http->post("/api/auth/refresh", {{"refresh_token", login.value("refresh_token")}}).status,
             401);
}

void TestAuth::currentUserIsReturned()
{
    const QString access =
        m_http->login("alice@example.test", "correct horse").json().value("access_token").toString();
    const auto r = m_http->get("/api/users/me", access);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value("id").toString(), m_userId);
    QCOMPARE(r.json().value("role").toString(), QString("user"));
}

void TestAuth::throttlingLocksTheAccountWithRetryAfter()
{
    // Loopback is a trusted proxy here so that X-Forwarded-For can play several addresses.
    TestServer server(
        {"--login-max-failures", "3", "--login-failure-window", "1h", "--trusted-proxy", "127.0.0.0/8"});
    QVERIFY(server.start());
    server.addUser("bob@example.test", "bobs password");
    HttpClient http(server.url());
    const auto from = [](const char* address) { return HttpClient::Headers{{"X-Forwarded-For", address}}; };
    QCOMPARE(http.login("bob@example.test", "guess", from("198.51.100.1")).status, 401);
    QCOMPARE(http.login("bob@example.test", "guess", from("198.51.100.2")).status, 401);
    QCOMPARE(http.login("bob@example.test", "guess", from("198.51.100.3")).status, 401);
    // The account is locked from anywhere, even with the right password.
    const auto locked = http.login("bob@example.test", "bobs password", from("198.51.100.4"));
    QCOMPARE(locked.status, 429);
    QCOMPARE(locked.error(), QString("too_many_requests"));
    const int retryAfter = locked.header("Retry-After").toInt();
    QVERIFY2(retryAfter > 3500 && retryAfter <= 3600, locked.header("Retry-After").constData());

    // One address trying many accounts is locked too, and other addresses are not.
    for (const char* email : {"a@example.test", "b@example.test", "c@example.test"})
        QCOMPARE(http.login(email, "guess", from("203.0.113.9")).status, 401);
    QCOMPARE(http.login("d@example.test", "guess", from("203.0.113.9")).status, 429);
    QCOMPARE(http.login("d@example.test", "guess", from("203.0.113.10")).status, 401);
}

void TestAuth::successfulLoginResetsTheAccountCount()
{
    TestServer server({"--login-max-failures", "3", "--trusted-proxy", "127.0.0.0/8"});
    QVERIFY(server.start());
    server.addUser("carol@example.test", "carols password");
    HttpClient http(server.url());
    const auto from = [](const char* address) { return HttpClient::Headers{{"X-Forwarded-For", address}}; };
    QCOMPARE(http.login("carol@example.test", "guess", from("198.51.100.1")).status, 401);
    QCOMPARE(http.login("carol@example.test", "guess", from("198.51.100.2")).status, 401);
    QCOMPARE(http.login("carol@example.test", "carols password", from("198.51.100.3")).status, 200);
    // Without the reset these would be failures 3 and 4 and the right password would get 429.
    QCOMPARE(http.login("carol@example.test", "guess", from("198.51.100.4")).status, 401);
    QCOMPARE(http.login("carol@example.test", "guess", from("198.51.100.5")).status, 401);
    const auto login = http.login("carol@example.test", "carols password", from("198.51.100.6"));
    QCOMPARE(login.status, 200);

    // Re-authentication is throttled per session, apart from the account's login count
    // (API.md): someone else failing to sign in as carol never locks carol, signed in, out of
    // re-authenticating (and so out of revoking the intruder's session).
    const QString access = login.json().value("access_token").toString();
    HttpClient::Headers headers = from("198.51.100.7");
    headers.append({"Authorization", "Bearer " + access.toUtf8()});
    const auto reauth = [&](const char* password) {
        return http
            .send("POST", "/api/auth/reauthenticate", QByteArray(R"({"password":")") + password + "\"}",
                  headers)
            .status;
    };
    for (const char* address : {"198.51.100.20", "198.51.100.21", "198.51.100.22"})
        QCOMPARE(http.login("carol@example.test", "guess", from(address)).status, 401);
    QCOMPARE(http.login("carol@example.test", "carols password", from("198.51.100.23")).status, 429);
    QCOMPARE(reauth("carols password"), 204);
    // The session's own wrong passwords are what throttle it.
    for (int i = 0; i < 3; ++i)
        QCOMPARE(reauth("wrong"), 401);
    QCOMPARE(reauth("carols password"), 429);
}

QTEST_GUILESS_MAIN(TestAuth)
#include "tst_auth.moc"
