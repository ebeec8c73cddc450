// ApiJob and the endpoint jobs against a fake network: the answers a real Vigie server never
// gives (garbage, wrong types, cut-off bodies, a proxy's HTML, silence, resets) must each end
// in one clear ApiError, never a crash.
#include "FakeNetworkAccessManager.h"
#include "client/AdminJobs.h"
#include "client/AuthJobs.h"
#include "client/SessionJobs.h"
#include "client/UserAgent.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QUrlQuery>
#include <QtTest>

using namespace vigie::client;
using Kind = ApiError::Kind;

Q_DECLARE_METATYPE(FakeResponse)

namespace {

const QByteArray kTokens =
    R"({"access_token":"acc","token_type":"Bearer","expires_in":900,"refresh_token":"ref",
"session_id":"3f2c7e0a-1111-4222-8333-444455556666",
"user":{"id":"9d1b0c52-aaaa-4bbb-8ccc-dddd00001111","email":"a@example.com","display_name":"A","role":"user"}})";

const QByteArray kSession =
    R"({"id":"%1","device_info":{"browser":"Firefox","browser_version":"128.0","os":"Windows",
"os_version":"10","device_type":"desktop","device_brand":null,"device_model":null,"user_agent":"Mozilla/5.0"},
"ip_address":"203.0.113.7","location_data":{"city":"Paris","region":null,"country":"France","country_code":"FR"},
"created_at":"2026-11-25T08:00:00Z","last_activity":"2026-11-25T09:00:00Z","expires_at":"2026-12-25T08:00:00Z",
"is_active":true,"is_current":%2})";

FakeResponse html(int status)
{
    FakeResponse r;
    r.status = status;
    r.headers = {{"Content-Type", "text/html; charset=utf-8"}};
    r.body = "<!DOCTYPE html><html><body><h1>It works</h1></body></html>";
    return r;
}

FakeResponse transportError(QNetworkReply::NetworkError error, int status = 0, const QByteArray& body = {})
{
    FakeResponse r;
    r.status = status;
    r.body = body;
    r.error = error;
    r.errorString = QStringLiteral("simulated transport error");
    return r;
}

FakeResponse apiError(int status, const char* code, QList<QPair<QByteArray, QByteArray>> extraHeaders = {})
{
    FakeResponse r =
        FakeResponse::json(status, QByteArray(R"({"error":")") + code + R"(","message":"text"})");
    r.headers += extraHeaders;
    return r;
}

// Hands out a fixed token; optionally repairs one 401 by switching to a second token.
class TestAuthenticator : public JobAuthenticator
{
public:
    QByteArray token = "token-1";
    bool repair = false;
    int recoveries = 0;

    QByteArray accessToken() const override { return token; }
    bool admit(ApiJob*) override { return true; }
    bool recover(ApiJob* job, const QByteArray&) override
    {
        ++recoveries;
        if (!repair)
            return false;
        token = "token-2";
        job->sendNow();
        return true;
    }
};

} // namespace

class TestApiJob final : public QObject
{
    Q_OBJECT

private:
    FakeNetworkAccessManager* m_nam = nullptr;
    ApiClient client() const
    {
        return ApiClient(m_nam, QUrl(QStringLiteral("https://vigie.example.com/base")));
    }

    // Runs a job to its end and returns its error (None when it succeeded).
    static ApiError run(ApiJob* job)
    {
        QSignalSpy failed(job, &ApiJob::failed);
        QSignalSpy done(job, &ApiJob::done);
        job->setAutoDelete(false);
        job->start();
        if (!done.wait(5000))
            return ApiError::cancelled();
        const ApiError error = failed.isEmpty() ? ApiError() : failed.first().first().value<ApiError>();
        delete job;
        return error;
    }

private Q_SLOTS:
    void init() { m_nam = new FakeNetworkAccessManager(this); }
    void cleanup()
    {
        delete m_nam;
        m_nam = nullptr;
    }

