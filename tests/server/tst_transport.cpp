// The HTTP transport as an attacker and a proxy see it: every limit and deadline, framing
// that cannot desynchronise a connection, slow and hung clients, load shedding, TLS, and a
// clean drain on SIGTERM. Raw sockets, because a well-behaved HTTP client cannot misbehave.
#include "HttpClient.h"
#include "TestCertificate.h"
#include "TestServer.h"

#include <QtTest>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace {

// A blocking TCP connection with explicit waits.
class RawSocket
{
public:
    explicit RawSocket(const QUrl& url)
    {
        m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_port = htons(quint16(url.port()));
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (::connect(m_fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
            ::close(m_fd);
            m_fd = -1;
        }
    }
    ~RawSocket()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    RawSocket(const RawSocket&) = delete;
    RawSocket& operator=(const RawSocket&) = delete;

    bool isOpen() const { return m_fd >= 0; }

    // False when the peer has closed (or reset) the connection.
    bool send(const QByteArray& data)
    {
        qsizetype sent = 0;
        while (sent < data.size()) {
            const auto n = ::send(m_fd, data.constData() + sent, size_t(data.size() - sent), MSG_NOSIGNAL);
            if (n <= 0)
                return false;
            sent += n;
        }
        return true;
    }

    // Reads until the peer closes or nothing arrives for idleMs.
    QByteArray readUntilClosed(int idleMs, bool* closed = nullptr)
    {
        QByteArray out;
        if (closed)
            *closed = false;
        for (;;) {
            pollfd p{m_fd, POLLIN, 0};
            if (::poll(&p, 1, idleMs) <= 0)
                return out;
            char buf[65536];
            const auto n = ::recv(m_fd, buf, sizeof buf, 0);
            if (n <= 0) {
                if (closed)
                    *closed = true;
                return out;
            }
            out.append(buf, n);
        }
    }

    // Reads until `count` complete responses with a Content-Length have arrived.
    QByteArray readResponses(int count, int timeoutMs)
    {
        QByteArray out;
        while (responsesIn(out) < count) {
            pollfd p{m_fd, POLLIN, 0};
            if (::poll(&p, 1, timeoutMs) <= 0)
                break;
            char buf[65536];
            const auto n = ::recv(m_fd, buf, sizeof buf, 0);
            if (n <= 0)
                break;
            out.append(buf, n);
        }
        return out;
    }

    bool hasData() const
    {
        pollfd p{m_fd, POLLIN, 0};
        return ::poll(&p, 1, 0) > 0;
    }

    static int responsesIn(const QByteArray& data)
    {
        int count = 0;
        qsizetype at = 0;
        for (;;) {
            const auto end = data.indexOf("\r\n\r\n", at);
            if (end < 0)
                return count;
            const auto head = data.mid(at, end - at).toLower();
            const auto cl = head.indexOf("content-length:");
            const int length =
                cl < 0 ? 0 : head.mid(cl + 15, head.indexOf("\r\n", cl) - cl - 15).trimmed().toInt();
            if (data.size() < end + 4 + length)
                return count;
            ++count;
            at = end + 4 + length;
        }
    }

private:
    int m_fd = -1;
};

QList<int> statuses(const QByteArray& data)
{
    QList<int> out;
    qsizetype at = 0;
    while ((at = data.indexOf("HTTP/1.1 ", at)) >= 0) {
        out << data.mid(at + 9, 3).toInt();
        at += 12;
    }
    return out;
}

qint64 rssKb(qint64 pid)
{
    QFile status(QString("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    const auto line = QString::fromLatin1(status.readAll()).split('\n').filter("VmRSS").value(0);
    return line.section(':', 1).trimmed().section(' ', 0, 0).toLongLong();
}

const QByteArray kHealthz = "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n";

} // namespace

class TestTransport final : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void requestLineLimit();
    void headerLineLimit();
    void headerCountAndTotalLimits();
    void controlCharactersInTheRequestLineAreRefused();
    void bodyOverTheLimitIs413WhateverTheFraming_data();
    void bodyOverTheLimitIs413WhateverTheFraming();
    void endlessChunkedBodyKeepsMemoryBounded();
    void unknownTransferEncodingIsRefusedAndClosed();
    void anUnreadBodyClosesTheConnection_data();
    void anUnreadBodyClosesTheConnection();
    void pipelinedRequestsAreAnsweredInOrder();
    void slowHeadersAreCutAtTheDeadline();
    void slowBodiesAreCutAtTheDeadline();
    void idleKeepAliveConnectionsAreClosed();
    void hundredsOfSlowClientsDoNotStarveOthers();
    void connectionsPerAddressAreCapped();
    void passwordHashingNeverStallsOtherRoutes();
    void fullQueueIsShedWith503();
    void tlsBelow12IsRefused();
    void concurrentWrongPasswordsGetAtMostTheLimit();
    void ipv6ClientsAreThrottledByTheirSlash64();
    void sigtermWithHungClientsExitsZero();

private:
    TestServer m_server{{"--login-max-failures", "10000", "--header-timeout", "2s", "--body-timeout", "2s",
                         "--keep-alive-timeout", "2s", "--max-connections-per-address", "1000"}};
    std::unique_ptr<HttpClient> m_http;
};

void TestTransport::initTestCase()
{
    QVERIFY2(m_server.start(), qPrintable(m_server.errorOutput()));
    QVERIFY(!m_server.addUser("kim@example.test", "kim password").isEmpty());
    m_http = std::make_unique<HttpClient>(m_server.url());
}

void TestTransport::requestLineLimit()
{
    // Just under 8 KiB is a request (an unknown route here); just over is 414 and closed.
    const QByteArray fits = "GET /" + QByteArray(8000, 'a') + " HTTP/1.1\r\nHost: x\r\n\r\n";
    QVERIFY(m_http->raw(fits).startsWith("HTTP/1.1 404"));
    RawSocket s(m_server.url());
    QVERIFY(s.send("GET /" + QByteArray(8300, 'a') + " HTTP/1.1\r\nHost: x\r\n\r\n"));
    bool closed = false;
    const QByteArray reply = s.readUntilClosed(5000, &closed);
    QVERIFY2(reply.startsWith("HTTP/1.1 414"), reply.left(100).constData());
    QVERIFY(reply.contains("\"error\":\"uri_too_long\""));
    QVERIFY(closed);
    // Far past every limit, it is still a 414, not a 431.
    QVERIFY(m_http->raw("GET /" + QByteArray(200000, 'a') + " HTTP/1.1\r\n\r\n").startsWith("HTTP/1.1 414"));
}

void TestTransport::headerLineLimit()
{
    // A 10 KB User-Agent is a real browser's worst case: accepted and stored.
    const QByteArray agent = "Mozilla/5.0 " + QByteArray(10000, 'x');
    const auto login = m_http->login("kim@example.test", "kim password", {{"User-Agent", agent}});
    QCOMPARE(login.status, 200);
    // One header line over 32 KiB: 431 and closed.
    RawSocket s(m_server.url());
    QVERIFY(s.send("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + QByteArray(33 * 1024, 'b') + "\r\n\r\n"));
    bool closed = false;
    const QByteArray reply = s.readUntilClosed(5000, &closed);
    QVERIFY2(reply.startsWith("HTTP/1.1 431"), reply.left(100).constData());
    QVERIFY(reply.contains("\"error\":\"header_too_large\""));
    QVERIFY(closed);
}

void TestTransport::headerCountAndTotalLimits()
{
    auto fields = [](int count, int size) {
        QByteArray out = "GET /healthz HTTP/1.1\r\nHost: x\r\n";
        for (int i = 1; i < count; ++i)
            out += "X-" + QByteArray::number(i) + ": " + QByteArray(size, 'v') + "\r\n";
        return out + "\r\n";
    };
    QVERIFY(m_http->raw(fields(100, 10)).startsWith("HTTP/1.1 200"));
    QVERIFY(m_http->raw(fields(101, 10)).startsWith("HTTP/1.1 431"));
    // Three lines of 30,000 bytes: each fits, together they are over 64 KiB.
    QVERIFY(m_http->raw(fields(3, 30000)).startsWith("HTTP/1.1 200"));
    QVERIFY(m_http->raw(fields(4, 30000)).startsWith("HTTP/1.1 431"));
    // Far over (100 KB of headers): still 431, not a 414.
    QVERIFY(m_http->raw(fields(6, 20000)).startsWith("HTTP/1.1 431"));
}

void TestTransport::controlCharactersInTheRequestLineAreRefused()
{
    // A raw line feed would split a log line or a request: refused before any route.
    const QByteArray reply = m_http->raw("GET /api/x\x01y HTTP/1.1\r\nHost: x\r\n\r\n");
    QVERIFY2(reply.startsWith("HTTP/1.1 400"), reply.left(100).constData());
    // In a header value too (RFC 9110 section 5.5): the request is malformed, before any
    // authentication.
    QVERIFY(
        m_http->raw("GET /api/users/me HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \x01\x02garbage\r\n\r\n")
            .startsWith("HTTP/1.1 400"));
    // An escaped one is only text: the route does not exist.
    QVERIFY(m_http->raw("GET /api/x%0Ainjected HTTP/1.1\r\nHost: x\r\n\r\n").startsWith("HTTP/1.1 404"));
    QVERIFY(!m_server.errorOutput().contains("\ninjected"));
}

void TestTransport::bodyOverTheLimitIs413WhateverTheFraming_data()
{
    QTest::addColumn<QByteArray>("request");
    const QByteArray head = "POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n";
    QTest::newRow("content-length") << head + "Content-Length: 65537\r\n\r\n" + QByteArray(65537, ' ');
    QByteArray chunked = head + "Transfer-Encoding: chunked\r\n\r\n";
    for (int i = 0; i < 5; ++i)
        chunked += "4000\r\n" + QByteArray(0x4000, ' ') + "\r\n";
    QTest::newRow("chunked") << chunked + "0\r\n\r\n";
    QTest::newRow("one huge chunk") << head + "Transfer-Encoding: chunked\r\n\r\n10001\r\n" +
                                           QByteArray(0x10001, ' ');
}

void TestTransport::bodyOverTheLimitIs413WhateverTheFraming()
{
    QFETCH(QByteArray, request);
    RawSocket s(m_server.url());
    s.send(request);
    bool closed = false;
    const QByteArray reply = s.readUntilClosed(8000, &closed);
    QVERIFY2(reply.startsWith("HTTP/1.1 413"), reply.left(100).constData());
    QVERIFY(reply.contains("\"error\":\"payload_too_large\""));
    QVERIFY(reply.contains("Connection: close"));
    QVERIFY(closed);
}

void TestTransport::endlessChunkedBodyKeepsMemoryBounded()
{
    const qint64 pid = m_server.process().processId();
    const qint64 before = rssKb(pid);
    RawSocket s(m_server.url());
    QVERIFY(s.send("POST /api/auth/login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"));
    // 50 MB offered in 16 KB chunks: the server answers 413 at 64 KiB and stops taking them.
    const QByteArray chunk = "4000\r\n" + QByteArray(0x4000, 'a') + "\r\n";
    qint64 offered = 0;
    while (offered < 50'000'000 && s.send(chunk) && !s.hasData())
        offered += chunk.size();
    const QByteArray reply = s.readUntilClosed(8000);
    QVERIFY2(reply.startsWith("HTTP/1.1 413"), reply.left(100).constData());
    QVERIFY2(offered < 10'000'000, qPrintable(QString::number(offered)));
    const qint64 after = rssKb(pid);
    QVERIFY2(after - before < 8 * 1024, qPrintable(QString("RSS %1 kB → %2 kB").arg(before).arg(after)));
}

void TestTransport::unknownTransferEncodingIsRefusedAndClosed()
{
    // Without chunked last, the body's end cannot be known: 400, and nothing after it is
    // taken for a request.
    RawSocket s(m_server.url());
    QVERIFY(s.send("POST /api/auth/login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n" + kHealthz));
    bool closed = false;
    const QByteArray reply = s.readUntilClosed(5000, &closed);
    QCOMPARE(statuses(reply), QList<int>{400});
    QVERIFY(closed);
}

void TestTransport::anUnreadBodyClosesTheConnection_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<int>("status");
    // The body of each is itself a whole request: answering it would be request smuggling.
    QTest::newRow("404") << QByteArray("POST /nope HTTP/1.1\r\nHost: x\r\nContent-Length: 34\r\n\r\n") +
                                kHealthz
                         << 404;
    QTest::newRow("405") << QByteArray("PUT /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: 34\r\n\r\n") +
                                kHealthz
                         << 405;
    QTest::newRow("GET with a body")
        << QByteArray("GET /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: 34\r\n\r\n") + kHealthz << 200;
    QTest::newRow("chunked 404") << QByteArray(
                                        "POST /nope HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                                        "22\r\n") +
                                        kHealthz + "\r\n0\r\n\r\n"
                                 << 404;
    QTest::newRow("413 by length") << QByteArray("POST /api/auth/login HTTP/1.1\r\nHost: x\r\n"
                                                 "Content-Length: 100000\r\n\r\n") +
                                          kHealthz
                                   << 413;
}

void TestTransport::anUnreadBodyClosesTheConnection()
{
    QFETCH(QByteArray, request);
    QFETCH(int, status);
    RawSocket s(m_server.url());
    QVERIFY(s.send(request));
    bool closed = false;
    const QByteArray reply = s.readUntilClosed(8000, &closed);
    QCOMPARE(statuses(reply), QList<int>{status});
    QVERIFY(reply.contains("Connection: close"));
    QVERIFY(closed);
}

void TestTransport::pipelinedRequestsAreAnsweredInOrder()
{
    RawSocket s(m_server.url());
    const QByteArray login = R"({"email":"kim@example.test","password":"wrong"})";
    QVERIFY(s.send(
        kHealthz + "GET /nope HTTP/1.1\r\nHost: x\r\n\r\n" +
        "POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: " + QByteArray::number(login.size()) +
        "\r\n\r\n" + login + "GET /api/users/me HTTP/1.1\r\nHost: x\r\n\r\n" + kHealthz));
    const QByteArray reply = s.readResponses(5, 10000);
    QCOMPARE(statuses(reply), (QList<int>{200, 404, 401, 401, 200}));
    QVERIFY(reply.contains("invalid_credentials"));
    // The connection is still usable afterwards.
    QVERIFY(s.send(kHealthz));
    QCOMPARE(statuses(s.readResponses(1, 5000)), QList<int>{200});
}

void TestTransport::slowHeadersAreCutAtTheDeadline()
{
    // One byte a while, never finishing: the connection is closed at the header deadline
    // (2 s in this test) although bytes keep arriving.
    RawSocket s(m_server.url());
    QVERIFY(s.send("GET /healthz HTTP/1.1\r\n"));
    QElapsedTimer timer;
    timer.start();
    bool stillOpen = true;
    while (stillOpen && timer.elapsed() < 15000) {
        QTest::qWait(300);
        stillOpen = s.send("X");
    }
    bool closed = false;
    const QByteArray reply = s.readUntilClosed(5000, &closed);
    QVERIFY(closed || !stillOpen);
    QVERIFY2(reply.isEmpty() || reply.startsWith("HTTP/1.1 4"), reply.left(100).constData());
    QVERIFY(timer.elapsed() < 15000);
}

void TestTransport::slowBodiesAreCutAtTheDeadline()
{
    RawSocket s(m_server.url());
    QVERIFY(s.send("POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{\"email\""));
    bool closed = false;
    const QByteArray reply = s.readUntilClosed(10000, &closed);
    QVERIFY(closed);
    QVERIFY(!reply.startsWith("HTTP/1.1 2"));
}

void TestTransport::idleKeepAliveConnectionsAreClosed()
{
    RawSocket s(m_server.url());
    QVERIFY(s.send(kHealthz));
    QCOMPARE(statuses(s.readResponses(1, 5000)), QList<int>{200});
    bool closed = false;
    s.readUntilClosed(10000, &closed);
    QVERIFY(closed);
}

void TestTransport::hundredsOfSlowClientsDoNotStarveOthers()
{
    // 300 connections that trickle their headers hold no thread: everyone else is served.
    std::vector<std::unique_ptr<RawSocket>> slow;
    for (int i = 0; i < 300; ++i) {
        slow.push_back(std::make_unique<RawSocket>(m_server.url()));
        QVERIFY(slow.back()->isOpen());
        QVERIFY(slow.back()->send("GET /healthz HTTP/1.1\r\nX-Slow: "));
    }
    for (int i = 0; i < 5; ++i) {
        QCOMPARE(m_http->get("/healthz").status, 200);
        const auto login = m_http->login("kim@example.test", "kim password");
        QCOMPARE(login.status, 200);
        QCOMPARE(m_http->get("/api/users/me/sessions", login.json().value("access_token").toString()).status,
                 200);
        for (auto& s : slow)
            s->send("a");
    }
}

void TestTransport::connectionsPerAddressAreCapped()
{
    TestServer server({"--max-connections-per-address", "5"});
    QVERIFY2(server.start(), qPrintable(server.errorOutput()));
    std::vector<std::unique_ptr<RawSocket>> held;
    for (int i = 0; i < 5; ++i) {
        held.push_back(std::make_unique<RawSocket>(server.url()));
        QVERIFY(held.back()->send(kHealthz));
        QCOMPARE(statuses(held.back()->readResponses(1, 5000)), QList<int>{200});
    }
    // The sixth is accepted and closed at once, without an answer.
    RawSocket sixth(server.url());
    sixth.send(kHealthz);
    bool closed = false;
    QVERIFY(sixth.readUntilClosed(5000, &closed).isEmpty());
    QVERIFY(closed);
    // The five still work, and closing one frees a place.
    QVERIFY(held[0]->send(kHealthz));
    QCOMPARE(statuses(held[0]->readResponses(1, 5000)), QList<int>{200});
    held.pop_back();
    QTRY_COMPARE(HttpClient(server.url()).get("/healthz").status, 200);
}

void TestTransport::passwordHashingNeverStallsOtherRoutes()
{
    const auto login = m_http->login("kim@example.test", "kim password");
    const QByteArray token = login.json().value("access_token").toString().toUtf8();
    const QByteArray body = R"({"password":"kim password"})";
    const QByteArray reauth = "POST /api/auth/reauthenticate HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " +
                              token + "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" +
                              body;
    std::vector<std::unique_ptr<RawSocket>> hashing;
    for (int i = 0; i < 64; ++i) {
        hashing.push_back(std::make_unique<RawSocket>(m_server.url()));
        QVERIFY(hashing.back()->send(reauth));
    }
    // While 64 Argon2id checks queue for the hashing threads, health checks and reads
    // are answered: most password checks are still waiting when they are.
    RawSocket probe(m_server.url());
    const QByteArray me =
        "GET /api/users/me HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token + "\r\n\r\n";
    for (int i = 0; i < 3; ++i) {
        QVERIFY(probe.send(kHealthz + me));
        QCOMPARE(statuses(probe.readResponses(2, 10000)), (QList<int>{200, 200}));
    }
    const auto pending = std::count_if(hashing.begin(), hashing.end(), [](auto& s) { return !s->hasData(); });
    QVERIFY2(pending >= 32, qPrintable(QString("%1 of 64 password checks still pending").arg(pending)));
    // And every one of them completes.
    for (auto& s : hashing)
        QCOMPARE(statuses(s->readResponses(1, 60000)), QList<int>{204});
}

void TestTransport::fullQueueIsShedWith503()
{
    // One hashing thread and a queue of 2: a burst of sign-ins is shed at once with 503 and
    // Retry-After instead of waiting without bound, and the rest are served.
    TestServer server({"--hash-workers", "1", "--queue-limit", "2", "--login-max-failures", "10000"});
    QVERIFY2(server.start(), qPrintable(server.errorOutput()));
    QVERIFY(!server.addUser("lee@example.test", "lee password").isEmpty());
    const QByteArray body = R"({"email":"lee@example.test","password":"lee password"})";
    const QByteArray request =
        "POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: " + QByteArray::number(body.size()) +
        "\r\n\r\n" + body;
    std::vector<std::unique_ptr<RawSocket>> burst;
    for (int i = 0; i < 20; ++i) {
        burst.push_back(std::make_unique<RawSocket>(server.url()));
        QVERIFY(burst.back()->send(request));
    }
    int ok = 0;
    int shed = 0;
    for (auto& s : burst) {
        const QByteArray reply = s->readResponses(1, 60000);
        const auto status = statuses(reply).value(0);
        if (status == 200)
            ++ok;
        if (status == 503) {
            ++shed;
            QVERIFY(reply.contains("Retry-After: 1"));
            QVERIFY(reply.contains("service_unavailable"));
        }
    }
    QCOMPARE(ok + shed, 20);
    QVERIFY(ok >= 1);
    QVERIFY(shed >= 1);
}

void TestTransport::tlsBelow12IsRefused()
{
    QTemporaryDir dir;
    const QString cert = dir.filePath("cert.pem");
    const QString key = dir.filePath("key.pem");
    QVERIFY(makeTestCertificate(cert, key, "127.0.0.1", "subjectAltName=IP:127.0.0.1"));
    TestServer server({"--tls-cert", cert, "--tls-key", key});
    QVERIFY2(server.start(), qPrintable(server.errorOutput()));
    // openssl s_client, which can still offer the old versions (at security level 0).
    auto handshake = [&](const char* version) {
        QProcess openssl;
        openssl.start("openssl", {"s_client", "-connect", QString("127.0.0.1:%1").arg(server.url().port()),
                                  version, "-cipher", "DEFAULT@SECLEVEL=0", "-brief"});
        openssl.waitForStarted();
        openssl.closeWriteChannel();
        openssl.waitForFinished(10000);
        return openssl.exitCode() == 0 && openssl.readAllStandardError().contains("CONNECTION ESTABLISHED");
    };
    QVERIFY(handshake("-tls1_2"));
    QVERIFY(handshake("-tls1_3"));
    QVERIFY(!handshake("-tls1_1"));
    QVERIFY(!handshake("-tls1"));
}

void TestTransport::concurrentWrongPasswordsGetAtMostTheLimit()
{
    // Each attempt is reserved before its password is hashed: 20 at once for one account get
    // exactly the 5 allowed checks, the others 429.
    TestServer server({"--login-max-failures", "5"});
    QVERIFY2(server.start(), qPrintable(server.errorOutput()));
    QVERIFY(!server.addUser("max@example.test", "max password").isEmpty());
    const QByteArray body = R"({"email":"max@example.test","password":"guess"})";
    const QByteArray request =
        "POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: " + QByteArray::number(body.size()) +
        "\r\n\r\n" + body;
    std::vector<std::unique_ptr<RawSocket>> burst;
    for (int i = 0; i < 20; ++i) {
        burst.push_back(std::make_unique<RawSocket>(server.url()));
        QVERIFY(burst.back()->send(request));
    }
    QList<int> seen;
    for (auto& s : burst)
        seen << statuses(s->readResponses(1, 60000)).value(0);
    QCOMPARE(seen.count(401), 5);
    QCOMPARE(seen.count(429), 15);
    // Throttled now, even with the right password.
    QCOMPARE(HttpClient(server.url()).login("max@example.test", "max password").status, 429);
}

void TestTransport::ipv6ClientsAreThrottledByTheirSlash64()
{
    // One subscriber holds a whole /64: rotating addresses inside it does not reset the count.
    TestServer server({"--login-max-failures", "3", "--trusted-proxy", "127.0.0.1/32"});
    QVERIFY2(server.start(), qPrintable(server.errorOutput()));
    HttpClient http(server.url());
    auto attempt = [&](int account, const QByteArray& address) {
        return http
            .login(QString("nobody%1@example.test").arg(account), "guess", {{"X-Forwarded-For", address}})
            .status;
    };
    QCOMPARE(attempt(1, "2001:db8:1:2::1"), 401);
    QCOMPARE(attempt(2, "2001:db8:1:2::2"), 401);
    QCOMPARE(attempt(3, "2001:db8:1:2:aaaa::3"), 401);
    QCOMPARE(attempt(4, "2001:db8:1:2:ffff:ffff:ffff:ffff"), 429);
    // The next /64 is someone else.
    QCOMPARE(attempt(5, "2001:db8:1:3::1"), 401);
    // IPv4 clients still count one address each.
    QCOMPARE(attempt(6, "203.0.113.7"), 401);
    QCOMPARE(attempt(7, "203.0.113.8"), 401);
}

void TestTransport::sigtermWithHungClientsExitsZero()
{
    TestServer server({"--drain-timeout", "2s", "--header-timeout", "60s", "--body-timeout", "60s",
                       "--keep-alive-timeout", "60s"});
    QVERIFY2(server.start(), qPrintable(server.errorOutput()));
    RawSocket idle(server.url());
    QVERIFY(idle.send(kHealthz));
    QCOMPARE(statuses(idle.readResponses(1, 5000)), QList<int>{200});
    RawSocket slowHeader(server.url());
    QVERIFY(slowHeader.send("GET /healthz HTTP/1.1\r\nX-Slow: a"));
    RawSocket slowBody(server.url());
    QVERIFY(slowBody.send("POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{"));
    QTest::qWait(200);
    QCOMPARE(server.stop(15000), 0);
    bool closed = false;
    idle.readUntilClosed(1000, &closed);
    QVERIFY(closed);
}

QTEST_GUILESS_MAIN(TestTransport)
#include "tst_transport.moc"
