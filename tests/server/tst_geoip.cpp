#include "recognition/GeoIpDatabase.h"
#include "recognition/IpAddress.h"

#include <QtTest>
#include <atomic>
#include <stdexcept>
#include <thread>
#include <vector>

using namespace vigie;

namespace {

QString demoDatabasePath()
{
    const QByteArray root = qgetenv("VIGIE_SOURCE_DIR");
    return (root.isEmpty() ? QStringLiteral(".") : QString::fromLocal8Bit(root)) +
           QStringLiteral("/resources/geoip/vigie-demo-city.mmdb");
}

QString str(const std::optional<std::string>& value)
{
    return value ? QString::fromStdString(*value) : QStringLiteral("<null>");
}

// The message of the error opening `path` throws, or "<no error>".
QString openError(const QString& path)
{
    try {
        GeoIpDatabase db(path.toStdString());
    } catch (const std::runtime_error& e) {
        return QString::fromStdString(e.what());
    }
    return QStringLiteral("<no error>");
}

void verifyClearError(const QString& message, const QString& path)
{
    QVERIFY2(message != "<no error>", qPrintable(path));
    QVERIFY2(message.contains(path), qPrintable(message));
    QVERIFY2(!message.contains('\n'), qPrintable(message));
}

} // namespace

class TestGeoIp final : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void citiesInEnglishAndFrench_data();
    void citiesInEnglishAndFrench();
    void ipv6AndIpv4MappedAddressesAreLocated();
    void missingFrenchNameFallsBackToEnglish();
    void otherLanguagesFallBackToEnglish();
    void countryOnlyEntryHasNullCityAndRegion();
    void unknownAddressesAreNull();
    void nonRoutableAddressesAreNull_data();
    void nonRoutableAddressesAreNull();
    void malformedAddressesAreNull();
    void missingFileIsAClearError();
    void corruptFilesAreClearErrors();
    void damagedSearchTreeDoesNotCrash();
    void concurrentLookupsAgree();
    void placesKeepEveryNameForLaterReaders();
    void placesStoredBeforeV11StillRead();

private:
    std::optional<GeoIpDatabase> m_db;
    QTemporaryDir m_tmp;
};

void TestGeoIp::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    QVERIFY2(QFile::exists(demoDatabasePath()), qPrintable(demoDatabasePath()));
    m_db.emplace(demoDatabasePath().toStdString());
    QCOMPARE(QString::fromStdString(m_db->databaseType()), QString("GeoLite2-City"));
}

void TestGeoIp::citiesInEnglishAndFrench_data()
{
    QTest::addColumn<QString>("address");
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("city");
    QTest::addColumn<QString>("region");
    QTest::addColumn<QString>("country");
    QTest::addColumn<QString>("code");
    struct Row
    {
        const char* address;
        const char* en[3];
        const char* fr[3];
        const char* code;
    };
    const Row rows[] = {
        {"192.0.2.7",
         {"London", "England", "United Kingdom"},
         {"Londres", "Angleterre", "Royaume-Uni"},
         "GB"},
        {"192.0.2.70", {"Berlin", "Land Berlin", "Germany"}, {"Berlin", "Berlin", "Allemagne"}, "DE"},
        {"192.0.2.130",
         {"New York", "New York", "United States"},
         {"New York", "État de New York", "États-Unis"},
         "US"},
        {"192.0.2.254",
         {"San Francisco", "California", "United States"},
         {"San Francisco", "Californie", "États-Unis"},
         "US"},
        {"198.51.100.1", {"Tokyo", "Tokyo", "Japan"}, {"Tokyo", "Préfecture de Tokyo", "Japon"}, "JP"},
        {"198.51.100.100",
         {"São Paulo", "São Paulo", "Brazil"},
         {"São Paulo", "État de São Paulo", "Brésil"},
         "BR"},
        {"198.51.100.150", {"Montreal", "Quebec", "Canada"}, {"Montréal", "Québec", "Canada"}, "CA"},
        {"198.51.100.200",
         {"Lyon", "Auvergne-Rhône-Alpes", "France"},
         {"Lyon", "Auvergne-Rhône-Alpes", "France"},
         "FR"},
        {"203.0.113.7", {"Paris", "Île-de-France", "France"}, {"Paris", "Île-de-France", "France"}, "FR"},
        {"203.0.113.64", {"Madrid", "Madrid", "Spain"}, {"Madrid", "Communauté de Madrid", "Espagne"}, "ES"},
        {"203.0.113.127",
         {"Sydney", "New South Wales", "Australia"},
         {"Sydney", "Nouvelle-Galles du Sud", "Australie"},
         "AU"},
    };
    for (const Row& r : rows) {
        QTest::addRow("%s en", r.address)
            << r.address << "en" << QString::fromUtf8(r.en[0]) << QString::fromUtf8(r.en[1])
            << QString::fromUtf8(r.en[2]) << r.code;
        QTest::addRow("%s fr", r.address)
            << r.address << "fr" << QString::fromUtf8(r.fr[0]) << QString::fromUtf8(r.fr[1])
            << QString::fromUtf8(r.fr[2]) << r.code;
    }
}