    void requestCarriesUserAgentAndPolicy()
    {
        m_nam->enqueue(FakeResponse::json(200, kTokens));
        auto* job = new LoginJob(client(), QStringLiteral("a@example.com"), QStringLiteral("pä55"));
        QSignalSpy finished(job, &LoginJob::finished);
        QVERIFY(!run(job).isError());
        QCOMPARE(finished.size(), 1);
        const auto tokens = finished.first().first().value<vigie::TokenResponse>();
        QCOMPARE(tokens.accessToken, "acc");
        QCOMPARE(tokens.user.email, "a@example.com");

        QCOMPARE(m_nam->requests.size(), 1);
        const FakeRequest& sent = m_nam->requests.first();
        QCOMPARE(sent.verb, "POST");
        QCOMPARE(sent.request.url().toString(), "https://vigie.example.com/base/api/auth/login");
        const QString ua = sent.request.header(QNetworkRequest::UserAgentHeader).toString();
        QCOMPARE(ua, vigieUserAgent());
        static const QRegularExpression shape(
            QStringLiteral(R"(^Vigie/\d+\.\d+\.\d+ \([^;()]+; Qt \d+\.\d+\.\d+\)$)"));
        QVERIFY2(shape.match(ua).hasMatch(), qPrintable(ua));
        QCOMPARE(sent.request.attribute(QNetworkRequest::RedirectPolicyAttribute).toInt(),
                 int(QNetworkRequest::SameOriginRedirectPolicy));
        QVERIFY(sent.request.rawHeader("Authorization").isEmpty());
        // No translation installed: the interface is English, and so are the places asked for.
        QCOMPARE(sent.request.rawHeader("Accept-Language"), "en");
        QCOMPARE(sent.request.header(QNetworkRequest::ContentTypeHeader).toString(), "application/json");
        const QJsonObject body = QJsonDocument::fromJson(sent.body).object();
        QCOMPARE(body.value("email").toString(), "a@example.com");
        QCOMPARE(body.value("password").toString(), QString::fromUtf8("pä55"));
    }

    void errorMapping_data()
    {
        QTest::addColumn<FakeResponse>("response");
        QTest::addColumn<int>("kind");
        QTest::addColumn<int>("httpStatus");
        QTest::addColumn<QString>("code");

        QTest::newRow("garbage JSON")
            << FakeResponse::json(200, "{not json at all") << int(Kind::InvalidResponse) << 0 << "";
        QTest::newRow("wrong type") << FakeResponse::json(
                                           200, QByteArray(kTokens).replace(R"("expires_in":900)",
                                                                            R"("expires_in":"900")"))
                                    << int(Kind::InvalidResponse) << 0 << "";
        QTest::newRow("null where a string is needed")
            << FakeResponse::json(
                   200, QByteArray(kTokens).replace(R"("access_token":"acc")", R"("access_token":null)"))
            << int(Kind::InvalidResponse) << 0 << "";
        QTest::newRow("missing field")
            << FakeResponse::json(200, R"({"access_token":"a"})") << int(Kind::InvalidResponse) << 0 << "";
        QTest::newRow("unknown role")
            << FakeResponse::json(200, QByteArray(kTokens).replace("\"user\"}", "\"root\"}"))
            << int(Kind::InvalidResponse) << 0 << "";
        QTest::newRow("truncated body") << FakeResponse::json(200, kTokens.left(kTokens.size() / 2))
                                        << int(Kind::InvalidResponse) << 0 << "";
        QTest::newRow("empty body") << FakeResponse::json(200, "") << int(Kind::InvalidResponse) << 0 << "";
        QTest::newRow("array, not object")
            << FakeResponse::json(200, "[1,2]") << int(Kind::InvalidResponse) << 0 << "";
        QTest::newRow("deeply nested")
            << FakeResponse::json(200, QByteArray(100000, '[') + QByteArray(100000, ']'))
            << int(Kind::InvalidResponse) << 0 << "";
        QTest::newRow("HTML page, 200") << html(200) << int(Kind::NotVigie) << 0 << "";
        QTest::newRow("HTML page, 404") << html(404) << int(Kind::NotVigie) << 0 << "";
        QTest::newRow("HTML page, 500") << html(500) << int(Kind::Http) << 500 << "";
        QTest::newRow("bare 502") << FakeResponse::json(502, "") << int(Kind::Http) << 502 << "";
        QTest::newRow("API 500") << apiError(500, "internal") << int(Kind::Http) << 500 << "internal";
        QTest::newRow("wrong password")
            << apiError(401, "invalid_credentials") << int(Kind::Http) << 401 << "invalid_credentials";
        QTest::newRow("error body with wrong types")
            << FakeResponse::json(400, R"({"error":42,"message":[]})") << int(Kind::NotVigie) << 0 << "";
        QTest::newRow("connection refused")
            << transportError(QNetworkReply::ConnectionRefusedError) << int(Kind::Network) << 0 << "";
        QTest::newRow("host not found")
            << transportError(QNetworkReply::HostNotFoundError) << int(Kind::Network) << 0 << "";
        QTest::newRow("reset before the answer")
            << transportError(QNetworkReply::RemoteHostClosedError) << int(Kind::Network) << 0 << "";
        QTest::newRow("reset in the middle of the body")
            << transportError(QNetworkReply::RemoteHostClosedError, 200, kTokens.left(40))
            << int(Kind::Network) << 0 << "";
        QTest::newRow("TLS handshake")
            << transportError(QNetworkReply::SslHandshakeFailedError) << int(Kind::Tls) << 0 << "";
        QTest::newRow("redirect elsewhere")
            << transportError(QNetworkReply::InsecureRedirectError) << int(Kind::NotVigie) << 0 << "";
        QTest::newRow("network's own timeout")
            << transportError(QNetworkReply::TimeoutError) << int(Kind::Timeout) << 0 << "";
    }

