// No keychain backend (run through `with-keyring.sh --no-bus`: no D-Bus session bus at all).
// The app cannot remember the sign-in, says so, and the running session still works.
#include "ClientTestSupport.h"
#include "TestServer.h"
#include "client/AccountSession.h"
#include "client/TokenStore.h"

using namespace vigie::client;
using testsupport::await;

namespace {

const QString kEmail = QStringLiteral("linus@example.com");
const QString kPassword = QStringLiteral("a long enough password");

} // namespace

class TestKeychainUnavailable final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        testsupport::isolateSettings("tst_keychainunavailable");
        QVERIFY2(!qEnvironmentVariableIsSet("DBUS_SESSION_BUS_ADDRESS"),
                 "run this test through `tests/client/with-keyring.sh --no-bus`");
    }

    void init() { QSettings().clear(); }

    void storeReportsUnavailable()
    {
        TokenStore store;
        std::optional<TokenStore::Result> written;
        store.write(TokenStore::keyFor(QUrl("https://vigie.example.com"), kEmail), "secret", &store,
                    [&](const TokenStore::Result& r) { written = r; });
        QTRY_VERIFY_WITH_TIMEOUT(written.has_value(), 10000);
        QCOMPARE(written->status, TokenStore::Status::Unavailable);
        QVERIFY(!written->errorText.isEmpty());
    }

    void signInWorksButIsNotRemembered()
    {
        TestServer server;
        QVERIFY(server.start());
        server.addUser(kEmail, kPassword);
        QNetworkAccessManager nam;
        AccountSession session(&nam);
        QSignalSpy signedIn(&session, &AccountSession::signedIn);
        QSignalSpy keychain(&session, &AccountSession::keychainStatusChanged);
        session.signIn(server.url().toString(), kEmail, kPassword, /*keepSignedIn=*/true);
        QTRY_COMPARE(signedIn.size(), 1);
        QTRY_COMPARE_WITH_TIMEOUT(session.keychainStatus(), AccountSession::KeychainStatus::Unavailable,
                                  10000);
        QCOMPARE(keychain.last().first().value<AccountSession::KeychainStatus>(),
                 AccountSession::KeychainStatus::Unavailable);
        QVERIFY(session.keychainStatusMessage().contains(QLatin1String("cannot remember")));
        QVERIFY(!session.canRestore());
        QVERIFY(!session.keepSignedIn());

        // The running session is unaffected.
        QVERIFY(session.isSignedIn());
        const auto listed = await(session.getSessions());
        QVERIFY2(listed.finished, qPrintable(listed.error.toLogString()));

        QSignalSpy signedOut(&session, &AccountSession::signedOut);
        session.signOut();
        QTRY_COMPARE(signedOut.size(), 1);
    }

    void restoreReportsUnavailable()
    {
        QSettings settings;
        settings.setValue("account/server", "http://127.0.0.1:9");
        settings.setValue("account/email", kEmail);
        settings.setValue("account/keepSignedIn", true);
        QNetworkAccessManager nam;
        AccountSession session(&nam);
        QSignalSpy failed(&session, &AccountSession::signInFailed);
        QVERIFY(session.restoreSession());
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 10000);
        const auto error = failed.first().first().value<ApiError>();
        QCOMPARE(error.kind, ApiError::Kind::KeychainUnavailable);
        QVERIFY(!error.message.isEmpty());
        QCOMPARE(session.keychainStatus(), AccountSession::KeychainStatus::Unavailable);
        QCOMPARE(session.state(), AccountSession::State::SignedOut);
    }
};

QTEST_GUILESS_MAIN(TestKeychainUnavailable)
#include "tst_keychainunavailable.moc"
