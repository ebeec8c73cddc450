// AccountSession against the real vigie-server: sign-in, the session list, revocation with
// re-authentication, token refresh (before expiry and after a 401, shared by concurrent calls),
// being signed out from elsewhere, sign-out, throttling and the support staff's calls.
// The refresh token is not kept here (keepSignedIn = false); tst_tokenstore covers the keychain.
#include "ClientTestSupport.h"
#include "HttpClient.h"
#include "TestServer.h"
#include "client/AccountSession.h"
#include "client/EventStream.h"
#include "client/SessionDisplay.h"
#include "client/SessionListModel.h"

#include <QJsonArray>
#include <QThread>

using namespace vigie::client;
using testsupport::await;
using testsupport::CountingNetworkAccessManager;

namespace {

const QString kEmail = QStringLiteral("ada@example.com");
const QString kPassword = QStringLiteral("correct horse battery staple");
const QByteArray kFirefox =
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0";

bool signIn(AccountSession& session, const TestServer& server, const QString& email = kEmail,
            const QString& password = kPassword)
{
    QSignalSpy signedIn(&session, &AccountSession::signedIn);
    QSignalSpy failed(&session, &AccountSession::signInFailed);
    session.signIn(server.url().toString(), email, password, /*keepSignedIn=*/false);
    (void)QTest::qWaitFor([&] { return !signedIn.isEmpty() || !failed.isEmpty(); }, 10000);
    if (!failed.isEmpty())
        qWarning() << "sign-in failed:" << failed.first().first().value<ApiError>().toLogString();
    return !signedIn.isEmpty();
}

ApiError signInError(AccountSession& session, const QString& server, const QString& email,
                     const QString& password)
{
    QSignalSpy failed(&session, &AccountSession::signInFailed);
    session.signIn(server, email, password, false);
    if (!QTest::qWaitFor([&] { return !failed.isEmpty(); }, 10000))
        return {};
    return failed.first().first().value<ApiError>();
}

// Another sign-in of the same user, from a browser: {access_token, session_id}.
QJsonObject browserLogin(const TestServer& server, const QString& email = kEmail)
{
    HttpClient http(server.url());
    return http.login(email, kPassword, {{"User-Agent", kFirefox}}).json();
}

SessionList listSessions(AccountSession& session)
{
    const auto outcome = await(session.getSessions());
    if (!outcome.finished)
        qWarning() << "listing failed:" << outcome.error.toLogString();
    return outcome.finished ? outcome.arguments.first().value<SessionList>() : SessionList{};
}

QStringList ids(const SessionList& list)
{
    QStringList out;
    for (const auto& s : list.sessions)
        out.append(QString::fromStdString(s.id));
    return out;
}

// The real network, except that GET /api/version goes to a port where nothing listens.
class VersionUnreachableNetwork : public QNetworkAccessManager
{
public:
    using QNetworkAccessManager::QNetworkAccessManager;

protected:
    QNetworkReply* createRequest(Operation op, const QNetworkRequest& request,
                                 QIODevice* outgoingData) override
    {
        QNetworkRequest sent = request;
        if (request.url().path() == QLatin1String("/api/version")) {
            QUrl dead = request.url();
            dead.setPort(1);
            sent.setUrl(dead);
        }
        return QNetworkAccessManager::createRequest(op, sent, outgoingData);
    }
};

// The real network, remembering the Last-Event-ID of each request for the event stream.
class StreamWatchingNetwork : public QNetworkAccessManager
{
public:
    using QNetworkAccessManager::QNetworkAccessManager;
    QList<QByteArray> streamCursors; // one per connection; empty: none sent

protected:
    QNetworkReply* createRequest(Operation op, const QNetworkRequest& request,
                                 QIODevice* outgoingData) override
    {
        if (request.url().path() == QLatin1String("/api/users/me/events"))
            streamCursors.append(request.rawHeader("Last-Event-ID"));
        return QNetworkAccessManager::createRequest(op, request, outgoingData);
    }
};

} // namespace