    void errorMapping()
    {
        QFETCH(FakeResponse, response);
        QFETCH(int, kind);
        QFETCH(int, httpStatus);
        QFETCH(QString, code);
        m_nam->enqueue(response);
        auto* job = new LoginJob(client(), QStringLiteral("a@example.com"), QStringLiteral("pw"));
        QSignalSpy finished(job, &LoginJob::finished);
        const ApiError error = run(job);
        QCOMPARE(finished.size(), 0);
        QCOMPARE(int(error.kind), kind);
        if (httpStatus)
            QCOMPARE(error.httpStatus, httpStatus);
        QCOMPARE(error.code, code);
        QVERIFY(!error.message.isEmpty());
        QVERIFY2(error.message.endsWith(QLatin1Char('.')), qPrintable(error.message));
        // The server's English text is detail, not the sentence shown.
        QVERIFY(!error.message.contains(QLatin1String("text")));
    }

    void throttledCarriesRetryAfter()
    {
        m_nam->enqueue(apiError(429, "too_many_requests", {{"Retry-After", "42"}}));
        const ApiError error =
            run(new LoginJob(client(), QStringLiteral("a@example.com"), QStringLiteral("pw")));
        QVERIFY(error.isThrottled());
        QCOMPARE(error.retryAfterSeconds, 42);
        QVERIFY2(error.message.contains(QLatin1String("42")), qPrintable(error.message));
        QVERIFY(error.isTransient());
    }

    void timeout()
    {
        FakeResponse silence;
        silence.hang = true;
        m_nam->enqueue(silence);
        auto* job = new LoginJob(client(), QStringLiteral("a@example.com"), QStringLiteral("pw"));
        job->setTimeout(std::chrono::milliseconds(200));
        QElapsedTimer timer;
        timer.start();
        const ApiError error = run(job);
        QCOMPARE(error.kind, Kind::Timeout);
        QVERIFY(timer.elapsed() < 3000);
        QVERIFY(!error.message.isEmpty());
    }

    void abortEndsWithCancelled()
    {
        FakeResponse silence;
        silence.hang = true;
        m_nam->enqueue(silence);
        auto* job = new LoginJob(client(), QStringLiteral("a@example.com"), QStringLiteral("pw"));
        job->setAutoDelete(false);
        QSignalSpy failed(job, &ApiJob::failed);
        job->start();
        job->abort();
        QVERIFY(failed.wait(2000));
        QCOMPARE(failed.first().first().value<ApiError>().kind, Kind::Cancelled);
        delete job;
    }

