// The account-control jobs of API v1.1 through AccountSession against the real vigie-server:
// what each answer, error or not, becomes (rename, settings, password change, the server's
// version), then the one answer the real server never gives (settings out of their own range)
// on the fake network.
#include "ClientTestSupport.h"
#include "FakeNetworkAccessManager.h"
#include "HttpClient.h"
#include "TestServer.h"
#include "client/AccountSession.h"

using namespace vigie::client;
using testsupport::await;

namespace {

const QString kEmail = QStringLiteral("ada@example.com");
const QString kPassword = QStringLiteral("correct horse battery staple");

bool signIn(AccountSession& session, const TestServer& server)
{
    QSignalSpy signedIn(&session, &AccountSession::signedIn);
    QSignalSpy version(&session, &AccountSession::serverVersionChanged);
    session.signIn(server.url().toString(), kEmail, kPassword, /*keepSignedIn=*/false);
    return QTest::qWaitFor([&] { return !signedIn.isEmpty() && !version.isEmpty(); }, 10000);
}

// A bearer token for jobs on the fake network.
class FixedToken : public JobAuthenticator
{
public:
    QByteArray accessToken() const override { return "token"; }
    bool admit(ApiJob*) override { return true; }
    bool recover(ApiJob*, const QByteArray&) override { return false; }
};

} // namespace

class TestAccountJobs final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        testsupport::isolateSettings("tst_accountjobs");
        m_server = std::make_unique<TestServer>(
            QStringList{QStringLiteral("--login-max-failures"), QStringLiteral("2")});
        QVERIFY2(m_server->start(), qPrintable(m_server->errorOutput()));
        QVERIFY(!m_server->addUser(kEmail, kPassword, "user", "Ada Lovelace").isEmpty());
    }

    void versionNamesTheFeatures()
    {
        QNetworkAccessManager nam;
        AccountSession session(&nam);
        QVERIFY(signIn(session, *m_server));
        QCOMPARE(session.serverVersion().version, std::string("1.1"));
        for (const char* feature :
             {vigie::feature::kSessionNames, vigie::feature::kSettings, vigie::feature::kPasswordChange})
            QVERIFY2(session.supports(feature), feature);
        session.signOut();
        QTRY_VERIFY(!session.supports(vigie::feature::kSettings));
    }

    void renameErrors()
    {
        QNetworkAccessManager nam;
        AccountSession session(&nam);
        QVERIFY(signIn(session, *m_server));
        const auto named =
            await(session.renameSession(session.sessionId(), QStringLiteral("  Work laptop  ")));
        QVERIFY(named.finished);
        QCOMPARE(named.arguments.first().value<vigie::Session>().name.value_or(""),
                 std::string("Work laptop"));

        const auto tooLong = await(session.renameSession(session.sessionId(), QString(65, QLatin1Char('x'))));
        QCOMPARE(tooLong.error.httpStatus, 400);
        QCOMPARE(tooLong.error.code, QStringLiteral("invalid_request"));
        const auto control = await(session.renameSession(session.sessionId(), QStringLiteral("a\tb")));
        QCOMPARE(control.error.httpStatus, 400);
        const auto unknown = await(session.renameSession(
            QStringLiteral("4f2c7e0a-1111-4222-8333-444455556666"), QStringLiteral("x")));
        QVERIFY(unknown.error.isNotFound());

        const auto cleared = await(session.renameSession(session.sessionId(), QString()));
        QVERIFY(cleared.finished);
        QVERIFY(!cleared.arguments.first().value<vigie::Session>().name);
    }

    void settingsReadAndWritten()
    {
        QNetworkAccessManager nam;
        AccountSession session(&nam);
        QVERIFY(signIn(session, *m_server));
        const auto read = await(session.accountSettings());
        QVERIFY(read.finished);
        const auto settings = read.arguments.first().value<vigie::AccountSettings>();
        QCOMPARE(settings.maxIdleTimeoutSeconds, 14LL * 24 * 3600);
        const auto written = await(session.setIdleTimeout(24 * 3600));
        QVERIFY(written.finished);
        QCOMPARE(written.arguments.first().value<vigie::AccountSettings>().idleTimeoutSeconds, 24LL * 3600);
        const auto tooShort = await(session.setIdleTimeout(60));
        QCOMPARE(tooShort.error.httpStatus, 400);
        QVERIFY(!tooShort.error.message.isEmpty());
        QVERIFY(await(session.setIdleTimeout(settings.maxIdleTimeoutSeconds)).finished);
    }

    void passwordChangeErrors()
    {
        QNetworkAccessManager nam;
        AccountSession session(&nam);
        QVERIFY(signIn(session, *m_server));
        const auto weak = await(session.changePassword(kPassword, QStringLiteral("password"), true));
        QVERIFY(weak.error.isWeakPassword());
        QVERIFY2(weak.error.message.startsWith(QStringLiteral("The server refused this password: ")),
                 qPrintable(weak.error.message));
        const auto same = await(session.changePassword(kPassword, kPassword, true));
        QVERIFY(same.error.isWeakPassword());

        const auto wrong =
            await(session.changePassword(QStringLiteral("wrong"), QStringLiteral("x long new pw"), true));
        QVERIFY(wrong.error.isInvalidCredentials());
        await(session.changePassword(QStringLiteral("wrong"), QStringLiteral("x long new pw"), true));
        const auto throttled =
            await(session.changePassword(kPassword, QStringLiteral("x long new pw"), true));
        QVERIFY(throttled.error.isThrottled());
        QVERIFY(throttled.error.retryAfterSeconds > 0);
        QVERIFY2(throttled.error.message.contains(QStringLiteral("try again in")),
                 qPrintable(throttled.error.message));
    }

    void settingsOutsideTheirOwnRangeAreRefused()
    {
        FakeNetworkAccessManager nam;
        nam.enqueue(
            FakeResponse::json(200, R"({"idle_timeout_seconds":90000,"max_idle_timeout_seconds":3600})"));
        auto* job =
            new AccountSettingsJob(ApiClient(&nam, QUrl(QStringLiteral("https://vigie.example.com"))));
        FixedToken token;
        job->setAuthenticator(&token);
        job->setTimeout(std::chrono::seconds(5));
        testsupport::JobWatch<AccountSettingsJob> watch(job);
        job->start();
        const auto outcome = watch.wait();
        QCOMPARE(int(outcome.error.kind), int(ApiError::Kind::InvalidResponse));
    }

private:
    std::unique_ptr<TestServer> m_server;
};

QTEST_GUILESS_MAIN(TestAccountJobs)
#include "tst_accountjobs.moc"
