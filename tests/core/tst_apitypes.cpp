#include "core/ApiTypes.h"
#include "core/ErrorCodes.h"
#include "core/TimeFormat.h"

#include <QtTest>
#include <nlohmann/json.hpp>

using namespace vigie;
using nlohmann::json;

class TestApiTypes final : public QObject
{
    Q_OBJECT
private slots:
    void sessionRoundTripsThroughJson();
    void unknownDevicePartsAreNullNotEmpty();
    void auditEventsSayWhichDeviceTheyWereAbout();
    void v1SessionsReadWithoutTheV11Fields();
    void v11SessionFieldsRoundTrip();
    void v11BodiesRoundTrip();
    void wrongTypesAreRejected();
    void timestampsAreRfc3339Utc();
    void timestampsWithOffsetsAreNormalised();
    void garbageTimestampsAreRejected();
    void timestampsOutsideWhatRfc3339CanWriteAreRejected();
    void expiresInIsAWholeNumber();
    void errorCodesAreTheContractsList();
};

void TestApiTypes::sessionRoundTripsThroughJson()
{
    Session s;
    s.id = "6f1c1f8e-0000-4000-8000-000000000001";
    s.deviceInfo.browser = "Firefox";
    s.deviceInfo.browserVersion = "128.0";
    s.deviceInfo.os = "Windows";
    s.deviceInfo.deviceType = "desktop";
    s.deviceInfo.userAgent =
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0";
    s.ipAddress = "203.0.113.7";
    s.locationData = LocationData{"Paris", "Île-de-France", "France", "FR"};
    s.createdAt = *parseRfc3339("2026-11-25T08:00:00Z");
    s.lastActivity = *parseRfc3339("2026-11-25T09:30:00Z");
    s.expiresAt = *parseRfc3339("2026-12-25T08:00:00Z");
    s.isCurrent = true;

    const json j = s;
    QCOMPARE(QString::fromStdString(j.at("created_at").get<std::string>()), QString("2026-11-25T08:00:00Z"));
    QCOMPARE(QString::fromStdString(j.at("location_data").at("region").get<std::string>()),
             QString::fromUtf8("Île-de-France"));
    const auto back = j.get<Session>();
    QCOMPARE(back.deviceInfo, s.deviceInfo);
    QCOMPARE(back.locationData, s.locationData);
    QVERIFY(back.lastActivity == s.lastActivity);
    QVERIFY(back.isCurrent);
}

// A v1 server's session has no name, flags or last-seen place: the app still reads it.
void TestApiTypes::v1SessionsReadWithoutTheV11Fields()
{
    const json j = json::parse(R"({"id": "6f1c1f8e-0000-4000-8000-000000000001",
        "device_info": {"browser": null, "browser_version": null, "os": null, "os_version": null,
                        "device_type": "unknown", "device_brand": null, "device_model": null,
                        "user_agent": null},
        "ip_address": null, "location_data": null, "created_at": "2026-11-25T08:00:00Z",
        "last_activity": "2026-11-25T08:00:00Z", "expires_at": "2026-12-25T08:00:00Z",
        "is_active": true, "is_current": false})");
    const auto s = j.get<Session>();
    QVERIFY(!s.name);
    QVERIFY(s.flags.empty());
    QVERIFY(!s.lastIpAddress);
    QVERIFY(!s.lastLocationData);
}

void TestApiTypes::v11SessionFieldsRoundTrip()
{
    Session s;
    s.id = "6f1c1f8e-0000-4000-8000-000000000002";
    s.name = "Work laptop";
    s.flags = {session::kFlagNewDevice, session::kFlagNewCountry};
    s.lastIpAddress = "198.51.100.4";
    s.lastLocationData = LocationData{"Berlin", std::nullopt, "Germany", "DE"};
    const json j = s;
    QCOMPARE(j.at("flags").size(), size_t(2));
    QCOMPARE(j.at("last_location_data").at("city").get<std::string>(), std::string("Berlin"));
    QCOMPARE(j.get<Session>(), s);

    json bad = j;
    bad["flags"] = "new_device";
    QVERIFY_THROWS_EXCEPTION(json::exception, bad.get<Session>());
}

