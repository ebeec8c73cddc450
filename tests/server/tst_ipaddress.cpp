#include "recognition/IpAddress.h"

#include <QtTest>

using namespace vigie;

namespace {

QString canonical(const char* text)
{
    const auto out = canonicalIp(text);
    return out ? QString::fromStdString(*out) : QString("<invalid>");
}

bool nonRoutable(const char* text)
{
    const auto address = IpAddress::parse(text);
    if (!address)
        qFatal("not an address: %s", text);
    return address->isNonRoutable();
}

bool inCidr(const char* cidr, const char* address)
{
    const auto network = Cidr::parse(cidr);
    const auto ip = IpAddress::parse(address);
    if (!network || !ip)
        qFatal("bad test data: %s %s", cidr, address);
    return network->contains(*ip);
}

} // namespace

class TestIpAddress final : public QObject
{
    Q_OBJECT
private slots:
    void canonicalForms_data();
    void canonicalForms();
    void malformedTextIsRejected_data();
    void malformedTextIsRejected();
    void nonRoutableRanges_data();
    void nonRoutableRanges();
    void publicAndDocumentationAddressesAreRoutable_data();
    void publicAndDocumentationAddressesAreRoutable();
    void documentationRangesOnlyWhenAsked();
    void cidrParsing_data();
    void cidrParsing();
    void cidrContains();
    void cidrEdgeCases();
};

void TestIpAddress::canonicalForms_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");
    QTest::newRow("ipv4") << "203.0.113.7"
                          << "203.0.113.7";
    QTest::newRow("ipv4-mapped") << "::ffff:1.2.3.4"
                                 << "1.2.3.4";
    QTest::newRow("ipv4-mapped upper-case") << "::FFFF:203.0.113.7"
                                            << "203.0.113.7";
    QTest::newRow("ipv4-mapped hex") << "::ffff:cb00:7107"
                                     << "203.0.113.7";
    QTest::newRow("ipv4-mapped long form") << "0:0:0:0:0:ffff:c000:0201"
                                           << "192.0.2.1";
    QTest::newRow("upper-case ipv6") << "2001:DB8::ABCD"
                                     << "2001:db8::abcd";
    QTest::newRow("leading zeros dropped") << "2001:0db8:0000:0000:0000:0000:0000:0001"
                                           << "2001:db8::1";
    QTest::newRow("longest zero run compressed") << "2001:db8:0:0:1:0:0:0"
                                                 << "2001:db8:0:0:1::";
    QTest::newRow("first of equal runs compressed") << "2001:db8:0:0:1:0:0:1"
                                                    << "2001:db8::1:0:0:1";
    QTest::newRow("single zero group not compressed") << "2001:db8:0:1:1:1:1:1"
                                                      << "2001:db8:0:1:1:1:1:1";
    QTest::newRow("loopback") << "0:0:0:0:0:0:0:1"
                              << "::1";
    QTest::newRow("unspecified") << "0::0"
                                 << "::";
    QTest::newRow("zone dropped") << "fe80::1%eth0"
                                  << "fe80::1";
    QTest::newRow("ipv4 unspecified") << "0.0.0.0"
                                      << "0.0.0.0";
}

void TestIpAddress::canonicalForms()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    QCOMPARE(canonical(input.toUtf8().constData()), expected);
    // The canonical form is a fixed point.
    QCOMPARE(canonical(expected.toUtf8().constData()), expected);
}

void TestIpAddress::malformedTextIsRejected_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::newRow("empty") << QByteArray("");
    QTest::newRow("word") << QByteArray("unknown");
    QTest::newRow("octet too big") << QByteArray("256.1.1.1");
    QTest::newRow("three octets") << QByteArray("1.2.3");
    QTest::newRow("five octets") << QByteArray("1.2.3.4.5");
    QTest::newRow("leading zero octet") << QByteArray("01.2.3.4");
    QTest::newRow("leading space") << QByteArray(" 1.2.3.4");
    QTest::newRow("trailing space") << QByteArray("1.2.3.4 ");
    QTest::newRow("with port") << QByteArray("1.2.3.4:80");
    QTest::newRow("bracketed") << QByteArray("[::1]");
    QTest::newRow("two double colons") << QByteArray("1::2::3");
    QTest::newRow("nine groups") << QByteArray("1:2:3:4:5:6:7:8:9");
    QTest::newRow("bad hex") << QByteArray("2001:db8::g");
    QTest::newRow("group too long") << QByteArray("2001:db8::12345");
    QTest::newRow("ipv4 with zone") << QByteArray("1.2.3.4%eth0");
    QTest::newRow("empty zone") << QByteArray("fe80::1%");
    QTest::newRow("embedded nul") << QByteArray("1.2.3.4\0garbage", 15);
    QTest::newRow("very long") << QByteArray(10000, '1');
    QTest::newRow("cidr") << QByteArray("10.0.0.0/8");
}

