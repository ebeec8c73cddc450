// API v1.1 against the real server: unusual sign-ins (flags), where a session was last seen,
// places in the reader's language, and which device each audit event was about.
// Loopback is a trusted proxy here, so X-Forwarded-For plays clients around the world; the
// bundled demo GeoIP database (resources/geoip/README.md) knows their cities in English and
// French.
#include "HttpClient.h"
#include "TestServer.h"

#include <QJsonArray>
#include <QtTest>

namespace {

const char* const kWindows =
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36";
const char* const kMac = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like "
                         "Gecko) Version/17.5 Safari/605.1.15";
// Paris, Lyon (France), Berlin (Germany), Sydney (no French city name), Switzerland (no city).
const char* const kParis = "203.0.113.7";
const char* const kLyon = "198.51.100.200";
const char* const kBerlin = "192.0.2.70";
const char* const kSydney = "203.0.113.100";

QString geoipDatabase()
{
    return qEnvironmentVariable("VIGIE_SOURCE_DIR", ".") + "/resources/geoip/vigie-demo-city.mmdb";
}

HttpClient::Headers from(const char* address, const char* userAgent = kWindows,
                         const char* language = nullptr)
{
    HttpClient::Headers headers{{"X-Forwarded-For", address}, {"User-Agent", userAgent}};
    if (language)
        headers.append(qMakePair(QByteArray("Accept-Language"), QByteArray(language)));
    return headers;
}

QStringList flagsOf(const QJsonObject& session)
{
    QStringList out;
    for (const auto& flag : session.value("flags").toArray())
        out << flag.toString();
    return out;
}

} // namespace

class TestPlaces final : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void firstSignInHasNoFlags();
    void aNewDeviceAndANewCountryAreFlagged();
    void flagsLastForTheSessionsLife();
    void lastSeenFollowsTheMostRecentAddress();
    void placesAreNamedInTheReadersLanguage();
    void acceptLanguageIsReadByWeight_data();
    void acceptLanguageIsReadByWeight();
    void auditEventsSayWhichDeviceTheyWereAbout();

private:
    QString signIn(const HttpClient::Headers& headers, QString* sessionId = nullptr);
    QJsonObject sessionOf(const QString& token, const QString& id, const HttpClient::Headers& headers = {});
    QJsonArray events(const QString& token, const char* language = nullptr);

    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<HttpClient> m_http;
};

void TestPlaces::init()
{
    m_server = std::make_unique<TestServer>(QStringList{"--geoip-db", geoipDatabase(), "--trusted-proxy",
                                                        "127.0.0.0/8", "--login-max-failures", "1000"});
    QVERIFY2(m_server->start(), qPrintable(m_server->errorOutput()));
    QVERIFY(!m_server->addUser("ada@example.test", "ada's password").isEmpty());
    m_http = std::make_unique<HttpClient>(m_server->url());
}

QString TestPlaces::signIn(const HttpClient::Headers& headers, QString* sessionId)
{
    const auto r = m_http->login("ada@example.test", "ada's password", headers);
    if (r.status != 200)
        return {};
    if (sessionId)
        *sessionId = r.json().value("session_id").toString();
    return r.json().value("access_token").toString();
}

QJsonObject TestPlaces::sessionOf(const QString& token, const QString& id, const HttpClient::Headers& headers)
{
    auto all = headers;
    all.append(qMakePair(QByteArray("Authorization"), "Bearer " + token.toUtf8()));
    const auto r = m_http->send("GET", "/api/users/me/sessions", {}, all);
    for (const auto& s : r.json().value("sessions").toArray())
        if (s.toObject().value("id").toString() == id)
            return s.toObject();
    return {};
}

QJsonArray TestPlaces::events(const QString& token, const char* language)
{
    HttpClient::Headers headers{{"Authorization", "Bearer " + token.toUtf8()}};
    if (language)
        headers.append(qMakePair(QByteArray("Accept-Language"), QByteArray(language)));
    return m_http->send("GET", "/api/users/me/audit?limit=1000", {}, headers)
        .json()
        .value("events")
        .toArray();
}

void TestPlaces::firstSignInHasNoFlags()
{
    QString id;
    const QString token = signIn(from(kParis), &id);
    QVERIFY(!token.isEmpty());
    const auto session = sessionOf(token, id);
    QVERIFY(session.value("flags").isArray());
    QCOMPARE(flagsOf(session), QStringList());
}