void TestApiTypes::v11BodiesRoundTrip()
{
    const auto version =
        json::parse(R"({"version": "1.1", "features": ["events", "settings"]})").get<ServerVersion>();
    QVERIFY(version.has(feature::kEvents));
    QVERIFY(!version.has(feature::kPasswordChange));

    const AccountSettings settings{86400, 1209600};
    QCOMPARE(json(settings).get<AccountSettings>(), settings);
    QVERIFY_THROWS_EXCEPTION(
        std::invalid_argument,
        json::parse(R"({"idle_timeout_seconds": 3600.5, "max_idle_timeout_seconds": 7200})")
            .get<AccountSettings>());

    // sign_out_other_sessions is optional and defaults to true.
    const auto change =
        json::parse(R"({"current_password": "a", "new_password": "b"})").get<PasswordChangeRequest>();
    QVERIFY(change.signOutOtherSessions);

    // A rename must say "name", even to clear it.
    QVERIFY(!json::parse(R"({"name": null})").get<SessionRenameRequest>().name);
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, json::parse("{}").get<SessionRenameRequest>());

    AccountEvent event;
    event.event.id = "6f1c1f8e-0000-4000-8000-000000000003";
    event.event.action = "logout";
    QVERIFY(json(event).at("session").is_null());
    QCOMPARE(json(event).get<AccountEvent>(), event);
}

void TestApiTypes::unknownDevicePartsAreNullNotEmpty()
{
    DeviceInfo d;
    d.userAgent = "curl/8.0";
    const json j = d;
    QVERIFY(j.at("browser").is_null());
    QVERIFY(j.at("os_version").is_null());
    QCOMPARE(QString::fromStdString(j.at("device_type").get<std::string>()), QString("unknown"));
}

void TestApiTypes::auditEventsSayWhichDeviceTheyWereAbout()
{
    // A v1.1 event carries the session it was about, kept as it was when written.
    const json v11 = json::parse(R"({"id": "e1", "at": "2026-11-25T08:00:00Z", "actor_user_id": "u1",
        "action": "other_sessions_revoked", "target_user_id": "u1", "target_session_id": "s1",
        "ip_address": "203.0.113.7", "reason": null,
        "target_session": {"name": "Work laptop",
                           "device_info": {"browser": "Chrome", "browser_version": "128.0.6613.120",
                                           "os": "Windows", "device_type": "desktop",
                                           "user_agent": "Mozilla/5.0"},
                           "location_data": {"city": "Paris", "country": "France", "country_code": "FR"}}})");
    const auto event = v11.get<AuditEvent>();
    QVERIFY(event.targetSession);
    QCOMPARE(QString::fromStdString(event.targetSession->name.value_or("")), QString("Work laptop"));
    QCOMPARE(QString::fromStdString(event.targetSession->deviceInfo.browser.value_or("")), QString("Chrome"));
    QCOMPARE(QString::fromStdString(event.targetSession->locationData->city.value_or("")), QString("Paris"));
    QVERIFY(!event.targetSession->locationData->region);
    // Round trip: what the server writes is what the client reads.
    const json written = event;
    QVERIFY(written.get<AuditEvent>().targetSession == event.targetSession);

    // null (no target session) and absent (a v1 server) both read as "not known".
    json noTarget = v11;
    noTarget["target_session"] = nullptr;
    QVERIFY(!noTarget.get<AuditEvent>().targetSession);
    json v1 = v11;
    v1.erase("target_session");
    QVERIFY(!v1.get<AuditEvent>().targetSession);
    QVERIFY(!json(v1.get<AuditEvent>()).contains("target_session"));

    // A target session that is not an object is a malformed answer, not "unknown device".
    json wrong = v11;
    wrong["target_session"] = "Chrome on Windows";
    QVERIFY_THROWS_EXCEPTION(std::exception, wrong.get<AuditEvent>());
}

