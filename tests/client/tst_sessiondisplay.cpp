// How a session reads: "Firefox 128 on Windows", the place, relative times.
#include "SessionFixtures.h"
#include "client/SessionDisplay.h"

#include <QtTest>

using namespace vigie::client;
using testsupport::makeSession;
using testsupport::SessionSpec;

class TestSessionDisplay final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void friendlyNames()
    {
        QCOMPARE(SessionDisplay::friendlyBrowserName("Chrome Mobile"), "Chrome");
        QCOMPARE(SessionDisplay::friendlyBrowserName("Mobile Safari"), "Safari");
        QCOMPARE(SessionDisplay::friendlyBrowserName("Firefox"), "Firefox");
        QCOMPARE(SessionDisplay::friendlyOsName("Mac OS X"), "macOS");
        QCOMPARE(SessionDisplay::friendlyOsName("Windows"), "Windows");
    }

    void clientDescription_data()
    {
        QTest::addColumn<QString>("browser");
        QTest::addColumn<QString>("version");
        QTest::addColumn<QString>("os");
        QTest::addColumn<QString>("deviceType");
        QTest::addColumn<QString>("expected");
        QTest::newRow("browser") << "Firefox"
                                 << "128.0"
                                 << "Windows"
                                 << "desktop"
                                 << "Firefox 128 on Windows";
        QTest::newRow("friendly") << "Chrome Mobile"
                                  << "126.0.6478.122"
                                  << "Mac OS X"
                                  << "desktop"
                                  << "Chrome 126 on macOS";
        QTest::newRow("app keeps full version") << "Vigie"
                                                << "0.1.0"
                                                << "Debian GNU/Linux"
                                                << "app"
                                                << "Vigie 0.1.0 on Debian GNU/Linux";
        QTest::newRow("no version") << "Safari"
                                    << ""
                                    << "iOS"
                                    << "mobile"
                                    << "Safari on iOS";
        QTest::newRow("no OS") << "curl"
                               << "8.5.0"
                               << ""
                               << "unknown"
                               << "curl 8";
        QTest::newRow("no browser") << ""
                                    << ""
                                    << "Android"
                                    << "mobile"
                                    << "Android";
        QTest::newRow("nothing") << ""
                                 << ""
                                 << ""
                                 << "unknown"
                                 << "Unknown browser";
    }

    void clientDescription()
    {
        QFETCH(QString, browser);
        QFETCH(QString, version);
        QFETCH(QString, os);
        QFETCH(QString, deviceType);
        QFETCH(QString, expected);
        vigie::DeviceInfo d;
        if (!browser.isEmpty())
            d.browser = browser.toStdString();
        if (!version.isEmpty())
            d.browserVersion = version.toStdString();
        if (!os.isEmpty())
            d.os = os.toStdString();
        d.deviceType = deviceType.toStdString();
        QCOMPARE(SessionDisplay::clientDescription(d), expected);
    }

    void deviceDescription()
    {
        vigie::DeviceInfo d;
        d.deviceType = "mobile";
        QCOMPARE(SessionDisplay::deviceDescription(d), "Phone");
        d.deviceBrand = "Apple";
        d.deviceModel = "iPhone";
        QCOMPARE(SessionDisplay::deviceDescription(d), "Apple iPhone");
        d.deviceBrand = "Samsung";
        d.deviceModel = "Samsung Galaxy S24";
        QCOMPARE(SessionDisplay::deviceDescription(d), "Samsung Galaxy S24");
        QCOMPARE(SessionDisplay::deviceTypeLabel("desktop"), "Computer");
        QCOMPARE(SessionDisplay::deviceTypeLabel("app"), "Desktop app");
        QCOMPARE(SessionDisplay::deviceTypeLabel("tablet"), "Tablet");
        QCOMPARE(SessionDisplay::deviceTypeLabel("something new"), "Unknown device");
    }

    // The user's name first, the browser and system after; without a name, the device as before.
    void namedSessions()
    {
        SessionSpec spec;
        spec.browser = QStringLiteral("Chrome");
        spec.browserVersion = QStringLiteral("131.0.6778.86");
        vigie::Session s = makeSession(spec, QDateTime::currentDateTimeUtc());
        QCOMPARE(SessionDisplay::sessionDescription(s), "Chrome 131 on Windows");
        QCOMPARE(SessionDisplay::deviceLabel(s), "Computer");
        s.name = "  Work   laptop ";
        QCOMPARE(SessionDisplay::sessionName(s.name), "Work laptop");
        QCOMPARE(SessionDisplay::sessionDescription(s), "Work laptop · Chrome 131 on Windows");
        QCOMPARE(SessionDisplay::deviceLabel(s), "Work laptop");
        s.name = "";
        QCOMPARE(SessionDisplay::sessionDescription(s), "Chrome 131 on Windows");

        vigie::TargetSession target{std::string("Work laptop"), s.deviceInfo, vigie::LocationData{}};
        target.locationData->city = "Lyon";
        QCOMPARE(SessionDisplay::targetDescription(target), "Work laptop · Chrome 131 on Windows, Lyon");
    }

    void location_data()
    {
        QTest::addColumn<QString>("ip");
        QTest::addColumn<QString>("city");
        QTest::addColumn<QString>("country");
        QTest::addColumn<QString>("expected");
        QTest::newRow("city and country") << "203.0.113.7"
                                          << "Paris"
                                          << "France"
                                          << "Paris, France";
        QTest::newRow("country only") << "203.0.113.7"
                                      << ""
                                      << "France"
                                      << "France";
        QTest::newRow("city only") << "203.0.113.7"
                                   << "Paris"
                                   << ""
                                   << "Paris";
        QTest::newRow("loopback") << "127.0.0.1"
                                  << ""
                                  << ""
                                  << "Local network";
        QTest::newRow("loopback v6") << "::1"
                                     << ""
                                     << ""
                                     << "Local network";
        QTest::newRow("private 10/8") << "10.1.2.3"
                                      << ""
                                      << ""
                                      << "Local network";
        QTest::newRow("private 192.168/16") << "192.168.0.12"
                                            << ""
                                            << ""
                                            << "Local network";
        QTest::newRow("private 172.16/12") << "172.31.255.1"
                                           << ""
                                           << ""
                                           << "Local network";
        QTest::newRow("not private 172.32") << "172.32.0.1"
                                            << ""
                                            << ""
                                            << "Unknown location";
        QTest::newRow("IPv4-mapped private") << "::ffff:192.168.1.1"
                                             << ""
                                             << ""
                                             << "Local network";
        QTest::newRow("unique local v6") << "fd12:3456::1"
                                         << ""
                                         << ""
                                         << "Local network";
        QTest::newRow("link-local v6") << "fe80::1"
                                       << ""
                                       << ""
                                       << "Local network";
        QTest::newRow("public, not located") << "198.51.100.1"
                                             << ""
                                             << ""
                                             << "Unknown location";
        QTest::newRow("no address") << ""
                                    << ""
                                    << ""
                                    << "Unknown location";
    }

    void location()
    {
        QFETCH(QString, ip);
        QFETCH(QString, city);
        QFETCH(QString, country);
        QFETCH(QString, expected);
        SessionSpec spec{"a"};
        spec.ip = ip;
        spec.city = city;
        spec.country = country;
        QCOMPARE(SessionDisplay::locationDescription(makeSession(spec, QDateTime::currentDateTimeUtc())),
                 expected);
    }

    void relativeTime_data()
    {
        QTest::addColumn<qint64>("secondsAgo");
        QTest::addColumn<QString>("expected");
        QTest::newRow("now") << qint64(0) << "Active now";
        QTest::newRow("1 minute") << qint64(60) << "Active now";
        QTest::newRow("clock ahead") << qint64(-30) << "Active now";
        QTest::newRow("2 minutes") << qint64(120) << "2 minutes ago";
        QTest::newRow("5 minutes") << qint64(5 * 60 + 20) << "5 minutes ago";
        QTest::newRow("1 hour") << qint64(3600) << "1 hour ago";
        QTest::newRow("3 hours") << qint64(3 * 3600 + 59) << "3 hours ago";
        QTest::newRow("yesterday") << qint64(26 * 3600) << "Yesterday";
    }

    void relativeTime()
    {
        QFETCH(qint64, secondsAgo);
        QFETCH(QString, expected);
        const QDateTime now(QDate(2026, 11, 25), QTime(12, 0), Qt::LocalTime);
        QCOMPARE(SessionDisplay::relativeTime(now.addSecs(-secondsAgo), now, QLocale::c()), expected);
    }

    void olderTimesAreLocalisedDates()
    {
        const QDateTime now(QDate(2026, 11, 25), QTime(12, 0), Qt::LocalTime);
        const QDateTime then = now.addDays(-10);
        const QLocale french(QLocale::French, QLocale::France);
        QCOMPARE(SessionDisplay::relativeTime(then, now, french),
                 french.toString(then.date(), QLocale::ShortFormat));
        QCOMPARE(SessionDisplay::relativeTime(then, now, QLocale(QLocale::English, QLocale::UnitedStates)),
                 "11/15/26");
        QCOMPARE(SessionDisplay::exactTime(then.toUTC(), french), french.toString(then, QLocale::LongFormat));
        QVERIFY(SessionDisplay::relativeTime(QDateTime(), now).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestSessionDisplay)
#include "tst_sessiondisplay.moc"