void TestPlaces::aNewDeviceAndANewCountryAreFlagged()
{
    QVERIFY(!signIn(from(kParis)).isEmpty());

    // The same browser, OS and device type from the same country: nothing unusual.
    QString known;
    const QString token = signIn(from(kLyon), &known);
    QCOMPARE(flagsOf(sessionOf(token, known)), QStringList());

    // Another device from France.
    QString mac;
    signIn(from(kParis, kMac), &mac);
    QCOMPARE(flagsOf(sessionOf(token, mac)), QStringList{"new_device"});

    // The known device from Germany.
    QString berlin;
    signIn(from(kBerlin), &berlin);
    QCOMPARE(flagsOf(sessionOf(token, berlin)), QStringList{"new_country"});

    // An address with no known place is no new country.
    QString unplaced;
    signIn(from("10.1.2.3"), &unplaced);
    QCOMPARE(flagsOf(sessionOf(token, unplaced)), QStringList());
}

void TestPlaces::flagsLastForTheSessionsLife()
{
    QVERIFY(!signIn(from(kParis)).isEmpty());
    QString flagged;
    const QString token = signIn(from(kSydney, kMac), &flagged);
    const QStringList both{"new_device", "new_country"};
    QCOMPARE(flagsOf(sessionOf(token, flagged)), both);
    // Known now: the next sign-in from there is not flagged, and the first one stays flagged.
    QString again;
    signIn(from(kSydney, kMac), &again);
    QCOMPARE(flagsOf(sessionOf(token, again)), QStringList());
    QCOMPARE(flagsOf(sessionOf(token, flagged)), both);
}

void TestPlaces::lastSeenFollowsTheMostRecentAddress()
{
    QString id;
    const auto login = m_http->login("ada@example.test", "ada's password", from(kParis));
    QCOMPARE(login.status, 200);
    id = login.json().value("session_id").toString();
    const QString token = login.json().value("access_token").toString();

    auto session = sessionOf(token, id, from(kParis));
    QCOMPARE(session.value("last_ip_address").toString(), QString(kParis));
    QCOMPARE(session.value("last_location_data").toObject().value("city").toString(), QString("Paris"));

    // The same token used from Berlin: the sign-in place stays, the last-seen place moves.
    session = sessionOf(token, id, from(kBerlin));
    QCOMPARE(session.value("ip_address").toString(), QString(kParis));
    QCOMPARE(session.value("location_data").toObject().value("city").toString(), QString("Paris"));
    QCOMPARE(session.value("last_ip_address").toString(), QString(kBerlin));
    QCOMPARE(session.value("last_location_data").toObject().value("country").toString(), QString("Germany"));

    // A refresh from Sydney counts too.
    const auto refreshed =
        m_http->post("/api/auth/refresh", {{"refresh_token", login.json().value("refresh_token").toString()}},
                     {}, from(kSydney));
    QCOMPARE(refreshed.status, 200);
    session = sessionOf(refreshed.json().value("access_token").toString(), id);
    // This listing itself came from loopback (no X-Forwarded-For), the most recent address.
    QCOMPARE(session.value("last_ip_address").toString(), QString("127.0.0.1"));
    QVERIFY(session.value("last_location_data").isNull());
    QCOMPARE(m_server->sqlInt("SELECT count(*) FROM audit_events WHERE action = 'refresh_reuse'"), 0);
}

void TestPlaces::placesAreNamedInTheReadersLanguage()
{
    QString berlin, sydney;
    const QString token = signIn(from(kBerlin), &berlin);
    signIn(from(kSydney), &sydney);

    const auto inFrench = from("127.0.0.1", kWindows, "fr-FR,fr;q=0.9,en;q=0.5");
    auto place = sessionOf(token, berlin, inFrench).value("location_data").toObject();
    QCOMPARE(place.value("country").toString(), QString("Allemagne"));
    QCOMPARE(place.value("country_code").toString(), QString("DE"));
    // Field by field: Sydney has no French name, its state and country do.
    place = sessionOf(token, sydney, inFrench).value("location_data").toObject();
    QCOMPARE(place.value("city").toString(), QString("Sydney"));
    QCOMPARE(place.value("region").toString(), QString("Nouvelle-Galles du Sud"));
    QCOMPARE(place.value("country").toString(), QString("Australie"));
    QCOMPARE(
        sessionOf(token, sydney, inFrench).value("last_location_data").toObject().value("country").toString(),
        QString("Australie"));

    // The same list asked for in English right after (not the French one from a cache).
    place = sessionOf(token, berlin, from("127.0.0.1", kWindows, "en")).value("location_data").toObject();
    QCOMPARE(place.value("country").toString(), QString("Germany"));
    // A language the database does not have: English.
    place = sessionOf(token, berlin, from("127.0.0.1", kWindows, "de-DE")).value("location_data").toObject();
    QCOMPARE(place.value("country").toString(), QString("Germany"));
}

