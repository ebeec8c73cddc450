// EventStream against a fake network, for what a real server does not do on demand: a stream
// reset in the middle, garbage, an endless line, 429. The client must resume with
// Last-Event-ID, skip what it cannot read, drop a stream that would grow its memory, and never
// storm the server with reconnections. (Against the real server: tst_alerts in tests/gui.)
#include "ClientTestSupport.h"
#include "FakeNetworkAccessManager.h"
#include "client/AccountSession.h"
#include "client/EventStream.h"

using namespace vigie::client;

namespace {

const QByteArray kTokens =
    R"({"access_token":"acc","token_type":"Bearer","expires_in":900,"refresh_token":"ref",
"session_id":"3f2c7e0a-1111-4222-8333-444455556666",
"user":{"id":"9d1b0c52-aaaa-4bbb-8ccc-dddd00001111","email":"a@example.com","display_name":"A","role":"user"}})";
const QByteArray kVersion = R"({"version":"1.1","features":["events","flags"]})";

QByteArray eventMessage(int id, const char* action)
{
    return "id: " + QByteArray::number(id) + "\nevent: " + action + "\ndata: {\"event\":{\"id\":\"e" +
           QByteArray::number(id) +
           "\",\"at\":\"2026-12-03T14:02:00Z\",\"actor_user_id\":null,\"action\":\"" + action +
           "\",\"target_user_id\":\"9d1b0c52-aaaa-4bbb-8ccc-dddd00001111\",\"target_session_id\":null,"
           "\"ip_address\":\"203.0.113.9\",\"reason\":null},\"session\":null}\n\n";
}

FakeResponse stream(const QByteArray& body, QNetworkReply::NetworkError endWith = QNetworkReply::NoError)
{
    FakeResponse r;
    r.status = 200;
    r.headers = {{"Content-Type", "text/event-stream"}, {"Cache-Control", "no-store"}};
    r.body = body;
    r.error = endWith;
    r.errorString = QStringLiteral("simulated reset");
    return r;
}

} // namespace

class TestEventStream final : public QObject
{
    Q_OBJECT

private:
    FakeNetworkAccessManager* m_nam = nullptr;
    AccountSession* m_session = nullptr;
    EventStream* m_stream = nullptr;

    int streamRequests() const
    {
        int n = 0;
        for (const FakeRequest& r : m_nam->requests)
            n += r.request.url().path() == QLatin1String("/api/users/me/events");
        return n;
    }
    QByteArray lastEventIdSent(int streamIndex) const
    {
        int n = 0;
        for (const FakeRequest& r : m_nam->requests)
            if (r.request.url().path() == QLatin1String("/api/users/me/events") && n++ == streamIndex)
                return r.request.rawHeader("Last-Event-ID");
        return "(none)";
    }

    // Signs in against the fake: login, then the version, then the first stream.
    void signIn(const FakeResponse& firstStream)
    {
        m_nam->enqueue(FakeResponse::json(200, kTokens));
        m_nam->enqueue(FakeResponse::json(200, kVersion));
        m_nam->enqueue(firstStream);
        QSignalSpy signedIn(m_session, &AccountSession::signedIn);
        m_session->signIn(QStringLiteral("https://vigie.example.com"), QStringLiteral("a@example.com"),
                          QStringLiteral("password"), false);
        QVERIFY(signedIn.wait(5000));
    }

private Q_SLOTS:
    void initTestCase() { testsupport::isolateSettings("tst_eventstream"); }
    void init()
    {
        m_nam = new FakeNetworkAccessManager(this);
        m_session = new AccountSession(m_nam, this);
        m_stream = new EventStream(m_session, this);
        m_stream->setInitialRetryDelay(std::chrono::milliseconds(20));
    }
    void cleanup()
    {
        delete m_stream;
        delete m_session;
        delete m_nam;
    }