void TestIpAddress::malformedTextIsRejected()
{
    QFETCH(QByteArray, input);
    QVERIFY(!IpAddress::parse(std::string_view(input.constData(), size_t(input.size()))));
}

void TestIpAddress::nonRoutableRanges_data()
{
    QTest::addColumn<QString>("address");
    for (const char* a : {
             "0.0.0.0",
             "0.1.2.3",
             "10.0.0.0",
             "10.255.255.255",
             "100.64.0.0",
             "100.127.255.255",
             "127.0.0.1",
             "127.255.255.254",
             "169.254.0.1",
             "169.254.255.255",
             "172.16.0.0",
             "172.31.255.255",
             "192.168.0.1",
             "192.168.255.255",
             "224.0.0.1",
             "239.255.255.255",
             "240.0.0.1",
             "255.255.255.255",
             "::",
             "::1",
             "fc00::1",
             "fd12:3456::1",
             "fdff:ffff::1",
             "fe80::1",
             "febf:ffff::1",
             "fec0::1",
             "ff02::1",
             "ff0e::1",
             "::ffff:10.1.2.3",
             "::ffff:127.0.0.1",
             "::ffff:192.168.1.1",
         })
        QTest::newRow(a) << QString(a);
}

void TestIpAddress::nonRoutableRanges()
{
    QFETCH(QString, address);
    QVERIFY(nonRoutable(address.toUtf8().constData()));
}

void TestIpAddress::publicAndDocumentationAddressesAreRoutable_data()
{
    QTest::addColumn<QString>("address");
    // Just outside each non-routable range, then the documentation ranges.
    for (const char* a : {
             "1.0.0.1",         "9.255.255.255",   "11.0.0.0",        "100.63.255.255",  "100.128.0.0",
             "126.255.255.255", "128.0.0.0",       "169.253.255.255", "169.255.0.0",     "172.15.255.255",
             "172.32.0.0",      "192.167.255.255", "192.169.0.0",     "223.255.255.255", "8.8.8.8",
             "2606:4700::1111", "fbff:ffff::1",    "fe00::1",         "fb00::1",         "192.0.2.1",
             "198.51.100.1",    "203.0.113.7",     "2001:db8::1",     "3fff::1",
         })
        QTest::newRow(a) << QString(a);
}

void TestIpAddress::publicAndDocumentationAddressesAreRoutable()
{
    QFETCH(QString, address);
    QVERIFY(!nonRoutable(address.toUtf8().constData()));
}

void TestIpAddress::documentationRangesOnlyWhenAsked()
{
    using Docs = IpAddress::DocumentationRanges;
    for (const char* a : {"192.0.2.0", "192.0.2.255", "198.51.100.7", "203.0.113.255", "2001:db8:ffff::1",
                          "3fff:fff::1", "::ffff:203.0.113.7"}) {
        const auto ip = IpAddress::parse(a);
        QVERIFY2(ip && ip->isDocumentation(), a);
        QVERIFY2(!ip->isNonRoutable(), a);
        QVERIFY2(ip->isNonRoutable(Docs::AreNonRoutable), a);
    }
    for (const char* a : {"192.0.3.0", "198.51.101.0", "203.0.112.255", "2001:db9::1", "3fff:1000::1"}) {
        const auto ip = IpAddress::parse(a);
        QVERIFY2(ip && !ip->isDocumentation(), a);
        QVERIFY2(!ip->isNonRoutable(Docs::AreNonRoutable), a);
    }
}

void TestIpAddress::cidrParsing_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected"); // empty: invalid
    QTest::newRow("v4") << "10.0.0.0/8"
                        << "10.0.0.0/8";
    QTest::newRow("v4 host") << "192.0.2.1"
                             << "192.0.2.1/32";
    QTest::newRow("v4 /32") << "192.0.2.1/32"
                            << "192.0.2.1/32";
    QTest::newRow("v4 /0") << "0.0.0.0/0"
                           << "0.0.0.0/0";
    QTest::newRow("v6") << "2001:DB8::/32"
                        << "2001:db8::/32";
    QTest::newRow("v6 host") << "::1"
                             << "::1/128";
    QTest::newRow("v6 /0") << "::/0"
                           << "::/0";
    QTest::newRow("v4-mapped notation") << "::ffff:10.0.0.0/104"
                                        << "10.0.0.0/8";
    QTest::newRow("v4 prefix too long") << "10.0.0.0/33"
                                        << "";
    QTest::newRow("v6 prefix too long") << "::/129"
                                        << "";
    QTest::newRow("host bits set v4") << "10.0.0.1/8"
                                      << "";
    QTest::newRow("host bits set v6") << "2001:db8::1/32"
                                      << "";
    QTest::newRow("empty prefix") << "10.0.0.0/"
                                  << "";
    QTest::newRow("negative prefix") << "10.0.0.0/-8"
                                     << "";
    QTest::newRow("plus prefix") << "10.0.0.0/+8"
                                 << "";
    QTest::newRow("leading zero prefix") << "10.0.0.0/08"
                                         << "";
    QTest::newRow("huge prefix") << "10.0.0.0/99999999999"
                                 << "";
    QTest::newRow("hex prefix") << "10.0.0.0/0x8"
                                << "";
    QTest::newRow("two slashes") << "10.0.0.0/8/8"
                                 << "";
    QTest::newRow("netmask") << "10.0.0.0/255.0.0.0"
                             << "";
    QTest::newRow("no address") << "/8"
                                << "";
    QTest::newRow("empty") << ""
                           << "";
    QTest::newRow("zone") << "fe80::%eth0/64"
                          << "";
    QTest::newRow("words") << "localhost/8"
                           << "";
}

