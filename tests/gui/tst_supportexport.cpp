// SupportExport without a server: RFC 4180 quoting, formulas neutralised in CSV but kept
// exactly in JSON, UTF-8 kept, and a clear error when the file cannot be written.
#include "CsvReader.h"
#include "client/ClientTypes.h"
#include "core/TimeFormat.h"
#include "widgets/SupportExport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

using namespace vigie::widgets;

namespace {

vigie::Session session(const std::string& id, const std::string& userAgent)
{
    vigie::Session s;
    s.id = id;
    s.deviceInfo.browser = "Firefox";
    s.deviceInfo.browserVersion = "128.0";
    s.deviceInfo.os = "Windows";
    s.deviceInfo.deviceType = "desktop";
    s.deviceInfo.userAgent = userAgent;
    s.ipAddress = "203.0.113.7";
    s.locationData = vigie::LocationData{"Zürich", "Zürich, \"ZH\"", "Switzerland", "CH"};
    s.createdAt = *vigie::parseRfc3339("2026-11-20T08:00:00Z");
    s.lastActivity = *vigie::parseRfc3339("2026-11-25T07:55:00Z");
    s.expiresAt = *vigie::parseRfc3339("2026-12-20T08:00:00Z");
    return s;
}

} // namespace

class TestSupportExport final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void quotesOnlyWhatNeedsIt_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("expected");
        QTest::newRow("plain") << "Firefox"
                               << "Firefox";
        QTest::newRow("empty") << ""
                               << "";
        QTest::newRow("spaces kept") << " a b "
                                     << " a b ";
        QTest::newRow("comma") << "Paris, France"
                               << "\"Paris, France\"";
        QTest::newRow("quote") << "say \"hi\""
                               << "\"say \"\"hi\"\"\"";
        QTest::newRow("newline") << "one\ntwo"
                                 << "\"one\ntwo\"";
        QTest::newRow("carriage return") << "one\rtwo"
                                         << "\"one\rtwo\"";
        QTest::newRow("non-ASCII") << "Île-de-France 日本"
                                   << "Île-de-France 日本";
    }
    void quotesOnlyWhatNeedsIt()
    {
        QFETCH(QString, field);
        QFETCH(QString, expected);
        QCOMPARE(SupportExport::csvField(field), expected);
    }

    void recordsEndWithCrLf()
    {
        QCOMPARE(SupportExport::csvRecord({QStringLiteral("a"), QStringLiteral("b,c"), QString()}),
                 QByteArray("a,\"b,c\",\r\n"));
    }

    void sessionsRoundTrip()
    {
        const std::string odd = "Mozilla/5.0 (X11; Linux) \"Quoted\", comma\nnewline — Ünïcødé 日本語";
        const std::string formula = "=HYPERLINK(\"http://evil.example\",\"click\")";
        const QByteArray csv =
            SupportExport::sessionsCsv({session("11111111-1111-4111-8111-111111111111", odd),
                                        session("22222222-2222-4222-8222-222222222222", formula)});
        QVERIFY(csv.contains("Ünïcødé 日本語"));
        bool ok = false;
        const auto records = guitest::readCsv(csv, &ok);
        QVERIFY(ok);
        QCOMPARE(records.size(), 3);
        const QStringList header = records.at(0);
        QCOMPARE(header, SupportExport::sessionColumns());
        const auto field = [&](int row, const char* column) {
            return records.at(row).at(header.indexOf(QString::fromLatin1(column)));
        };
        QCOMPARE(field(1, "user_agent"), QString::fromStdString(odd));
        QCOMPARE(field(1, "region"), QStringLiteral("Zürich, \"ZH\""));
        QCOMPARE(field(1, "created_at"), QStringLiteral("2026-11-20T08:00:00Z"));
        QCOMPARE(field(1, "is_active"), QStringLiteral("true"));
        QCOMPARE(field(1, "device_model"), QString());
        // A spreadsheet must not run what a client chose to send.
        QCOMPARE(field(2, "user_agent"), QLatin1Char('\'') + QString::fromStdString(formula));
    }

    void auditRoundTrip()
    {
        vigie::AuditEvent e;
        e.id = "33333333-3333-4333-8333-333333333333";
        e.at = *vigie::parseRfc3339("2026-11-25T08:00:00Z");
        e.actorUserId = "44444444-4444-4444-8444-444444444444";
        e.action = "session_revoked";
        e.targetSessionId = "11111111-1111-4111-8111-111111111111";
        e.reason = "Lost phone, \"urgent\"\nticket 4512 — café";
        vigie::AuditEvent formula = e;
        formula.reason = "-1+1";
        bool ok = false;
        const QByteArray csv = SupportExport::auditCsv({e, formula});
        QVERIFY(csv.startsWith("\xEF\xBB\xBF"));
        const auto records = guitest::readCsv(csv, &ok);
        QVERIFY(ok);
        QCOMPARE(records.at(0), SupportExport::auditColumns());
        const auto column = [&](const char* name) {
            return int(records.at(0).indexOf(QString::fromLatin1(name)));
        };
        QCOMPARE(records.at(1).at(column("reason")), QString::fromStdString(*e.reason));
        QCOMPARE(records.at(1).at(column("target_user_id")), QString()); // no target user: empty, not "null"
        QCOMPARE(records.at(2).at(column("reason")), QStringLiteral("'-1+1"));
        // The action in words, the person by name and email.
        QCOMPARE(records.at(1).at(column("Event")), QStringLiteral("Session revoked"));
        QCOMPARE(records.at(1).at(column("action")), QStringLiteral("session_revoked"));
    }

    void jsonKeepsEveryValue()
    {
        const std::string formula = "=cmd|' /C calc'!A0 — é";
        vigie::User user{"55555555-5555-4555-8555-555555555555", "camille@example.com", "Camille Martin",
                         vigie::Role::User};
        SupportExport::Context context{QStringLiteral("https://vigie.example.com"),
                                       QStringLiteral("sam@example.com"),
                                       QDateTime(QDate(2026, 11, 25), QTime(9, 0), Qt::UTC)};
        const QByteArray bytes = SupportExport::json(
            context, user, {session("11111111-1111-4111-8111-111111111111", formula)}, {});
        QVERIFY(bytes.contains("— é")); // UTF-8 as it is, not \u escapes
        const QJsonObject root = QJsonDocument::fromJson(bytes).object();
        QCOMPARE(root.value(QStringLiteral("exported_at")).toString(),
                 QStringLiteral("2026-11-25T09:00:00Z"));
        QCOMPARE(root.value(QStringLiteral("user")).toObject().value(QStringLiteral("role")).toString(),
                 QStringLiteral("user"));
        const QJsonObject s = root.value(QStringLiteral("sessions")).toArray().first().toObject();
        QCOMPARE(
            s.value(QStringLiteral("device_info")).toObject().value(QStringLiteral("user_agent")).toString(),
            QString::fromStdString(formula));
        QCOMPARE(s.value(QStringLiteral("location_data")).toObject().value(QStringLiteral("city")).toString(),
                 QStringLiteral("Zürich"));
        QVERIFY(root.value(QStringLiteral("events")).toArray().isEmpty());
    }

    void unwritablePathIsAnError()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("missing/folder/out.csv"));
        QString error;
        QVERIFY(!SupportExport::writeFile(path, "a\r\n", &error));
        QVERIFY(error.contains(path));
        QVERIFY(SupportExport::writeFile(dir.filePath(QStringLiteral("out.csv")), "a\r\n", &error));
    }
};

QTEST_GUILESS_MAIN(TestSupportExport)
#include "tst_supportexport.moc"
