// AuditEventModel: local times, action labels, who did it.
#include "SessionFixtures.h"
#include "client/AuditEventModel.h"

#include <QAbstractItemModelTester>
#include <QtTest>

using namespace vigie::client;

namespace {

vigie::AuditEvent makeEvent(const char* action, std::optional<std::string> actor, const QDateTime& at,
                            std::optional<std::string> reason = std::nullopt)
{
    vigie::AuditEvent e;
    e.id = std::string("e-") + action;
    e.action = action;
    e.actorUserId = std::move(actor);
    e.at = testsupport::timePoint(at);
    e.ipAddress = "203.0.113.7";
    e.targetSessionId = "00000000-0000-4000-8000-000000000001";
    e.reason = std::move(reason);
    return e;
}

} // namespace

class TestAuditEventModel final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void showsEvents()
    {
        AuditEventModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const QDateTime at = QDateTime(QDate(2026, 11, 25), QTime(8, 0), Qt::UTC);
        model.setEvents({makeEvent("session_revoked", "staff-1", at, "Lost phone"),
                         makeEvent("login", "me", at.addSecs(-60)),
                         makeEvent("session_expired", std::nullopt, at.addSecs(-120)),
                         makeEvent("brand_new", "me", at)});
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(model.columnCount(), int(AuditEventModel::ColumnCount));

        const auto cell = [&](int row, int column, int role = Qt::DisplayRole) {
            return model.index(row, column).data(role);
        };
        QCOMPARE(cell(0, AuditEventModel::ActionColumn).toString(), "Session revoked");
        QCOMPARE(cell(1, AuditEventModel::ActionColumn).toString(), "Signed in");
        QCOMPARE(cell(3, AuditEventModel::ActionColumn).toString(), "brand_new");
        QCOMPARE(cell(0, AuditEventModel::DetailsColumn).toString(), "Lost phone");
        QCOMPARE(cell(0, AuditEventModel::IpAddressColumn).toString(), "203.0.113.7");
        QCOMPARE(cell(0, AuditEventModel::TimeColumn).toString(),
                 QLocale().toString(at.toLocalTime(), QLocale::ShortFormat));
        QCOMPARE(cell(0, AuditEventModel::TimeColumn, Qt::ToolTipRole).toString(),
                 QLocale().toString(at.toLocalTime(), QLocale::LongFormat));
        QCOMPARE(cell(0, 0, AuditEventModel::TimeRole).toDateTime(), at);
        QCOMPARE(cell(0, 0, AuditEventModel::ActionRole).toString(), "session_revoked");
        QCOMPARE(cell(0, 0, AuditEventModel::EventRole).value<vigie::AuditEvent>().id, "e-session_revoked");

        // Actors: ids until names are known; "You" for the viewer; the system for expiry.
        QCOMPARE(cell(0, AuditEventModel::ActorColumn).toString(), "staff-1");
        QCOMPARE(cell(2, AuditEventModel::ActorColumn).toString(), "System");
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.setCurrentUserId("me");
        model.setUserNames({{"staff-1", "Help Desk"}});
        QCOMPARE(changed.size(), 2);
        QCOMPARE(cell(0, AuditEventModel::ActorColumn).toString(), "Help Desk");
        QCOMPARE(cell(1, AuditEventModel::ActorColumn).toString(), "You");

        QCOMPARE(AuditEventModel::actionLabel("other_sessions_revoked"), "Signed out of other sessions");
        QCOMPARE(model.headerData(AuditEventModel::DetailsColumn, Qt::Horizontal).toString(), "Details");
        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }

    void supportSignOutsAreSaidPlainly()
    {
        // In the user's own trail: staff revoking one of their sessions is "signed out by
        // support", by "Support staff" (no staff id to decode); their own revocation is not.
        const QDateTime at = QDateTime(QDate(2026, 11, 25), QTime(13, 5), Qt::UTC);
        auto bySupport = makeEvent("session_revoked", "staff-1", at, "Phone reported stolen");
        bySupport.targetUserId = "me";
        auto byMe = makeEvent("session_revoked", "me", at.addSecs(-600));
        byMe.targetUserId = "me";
        auto lookUp = makeEvent("support_lookup", "staff-1", at.addSecs(-900), "sessions viewed");
        lookUp.targetUserId = "me";
        QVERIFY(AuditEventModel::isSupportSignOut(bySupport));
        QVERIFY(!AuditEventModel::isSupportSignOut(byMe));
        QVERIFY(!AuditEventModel::isSupportSignOut(lookUp));

        AuditEventModel model;
        model.setCurrentUserId("me");
        model.setEvents({bySupport, byMe, lookUp});
        const auto cell = [&](int row, int column) { return model.index(row, column).data().toString(); };
        QCOMPARE(cell(0, AuditEventModel::ActionColumn), "Signed out by support");
        QCOMPARE(cell(0, AuditEventModel::ActorColumn), "Support staff");
        QCOMPARE(model.index(0, AuditEventModel::ActorColumn).data(Qt::ToolTipRole).toString(),
                 "User staff-1");
        QCOMPARE(cell(1, AuditEventModel::ActionColumn), "Session revoked");
        QCOMPARE(cell(1, AuditEventModel::ActorColumn), "You");
        QCOMPARE(cell(2, AuditEventModel::ActionColumn), "Looked up by support");
        // The server's note on a look-up is said in the user's words; staff's reasons as written.
        QCOMPARE(cell(2, AuditEventModel::DetailsColumn), "Viewed the sessions");
        QCOMPARE(cell(0, AuditEventModel::DetailsColumn), "Phone reported stolen");
        // The server's code for a failed re-authentication is never shown as it is.
        auto failedConfirm = makeEvent("login_failed", "me", at, "reauthenticate");
        QCOMPARE(AuditEventModel::detailsText(failedConfirm), "Wrong password when confirming it again");

        // The sentence the Sessions tab shows: local date and time, and the reason staff gave.
        const QLocale en(QLocale::English, QLocale::UnitedStates);
        const QDateTime local = at.toLocalTime();
        const QString when = en.toString(local.date(), QLocale::LongFormat) + " at " +
                             en.toString(local.time(), QLocale::ShortFormat);
        QCOMPARE(AuditEventModel::supportSignOutMessage({bySupport}, en),
                 "A session on your account was signed out by support on " + when +
                     ". Reason given: “Phone reported stolen”.");
        bySupport.reason.reset();
        QCOMPARE(AuditEventModel::supportSignOutMessage({bySupport}, en),
                 "A session on your account was signed out by support on " + when + ".");
        QCOMPARE(AuditEventModel::supportSignOutMessage({bySupport, bySupport, bySupport}, en),
                 "3 sessions on your account were signed out by support, the latest on " + when + ".");
        QVERIFY(AuditEventModel::supportSignOutMessage({}, en).isEmpty());
    }

    void eventsSayWhichDeviceTheyWereAbout()
    {
        // "Sign out all others" writes one event per session: each row names its device and
        // place, so eight rows are no longer eight identical lines.
        const QDateTime at = QDateTime(QDate(2026, 11, 25), QTime(13, 5), Qt::UTC);
        auto chrome = makeEvent("other_sessions_revoked", "me", at);
        vigie::TargetSession windows;
        windows.deviceInfo.browser = "Chrome";
        windows.deviceInfo.browserVersion = "128.0.6613.120";
        windows.deviceInfo.os = "Windows";
        windows.deviceInfo.deviceType = "desktop";
        windows.locationData = vigie::LocationData{"Paris", "Île-de-France", "France", "FR"};
        chrome.targetSession = windows;
        auto named = makeEvent("session_revoked", "staff-1", at, "Lost phone");
        vigie::TargetSession phone;
        phone.name = "My phone";
        phone.deviceInfo.browser = "Samsung Internet";
        phone.deviceInfo.browserVersion = "25.0";
        phone.deviceInfo.os = "Android";
        phone.deviceInfo.deviceType = "mobile";
        phone.locationData = vigie::LocationData{std::nullopt, std::nullopt, "Germany", "DE"};
        named.targetSession = phone;
        // A v1 server says nothing about the device: the row reads as it did before.
        const auto v1 = makeEvent("other_sessions_revoked", "me", at);

        AuditEventModel model;
        model.setCurrentUserId("me");
        model.setEvents({chrome, named, v1});
        const auto cell = [&](int row, int column) { return model.index(row, column).data().toString(); };
        QCOMPARE(cell(0, AuditEventModel::ActionColumn), "Signed out of other sessions");
        QCOMPARE(cell(0, AuditEventModel::DetailsColumn), "Chrome 128 on Windows, Paris");
        QCOMPARE(cell(1, AuditEventModel::DetailsColumn),
                 "My phone · Samsung Internet 25 on Android, Germany — Lost phone");
        QCOMPARE(model.index(1, 0).data(AuditEventModel::TargetRole).toString(),
                 "My phone · Samsung Internet 25 on Android, Germany");
        QCOMPARE(cell(2, AuditEventModel::DetailsColumn), "");
        QVERIFY(model.index(2, 0).data(AuditEventModel::TargetRole).toString().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestAuditEventModel)
#include "tst_auditeventmodel.moc"
