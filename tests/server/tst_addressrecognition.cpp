#include "AddressRecognition.h"

#include <QtTest>
#include <stdexcept>

using namespace vigie;
using vigie::server::AddressRecognition;

namespace {

std::string demoDatabasePath()
{
    const QByteArray root = qgetenv("VIGIE_SOURCE_DIR");
    return (root.isEmpty() ? std::string(".") : root.toStdString()) + "/resources/geoip/vigie-demo-city.mmdb";
}

AddressRecognition withProxies(std::vector<std::string> proxies)
{
    AddressRecognition::Options options;
    options.trustedProxies = std::move(proxies);
    return AddressRecognition(options);
}

QString client(const AddressRecognition& recognition, const char* peer, const char* xff)
{
    return QString::fromStdString(recognition.clientAddress(peer, xff));
}

QString constructionError(const AddressRecognition::Options& options)
{
    try {
        AddressRecognition recognition(options);
    } catch (const std::runtime_error& e) {
        return QString::fromStdString(e.what());
    }
    return QStringLiteral("<no error>");
}

} // namespace

class TestAddressRecognition final : public QObject
{
    Q_OBJECT
private slots:
    void peerAddressIsCanonical();
    void untrustedPeerIgnoresForwardedFor();
    void trustedPeerUsesRightMostUntrustedHop();
    void spoofedLeftMostEntriesAreIgnored();
    void allTrustedGivesLeftMostValidHop();
    void malformedForwardedForFallsBack_data();
    void malformedForwardedForFallsBack();
    void hopsWithPortsAndBrackets();
    void ipv6Proxies();
    void badTrustedProxyIsAnError();
    void badDatabaseIsAnError();
    void locatesWithTheConfiguredLanguage();
    void nonRoutableAndUnconfiguredAreNull();
};

void TestAddressRecognition::peerAddressIsCanonical()
{
    const auto r = withProxies({});
    QCOMPARE(client(r, "::ffff:203.0.113.7", ""), QString("203.0.113.7"));
    QCOMPARE(client(r, "2001:DB8:0:0::1", ""), QString("2001:db8::1"));
    QCOMPARE(client(r, "127.0.0.1", ""), QString("127.0.0.1"));
}

void TestAddressRecognition::untrustedPeerIgnoresForwardedFor()
{
    const auto none = withProxies({});
    QCOMPARE(client(none, "198.51.100.9", "203.0.113.7"), QString("198.51.100.9"));
    const auto some = withProxies({"10.0.0.0/8"});
    QCOMPARE(client(some, "198.51.100.9", "203.0.113.7, 10.0.0.2"), QString("198.51.100.9"));
    QCOMPARE(client(some, "11.0.0.1", "203.0.113.7"), QString("11.0.0.1"));
}

void TestAddressRecognition::trustedPeerUsesRightMostUntrustedHop()
{
    const auto r = withProxies({"10.0.0.0/8", "192.168.1.5"});
    QCOMPARE(client(r, "10.0.0.1", "203.0.113.7"), QString("203.0.113.7"));
    // "client, proxy2" where proxy2 is trusted: the client.
    QCOMPARE(client(r, "10.0.0.1", "203.0.113.7, 192.168.1.5"), QString("203.0.113.7"));
    QCOMPARE(client(r, "10.0.0.1", "203.0.113.7,10.9.9.9,192.168.1.5"), QString("203.0.113.7"));
    // A dual-stack listener reports IPv4 peers as IPv4-mapped.
    QCOMPARE(client(r, "::ffff:10.0.0.1", "::ffff:203.0.113.7"), QString("203.0.113.7"));
    // An untrusted address between two trusted ones is where the trust ends.
    QCOMPARE(client(r, "10.0.0.1", "203.0.113.7, 198.51.100.2, 192.168.1.5"), QString("198.51.100.2"));
    // Absent header: the proxy itself is all we know.
    QCOMPARE(client(r, "10.0.0.1", ""), QString("10.0.0.1"));
}