    void failsAsynchronouslyAndDeletesItself()
    {
        // Without an authenticator, an authenticated call cannot be made.
        QPointer<GetSessionsJob> job = new GetSessionsJob(client());
        QSignalSpy failed(job.data(), &ApiJob::failed);
        job->start();
        QCOMPARE(failed.size(), 0); // not during start()
        QVERIFY(failed.wait(2000));
        QCOMPARE(failed.first().first().value<ApiError>().kind, Kind::SignedOut);
        QTRY_VERIFY(job.isNull());
        QCOMPARE(m_nam->requests.size(), 0);
    }

    void sessionsAreParsed()
    {
        const QByteArray body =
            "{\"sessions\":[" +
            QString::fromLatin1(kSession).arg("3f2c7e0a-1111-4222-8333-444455556666", "true").toLatin1() +
            "," +
            QString::fromLatin1(kSession).arg("4f2c7e0a-1111-4222-8333-444455556666", "false").toLatin1() +
            "],\"current_session_id\":\"3f2c7e0a-1111-4222-8333-444455556666\"}";
        m_nam->enqueue(FakeResponse::json(200, body));
        TestAuthenticator auth;
        auto* job = new GetSessionsJob(client());
        job->setAuthenticator(&auth);
        QSignalSpy finished(job, &GetSessionsJob::finished);
        QVERIFY(!run(job).isError());
        const auto list = finished.first().first().value<SessionList>();
        QCOMPARE(list.sessions.size(), 2);
        QCOMPARE(list.currentSessionId, "3f2c7e0a-1111-4222-8333-444455556666");
        QCOMPARE(list.sessions.at(0).locationData->city, "Paris");
        QVERIFY(list.sessions.at(0).isCurrent);
        QCOMPARE(m_nam->requests.first().request.rawHeader("Authorization"), "Bearer token-1");
    }

    void badSessionFieldsAreRejected_data()
    {
        QTest::addColumn<QByteArray>("from");
        QTest::addColumn<QByteArray>("to");
        QTest::newRow("timestamp") << QByteArray(R"("2026-11-25T09:00:00Z")") << QByteArray(R"("yesterday")");
        QTest::newRow("IP address as number") << QByteArray(R"("203.0.113.7")") << QByteArray("203");
        QTest::newRow("city as number") << QByteArray(R"("city":"Paris")") << QByteArray(R"("city":75)");
        QTest::newRow("is_current as string")
            << QByteArray(R"("is_current":true)") << QByteArray(R"("is_current":"yes")");
        QTest::newRow("device_info missing")
            << QByteArray(R"("device_info")") << QByteArray(R"("device_inf0")");
    }

    void badSessionFieldsAreRejected()
    {
        QFETCH(QByteArray, from);
        QFETCH(QByteArray, to);
        QByteArray body =
            "{\"sessions\":[" +
            QString::fromLatin1(kSession).arg("3f2c7e0a-1111-4222-8333-444455556666", "true").toLatin1() +
            "],\"current_session_id\":null}";
        body.replace(from, to);
        m_nam->enqueue(FakeResponse::json(200, body));
        TestAuthenticator auth;
        auto* job = new GetSessionsJob(client());
        job->setAuthenticator(&auth);
        const ApiError error = run(job);
        QCOMPARE(error.kind, Kind::InvalidResponse);
        QVERIFY(!error.detail.isEmpty());
    }

