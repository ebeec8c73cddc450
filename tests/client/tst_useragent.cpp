// The desktop app's User-Agent: "Vigie/<version> (<OS name> <OS version>; Qt <version>)", with
// the OS version as the last word (API.md), and the server recognising it as the app.
#include "TestServer.h"
#include "client/UserAgent.h"
#include "core/Version.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QtTest>

using namespace vigie::client;

class TestUserAgent final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void osPart_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("version");
        QTest::addColumn<QString>("pretty");
        QTest::addColumn<QString>("expected");
        QTest::newRow("Debian codename") << "debian"
                                         << "12"
                                         << "Debian GNU/Linux 12 (bookworm)"
                                         << "Debian GNU/Linux 12";
        QTest::newRow("Ubuntu LTS") << "ubuntu"
                                    << "22.04"
                                    << "Ubuntu 22.04.3 LTS"
                                    << "Ubuntu 22.04.3";
        QTest::newRow("Fedora edition") << "fedora"
                                        << "39"
                                        << "Fedora Linux 39 (Workstation Edition)"
                                        << "Fedora Linux 39";
        QTest::newRow("openSUSE") << "opensuse-leap"
                                  << "15.5"
                                  << "openSUSE Leap 15.5"
                                  << "openSUSE Leap 15.5";
        QTest::newRow("rolling, no version") << "arch"
                                             << "unknown"
                                             << "Arch Linux"
                                             << "Arch Linux";
        QTest::newRow("testing, no version") << "debian"
                                             << "n/a"
                                             << "Debian GNU/Linux trixie/sid"
                                             << "Debian GNU/Linux trixie/sid";
        QTest::newRow("version only in productVersion") << "freebsd"
                                                        << "14.0"
                                                        << "FreeBSD"
                                                        << "FreeBSD 14.0";
        QTest::newRow("macOS") << "macos"
                               << "14.2"
                               << "macOS Sonoma (14.2)"
                               << "macOS 14.2";
        QTest::newRow("Windows") << "windows"
                                 << "11"
                                 << "Windows 11 Version 23H2"
                                 << "Windows 11";
        QTest::newRow("unsafe characters") << "linux"
                                           << ""
                                           << "Odd;Distro) 3 (x"
                                           << "Odd Distro 3";
        QTest::newRow("nothing known") << ""
                                       << ""
                                       << ""
                                       << "Unknown";
    }

    void osPart()
    {
        QFETCH(QString, type);
        QFETCH(QString, version);
        QFETCH(QString, pretty);
        QFETCH(QString, expected);
        QCOMPARE(userAgentOsPart(type, version, pretty), expected);
    }

    void thisMachine()
    {
        const QString ua = vigieUserAgent();
        const QRegularExpression shape(
            QStringLiteral("^Vigie/%1 \\(([^;()]+); Qt %2\\)$")
                .arg(QRegularExpression::escape(QString::fromLatin1(vigie::kVersion)),
                     QRegularExpression::escape(QString::fromLatin1(qVersion()))));
        const auto match = shape.match(ua);
        QVERIFY2(match.hasMatch(), qPrintable(ua));
        QVERIFY(!match.captured(1).trimmed().isEmpty());
        QCOMPARE(makeUserAgent("1.2.3", "Debian GNU/Linux 12", "6.4.2"),
                 "Vigie/1.2.3 (Debian GNU/Linux 12; Qt 6.4.2)");
    }

    void serverRecognisesTheApp()
    {
        QProcess parser;
        parser.start(TestServer::serverBinary(), {"parse-ua"});
        QVERIFY(parser.waitForStarted());
        const QString ua =
            makeUserAgent(QString::fromLatin1(vigie::kVersion), "Debian GNU/Linux 12", "6.4.2");
        parser.write(ua.toUtf8() + "\n");
        parser.closeWriteChannel();
        QVERIFY(parser.waitForFinished(30000));
        const QJsonObject info = QJsonDocument::fromJson(parser.readAllStandardOutput()).object();
        QCOMPARE(info.value("user_agent").toString(), ua);
        if (info.value("browser").isNull())
            QSKIP(
                "vigie-server parse-ua does not recognise the desktop app's User-Agent yet (API.md: browser "
                "\"Vigie\", device_type \"app\")");
        QCOMPARE(info.value("browser").toString(), "Vigie");
        QCOMPARE(info.value("browser_version").toString(), QString::fromLatin1(vigie::kVersion));
        QCOMPARE(info.value("device_type").toString(), "app");
        QCOMPARE(info.value("os").toString(), "Debian GNU/Linux");
        QCOMPARE(info.value("os_version").toString(), "12");
    }
};

QTEST_GUILESS_MAIN(TestUserAgent)
#include "tst_useragent.moc"
