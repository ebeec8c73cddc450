// Which server addresses the sign-in screen accepts: plain http:// only to this computer,
// unless the user allowed it for that one server.
#include "ClientTestSupport.h"
#include "client/ServerUrlPolicy.h"

using namespace vigie::client;
using Status = ServerUrlPolicy::Status;

Q_DECLARE_METATYPE(ServerUrlPolicy::Status)

class TestServerUrlPolicy final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { testsupport::isolateSettings("tst_serverurlpolicy"); }
    void init() { QSettings().clear(); }

    void check_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<Status>("status");
        QTest::addColumn<QString>("normalised");
        QTest::newRow("https") << "https://vigie.example.com" << Status::Ok << "https://vigie.example.com";
        QTest::newRow("case, slash, default port")
            << " HTTPS://Vigie.Example.COM:443/ " << Status::Ok << "https://vigie.example.com";
        QTest::newRow("path kept") << "https://example.com/vigie/" << Status::Ok
                                   << "https://example.com/vigie";
        QTest::newRow("http loopback v4") << "http://127.0.0.1:8080" << Status::Ok << "http://127.0.0.1:8080";
        QTest::newRow("http loopback 127/8")
            << "http://127.1.2.3:8080" << Status::Ok << "http://127.1.2.3:8080";
        QTest::newRow("http localhost") << "http://localhost:8080" << Status::Ok << "http://localhost:8080";
        QTest::newRow("http loopback v6") << "http://[::1]:8080" << Status::Ok << "http://[::1]:8080";
        QTest::newRow("no scheme, loopback") << "127.0.0.1:8080" << Status::Ok << "http://127.0.0.1:8080";
        QTest::newRow("no scheme, localhost") << "localhost:8080" << Status::Ok << "http://localhost:8080";
        QTest::newRow("no scheme, remote")
            << "vigie.example.com" << Status::Ok << "https://vigie.example.com";
        QTest::newRow("http remote") << "http://vigie.example.com" << Status::InsecureNotAllowed
                                     << "http://vigie.example.com";
        QTest::newRow("http private LAN")
            << "http://192.168.1.10:8080" << Status::InsecureNotAllowed << "http://192.168.1.10:8080";
        QTest::newRow("http lookalike host") << "http://127.0.0.1.evil.example" << Status::InsecureNotAllowed
                                             << "http://127.0.0.1.evil.example";
        QTest::newRow("http localhost lookalike")
            << "http://localhost.evil.example" << Status::InsecureNotAllowed
            << "http://localhost.evil.example";
        QTest::newRow("empty") << "  " << Status::Empty << "";
        QTest::newRow("other scheme") << "ftp://vigie.example.com" << Status::Invalid << "";
        QTest::newRow("no host") << "https://" << Status::Invalid << "";
        QTest::newRow("credentials") << "https://user:pw@vigie.example.com" << Status::Invalid << "";
        QTest::newRow("query") << "https://vigie.example.com/?x=1" << Status::Invalid << "";
        QTest::newRow("spaces") << "https://vigie example.com" << Status::Invalid << "";
    }

    void check()
    {
        QFETCH(QString, input);
        QFETCH(Status, status);
        QFETCH(QString, normalised);
        const auto result = ServerUrlPolicy::check(input);
        QCOMPARE(result.status, status);
        if (!normalised.isEmpty())
            QCOMPARE(result.url.toString(), normalised);
        QCOMPARE(result.message.isEmpty(), status == Status::Ok);
    }

    void explicitAllowance()
    {
        QVERIFY(ServerUrlPolicy::check("http://vigie.lan:8080", /*allowInsecure=*/true).isOk());
        QCOMPARE(ServerUrlPolicy::checkWithSavedChoice("http://vigie.lan:8080").status,
                 Status::InsecureNotAllowed);

        const QUrl server = ServerUrlPolicy::check("http://vigie.lan:8080", true).url;
        ServerUrlPolicy::setInsecureAllowed(server, true);
        QVERIFY(ServerUrlPolicy::isInsecureAllowed(server));
        QVERIFY(ServerUrlPolicy::checkWithSavedChoice("http://vigie.lan:8080/").isOk());
        // Only for that server: another port or host is still refused.
        QCOMPARE(ServerUrlPolicy::checkWithSavedChoice("http://vigie.lan:8081").status,
                 Status::InsecureNotAllowed);
        QCOMPARE(ServerUrlPolicy::checkWithSavedChoice("http://other.lan:8080").status,
                 Status::InsecureNotAllowed);

        ServerUrlPolicy::setInsecureAllowed(server, false);
        QCOMPARE(ServerUrlPolicy::checkWithSavedChoice("http://vigie.lan:8080").status,
                 Status::InsecureNotAllowed);
    }
};

QTEST_GUILESS_MAIN(TestServerUrlPolicy)
#include "tst_serverurlpolicy.moc"