    void unauthorizedIsRecoveredOnce()
    {
        TestAuthenticator auth;
        auth.repair = true;
        m_nam->enqueue(apiError(401, "unauthorized"));
        m_nam->enqueue(
            FakeResponse::json(200, R"({"id":"9d1b0c52-aaaa-4bbb-8ccc-dddd00001111","email":"a@example.com",
                                                  "display_name":"A","role":"admin"})"));
        auto* job = new CurrentUserJob(client());
        job->setAuthenticator(&auth);
        QSignalSpy finished(job, &CurrentUserJob::finished);
        QVERIFY(!run(job).isError());
        QVERIFY(finished.first().first().value<vigie::User>().role == vigie::Role::Admin);
        QCOMPARE(auth.recoveries, 1);
        QCOMPARE(m_nam->requests.size(), 2);
        QCOMPARE(m_nam->requests.at(1).request.rawHeader("Authorization"), "Bearer token-2");

        // A second 401 after the repair is final: no loop.
        m_nam->enqueue(apiError(401, "unauthorized"));
        m_nam->enqueue(apiError(401, "unauthorized"));
        auth.recoveries = 0;
        auto* again = new CurrentUserJob(client());
        again->setAuthenticator(&auth);
        const ApiError error = run(again);
        QCOMPARE(error.httpStatus, 401);
        QCOMPARE(auth.recoveries, 1);
        QCOMPARE(m_nam->requests.size(), 4);
    }

    void wrongPasswordIsNotRecovered()
    {
        // 401 invalid_credentials on re-authentication is the user's typo, not an expired token.
        TestAuthenticator auth;
        auth.repair = true;
        m_nam->enqueue(apiError(401, "invalid_credentials"));
        auto* job = new ReauthenticateJob(client(), QStringLiteral("wrong"));
        job->setAuthenticator(&auth);
        const ApiError error = run(job);
        QVERIFY(error.isInvalidCredentials());
        QCOMPARE(auth.recoveries, 0);
    }

    void noContentEndpoints()
    {
        TestAuthenticator auth;
        FakeResponse noContent;
        noContent.status = 204;
        noContent.headers.clear();
        m_nam->enqueue(noContent);
        auto* revoke = new RevokeSessionJob(client(), QStringLiteral("4f2c7e0a-1111-4222-8333-444455556666"));
        revoke->setAuthenticator(&auth);
        QSignalSpy revoked(revoke, &RevokeSessionJob::finished);
        QVERIFY(!run(revoke).isError());
        QCOMPARE(revoked.first().first().toString(), "4f2c7e0a-1111-4222-8333-444455556666");
        QCOMPARE(m_nam->requests.last().verb, "DELETE");
        QCOMPARE(m_nam->requests.last().request.url().path(),
                 "/base/api/users/me/sessions/4f2c7e0a-1111-4222-8333-444455556666");

        m_nam->enqueue(apiError(404, "not_found"));
        auto* gone = new RevokeSessionJob(client(), QStringLiteral("4f2c7e0a-1111-4222-8333-444455556666"));
        gone->setAuthenticator(&auth);
        QVERIFY(run(gone).isNotFound());
    }

    void adminRevokeSendsReasonWithDelete()
    {
        TestAuthenticator auth;
        FakeResponse noContent;
        noContent.status = 204;
        m_nam->enqueue(noContent);
        m_nam->enqueue(noContent);
        auto* withReason = new AdminRevokeSessionJob(client(), QStringLiteral("u1"), QStringLiteral("s1"),
                                                     QStringLiteral("Lost phone, ticket #12"));
        withReason->setAuthenticator(&auth);
        QVERIFY(!run(withReason).isError());
        QCOMPARE(m_nam->requests.at(0).verb, "DELETE");
        QCOMPARE(m_nam->requests.at(0).request.url().path(), "/base/api/admin/users/u1/sessions/s1");
        QCOMPARE(QJsonDocument::fromJson(m_nam->requests.at(0).body).object().value("reason").toString(),
                 "Lost phone, ticket #12");

        auto* withoutReason = new AdminRevokeSessionJob(client(), QStringLiteral("u1"), QStringLiteral("s1"));
        withoutReason->setAuthenticator(&auth);
        QVERIFY(!run(withoutReason).isError());
        QCOMPARE(m_nam->requests.at(1).verb, "DELETE");
        QVERIFY(m_nam->requests.at(1).body.isEmpty());
    }