void TestIpAddress::cidrParsing()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    const auto cidr = Cidr::parse(input.toStdString());
    if (expected.isEmpty()) {
        QVERIFY2(!cidr, qPrintable(QString::fromStdString(cidr ? cidr->toString() : "")));
        return;
    }
    QVERIFY(cidr);
    QCOMPARE(QString::fromStdString(cidr->toString()), expected);
}

void TestIpAddress::cidrContains()
{
    QVERIFY(inCidr("10.0.0.0/8", "10.0.0.0"));
    QVERIFY(inCidr("10.0.0.0/8", "10.255.255.255"));
    QVERIFY(!inCidr("10.0.0.0/8", "11.0.0.0"));
    QVERIFY(!inCidr("10.0.0.0/8", "9.255.255.255"));
    QVERIFY(inCidr("172.16.0.0/12", "172.31.1.1"));
    QVERIFY(!inCidr("172.16.0.0/12", "172.32.0.0"));
    QVERIFY(inCidr("192.0.2.1/32", "192.0.2.1"));
    QVERIFY(!inCidr("192.0.2.1/32", "192.0.2.2"));
    QVERIFY(inCidr("2001:db8::/32", "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff"));
    QVERIFY(!inCidr("2001:db8::/32", "2001:db9::"));
    QVERIFY(inCidr("fe80::/10", "febf::1"));
    QVERIFY(!inCidr("fe80::/10", "fec0::1"));
    QVERIFY(inCidr("::1/128", "::1"));
    QVERIFY(!inCidr("::1/128", "::2"));
}

void TestIpAddress::cidrEdgeCases()
{
    // IPv4 networks match IPv4-mapped peers, which is how dual-stack sockets report them.
    QVERIFY(inCidr("10.0.0.0/8", "::ffff:10.1.2.3"));
    QVERIFY(inCidr("::ffff:10.0.0.0/104", "10.1.2.3"));
    // IPv4 and IPv6 stay apart: 0.0.0.0/0 is every IPv4 address and no IPv6 one...
    QVERIFY(inCidr("0.0.0.0/0", "255.255.255.255"));
    QVERIFY(inCidr("0.0.0.0/0", "0.0.0.0"));
    QVERIFY(!inCidr("0.0.0.0/0", "2001:db8::1"));
    QVERIFY(!inCidr("0.0.0.0/0", "::"));
    // ...while ::/0 is the whole IPv6 space, IPv4-mapped addresses included.
    QVERIFY(inCidr("::/0", "2001:db8::1"));
    QVERIFY(inCidr("::/0", "203.0.113.7"));
    // An IPv4 address is not the IPv4-compatible ::a.b.c.d.
    QVERIFY(!inCidr("::/96", "1.2.3.4"));
    // Prefixes that do not end on a byte boundary.
    QVERIFY(inCidr("100.64.0.0/10", "100.127.255.255"));
    QVERIFY(!inCidr("100.64.0.0/10", "100.128.0.0"));
    QVERIFY(inCidr("192.0.2.128/25", "192.0.2.255"));
    QVERIFY(!inCidr("192.0.2.128/25", "192.0.2.127"));
    QVERIFY(inCidr("fc00::/7", "fdff::1"));
    QVERIFY(!inCidr("fc00::/7", "fe00::1"));
    QCOMPARE(Cidr::parse("100.64.0.0/10")->prefixLength(), 10);
    QCOMPARE(Cidr::parse("2001:db8::/32")->prefixLength(), 32);
    QCOMPARE(Cidr::parse("::ffff:10.0.0.0/104")->prefixLength(), 8);
}

QTEST_APPLESS_MAIN(TestIpAddress)
#include "tst_ipaddress.moc"