void TestAddressRecognition::spoofedLeftMostEntriesAreIgnored()
{
    const auto r = withProxies({"10.0.0.0/8"});
    // The client sent "X-Forwarded-For: 1.2.3.4, 10.0.0.5" hoping to pass for 1.2.3.4 (or a
    // trusted proxy); the proxy appended the real address.
    QCOMPARE(client(r, "10.0.0.1", "1.2.3.4, 10.0.0.5, 203.0.113.7"), QString("203.0.113.7"));
    QCOMPARE(client(r, "10.0.0.1", "garbage, <script>, 203.0.113.7"), QString("203.0.113.7"));
    QCOMPARE(client(r, "10.0.0.1", "1.2.3.4, 203.0.113.7, 10.0.0.3"), QString("203.0.113.7"));
}

void TestAddressRecognition::allTrustedGivesLeftMostValidHop()
{
    const auto r = withProxies({"10.0.0.0/8"});
    QCOMPARE(client(r, "10.0.0.1", "10.0.0.9, 10.0.0.8"), QString("10.0.0.9"));
    QCOMPARE(client(r, "10.0.0.1", "nonsense, 10.0.0.9, 10.0.0.8"), QString("10.0.0.9"));
}

void TestAddressRecognition::malformedForwardedForFallsBack_data()
{
    QTest::addColumn<QString>("xff");
    QTest::addColumn<QString>("expected");
    QTest::newRow("garbage") << "garbage"
                             << "10.0.0.1";
    QTest::newRow("unknown") << "unknown"
                             << "10.0.0.1";
    QTest::newRow("only commas") << ", , ,"
                                 << "10.0.0.1";
    QTest::newRow("spaces") << "   "
                            << "10.0.0.1";
    QTest::newRow("bad octet") << "203.0.113.256"
                               << "10.0.0.1";
    QTest::newRow("cidr") << "203.0.113.0/24"
                          << "10.0.0.1";
    QTest::newRow("unclosed bracket") << "[2001:db8::1"
                                      << "10.0.0.1";
    QTest::newRow("bad port") << "203.0.113.7:http"
                              << "10.0.0.1";
    QTest::newRow("port too long") << "203.0.113.7:123456"
                                   << "10.0.0.1";
    QTest::newRow("nul byte") << QString::fromLatin1("203.0.113.7\0", 12) << "10.0.0.1";
    // A trusted hop reported a client it could not name: nothing to its left is believable.
    QTest::newRow("client spoof behind garbage") << "203.0.113.7, unknown"
                                                 << "10.0.0.1";
    QTest::newRow("garbage after trusted hop") << "203.0.113.7, garbage, 10.0.0.5"
                                               << "10.0.0.5";
    QTest::newRow("empty elements skipped") << ",203.0.113.7,, ,"
                                            << "203.0.113.7";
    QTest::newRow("tabs") << "\t203.0.113.7\t"
                          << "203.0.113.7";
    QTest::newRow("very long") << QString(20000, ',') + "203.0.113.7"
                               << "203.0.113.7";
}

void TestAddressRecognition::malformedForwardedForFallsBack()
{
    QFETCH(QString, xff);
    QFETCH(QString, expected);
    const auto r = withProxies({"10.0.0.0/8"});
    const QByteArray bytes = xff.toLatin1();
    QCOMPARE(QString::fromStdString(
                 r.clientAddress("10.0.0.1", std::string_view(bytes.constData(), bytes.size()))),
             expected);
}

void TestAddressRecognition::hopsWithPortsAndBrackets()
{
    const auto r = withProxies({"10.0.0.0/8"});
    QCOMPARE(client(r, "10.0.0.1", "203.0.113.7:51234"), QString("203.0.113.7"));
    QCOMPARE(client(r, "10.0.0.1", "[2001:DB8::7]:443"), QString("2001:db8::7"));
    QCOMPARE(client(r, "10.0.0.1", "[2001:db8::7]"), QString("2001:db8::7"));
    QCOMPARE(client(r, "10.0.0.1", "[203.0.113.7]"), QString("10.0.0.1"));
}