void TestGeoIp::citiesInEnglishAndFrench()
{
    QFETCH(QString, address);
    QFETCH(QString, language);
    QFETCH(QString, city);
    QFETCH(QString, region);
    QFETCH(QString, country);
    QFETCH(QString, code);
    const auto location = m_db->lookup(address.toStdString(), language.toStdString());
    QVERIFY(location);
    QCOMPARE(str(location->city), city);
    QCOMPARE(str(location->region), region);
    QCOMPARE(str(location->country), country);
    QCOMPARE(str(location->countryCode), code);
}

void TestGeoIp::ipv6AndIpv4MappedAddressesAreLocated()
{
    const struct
    {
        const char* address;
        const char* city;
    } rows[] = {
        {"2001:db8:1::7", "Paris"},  {"2001:DB8:2:0:0:0:0:1", "Lyon"}, {"2001:db8:3:ffff::1", "Londres"},
        {"2001:db8:4::1", "Berlin"}, {"2001:db8:5::1", "New York"},    {"2001:db8:6::1", "San Francisco"},
        {"2001:db8:7::1", "Tokyo"},  {"2001:db8:8::1", "São Paulo"},   {"2001:db8:9::1", "Montréal"},
        {"2001:db8:a::1", "Madrid"}, {"::ffff:203.0.113.7", "Paris"},  {"::ffff:c000:0207", "Londres"},
    };
    for (const auto& row : rows) {
        const auto location = m_db->lookup(row.address, "fr");
        QVERIFY2(location, row.address);
        QCOMPARE(str(location->city), QString::fromUtf8(row.city));
    }
    // The same lookup through a parsed address.
    const auto location = m_db->lookup(*IpAddress::parse("2001:db8:9::1"), "en");
    QVERIFY(location);
    QCOMPARE(str(location->city), QString("Montreal"));
    QCOMPARE(str(location->countryCode), QString("CA"));
}

void TestGeoIp::missingFrenchNameFallsBackToEnglish()
{
    // The demo source gives Sydney no French name, on purpose.
    const auto location = m_db->lookup("203.0.113.100", "fr");
    QVERIFY(location);
    QCOMPARE(str(location->city), QString("Sydney"));
    QCOMPARE(str(location->region), QString("Nouvelle-Galles du Sud"));
}

void TestGeoIp::otherLanguagesFallBackToEnglish()
{
    for (const char* language : {"de", "", "zh-CN", "fr\xff"}) {
        const auto location = m_db->lookup("192.0.2.1", language);
        QVERIFY2(location, language);
        QCOMPARE(str(location->city), QString("London"));
        QCOMPARE(str(location->country), QString("United Kingdom"));
    }
}

void TestGeoIp::countryOnlyEntryHasNullCityAndRegion()
{
    const auto location = m_db->lookup("203.0.113.130", "fr");
    QVERIFY(location);
    QVERIFY(!location->city);
    QVERIFY(!location->region);
    QCOMPARE(str(location->country), QString("Suisse"));
    QCOMPARE(str(location->countryCode), QString("CH"));
}

void TestGeoIp::unknownAddressesAreNull()
{
    for (const char* a : {"203.0.113.192", "203.0.113.255", "8.8.8.8", "1.1.1.1", "2001:db8::1",
                          "2001:db8:ffff::1", "2606:4700::1111", "3fff::1"})
        QVERIFY2(!m_db->lookup(a, "en"), a);
}

void TestGeoIp::nonRoutableAddressesAreNull_data()
{
    QTest::addColumn<QString>("address");
    for (const char* a : {"0.0.0.0",
                          "0.0.0.1",
                          "10.1.2.3",
                          "100.64.1.1",
                          "100.127.255.255",
                          "127.0.0.1",
                          "169.254.10.10",
                          "172.16.5.4",
                          "172.31.255.255",
                          "192.168.1.1",
                          "224.0.0.251",
                          "239.1.2.3",
                          "255.255.255.255",
                          "::",
                          "::1",
                          "fc00::1",
                          "fd00::1",
                          "fe80::1",
                          "fe80::1%lo",
                          "ff02::1",
                          "::ffff:127.0.0.1",
                          "::ffff:10.0.0.1"})
        QTest::newRow(a) << QString(a);
}

void TestGeoIp::nonRoutableAddressesAreNull()
{
    QFETCH(QString, address);
    QVERIFY(!m_db->lookup(address.toStdString(), "en"));
    QVERIFY(!m_db->lookup(address.toStdString(), "fr"));
}

void TestGeoIp::malformedAddressesAreNull()
{
    for (const char* a : {"", "paris", "203.0.113.7:80", "203.0.113.256", "[2001:db8:1::1]", " 203.0.113.7"})
        QVERIFY2(!m_db->lookup(a, "en"), a);
}

