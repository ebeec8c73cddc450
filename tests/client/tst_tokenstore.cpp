// The refresh token in a real Secret Service (gnome-keyring on a private D-Bus session bus; run
// through with-keyring.sh): store, read and delete; "keep me signed in" restoring the session in
// a new AccountSession without the password; and the entry being deleted when the session ends
// (sign-out, revoked elsewhere) so that nothing dead stays behind.
#include "ClientTestSupport.h"
#include "HttpClient.h"
#include "TestServer.h"
#include "client/AccountSession.h"
#include "client/TokenStore.h"

using namespace vigie::client;
using testsupport::await;

namespace {

const QString kService = QStringLiteral("Vigie");
const QString kEmail = QStringLiteral("grace@example.com");
const QString kPassword = QStringLiteral("a long enough password");

TokenStore::Result readEntry(TokenStore& store, const QString& key)
{
    std::optional<TokenStore::Result> out;
    store.read(key, &store, [&](const TokenStore::Result& r) { out = r; });
    if (!QTest::qWaitFor([&] { return out.has_value(); }, 10000))
        return {TokenStore::Status::Failed, {}, QStringLiteral("no answer from the keychain")};
    return *out;
}

TokenStore::Result writeEntry(TokenStore& store, const QString& key, const QString& secret)
{
    std::optional<TokenStore::Result> out;
    store.write(key, secret, &store, [&](const TokenStore::Result& r) { out = r; });
    if (!QTest::qWaitFor([&] { return out.has_value(); }, 10000))
        return {TokenStore::Status::Failed, {}, QStringLiteral("no answer from the keychain")};
    return *out;
}

TokenStore::Result removeEntry(TokenStore& store, const QString& key)
{
    std::optional<TokenStore::Result> out;
    store.remove(key, &store, [&](const TokenStore::Result& r) { out = r; });
    if (!QTest::qWaitFor([&] { return out.has_value(); }, 10000))
        return {TokenStore::Status::Failed, {}, QStringLiteral("no answer from the keychain")};
    return *out;
}

// Signs in with "keep me signed in" and waits until the refresh token is in the keychain.
bool signInKept(AccountSession& session, const TestServer& server)
{
    QSignalSpy signedIn(&session, &AccountSession::signedIn);
    session.signIn(server.url().toString(), kEmail, kPassword, /*keepSignedIn=*/true);
    if (!QTest::qWaitFor([&] { return !signedIn.isEmpty(); }, 10000))
        return false;
    return QTest::qWaitFor([&] { return session.canRestore() && !session.tokenStore()->isBusy(); }, 10000) &&
           session.keychainStatus() == AccountSession::KeychainStatus::Available;
}

bool restore(AccountSession& session, ApiError* error = nullptr)
{
    QSignalSpy signedIn(&session, &AccountSession::signedIn);
    QSignalSpy failed(&session, &AccountSession::signInFailed);
    if (!session.restoreSession())
        return false;
    (void)QTest::qWaitFor([&] { return !signedIn.isEmpty() || !failed.isEmpty(); }, 10000);
    if (!failed.isEmpty() && error)
        *error = failed.first().first().value<ApiError>();
    return !signedIn.isEmpty();
}

} // namespace