void TestAddressRecognition::ipv6Proxies()
{
    const auto r = withProxies({"fd00::/8", "::1"});
    QCOMPARE(client(r, "::1", "2001:db8:1::5, fd00::2"), QString("2001:db8:1::5"));
    QCOMPARE(client(r, "fd12::1", "203.0.113.7"), QString("203.0.113.7"));
    QCOMPARE(client(r, "fe80::1", "203.0.113.7"), QString("fe80::1"));
}

void TestAddressRecognition::badTrustedProxyIsAnError()
{
    for (const char* bad : {"10.0.0.0/33", "10.0.0.1/8", "proxy.example", "", "10.0.0.0/8,10.1.0.0/16"}) {
        AddressRecognition::Options options;
        options.trustedProxies = {"192.168.0.0/16", bad};
        const QString message = constructionError(options);
        QVERIFY2(message != "<no error>", bad);
        QVERIFY2(message.contains(QString::fromUtf8(bad)), qPrintable(message));
        QVERIFY2(!message.contains('\n'), qPrintable(message));
    }
    AddressRecognition::Options fine;
    fine.trustedProxies = {"10.0.0.0/8", " 172.16.0.0/12 ", "::1", "2001:db8::/32"};
    QCOMPARE(constructionError(fine), QString("<no error>"));
}

void TestAddressRecognition::badDatabaseIsAnError()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    AddressRecognition::Options options;
    options.geoipDatabase = tmp.filePath("missing.mmdb").toStdString();
    QVERIFY(constructionError(options).contains("missing.mmdb"));

    const QString garbage = tmp.filePath("garbage.mmdb");
    QFile f(garbage);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QByteArray(2048, '\x42'));
    f.close();
    options.geoipDatabase = garbage.toStdString();
    QVERIFY(constructionError(options).contains(garbage));
}

void TestAddressRecognition::locatesWithTheConfiguredLanguage()
{
    AddressRecognition::Options options;
    options.geoipDatabase = demoDatabasePath();
    options.geoipLanguage = "fr";
    const AddressRecognition fr(options);
    const auto london = fr.locate("192.0.2.7");
    QVERIFY(london);
    QCOMPARE(QString::fromStdString(*london->city), QString("Londres"));
    QCOMPARE(QString::fromStdString(*london->country), QString("Royaume-Uni"));
    QCOMPARE(QString::fromStdString(*london->countryCode), QString("GB"));

    options.geoipLanguage = "en";
    const AddressRecognition en(options);
    const LocationData paris{"Paris", "Île-de-France", "France", "FR"};
    QCOMPARE(en.locate("203.0.113.7"), std::optional<LocationData>(paris));
    QCOMPARE(en.locate("::ffff:203.0.113.7"), std::optional<LocationData>(paris));
    QCOMPARE(en.locate(en.clientAddress("203.0.113.7", "")), std::optional<LocationData>(paris));
}

void TestAddressRecognition::nonRoutableAndUnconfiguredAreNull()
{
    AddressRecognition::Options options;
    options.geoipDatabase = demoDatabasePath();
    const AddressRecognition r(options);
    for (const char* a :
         {"127.0.0.1", "10.0.0.1", "172.20.0.1", "192.168.0.1", "169.254.1.1", "100.64.0.1", "0.0.0.0",
          "224.0.0.1", "::1", "::", "fd00::1", "fe80::1", "ff02::1", "not an address", "203.0.113.200"})
        QVERIFY2(!r.locate(a), a);
    const auto noDatabase = withProxies({});
    QVERIFY(!noDatabase.locate("203.0.113.7"));
}

QTEST_APPLESS_MAIN(TestAddressRecognition)
#include "tst_addressrecognition.moc"