void TestApiTypes::wrongTypesAreRejected()
{
    json j = json::parse(R"({"id": 5, "email": "a@b", "display_name": "A", "role": "user"})");
    QVERIFY_THROWS_EXCEPTION(json::exception, j.get<User>());
    j = json::parse(R"({"id": "x", "email": "a@b", "display_name": "A", "role": "superuser"})");
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, j.get<User>());
    // A place given as a bare string is a malformed response, not "unknown location".
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, json("Paris").get<LocationData>());
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, json::array().get<DeviceInfo>());
}

void TestApiTypes::timestampsAreRfc3339Utc()
{
    const auto t = parseRfc3339("2024-02-29T23:59:59.999Z");
    QVERIFY(t);
    QCOMPARE(QString::fromStdString(formatRfc3339(*t)), QString("2024-02-29T23:59:59Z"));
}

void TestApiTypes::timestampsWithOffsetsAreNormalised()
{
    const auto t = parseRfc3339("2026-11-25T09:00:00+01:00");
    QVERIFY(t);
    QCOMPARE(QString::fromStdString(formatRfc3339(*t)), QString("2026-11-25T08:00:00Z"));
}

void TestApiTypes::garbageTimestampsAreRejected()
{
    for (const char* bad : {"", "2026-11-25", "2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z",
                            "2026-11-25T08:00:00", "2026-11-25T08:00:00Zjunk", "2026-11-25T25:00:00Z"})
        QVERIFY2(!parseRfc3339(bad), bad);
}

// Found by fuzz_apijson: an offset (or a leap second) could carry a timestamp past 9999 or before
// 0000 in UTC, which formatRfc3339 then wrote as another date ("9999-12-31T23:59:59-01:00" was
// exported as "0000-01-01T00:59:59Z").
void TestApiTypes::timestampsOutsideWhatRfc3339CanWriteAreRejected()
{
    for (const char* bad : {"9999-12-31T23:59:59-01:00", "0000-01-01T00:00:00+01:00", "9999-12-31T23:59:60Z"})
        QVERIFY2(!parseRfc3339(bad), bad);
    for (const char* edge : {"0000-01-01T00:00:00Z", "9999-12-31T23:59:59Z"}) {
        const auto t = parseRfc3339(edge);
        QVERIFY2(t, edge);
        QCOMPARE(QString::fromStdString(formatRfc3339(*t)), QString(edge));
    }
}

// Found by fuzz_apijson: {"expires_in": 1e300} was converted to an integer, which is undefined
// behaviour (UBSan: float-cast-overflow). A sign-in response with it is now a malformed response.
void TestApiTypes::expiresInIsAWholeNumber()
{
    json j = json::parse(R"({"access_token": "a", "token_type": "Bearer", "expires_in": 900,
        "refresh_token": "r", "session_id": "s",
        "user": {"id": "u", "email": "a@b", "display_name": "A", "role": "user"}})");
    QCOMPARE(j.get<TokenResponse>().expiresIn, 900LL);
    for (const char* bad : {"1e300", "900.5", "-1e300", "18446744073709551615"}) {
        j["expires_in"] = json::parse(bad);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, j.get<TokenResponse>());
    }
}

// The server answers with these codes and the app reacts to them: both read one list, and that
// list must be exactly docs/openapi.yaml's ErrorCode enum, or one side speaks a code the other
// does not know.
void TestApiTypes::errorCodesAreTheContractsList()
{
    QFile spec(qEnvironmentVariable("VIGIE_SOURCE_DIR") + "/docs/openapi.yaml");
    QVERIFY2(spec.open(QIODevice::ReadOnly | QIODevice::Text), qPrintable(spec.fileName()));
    QStringList documented;
    bool inErrorCode = false, inEnum = false;
    while (!spec.atEnd()) {
        const QString line = QString::fromUtf8(spec.readLine()).trimmed();
        if (line == "ErrorCode:")
            inErrorCode = true;
        else if (inErrorCode && line == "enum:")
            inEnum = true;
        else if (inEnum && line.startsWith("- "))
            documented << line.mid(2);
        else if (inEnum)
            break;
    }
    QStringList ours;
    for (const char* code : error_code::kAll)
        ours << QString::fromLatin1(code);
    QVERIFY(!documented.isEmpty());
    QCOMPARE(ours, documented);
}

QTEST_APPLESS_MAIN(TestApiTypes)
#include "tst_apitypes.moc"