    void healthCheck()
    {
        m_nam->enqueue(FakeResponse::json(200, R"({"status":"ok"})"));
        m_nam->enqueue(html(200));
        auto* healthy = new HealthCheckJob(client());
        QSignalSpy finished(healthy, &HealthCheckJob::finished);
        QVERIFY(!run(healthy).isError());
        QCOMPARE(finished.size(), 1);
        QCOMPARE(m_nam->requests.at(0).request.url().path(), "/base/healthz");
        QCOMPARE(run(new HealthCheckJob(client())).kind, Kind::NotVigie);
    }

    void versionOfEachKindOfServer_data()
    {
        QTest::addColumn<FakeResponse>("response");
        QTest::addColumn<QString>("version");
        QTest::addColumn<QStringList>("features");
        QTest::addColumn<int>("kind");

        QTest::newRow("v1.1") << FakeResponse::json(200, R"({"version":"1.1","features":["events","flags"]})")
                              << "1.1" << QStringList{"events", "flags"} << int(Kind::None);
        QTest::newRow("v1 with our error body")
            << apiError(404, "not_found") << "1.0" << QStringList{} << int(Kind::None);
        QTest::newRow("v1, FastAPI style") << FakeResponse::json(404, R"({"detail":"Not Found"})") << "1.0"
                                           << QStringList{} << int(Kind::None);
        QTest::newRow("v1, HTML 404") << html(404) << "1.0" << QStringList{} << int(Kind::None);
        QTest::newRow("features not a list")
            << FakeResponse::json(200, R"({"version":"1.1","features":"events"})") << "" << QStringList{}
            << int(Kind::InvalidResponse);
        QTest::newRow("server error")
            << apiError(503, "service_unavailable") << "" << QStringList{} << int(Kind::Http);
    }

    void versionOfEachKindOfServer()
    {
        QFETCH(FakeResponse, response);
        QFETCH(QString, version);
        QFETCH(QStringList, features);
        QFETCH(int, kind);
        m_nam->enqueue(response);
        auto* job = new VersionJob(client());
        QSignalSpy finished(job, &VersionJob::finished);
        QCOMPARE(int(run(job).kind), kind);
        QCOMPARE(m_nam->requests.at(0).request.url().path(), "/base/api/version");
        QVERIFY(m_nam->requests.at(0).request.rawHeader("Authorization").isEmpty());
        if (kind != int(Kind::None)) {
            QVERIFY(finished.isEmpty());
            return;
        }
        QCOMPARE(finished.size(), 1);
        const auto answer = finished.first().first().value<vigie::ServerVersion>();
        QCOMPARE(QString::fromStdString(answer.version), version);
        QStringList got;
        for (const auto& f : answer.features)
            got.append(QString::fromStdString(f));
        QCOMPARE(got, features);
    }

    void queryParametersAreEncoded()
    {
        TestAuthenticator auth;
        m_nam->enqueue(FakeResponse::json(200, R"({"users":[]})"));
        m_nam->enqueue(FakeResponse::json(200, R"({"events":[]})"));
        auto* find = new FindUserJob(client(), QStringLiteral("a+b&c@example.com"));
        find->setAuthenticator(&auth);
        QVERIFY(!run(find).isError());
        const QUrl url = m_nam->requests.at(0).request.url();
        QCOMPARE(url.path(), "/base/api/admin/users");
        QVERIFY2(url.query(QUrl::FullyEncoded).contains(QLatin1String("a%2Bb%26c%40example.com")),
                 qPrintable(url.query(QUrl::FullyEncoded)));

        auto* audit = new AuditJob(client(), QStringLiteral("u1"), 5);
        audit->setAuthenticator(&auth);
        QVERIFY(!run(audit).isError());
        const QUrlQuery query(m_nam->requests.at(1).request.url());
        QCOMPARE(query.queryItemValue("user_id"), "u1");
        QCOMPARE(query.queryItemValue("limit"), "5");
    }
};

QTEST_GUILESS_MAIN(TestApiJob)
#include "tst_apijob.moc"