    void resumesWithLastEventIdAfterAReset()
    {
        QSignalSpy events(m_stream, &EventStream::event);
        QSignalSpy resync(m_stream, &EventStream::resyncNeeded);
        signIn(stream(eventMessage(41, "login_failed") + ": keep-alive\n\n" + eventMessage(42, "logout"),
                      QNetworkReply::RemoteHostClosedError));
        m_nam->enqueue(stream(eventMessage(43, "session_revoked"), QNetworkReply::RemoteHostClosedError));
        QTRY_COMPARE(events.size(), 3);
        QCOMPARE(events.at(0).first().value<vigie::AccountEvent>().event.id, "e41");
        QCOMPARE(events.at(2).first().value<vigie::AccountEvent>().event.action, "session_revoked");
        QCOMPARE(lastEventIdSent(0), QByteArray());
        QCOMPARE(lastEventIdSent(1), "42");
        // The bearer token of the session, and an event-stream Accept.
        const FakeRequest& first = m_nam->requests.at(2);
        QCOMPARE(first.request.rawHeader("Authorization"), "Bearer acc");
        QCOMPARE(first.request.rawHeader("Accept"), "text/event-stream");
        // Only the first connection needed the list read again; the second resumed.
        QCOMPARE(resync.size(), 1);
        QTRY_VERIFY(streamRequests() >= 3);
        QCOMPARE(lastEventIdSent(2), "43");
    }

    void unreadableMessagesAreSkippedAndEndlessLinesDropped()
    {
        QSignalSpy events(m_stream, &EventStream::event);
        signIn(stream("id: 7\ndata: {not json\n\nid: 8\ndata: [1,2]\n\n" + eventMessage(9, "logout") +
                      "data: " + QByteArray(SseParser::kDefaultMaxLineBytes + 10, 'x')));
        m_nam->enqueue(stream(eventMessage(10, "logout")));
        QTRY_COMPARE(events.size(), 2);
        QCOMPARE(events.at(0).first().value<vigie::AccountEvent>().event.id, "e9");
        // The too-long line ended that stream; the next one resumed after the last message read.
        QCOMPARE(lastEventIdSent(1), "9");
        QCOMPARE(m_stream->isActive(), true);
    }

    void notAnEventStreamIsAnError()
    {
        FakeResponse html;
        html.status = 200;
        html.headers = {{"Content-Type", "text/html"}};
        html.body = "<html>login portal</html>";
        QSignalSpy events(m_stream, &EventStream::event);
        signIn(html);
        QTRY_VERIFY(streamRequests() >= 2); // tried again, later
        QVERIFY(events.isEmpty());
    }

    void throttledWaitsAMinuteAtLeast()
    {
        FakeResponse tooMany = FakeResponse::json(429, R"({"error":"too_many_requests","message":"x"})");
        tooMany.headers.append(qMakePair(QByteArray("Retry-After"), QByteArray("5")));
        signIn(tooMany);
        QTRY_VERIFY(m_stream->nextRetry() >= std::chrono::seconds(60));
        QTest::qWait(300);
        QCOMPARE(streamRequests(), 1); // no storm
        QVERIFY(m_stream->isActive());
    }

    void otherClientErrorsWaitLongAndSignOutStops()
    {
        signIn(FakeResponse::json(403, R"({"error":"forbidden","message":"x"})"));
        QTRY_VERIFY(m_stream->nextRetry() >= std::chrono::minutes(5));
        QCOMPARE(streamRequests(), 1);
        FakeResponse loggedOut;
        loggedOut.status = 204;
        loggedOut.headers.clear();
        m_nam->enqueue(loggedOut);
        m_session->signOut();
        QTRY_COMPARE(m_session->state(), AccountSession::State::SignedOut);
        QVERIFY(!m_stream->isActive());
        QTest::qWait(100);
        QCOMPARE(streamRequests(), 1);
    }

    void v1ServerHasNoStream()
    {
        m_nam->enqueue(FakeResponse::json(200, kTokens));
        m_nam->enqueue(FakeResponse::json(404, R"({"detail":"Not Found"})"));
        QSignalSpy version(m_session, &AccountSession::serverVersionChanged);
        m_session->signIn(QStringLiteral("https://vigie.example.com"), QStringLiteral("a@example.com"),
                          QStringLiteral("password"), false);
        QVERIFY(version.wait(5000));
        QCOMPARE(m_session->serverVersion().version, "1.0");
        QVERIFY(!m_stream->isActive());
        QTest::qWait(100);
        QCOMPARE(streamRequests(), 0);
    }
};

QTEST_GUILESS_MAIN(TestEventStream)
#include "tst_eventstream.moc"