void TestPlaces::acceptLanguageIsReadByWeight_data()
{
    QTest::addColumn<QString>("header");
    QTest::addColumn<QString>("country");
    QTest::newRow("none") << QString() << "Germany";
    QTest::newRow("French") << "fr"
                            << "Allemagne";
    QTest::newRow("region of French") << "fr-CA"
                                      << "Allemagne";
    QTest::newRow("case") << "FR"
                          << "Allemagne";
    QTest::newRow("first available") << "de, fr;q=0.8, en;q=0.5"
                                     << "Allemagne";
    QTest::newRow("weight before order") << "en;q=0.4, fr;q=0.9"
                                         << "Allemagne";
    QTest::newRow("order among equals") << "en, fr"
                                        << "Germany";
    QTest::newRow("q=0 refuses") << "fr;q=0, en;q=0.1"
                                 << "Germany";
    QTest::newRow("wildcard") << "*"
                              << "Germany";
    QTest::newRow("malformed weight ignored") << "fr;q=high, en"
                                              << "Germany";
    QTest::newRow("garbage") << ";;,,=q"
                             << "Germany";
}

void TestPlaces::acceptLanguageIsReadByWeight()
{
    QFETCH(QString, header);
    QFETCH(QString, country);
    QString id;
    const QString token = signIn(from(kBerlin), &id);
    HttpClient::Headers headers;
    if (!header.isNull())
        headers.append(qMakePair(QByteArray("Accept-Language"), header.toUtf8()));
    QCOMPARE(sessionOf(token, id, headers).value("location_data").toObject().value("country").toString(),
             country);
}

void TestPlaces::auditEventsSayWhichDeviceTheyWereAbout()
{
    QString mine, macId, berlinId;
    const QString token = signIn(from(kParis), &mine);
    signIn(from(kParis, kMac), &macId);
    signIn(from(kBerlin), &berlinId);
    // Named by its user: the name is part of what the events keep.
    auto named = from("127.0.0.1");
    named.append(qMakePair(QByteArray("Authorization"), "Bearer " + token.toUtf8()));
    named.append(qMakePair(QByteArray("Content-Type"), QByteArray("application/json")));
    QCOMPARE(
        m_http->send("PATCH", "/api/users/me/sessions/" + macId, R"({"name": "Work Mac"})", named).status,
        200);

    // Signing out the others needs a fresh sign-in, which this session has.
    auto headers = from("127.0.0.1");
    headers.append(qMakePair(QByteArray("Authorization"), "Bearer " + token.toUtf8()));
    QCOMPARE(m_http->send("DELETE", "/api/users/me/sessions", {}, headers).status, 200);

    // The sessions are gone for good (as the cleanup job does after --retention).
    QVERIFY(m_server->sqlExec(
        QString("DELETE FROM user_sessions WHERE id IN ('%1', '%2')").arg(macId, berlinId)));

    QHash<QString, QJsonObject> bySession;
    for (const auto& e : events(token, "fr")) {
        const auto event = e.toObject();
        QVERIFY2(event.contains("target_session"), "every v1.1 event carries target_session");
        if (event.value("action").toString() == "other_sessions_revoked")
            bySession.insert(event.value("target_session_id").toString(),
                             event.value("target_session").toObject());
    }
    QCOMPARE(bySession.size(), 2);
    const auto mac = bySession.value(macId);
    QCOMPARE(mac.value("name").toString(), QString("Work Mac"));
    QCOMPARE(mac.value("device_info").toObject().value("os").toString(), QString("Mac OS X"));
    QCOMPARE(mac.value("location_data").toObject().value("city").toString(), QString("Paris"));
    const auto berlin = bySession.value(berlinId);
    QVERIFY(berlin.value("name").isNull());
    QCOMPARE(berlin.value("device_info").toObject().value("browser").toString(), QString("Chrome"));
    QCOMPARE(berlin.value("location_data").toObject().value("country").toString(), QString("Allemagne"));

    // The login events too, and events with no target session say null.
    bool sawLogin = false;
    for (const auto& e : events(token)) {
        const auto event = e.toObject();
        if (event.value("action").toString() == "login" &&
            event.value("target_session_id").toString() == berlinId) {
            sawLogin = true;
            QCOMPARE(
                event.value("target_session").toObject().value("location_data").toObject().value("country"),
                QJsonValue("Germany"));
        }
        if (event.value("target_session_id").isNull())
            QVERIFY(event.value("target_session").isNull());
    }
    QVERIFY(sawLogin);
}

QTEST_GUILESS_MAIN(TestPlaces)
#include "tst_places.moc"