class TestAccountSession final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { testsupport::isolateSettings("tst_accountsession"); }
    void init() { QSettings().clear(); }

    void signInListsCurrentSessionFirst()
    {
        TestServer server;
        QVERIFY2(server.start(), qPrintable(server.errorOutput()));
        const QString userId = server.addUser(kEmail, kPassword, "user", "Ada Lovelace");
        browserLogin(server);

        QNetworkAccessManager nam;
        AccountSession session(&nam);
        QSignalSpy states(&session, &AccountSession::stateChanged);
        QVERIFY(signIn(session, server));
        QCOMPARE(session.state(), AccountSession::State::SignedIn);
        QCOMPARE(states.size(), 2); // SigningIn, SignedIn
        QCOMPARE(QString::fromStdString(session.user().id), userId);
        QCOMPARE(QString::fromStdString(session.user().displayName), "Ada Lovelace");
        QVERIFY(!session.sessionId().isEmpty());
        QCOMPARE(session.lastServerUrl(), server.url().toString());
        QCOMPARE(session.lastEmail(), kEmail);
        QVERIFY(!session.canRestore());

        browserLogin(server);
        const SessionList list = listSessions(session);
        QCOMPARE(list.sessions.size(), 3);
        QCOMPARE(list.currentSessionId, session.sessionId());
        const vigie::Session& first = list.sessions.first();
        QCOMPARE(QString::fromStdString(first.id), session.sessionId());
        QVERIFY(first.isCurrent);
        QVERIFY(!list.sessions.at(1).isCurrent && !list.sessions.at(2).isCurrent);
        QCOMPARE(list.sessions.at(1).deviceInfo.userAgent, kFirefox.toStdString());

        SessionListModel model;
        model.setSessions(list);
        QCOMPARE(model.rowCount(), 3);
        QVERIFY(model.index(0, 0).data(SessionListModel::IsCurrentRole).toBool());
        QCOMPARE(model.index(1, SessionListModel::LocationColumn).data().toString(), "Local network");
        QCOMPARE(model.index(1, SessionListModel::LastActivityColumn).data().toString(), "Active now");

        const auto me = await(session.currentUser());
        QVERIFY(me.finished);
        QCOMPARE(me.arguments.first().value<vigie::User>().email, kEmail.toStdString());
    }

    void serverVersionIsAskedAfterSignIn()
    {
        TestServer server;
        QVERIFY(server.start());
        server.addUser(kEmail, kPassword);
        // What the server itself says: a v1 server answers 404, which the session reads as
        // version 1.0 without features.
        const HttpReply direct = HttpClient(server.url()).get("/api/version");
        const QString expected =
            direct.status == 404 ? QStringLiteral("1.0") : direct.json().value("version").toString();
        QVERIFY2(direct.status == 404 || direct.status == 200, direct.body.constData());

        QNetworkAccessManager nam;
        AccountSession session(&nam);
        QSignalSpy changed(&session, &AccountSession::serverVersionChanged);
        QVERIFY(session.serverVersion().version.empty());
        QVERIFY(signIn(session, server));
        QVERIFY(changed.wait(5000) || !changed.isEmpty());
        QCOMPARE(QString::fromStdString(session.serverVersion().version), expected);
        for (const QJsonValue& feature : direct.json().value("features").toArray())
            QVERIFY(session.supports(feature.toString().toStdString()));
        QCOMPARE(session.supports(vigie::feature::kEvents),
                 direct.json().value("features").toArray().contains(QStringLiteral("events")));

        session.signOut();
        QTRY_VERIFY(session.state() == AccountSession::State::SignedOut);
        QVERIFY(session.serverVersion().version.empty());
        QVERIFY(!session.supports(vigie::feature::kEvents));
        QCOMPARE(changed.size(), 2);
    }

    void unreachableVersionDoesNotHoldUpSignIn()
    {
        TestServer server;
        QVERIFY(server.start());
        server.addUser(kEmail, kPassword);
        VersionUnreachableNetwork nam;
        AccountSession session(&nam);
        QSignalSpy changed(&session, &AccountSession::serverVersionChanged);
        QVERIFY(signIn(session, server));
        // Unknown: everything v1 has keeps working, and nothing says "version".
        QCOMPARE(listSessions(session).sessions.size(), 1);
        QVERIFY(session.serverVersion().version.empty());
        QVERIFY(session.serverVersion().features.empty());
        QVERIFY(changed.isEmpty());
    }

    void eventStreamResumesAfterTheServerEndsIt()
    {
        // Access tokens of 3 s: the server ends each stream when its token expires.
        TestServer server({"--access-token-ttl", "3s"});
        QVERIFY(server.start());
        server.addUser(kEmail, kPassword);
        if (!HttpClient(server.url())
                 .get("/api/version")
                 .json()
                 .value("features")
                 .toArray()
                 .contains("events"))
            QSKIP("this vigie-server has no event stream");
        StreamWatchingNetwork nam;
        AccountSession session(&nam);
        EventStream stream(&session);
        QSignalSpy events(&stream, &EventStream::event);
        QSignalSpy connected(&stream, &EventStream::connectedChanged);
        QVERIFY(signIn(session, server));
        QTRY_VERIFY(stream.isConnected());

        const QString first = browserLogin(server).value("session_id").toString();
        QTRY_COMPARE(events.size(), 1);
        const auto login = events.first().first().value<vigie::AccountEvent>();
        QCOMPARE(login.event.action, "login");
        QCOMPARE(QString::fromStdString(login.session->id), first);
        const QByteArray cursor = stream.lastEventId();
        QVERIFY(!cursor.isEmpty());

        // The token expires, the server ends the stream, the client refreshes and comes back
        // with the cursor; what happened meanwhile arrives, nothing twice.
        QTRY_VERIFY_WITH_TIMEOUT(nam.streamCursors.size() >= 2 && stream.isConnected(), 15000);
        QCOMPARE(nam.streamCursors.first(), QByteArray());
        QCOMPARE(nam.streamCursors.at(1), cursor);
        const QString second = browserLogin(server).value("session_id").toString();
        QTRY_COMPARE(events.size(), 2);
        QCOMPARE(QString::fromStdString(events.at(1).first().value<vigie::AccountEvent>().session->id),
                 second);
    }

    void healthCheck()
    {
        TestServer server;
        QVERIFY(server.start());
        QNetworkAccessManager nam;
        auto* job = new HealthCheckJob(ApiClient(&nam, server.url()));
        job->start();
        QVERIFY(await(job).finished);
    }

    void wrongPasswordThenThrottled()
    {
        TestServer server({"--login-max-failures", "2"});
        QVERIFY(server.start());
        server.addUser(kEmail, kPassword);
        QNetworkAccessManager nam;
        AccountSession session(&nam);

        for (int i = 0; i < 2; ++i) {
            const ApiError wrong = signInError(session, server.url().toString(), kEmail, "wrong");
            QVERIFY2(wrong.isInvalidCredentials(), qPrintable(wrong.toLogString()));
            QCOMPARE(wrong.message, "The email address or password is incorrect.");
            QCOMPARE(session.state(), AccountSession::State::SignedOut);
        }
        // Throttled: even the right password waits.
        const ApiError throttled = signInError(session, server.url().toString(), kEmail, kPassword);
        QVERIFY2(throttled.isThrottled(), qPrintable(throttled.toLogString()));
        QCOMPARE(throttled.code, "too_many_requests");
        QVERIFY(throttled.retryAfterSeconds > 0);
        // The wait as people say it ("about 15 minutes"), not a count of seconds.
        QVERIFY2(throttled.message.contains(SessionDisplay::waitDuration(throttled.retryAfterSeconds)),
                 qPrintable(throttled.message));
        QVERIFY2(!throttled.message.contains(QStringLiteral(" seconds")), qPrintable(throttled.message));
        QCOMPARE(session.state(), AccountSession::State::SignedOut);
    }

    void serverAddressIsCheckedBeforeSending()
    {
        CountingNetworkAccessManager nam;
        AccountSession session(&nam);
        const ApiError insecure = signInError(session, "http://vigie.example.com", kEmail, kPassword);
        QCOMPARE(insecure.kind, ApiError::Kind::InvalidServerUrl);
        QVERIFY(insecure.message.contains(QLatin1String("http://")));
        const ApiError malformed = signInError(session, "ftp://vigie.example.com", kEmail, kPassword);
        QCOMPARE(malformed.kind, ApiError::Kind::InvalidServerUrl);
        QCOMPARE(nam.requestsTo("/api/auth/login"), 0);
        QCOMPARE(session.state(), AccountSession::State::SignedOut);
    }

    void unreachableServer()
    {
        TestServer server;
        QVERIFY(server.start());
        const QString url = server.url().toString();
        server.stop();
        QNetworkAccessManager nam;
        AccountSession session(&nam);
        const ApiError error = signInError(session, url, kEmail, kPassword);
        QCOMPARE(error.kind, ApiError::Kind::Network);
        QVERIFY(error.isTransient());
        QVERIFY(!error.message.isEmpty());
    }

    void revokeOneAfterReauthentication()
    {
        TestServer server({"--reauth-window", "1s"});
        QVERIFY(server.start());
        server.addUser(kEmail, kPassword);
        const QJsonObject other = browserLogin(server);
        const QString otherId = other.value("session_id").toString();
        QVERIFY(!otherId.isEmpty());

        QNetworkAccessManager nam;
        AccountSession session(&nam);
        QVERIFY(signIn(session, server));
        QTest::qWait(1500); // the password typed at sign-in is no longer fresh

        const auto refused = await(session.revokeSession(otherId));
        QVERIFY(!refused.finished);
        QVERIFY2(refused.error.isReauthenticationRequired(), qPrintable(refused.error.toLogString()));
        QCOMPARE(refused.error.httpStatus, 403);
        QVERIFY(!refused.error.message.isEmpty());

        const auto typo = await(session.reauthenticate("not my password"));
        QVERIFY(typo.error.isInvalidCredentials());
        QVERIFY(session.isSignedIn()); // a typo does not sign out

        QVERIFY(await(session.reauthenticate(kPassword)).finished);
        const auto revoked = await(session.revokeSession(otherId));
        QVERIFY2(revoked.finished, qPrintable(revoked.error.toLogString()));
        QCOMPARE(revoked.arguments.first().toString(), otherId);

        QCOMPARE(ids(listSessions(session)), QStringList{session.sessionId()});
        HttpClient http(server.url());
        QCOMPARE(http.get("/api/users/me", other.value("access_token").toString()).status, 401);

        // Again: that session is gone.
        const auto again = await(session.revokeSession(otherId));
        QVERIFY(again.error.isNotFound());
        QVERIFY(session.isSignedIn());
    }

    void revokeAllOthers()
    {
        TestServer server;
        QVERIFY(server.start());
        server.addUser(kEmail, kPassword);
        QNetworkAccessManager nam;
        AccountSession session(&nam);
        QVERIFY(signIn(session, server));
        browserLogin(server);
        browserLogin(server);
        QCOMPARE(listSessions(session).sessions.size(), 3);

        const auto outcome = await(session.revokeAllOtherSessions());
        QVERIFY2(outcome.finished, qPrintable(outcome.error.toLogString()));
        QCOMPARE(outcome.arguments.first().toInt(), 2);
        QCOMPARE(ids(listSessions(session)), QStringList{session.sessionId()});
        QVERIFY(session.isSignedIn());
    }

    void revokingThisDeviceSignsOut()
    {
        TestServer server;
        QVERIFY(server.start());
        server.addUser(kEmail, kPassword);
        QNetworkAccessManager nam;
        AccountSession session(&nam);
        QVERIFY(signIn(session, server));
        QSignalSpy signedOut(&session, &AccountSession::signedOut);
        const QString id = session.sessionId();
        QVERIFY(await(session.revokeSession(id)).finished);
        QTRY_COMPARE(signedOut.size(), 1);
        QCOMPARE(signedOut.first().first().value<AccountSession::SignOutReason>(),
                 AccountSession::SignOutReason::ThisDeviceRevoked);
        QCOMPARE(session.state(), AccountSession::State::SignedOut);
        QVERIFY(session.sessionId().isEmpty());
        QCOMPARE(await(session.getSessions()).error.kind, ApiError::Kind::SignedOut);
    }

    void expiredTokenIsRefreshedOnceForConcurrentCalls()
    {
        // 3 s, not 1 s: the refreshed token's own proactive refresh (at 80% of its lifetime)
        // must not fall inside the test on a loaded CI machine.
        TestServer server({"--access-token-ttl", "3s"});
        QVERIFY(server.start());
        server.addUser(kEmail, kPassword);
        CountingNetworkAccessManager nam;
        AccountSession session(&nam);
        QVERIFY(signIn(session, server));
        QSignalSpy refreshed(&session, &AccountSession::accessTokenRefreshed);

        // Without an event loop, so that the proactive refresh cannot run first.
        QThread::msleep(3500);
        testsupport::JobWatch<GetSessionsJob> first(session.getSessions());
        testsupport::JobWatch<GetSessionsJob> second(session.getSessions());
        testsupport::JobWatch<GetSessionsJob> third(session.getSessions());
        for (auto* call : {&first, &second, &third}) {
            const auto outcome = call->wait();
            QVERIFY2(outcome.finished, qPrintable(outcome.error.toLogString()));
            QCOMPARE(outcome.arguments.first().value<SessionList>().sessions.size(), 1);
        }
        QCOMPARE(nam.requestsTo("/api/auth/refresh"), 1);
        QCOMPARE(refreshed.size(), 1);
        QCOMPARE(nam.requestsTo("/api/users/me/sessions"), 3);
        QVERIFY(session.isSignedIn());
    }

    void tokenIsRefreshedBeforeItExpires()
    {
        TestServer server({"--access-token-ttl", "2s"});
        QVERIFY(server.start());
        server.addUser(kEmail, kPassword);
        CountingNetworkAccessManager nam;
        AccountSession session(&nam);
        QVERIFY(signIn(session, server));
        QSignalSpy refreshed(&session, &AccountSession::accessTokenRefreshed);
        QTRY_VERIFY_WITH_TIMEOUT(refreshed.size() >= 1, 5000);
        const auto outcome = await(session.getSessions());
        QVERIFY2(outcome.finished, qPrintable(outcome.error.toLogString()));
        QCOMPARE(nam.unauthorizedAnswers(), 0);
        // Same session all along: refreshing rotates the tokens, not the session.
        QCOMPARE(outcome.arguments.first().value<SessionList>().currentSessionId, session.sessionId());
    }

    void unauthorizedCallIsRefreshedAndRetriedOnce()
    {
        TestServer server;
        QVERIFY(server.start());
        server.addUser(kEmail, kPassword);
        CountingNetworkAccessManager nam;
        AccountSession session(&nam);
        QVERIFY(signIn(session, server));

        // The server comes back with a new signing key: every access token it issued is now
        // refused, while the refresh token (a random string in its database) still works.
        nam.clearConnectionCache(); // or the server waits for our idle keep-alive connection
        QCOMPARE(server.stop(), 0);
        server.setExtraArgs({"--listen", QStringLiteral("127.0.0.1:%1").arg(server.url().port()),
                             "--jwt-secret-file", server.databasePath() + ".rotated-secret"});
        QVERIFY2(server.start(), qPrintable(server.errorOutput()));

        const auto outcome = await(session.getSessions());
        QVERIFY2(outcome.finished, qPrintable(outcome.error.toLogString()));
        QCOMPARE(nam.unauthorizedAnswers(), 1);
        QCOMPARE(nam.requestsTo("/api/auth/refresh"), 1);
        QCOMPARE(nam.requestsTo("/api/users/me/sessions"), 2);
        QVERIFY(session.isSignedIn());
    }

    void revokedElsewhereSignsOutWithReason()
    {
        TestServer server;
        QVERIFY(server.start());
        server.addUser(kEmail, kPassword);
        QNetworkAccessManager nam;
        AccountSession session(&nam);
        QVERIFY(signIn(session, server));
        QSignalSpy signedOut(&session, &AccountSession::signedOut);

        // From a browser, freshly signed in, the user ends the desktop app's session.
        const QJsonObject browser = browserLogin(server);
        HttpClient http(server.url());
        QCOMPARE(http.del("/api/users/me/sessions/" + session.sessionId(),
                          browser.value("access_token").toString())
                     .status,
                 204);

        const auto outcome = await(session.getSessions());
        QVERIFY(!outcome.finished);
        QCOMPARE(outcome.error.kind, ApiError::Kind::SignedOut);
        QVERIFY(outcome.error.isSignedOut());
        QTRY_COMPARE(signedOut.size(), 1);
        QCOMPARE(signedOut.first().at(0).value<AccountSession::SignOutReason>(),
                 AccountSession::SignOutReason::SessionEnded);
        const QString reason = signedOut.first().at(1).toString();
        QVERIFY2(reason.contains(QLatin1String("another device")), qPrintable(reason));
        QCOMPARE(outcome.error.message, reason);
        QCOMPARE(session.state(), AccountSession::State::SignedOut);
    }

    void signOutEndsTheSessionOnTheServer()
    {
        TestServer server;
        QVERIFY(server.start());
        server.addUser(kEmail, kPassword);
        QNetworkAccessManager nam;
        AccountSession session(&nam);
        QVERIFY(signIn(session, server));
        const QString id = session.sessionId();
        QSignalSpy signedOut(&session, &AccountSession::signedOut);
        session.signOut();
        QCOMPARE(session.state(), AccountSession::State::SigningOut);
        QTRY_COMPARE(signedOut.size(), 1);
        QCOMPARE(signedOut.first().at(0).value<AccountSession::SignOutReason>(),
                 AccountSession::SignOutReason::UserRequested);
        QVERIFY(signedOut.first().at(1).toString().isEmpty());
        QCOMPARE(session.state(), AccountSession::State::SignedOut);

        const QJsonObject browser = browserLogin(server);
        HttpClient http(server.url());
        const QJsonArray listed = http.get("/api/users/me/sessions", browser.value("access_token").toString())
                                      .json()
                                      .value("sessions")
                                      .toArray();
        QCOMPARE(listed.size(), 1);
        QVERIFY(listed.first().toObject().value("id").toString() != id);
    }

    void signOutWithoutServerStillSignsOut()
    {
        TestServer server;
        QVERIFY(server.start());
        server.addUser(kEmail, kPassword);
        QNetworkAccessManager nam;
        AccountSession session(&nam);
        QVERIFY(signIn(session, server));
        nam.clearConnectionCache();
        server.stop();
        QSignalSpy signedOut(&session, &AccountSession::signedOut);
        session.signOut();
        QTRY_COMPARE_WITH_TIMEOUT(signedOut.size(), 1, 10000);
        QCOMPARE(session.state(), AccountSession::State::SignedOut);
        // Says that the server could not be told.
        QVERIFY(!signedOut.first().at(1).toString().isEmpty());
    }

    void callsNeedASignedInSession()
    {
        QNetworkAccessManager nam;
        AccountSession session(&nam);
        const auto outcome = await(session.getSessions());
        QCOMPARE(outcome.error.kind, ApiError::Kind::SignedOut);
        QVERIFY(!outcome.error.message.isEmpty());
    }

    void ownAuditTrail()
    {
        TestServer server;
        QVERIFY(server.start());
        server.addUser(kEmail, kPassword);
        QNetworkAccessManager nam;
        AccountSession session(&nam);
        QVERIFY(signIn(session, server));
        const auto outcome = await(session.ownAudit(10));
        QVERIFY2(outcome.finished, qPrintable(outcome.error.toLogString()));
        const auto events = outcome.arguments.first().value<QList<vigie::AuditEvent>>();
        QVERIFY(!events.isEmpty());
        QCOMPARE(events.first().action, "login");
    }

    void supportStaffCalls()
    {
        TestServer server;
        QVERIFY(server.start());
        const QString userId = server.addUser(kEmail, kPassword);
        server.addUser("help@example.com", kPassword, "support", "Help Desk");
        const QString userSession = browserLogin(server).value("session_id").toString();

        QNetworkAccessManager nam;
        AccountSession staff(&nam);
        QVERIFY(signIn(staff, server, "help@example.com"));
        QVERIFY(staff.user().role == vigie::Role::Support);

        const auto found = await(staff.findUser("ADA@example.com"));
        QVERIFY2(found.finished, qPrintable(found.error.toLogString()));
        const auto users = found.arguments.first().value<QList<vigie::User>>();
        QCOMPARE(users.size(), 1);
        QCOMPARE(QString::fromStdString(users.first().id), userId);

        const auto listed = await(staff.userSessions(userId));
        QVERIFY(listed.finished);
        const auto sessions = listed.arguments.first().value<QList<vigie::Session>>();
        QCOMPARE(sessions.size(), 1);
        QVERIFY(!sessions.first().isCurrent);

        const auto revoked = await(staff.adminRevokeSession(userId, userSession, "Lost phone (ticket 42)"));
        QVERIFY2(revoked.finished, qPrintable(revoked.error.toLogString()));

        const auto audit = await(staff.audit(userId, 50));
        QVERIFY(audit.finished);
        bool seen = false;
        for (const auto& event : audit.arguments.first().value<QList<vigie::AuditEvent>>())
            if (event.action == "session_revoked" &&
                event.reason == std::optional<std::string>("Lost phone (ticket 42)"))
                seen = true;
        QVERIFY(seen);

        // An ordinary user is refused.
        AccountSession user(&nam);
        QVERIFY(signIn(user, server));
        const auto forbidden = await(user.findUser(kEmail));
        QCOMPARE(forbidden.error.httpStatus, 403);
        QCOMPARE(forbidden.error.code, "forbidden");
    }
};

QTEST_GUILESS_MAIN(TestAccountSession)
#include "tst_accountsession.moc"