void TestGeoIp::missingFileIsAClearError()
{
    const QString path = m_tmp.filePath("does-not-exist.mmdb");
    const QString message = openError(path);
    verifyClearError(message, path);
    QVERIFY2(message.contains("No such file"), qPrintable(message));
}

void TestGeoIp::corruptFilesAreClearErrors()
{
    const QString garbage = m_tmp.filePath("garbage.mmdb");
    {
        QFile f(garbage);
        QVERIFY(f.open(QIODevice::WriteOnly));
        QByteArray bytes;
        for (int i = 0; i < 4096; ++i)
            bytes.append(char((i * 7919 + 13) % 251));
        f.write(bytes);
    }
    verifyClearError(openError(garbage), garbage);

    const QString empty = m_tmp.filePath("empty.mmdb");
    {
        QFile f(empty);
        QVERIFY(f.open(QIODevice::WriteOnly));
    }
    verifyClearError(openError(empty), empty);

    // A real database cut short loses its metadata section, which lives at the end.
    const QString truncated = m_tmp.filePath("truncated.mmdb");
    {
        QFile in(demoDatabasePath());
        QVERIFY(in.open(QIODevice::ReadOnly));
        QFile out(truncated);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(in.readAll().left(1000));
    }
    verifyClearError(openError(truncated), truncated);

    verifyClearError(openError(m_tmp.path()), m_tmp.path());
    QVERIFY(openError(m_tmp.path()).contains("directory"));
}

void TestGeoIp::damagedSearchTreeDoesNotCrash()
{
    QFile in(demoDatabasePath());
    QVERIFY(in.open(QIODevice::ReadOnly));
    const QByteArray original = in.readAll();
    // Scribble over the search tree and data section but keep the metadata, so the file opens
    // and every lookup has to cope with nonsense pointers.
    const qsizetype metadata = original.lastIndexOf(QByteArray("\xab\xcd\xefMaxMind.com"));
    QVERIFY(metadata > 0);
    for (int seed = 1; seed <= 8; ++seed) {
        QByteArray damaged = original;
        for (qsizetype i = seed; i < metadata; i += 3 + seed)
            damaged[i] = char(damaged[i] ^ (0x5a + seed));
        const QString path = m_tmp.filePath(QString("damaged-%1.mmdb").arg(seed));
        QFile out(path);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(damaged);
        out.close();
        try {
            GeoIpDatabase db(path.toStdString());
            for (const char* a : {"192.0.2.7", "198.51.100.150", "203.0.113.7", "2001:db8:1::1", "8.8.8.8"})
                (void)db.lookup(a, "fr");
        } catch (const std::runtime_error&) {
            // Refusing the file is fine too; crashing is not.
        }
    }
}

void TestGeoIp::concurrentLookupsAgree()
{
    std::atomic<int> mismatches = 0;
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < 2000; ++i) {
                const bool french = (i + t) % 2 == 0;
                const auto location =
                    m_db->lookup(i % 3 ? "192.0.2.7" : "2001:db8:1::1", french ? "fr" : "en");
                const char* expected = i % 3 ? (french ? "Londres" : "London") : "Paris";
                if (!location || location->city != expected)
                    ++mismatches;
            }
        });
    }
    for (auto& thread : threads)
        thread.join();
    QCOMPARE(mismatches.load(), 0);
}

// A session keeps its place with all its names, so it can be named again in another language
// without the database (API.md v1.1).
void TestGeoIp::placesKeepEveryNameForLaterReaders()
{
    QCOMPARE(m_db->languages(), (std::vector<std::string>{"en", "fr"}));
    const auto place = m_db->lookupPlace("192.0.2.70");
    QVERIFY(place);
    const auto stored = Place::fromJson(place->toJson());
    QVERIFY(stored);
    QCOMPARE(*stored, *place);
    QCOMPARE(stored->in("fr")->country, std::optional<std::string>("Allemagne"));
    QCOMPARE(stored->in("en")->country, std::optional<std::string>("Germany"));
    QCOMPARE(stored->in("ja")->country, std::optional<std::string>("Germany"));
    QCOMPARE(stored->in("fr"), m_db->lookup("192.0.2.70", "fr"));
}

// Rows written before v1.1 hold location_data with one name per field.
void TestGeoIp::placesStoredBeforeV11StillRead()
{
    const auto old =
        Place::fromJson(R"({"city": "Paris", "region": null, "country": "France", "country_code": "FR"})");
    QVERIFY(old);
    const auto named = old->in("fr");
    QVERIFY(named);
    QCOMPARE(named->city, std::optional<std::string>("Paris"));
    QVERIFY(!named->region);
    QCOMPARE(named->countryCode, std::optional<std::string>("FR"));
    // Damaged text is an unknown place, not an error.
    QVERIFY(!Place::fromJson("{\"city\": 7}"));
    QVERIFY(!Place::fromJson("not json"));
}

QTEST_APPLESS_MAIN(TestGeoIp)
#include "tst_geoip.moc"
