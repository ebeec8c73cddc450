// Which sign-outs by support the Sessions tab announces: recent ones the user has not seen yet,
// remembered per user on this computer (the key earlier versions wrote, so nothing is told twice).
#include "ClientTestSupport.h"
#include "SessionFixtures.h"
#include "client/Settings.h"
#include "client/SupportNotice.h"

using namespace vigie::client;

namespace {

vigie::AuditEvent auditEvent(const char* action, const char* actor, const QDateTime& at)
{
    vigie::AuditEvent e;
    e.id = std::string("e-") + action + "-" + at.toString(Qt::ISODate).toStdString();
    e.action = action;
    e.actorUserId = actor;
    e.targetUserId = "me";
    e.at = testsupport::timePoint(at);
    return e;
}

} // namespace

class TestSupportNotice final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { testsupport::isolateSettings("tst_supportnotice"); }
    void init() { QSettings().clear(); }

    void announcesRecentUnseenSupportSignOutsOnly()
    {
        const QDateTime now(QDate(2026, 11, 25), QTime(12, 0), Qt::UTC);
        const auto latest = auditEvent("session_revoked", "staff", now.addSecs(-3600));
        const auto earlier = auditEvent("session_revoked", "staff", now.addDays(-2));
        const auto mine = auditEvent("session_revoked", "me", now.addSecs(-60));     // the user's own
        const auto lookUp = auditEvent("support_lookup", "staff", now.addSecs(-30)); // not a sign-out
        const auto old = auditEvent("session_revoked", "staff", now.addDays(-45));   // history, not news
        const QList<vigie::AuditEvent> trail{lookUp, mine, latest, earlier, old};

        auto unseen = SupportNotice::unseen(trail, QStringLiteral("me"), now);
        QCOMPARE(unseen.size(), 2);
        QCOMPARE(unseen.first().id, latest.id);

        // Seen up to the latest: nothing more to say, for that user only.
        SupportNotice::markSeen(QStringLiteral("me"), toDateTime(latest.at));
        QVERIFY(SupportNotice::unseen(trail, QStringLiteral("me"), now).isEmpty());
        QCOMPARE(SupportNotice::unseen(trail, QStringLiteral("someone-else"), now).size(), 2);
        // Where earlier versions kept it.
        QCOMPARE(QSettings().value(QStringLiteral("notices/supportSignOutsSeen/me")).toDateTime(),
                 toDateTime(latest.at));
        QCOMPARE(Settings::name(Settings::Key::SupportSignOutsSeen, QStringLiteral("me")),
                 QStringLiteral("notices/supportSignOutsSeen/me"));

        // A newer one is news again.
        const auto newer = auditEvent("session_revoked", "staff", now.addSecs(-10));
        unseen = SupportNotice::unseen({newer, latest}, QStringLiteral("me"), now);
        QCOMPARE(unseen.size(), 1);
        QCOMPARE(unseen.first().id, newer.id);
    }
};

QTEST_GUILESS_MAIN(TestSupportNotice)
#include "tst_supportnotice.moc"
