// Which account events become desktop notifications, and how they read: a sign-in elsewhere
// with its flags in words, support's sign-out with its reason, token reuse, and a burst of
// failed sign-ins as one alert; nothing for what this device did itself.
#include "SessionFixtures.h"
#include "client/AccountAlerts.h"
#include "core/AuditActions.h"

#include <QtTest>

using namespace vigie::client;
using testsupport::makeSession;
using testsupport::sid;
using testsupport::timePoint;

namespace {

const QDateTime kAt(QDate(2026, 12, 3), QTime(14, 2), Qt::LocalTime);

vigie::AccountEvent eventOf(const char* action, const QString& sessionId, const QDateTime& at = kAt)
{
    vigie::AccountEvent e;
    e.event.id = "ev-" + QString::number(at.toSecsSinceEpoch()).toStdString() + action;
    e.event.action = action;
    e.event.actorUserId = "me";
    e.event.targetUserId = "me";
    if (!sessionId.isEmpty())
        e.event.targetSessionId = sessionId.toStdString();
    e.event.at = timePoint(at);
    return e;
}

vigie::AccountEvent loginFrom(const QString& sessionId, std::vector<std::string> flags = {})
{
    auto e = eventOf(vigie::audit_action::kLogin, sessionId);
    testsupport::SessionSpec spec{sessionId};
    spec.browser = "Chrome";
    spec.browserVersion = "131.0.0.0";
    spec.city = "Berlin";
    spec.country = "Germany";
    e.session = makeSession(spec, kAt.toUTC());
    e.session->flags = std::move(flags);
    return e;
}

} // namespace

class TestAccountAlerts final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void newSignInElsewhereReadsAsASentence()
    {
        AccountAlerts alerts;
        alerts.setLocale(QLocale(QLocale::English, QLocale::UnitedKingdom));
        alerts.setOwnSessionId(sid(1));
        const auto alert = alerts.alertFor(loginFrom(sid(2), {"new_country", "new_device"}));
        QVERIFY(alert);
        QCOMPARE(alert->kind, Alert::Kind::NewSignIn);
        QCOMPARE(alert->title, "New sign-in");
        QCOMPARE(alert->body, QStringLiteral("Chrome 131 on Windows, Berlin, Germany — 14:02\n"
                                             "First time from Germany, a device not seen before"));
        QCOMPARE(alert->sessionId, sid(2));
        QVERIFY(alert->offersRevoke());

        const auto plain = alerts.alertFor(loginFrom(sid(3)));
        QVERIFY(plain);
        QCOMPARE(plain->body, QStringLiteral("Chrome 131 on Windows, Berlin, Germany — 14:02"));
    }

    void thisDevicesOwnDoingIsNotAnAlert()
    {
        AccountAlerts alerts;
        alerts.setOwnSessionId(sid(1).toUpper()); // ids compare without case
        QVERIFY(!alerts.alertFor(loginFrom(sid(1))));
        // A wrong password typed here to re-authenticate.
        for (int i = 0; i < 5; ++i)
            QVERIFY(!alerts.alertFor(eventOf(vigie::audit_action::kLoginFailed, sid(1), kAt.addSecs(i))));
        // The user's own sign-outs and renames are not news.
        QVERIFY(!alerts.alertFor(eventOf(vigie::audit_action::kSessionRevoked, sid(2))));
        QVERIFY(!alerts.alertFor(eventOf(vigie::audit_action::kLogout, sid(2))));
        QVERIFY(!alerts.alertFor(eventOf(vigie::audit_action::kSessionRenamed, sid(2))));
        // A login whose session already ended by the time it was read (a replay).
        auto gone = loginFrom(sid(4));
        gone.session.reset();
        QVERIFY(!alerts.alertFor(gone));
    }

    void supportSignOutAndTokenReuse()
    {
        AccountAlerts alerts;
        alerts.setOwnSessionId(sid(1));
        auto bySupport = eventOf(vigie::audit_action::kSessionRevoked, sid(2));
        bySupport.event.actorUserId = "staff";
        bySupport.event.reason = "reported stolen phone";
        vigie::TargetSession target;
        target.deviceInfo.browser = "Safari";
        target.deviceInfo.browserVersion = "17.1";
        target.deviceInfo.os = "iOS";
        bySupport.event.targetSession = target;
        const auto support = alerts.alertFor(bySupport);
        QVERIFY(support);
        QCOMPARE(support->kind, Alert::Kind::SignedOutBySupport);
        QCOMPARE(support->body, "Safari 17 on iOS was signed out by support: reported stolen phone");
        QVERIFY(!support->offersRevoke());

        const auto reuse = alerts.alertFor(eventOf(vigie::audit_action::kRefreshReuse, sid(3)));
        QVERIFY(reuse);
        QCOMPARE(reuse->kind, Alert::Kind::TokenReuse);
        QCOMPARE(reuse->body, "A copy of a sign-in token was used; that session was ended.");
    }

    void failedSignInsAreOneAlertPerBurst()
    {
        AccountAlerts alerts;
        alerts.setOwnSessionId(sid(1));
        QList<int> alertedAt;
        // 20 failures a minute apart, then a quiet hour, then 3 more.
        for (int i = 0; i < 20; ++i) {
            const auto alert =
                alerts.alertFor(eventOf(vigie::audit_action::kLoginFailed, {}, kAt.addSecs(60 * i)));
            if (alert) {
                QCOMPARE(alert->kind, Alert::Kind::FailedSignIns);
                alertedAt.append(i);
            }
        }
        // The third failure alerts; the next one only once 15 minutes have passed since.
        QCOMPARE(alertedAt, (QList<int>{2, 17}));
        const auto later = kAt.addSecs(3 * 3600);
        QVERIFY(!alerts.alertFor(eventOf(vigie::audit_action::kLoginFailed, {}, later)));
        QVERIFY(!alerts.alertFor(eventOf(vigie::audit_action::kLoginFailed, {}, later.addSecs(10))));
        const auto third = alerts.alertFor(eventOf(vigie::audit_action::kLoginFailed, {}, later.addSecs(20)));
        QVERIFY(third);
        QCOMPARE(third->body, "3 failed sign-ins to your account in the last 15 minutes. If it was not you, "
                              "change your password.");
    }
};

QTEST_GUILESS_MAIN(TestAccountAlerts)
#include "tst_accountalerts.moc"