class TestTokenStore final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        testsupport::isolateSettings("tst_tokenstore");
        QVERIFY2(qEnvironmentVariableIsSet("DBUS_SESSION_BUS_ADDRESS"),
                 "run this test through tests/client/with-keyring.sh");
    }

    void init() { QSettings().clear(); }

    void storeReadDelete()
    {
        TokenStore store(kService);
        const QString key = TokenStore::keyFor(QUrl("https://vigie.example.com"), "Grace@Example.com");
        const QString otherServer = TokenStore::keyFor(QUrl("https://other.example.com"), kEmail);
        QCOMPARE(key, TokenStore::keyFor(QUrl("https://vigie.example.com/"), kEmail));
        QVERIFY(key != otherServer);

        QCOMPARE(readEntry(store, key).status, TokenStore::Status::NotFound);
        const auto written = writeEntry(store, key, "refresh-1");
        QVERIFY2(written.status == TokenStore::Status::Ok, qPrintable(written.errorText));
        QCOMPARE(writeEntry(store, otherServer, "other").status, TokenStore::Status::Ok);
        const auto read = readEntry(store, key);
        QCOMPARE(read.status, TokenStore::Status::Ok);
        QCOMPARE(read.secret, "refresh-1");

        // Queued operations land in order: the write before the delete, the delete before the read.
        std::optional<TokenStore::Result> last;
        store.write(key, "refresh-2", &store);
        store.remove(key, &store);
        store.read(key, &store, [&](const TokenStore::Result& r) { last = r; });
        QTRY_VERIFY(last.has_value());
        QCOMPARE(last->status, TokenStore::Status::NotFound);

        QCOMPARE(readEntry(store, otherServer).secret, "other");
        QCOMPARE(removeEntry(store, otherServer).status, TokenStore::Status::Ok);
        QCOMPARE(removeEntry(store, otherServer).status, TokenStore::Status::Ok); // already gone: fine
    }

    void keepSignedInRestoresWithoutPassword()
    {
        TestServer server;
        QVERIFY(server.start());
        server.addUser(kEmail, kPassword);
        QNetworkAccessManager nam;
        QString sessionId;
        {
            AccountSession first(&nam);
            QVERIFY(signInKept(first, server));
            sessionId = first.sessionId();
            // The app quits without signing out.
        }
        TokenStore store(kService);
        QVERIFY(!readEntry(store, TokenStore::keyFor(server.url(), kEmail)).secret.isEmpty());

        AccountSession second(&nam);
        QVERIFY(second.canRestore());
        QVERIFY(restore(second));
        QCOMPARE(second.sessionId(), sessionId);
        QCOMPARE(second.email(), kEmail);
        QVERIFY(await(second.getSessions()).finished);
        // Restoring rotated the refresh token; the keychain must hold the new one, or the next
        // start would present a used token (and the server would end the session as stolen).
        QTRY_VERIFY(!second.tokenStore()->isBusy());

        AccountSession third(&nam);
        QVERIFY(restore(third));
        QCOMPARE(third.sessionId(), sessionId);
    }

    void refreshedTokenIsKept()
    {
        TestServer server({"--access-token-ttl", "1s"});
        QVERIFY(server.start());
        server.addUser(kEmail, kPassword);
        QNetworkAccessManager nam;
        {
            AccountSession first(&nam);
            QVERIFY(signInKept(first, server));
            QSignalSpy refreshed(&first, &AccountSession::accessTokenRefreshed);
            QTRY_VERIFY_WITH_TIMEOUT(refreshed.size() >= 2, 5000);
            QTRY_VERIFY(!first.tokenStore()->isBusy());
        }
        AccountSession second(&nam);
        QVERIFY(restore(second));
    }

    void missingEntryMeansSignInAgain()
    {
        TestServer server;
        QVERIFY(server.start());
        QSettings settings;
        settings.setValue("account/server", server.url().toString());
        settings.setValue("account/email", kEmail);
        settings.setValue("account/keepSignedIn", true);
        QNetworkAccessManager nam;
        AccountSession session(&nam);
        ApiError error;
        QVERIFY(!restore(session, &error));
        QCOMPARE(error.kind, ApiError::Kind::SignedOut);
        QVERIFY(!error.message.isEmpty());
        QVERIFY(!session.canRestore());
        QCOMPARE(session.state(), AccountSession::State::SignedOut);
    }

    void signOutDeletesTheEntry()
    {
        TestServer server;
        QVERIFY(server.start());
        server.addUser(kEmail, kPassword);
        QNetworkAccessManager nam;
        AccountSession session(&nam);
        QVERIFY(signInKept(session, server));
        const QString id = session.sessionId();
        QSignalSpy signedOut(&session, &AccountSession::signedOut);
        session.signOut();
        QTRY_COMPARE(signedOut.size(), 1);
        QVERIFY(!session.canRestore());
        TokenStore store(kService);
        QCOMPARE(readEntry(store, TokenStore::keyFor(server.url(), kEmail)).status,
                 TokenStore::Status::NotFound);

        // And the server ended the session.
        HttpClient http(server.url());
        const QString token = http.login(kEmail, kPassword).json().value("access_token").toString();
        const QJsonArray sessions =
            http.get("/api/users/me/sessions", token).json().value("sessions").toArray();
        QCOMPARE(sessions.size(), 1);
        QVERIFY(sessions.first().toObject().value("id").toString() != id);
    }

    void signOutOfflineStillDeletesTheEntry()
    {
        TestServer server;
        QVERIFY(server.start());
        server.addUser(kEmail, kPassword);
        QNetworkAccessManager nam;
        AccountSession session(&nam);
        QVERIFY(signInKept(session, server));
        const QUrl url = server.url();
        nam.clearConnectionCache();
        server.stop();
        QSignalSpy signedOut(&session, &AccountSession::signedOut);
        session.signOut();
        QTRY_COMPARE_WITH_TIMEOUT(signedOut.size(), 1, 10000);
        TokenStore store(kService);
        QCOMPARE(readEntry(store, TokenStore::keyFor(url, kEmail)).status, TokenStore::Status::NotFound);
    }

    void revokedElsewhereDeletesTheEntry()
    {
        TestServer server;
        QVERIFY(server.start());
        server.addUser(kEmail, kPassword);
        QNetworkAccessManager nam;
        AccountSession session(&nam);
        QVERIFY(signInKept(session, server));
        HttpClient http(server.url());
        const QString token = http.login(kEmail, kPassword).json().value("access_token").toString();
        QCOMPARE(http.del("/api/users/me/sessions/" + session.sessionId(), token).status, 204);

        QSignalSpy signedOut(&session, &AccountSession::signedOut);
        QCOMPARE(await(session.getSessions()).error.kind, ApiError::Kind::SignedOut);
        QTRY_COMPARE(signedOut.size(), 1);
        QCOMPARE(signedOut.first().first().value<AccountSession::SignOutReason>(),
                 AccountSession::SignOutReason::SessionEnded);
        QVERIFY(!session.canRestore());
        TokenStore store(kService);
        QCOMPARE(readEntry(store, TokenStore::keyFor(server.url(), kEmail)).status,
                 TokenStore::Status::NotFound);
    }

    void restoringARevokedSessionForgetsIt()
    {
        TestServer server;
        QVERIFY(server.start());
        server.addUser(kEmail, kPassword);
        QNetworkAccessManager nam;
        QString id;
        {
            AccountSession first(&nam);
            QVERIFY(signInKept(first, server));
            id = first.sessionId();
        }
        HttpClient http(server.url());
        const QString token = http.login(kEmail, kPassword).json().value("access_token").toString();
        QCOMPARE(http.del("/api/users/me/sessions/" + id, token).status, 204);

        AccountSession second(&nam);
        ApiError error;
        QVERIFY(!restore(second, &error));
        QVERIFY2(error.isSignedOut(), qPrintable(error.toLogString()));
        QCOMPARE(error.code, "invalid_grant");
        QVERIFY(!second.canRestore());
        QTRY_VERIFY(!second.tokenStore()->isBusy());
        TokenStore store(kService);
        QCOMPARE(readEntry(store, TokenStore::keyFor(server.url(), kEmail)).status,
                 TokenStore::Status::NotFound);
    }

    void notKeepingRemovesAnEarlierEntry()
    {
        TestServer server;
        QVERIFY(server.start());
        server.addUser(kEmail, kPassword);
        QNetworkAccessManager nam;
        {
            AccountSession first(&nam);
            QVERIFY(signInKept(first, server));
        }
        AccountSession second(&nam);
        QSignalSpy signedIn(&second, &AccountSession::signedIn);
        second.signIn(server.url().toString(), kEmail, kPassword, /*keepSignedIn=*/false);
        QTRY_COMPARE(signedIn.size(), 1);
        QTRY_VERIFY(!second.tokenStore()->isBusy());
        QVERIFY(!second.canRestore());
        TokenStore store(kService);
        QCOMPARE(readEntry(store, TokenStore::keyFor(server.url(), kEmail)).status,
                 TokenStore::Status::NotFound);
    }
};

QTEST_GUILESS_MAIN(TestTokenStore)
#include "tst_tokenstore.moc"
