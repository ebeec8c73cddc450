// The support view against the real vigie-server: only staff see it; look up an account, see its
// sessions, sign one out with a required reason (and the password prompt), the user's next
// request is refused, the audit entry shows up; and the exports (CSV round trip with commas,
// quotes and non-ASCII in User-Agents, JSON as API.md objects).
#include "CsvReader.h"
#include "GuiTestSupport.h"
#include "HttpClient.h"
#include "TestServer.h"
#include "client/AuditEventModel.h"
#include "client/SessionListModel.h"
#include "widgets/ActivityWidget.h"
#include "widgets/MessageBanner.h"
#include "widgets/PasswordPromptDialog.h"
#include "widgets/RevokeReasonDialog.h"
#include "widgets/SessionDetailsWidget.h"
#include "widgets/SessionTableView.h"
#include "widgets/SupportExport.h"
#include "widgets/SupportWidget.h"

#include <QAction>
#include <QJsonArray>
#include <QPlainTextEdit>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <memory>

using namespace vigie::widgets;
using vigie::client::AuditEventModel;
using vigie::client::SessionListModel;

namespace {

const QString kStaff = QStringLiteral("sam@support.example");
const QString kStaffPassword = QStringLiteral("support staff password");
const QString kUser = QStringLiteral("Camille.Martin@example.com");
const QString kUserPassword = QStringLiteral("camille's password");
// What a browser may send: commas, quotes, non-ASCII.
const QByteArray kOddAgent =
    QStringLiteral("Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0 "
                   "\"Édition spéciale\", build 7 — 日本語")
        .toUtf8();
const QByteArray kIphone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5_1 like Mac OS X) AppleWebKit/605.1.15 "
                           "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";
const QString kReason = QStringLiteral("Lost phone, \"urgent\" — ticket 4512\nsecond line: café");

QJsonObject userLogin(const TestServer& server, const QByteArray& userAgent)
{
    HttpClient http(server.url());
    return http.login(kUser, kUserPassword, {{"User-Agent", userAgent}}).json();
}

SupportWidget* lookUpUser(MainWindow& window)
{
    window.showSupportView();
    auto* support = window.supportWidget();
    auto* email = guitest::child<QLineEdit>(support, "emailEdit");
    QTest::keyClicks(email, kUser.toLower()); // emails match whatever their case
    QTest::keyClick(email, Qt::Key_Return);
    const bool loaded = QTest::qWaitFor(
        [&] { return support->user() && !support->isLoading() && support->sessionModel()->rowCount() > 0; },
        10000);
    if (!loaded)
        qWarning() << "look-up did not load:" << support->errorText();
    return loaded ? support : nullptr;
}

} // namespace

class TestSupportView final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { guitest::setUpTestApplication("tst_supportview"); }

    void init()
    {
        guitest::resetState();
        m_server = std::make_unique<TestServer>(
            QStringList{QStringLiteral("--reauth-window"), QStringLiteral("1s")});
        QVERIFY2(m_server->start(), qPrintable(m_server->errorOutput()));
        QVERIFY(
            !m_server
                 ->addUser(kStaff, kStaffPassword, QStringLiteral("support"), QStringLiteral("Sam Support"))
                 .isEmpty());
        m_userId =
            m_server->addUser(kUser, kUserPassword, QStringLiteral("user"), QStringLiteral("Camille Martin"));
        QVERIFY(!m_userId.isEmpty());
    }

    void cleanup()
    {
        const auto widgets = QApplication::topLevelWidgets();
        for (QWidget* w : widgets)
            if (qobject_cast<QDialog*>(w))
                w->deleteLater();
        m_server.reset();
    }

    void plainUserNeverSeesIt()
    {
        userLogin(*m_server, kIphone);
        MainWindow window(guitest::options(m_server->url()));
        QVERIFY(guitest::showAndSignIn(window, kUser, kUserPassword));
        QVERIFY(!window.isSupportViewAvailable());
        auto* tabs = window.findChild<QTabWidget*>(QStringLiteral("tabs"));
        QVERIFY(!tabs->isTabVisible(tabs->indexOf(window.supportWidget())));
        window.showSupportView();
        QVERIFY(tabs->currentWidget() != window.supportWidget());
        // And the server refuses the staff endpoints to a user, whatever a client does.
        const QString token = userLogin(*m_server, kIphone).value(QStringLiteral("access_token")).toString();
        HttpClient http(m_server->url());
        QCOMPARE(http.get(QStringLiteral("/api/admin/users?email=") + kStaff, token).status, 403);
    }

    void userSeesSupportLookUpsInTheirActivity()
    {
        // Staff look at the user's sessions through the API...
        HttpClient http(m_server->url());
        const QString staffToken =
            http.login(kStaff, kStaffPassword).json().value(QStringLiteral("access_token")).toString();
        QCOMPARE(
            http.get(QStringLiteral("/api/admin/users/") + m_userId + QStringLiteral("/sessions"), staffToken)
                .status,
            200);
        // ... and the user finds it in the Activity tab of their own app.
        MainWindow window(guitest::options(m_server->url()));
        QVERIFY(guitest::showAndSignIn(window, kUser, kUserPassword));
        auto* tabs = window.findChild<QTabWidget*>(QStringLiteral("tabs"));
        tabs->setCurrentWidget(window.activityWidget());
        auto* view = window.findChild<QTableView*>(QStringLiteral("activityView"));
        QVERIFY(view);
        const auto hasLookup = [view] {
            for (int row = 0; row < view->model()->rowCount(); ++row)
                if (view->model()
                        ->index(row, 0)
                        .data(vigie::client::AuditEventModel::ActionRole)
                        .toString() == QLatin1String("support_lookup"))
                    return true;
            return false;
        };
        QTRY_VERIFY_WITH_TIMEOUT(hasLookup(), 10000);
    }

    void userIsToldWhenSupportSignsThemOut()
    {
        // The user is signed in on this computer and on a phone.
        const QString phoneId = userLogin(*m_server, kIphone).value(QStringLiteral("session_id")).toString();
        MainWindow window(guitest::options(m_server->url()));
        QVERIFY(guitest::showAndSignIn(window, kUser, kUserPassword));
        auto* sessions = window.sessionsWidget();
        QTRY_COMPARE(sessions->model()->rowCount(), 2);
        QVERIFY(sessions->supportNoticeText().isEmpty());

        // Support signs the phone out, with a reason, while the window is open.
        HttpClient http(m_server->url());
        const QString staffToken =
            http.login(kStaff, kStaffPassword).json().value(QStringLiteral("access_token")).toString();
        QCOMPARE(http.send("DELETE", QStringLiteral("/api/admin/users/%1/sessions/%2").arg(m_userId, phoneId),
                           QJsonDocument(QJsonObject{{QStringLiteral("reason"), kReason}})
                               .toJson(QJsonDocument::Compact),
                           {{"Authorization", "Bearer " + staffToken.toUtf8()},
                            {"Content-Type", "application/json"}})
                     .status,
                 204);

        // The next refresh drops the phone and says who signed it out, when and why.
        sessions->refresh();
        QTRY_COMPARE(sessions->model()->rowCount(), 1);
        QTRY_VERIFY_WITH_TIMEOUT(!sessions->supportNoticeText().isEmpty(), 10000);
        const QString notice = sessions->supportNoticeText();
        QVERIFY2(notice.startsWith(QStringLiteral("A session on your account was signed out by support on ")),
                 qPrintable(notice));
        QVERIFY2(notice.contains(QLocale().toString(QDate::currentDate(), QLocale::LongFormat)),
                 qPrintable(notice));
        QVERIFY2(notice.contains(kReason.simplified()), qPrintable(notice));

        // "Show activity" leads to the same event in the user's own trail, by "Support staff".
        auto* banner = guitest::child<MessageBanner>(sessions, "supportNoticeBanner");
        QTest::mouseClick(guitest::child<QPushButton>(banner, "bannerAction"), Qt::LeftButton);
        auto* tabs = window.findChild<QTabWidget*>(QStringLiteral("tabs"));
        QCOMPARE(tabs->currentWidget(), window.activityWidget());
        QVERIFY(sessions->supportNoticeText().isEmpty());
        auto* view = window.findChild<QTableView*>(QStringLiteral("activityView"));
        const auto supportRow = [view, &phoneId]() -> int {
            for (int row = 0; row < view->model()->rowCount(); ++row) {
                const QModelIndex i = view->model()->index(row, AuditEventModel::ActionColumn);
                if (i.data(AuditEventModel::TargetSessionIdRole).toString() == phoneId &&
                    i.data(AuditEventModel::ActionRole).toString() == QLatin1String("session_revoked"))
                    return row;
            }
            return -1;
        };
        QTRY_VERIFY_WITH_TIMEOUT(supportRow() >= 0, 10000);
        const int row = supportRow();
        QCOMPARE(view->model()->index(row, AuditEventModel::ActionColumn).data().toString(),
                 QStringLiteral("Signed out by support"));
        QCOMPARE(view->model()->index(row, AuditEventModel::ActorColumn).data().toString(),
                 QStringLiteral("Support staff"));
        // Which device it was (the server's target_session), then the reason support gave.
        QCOMPARE(view->model()->index(row, AuditEventModel::DetailsColumn).data().toString(),
                 QString::fromUtf8("Safari 17 on iOS — ") + kReason);
        QVERIFY(view->model()->index(row, AuditEventModel::IpAddressColumn).data().toString().isEmpty());

        // Seen once is enough: signing in again does not repeat the notice.
        window.signOut();
        QTRY_COMPARE(window.page(), MainWindow::Page::SignIn);
        QVERIFY(guitest::signIn(window, kUser, kUserPassword));
        QTRY_VERIFY_WITH_TIMEOUT(!sessions->isLoading() && !sessions->isCheckingSupportNotices(), 10000);
        QVERIFY(sessions->supportNoticeText().isEmpty());
    }

    void lookUpRevokeWithReasonAndSeeTheAudit()
    {
        const QJsonObject phone = userLogin(*m_server, kIphone);
        const QString phoneId = phone.value(QStringLiteral("session_id")).toString();
        const QString phoneToken = phone.value(QStringLiteral("access_token")).toString();
        userLogin(*m_server, kOddAgent);

        MainWindow window(guitest::options(m_server->url()));
        QVERIFY(guitest::showAndSignIn(window, kStaff, kStaffPassword));
        QVERIFY(window.isSupportViewAvailable());
        SupportWidget* support = lookUpUser(window);
        QVERIFY(support);
        QCOMPARE(support->user()->id, m_userId.toStdString());
        QCOMPARE(support->sessionModel()->rowCount(), 2);
        QVERIFY(support->auditModel()->rowCount() > 0);
        QVERIFY(
            guitest::child<QLabel>(support, "userLabel")->text().contains(QStringLiteral("Camille Martin")));
        QVERIFY2(guitest::unnamedControls(&window).isEmpty(),
                 qPrintable(guitest::unnamedControls(&window).join(QStringLiteral(", "))));

        // Select the phone's session: the same details as one's own.
        auto* table = guitest::child<SessionTableView>(support, "sessionTable");
        QVERIFY(table->selectSession(phoneId));
        auto* details = guitest::child<SessionDetailsWidget>(support, "detailsWidget");
        QTRY_COMPARE(details->sessionId(), phoneId);
        QVERIFY(details->detailsText().contains(QString::fromLatin1(kIphone)));

        // Revoke: the confirmation needs a reason before it lets go.
        QTest::qWait(1100); // past the re-authentication window: the password prompt follows
        QTest::mouseClick(guitest::child<QPushButton>(details, "revokeButton"), Qt::LeftButton);
        RevokeReasonDialog* confirm = nullptr;
        QTRY_VERIFY((confirm = guitest::visibleTopLevel<RevokeReasonDialog>("revokeReasonDialog")));
        auto* confirmButton = guitest::child<QPushButton>(confirm, "confirmButton");
        QVERIFY(!confirmButton->isEnabled());
        auto* reason = guitest::child<QPlainTextEdit>(confirm, "reasonEdit");
        QTest::keyClicks(reason, QStringLiteral("   "));
        QVERIFY(!confirmButton->isEnabled());
        reason->setPlainText(kReason);
        QVERIFY(confirmButton->isEnabled());
        QTest::mouseClick(confirmButton, Qt::LeftButton);

        QTRY_VERIFY(guitest::visibleTopLevel<PasswordPromptDialog>("passwordPromptDialog"));
        auto* prompt = guitest::visibleTopLevel<PasswordPromptDialog>("passwordPromptDialog");
        QTest::keyClicks(guitest::child<QLineEdit>(prompt, "passwordEdit"), kStaffPassword);
        QTest::mouseClick(guitest::child<QPushButton>(prompt, "confirmButton"), Qt::LeftButton);

        QTRY_COMPARE(support->sessionModel()->rowCount(), 1);
        QCOMPARE(support->sessionModel()->rowOf(phoneId), -1);
        QVERIFY(support->statusText().startsWith(QStringLiteral("Signed out ")));

        // The user's next request with that session is refused.
        HttpClient http(m_server->url());
        QCOMPARE(http.get(QStringLiteral("/api/users/me"), phoneToken).status, 401);

        // The audit trail shows the revocation, by whom, with the reason, in local time.
        auto* audit = support->auditModel();
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                for (int row = 0; row < audit->rowCount(); ++row) {
                    const QModelIndex i = audit->index(row, AuditEventModel::ActionColumn);
                    if (i.data(AuditEventModel::ActionRole).toString() == QLatin1String("session_revoked") &&
                        i.data(AuditEventModel::TargetSessionIdRole).toString() == phoneId)
                        return i.data(AuditEventModel::ReasonRole).toString() == kReason &&
                               audit->index(row, AuditEventModel::ActorColumn).data().toString() ==
                                   QLatin1String("You");
                }
                return false;
            }(),
            5000);

        // The audit table filters and sorts.
        auto* proxy = support->auditProxy();
        QTest::keyClicks(guitest::child<QLineEdit>(support, "auditFilterEdit"),
                         QStringLiteral("ticket 4512"));
        QTRY_COMPARE(proxy->rowCount(), 1);
        QCOMPARE(proxy->index(0, AuditEventModel::ActionColumn).data().toString(),
                 QStringLiteral("Signed out by support"));
        guitest::child<QLineEdit>(support, "auditFilterEdit")->clear();
        QVERIFY(proxy->rowCount() > 1);
        auto* auditTable = guitest::child<QTableView>(support, "auditTable");
        QVERIFY(auditTable->isSortingEnabled());
        auditTable->sortByColumn(AuditEventModel::TimeColumn, Qt::AscendingOrder);
        QVERIFY(proxy->index(0, 0).data(AuditEventModel::TimeRole).toDateTime() <=
                proxy->index(proxy->rowCount() - 1, 0).data(AuditEventModel::TimeRole).toDateTime());
    }

    // A short window (a laptop at scale 2) keeps the looked-up sessions in sight.
    void shortWindowFoldsTheDetails()
    {
        userLogin(*m_server, kIphone);
        MainWindow window(guitest::options(m_server->url()));
        QVERIFY(guitest::showAndSignIn(window, kStaff, kStaffPassword));
        SupportWidget* support = lookUpUser(window);
        QVERIFY(support);
        bool folded = false;
        guitest::checkDetailsFoldOnShortWindow(&window, support, "sessionsSplitter", &folded);
    }

    void exportsRoundTrip()
    {
        userLogin(*m_server, kOddAgent);
        userLogin(*m_server, kIphone);
        MainWindow window(guitest::options(m_server->url()));
        QVERIFY(guitest::showAndSignIn(window, kStaff, kStaffPassword));
        SupportWidget* support = lookUpUser(window);
        QVERIFY(support);
        QTemporaryDir dir;

        // Sessions as CSV, through the menu with a scripted save dialog.
        const QString sessionsPath = dir.filePath(QStringLiteral("sessions.csv"));
        Dialogs::setNextSaveFileName(sessionsPath);
        support->findChild<QAction*>(QStringLiteral("exportSessionsCsvAction"))->trigger();
        QFile sessionsFile(sessionsPath);
        QVERIFY(sessionsFile.open(QIODevice::ReadOnly));
        const QByteArray sessionsBytes = sessionsFile.readAll();
        // A byte order mark, so that a spreadsheet reads UTF-8 ("téléphone", not "tÃ©lÃ©phone").
        QVERIFY(sessionsBytes.startsWith("\xEF\xBB\xBF"));
        QVERIFY(sessionsBytes.contains("\r\n"));
        bool ok = false;
        const auto records = guitest::readCsv(sessionsBytes, &ok);
        QVERIFY(ok);
        QCOMPARE(records.size(), 3);
        QCOMPARE(records.first(), SupportExport::sessionColumns());
        const int uaColumn = int(records.first().indexOf(QStringLiteral("user_agent")));
        QStringList agents{records.at(1).at(uaColumn), records.at(2).at(uaColumn)};
        QVERIFY2(agents.contains(QString::fromUtf8(kOddAgent)), qPrintable(agents.join(QLatin1Char('|'))));
        QVERIFY(agents.contains(QString::fromLatin1(kIphone)));
        // What the screen shows comes first: devices and places in words.
        QCOMPARE(records.first().first(), QStringLiteral("Device"));
        const int browserColumn = int(records.first().indexOf(QStringLiteral("Browser or app")));
        const QStringList browsers{records.at(1).at(browserColumn), records.at(2).at(browserColumn)};
        QVERIFY2(browsers.contains(QStringLiteral("Safari 17 on iOS")),
                 qPrintable(browsers.join(QLatin1Char('|'))));
        QVERIFY(sessionsBytes.contains(kOddAgent.left(20)));
        QVERIFY(sessionsBytes.contains("日本語")); // UTF-8, not escaped

        // The audit trail as CSV, with a reason that needs quoting.
        HttpClient http(m_server->url());
        const QJsonObject staff = http.login(kStaff, kStaffPassword).json();
        const QString staffToken = staff.value(QStringLiteral("access_token")).toString();
        const QString victim =
            support->sessionModel()->index(0, 0).data(SessionListModel::SessionIdRole).toString();
        QJsonObject body{{QStringLiteral("reason"), kReason}};
        QCOMPARE(http.send("DELETE", QStringLiteral("/api/admin/users/%1/sessions/%2").arg(m_userId, victim),
                           QJsonDocument(body).toJson(QJsonDocument::Compact),
                           {{"Authorization", "Bearer " + staffToken.toUtf8()},
                            {"Content-Type", "application/json"}})
                     .status,
                 204);
        window.findChild<QAction*>(QStringLiteral("refreshAction"))->trigger();
        QTRY_COMPARE(support->sessionModel()->rowCount(), 1);
        QTRY_VERIFY(!support->isLoading());
        const QString auditPath = dir.filePath(QStringLiteral("audit.csv"));
        QString error;
        QVERIFY2(support->exportAuditCsv(auditPath, &error), qPrintable(error));
        QFile auditFile(auditPath);
        QVERIFY(auditFile.open(QIODevice::ReadOnly));
        const auto events = guitest::readCsv(auditFile.readAll(), &ok);
        QVERIFY(ok);
        QCOMPARE(events.first(), SupportExport::auditColumns());
        QCOMPARE(events.size() - 1, support->auditModel()->rowCount());
        const int reasonColumn = int(events.first().indexOf(QStringLiteral("reason")));
        bool found = false;
        for (const QStringList& e : events)
            found = found || e.at(reasonColumn) == kReason;
        QVERIFY(found);
        // People by name and email, actions in words, the machine fields alongside.
        const int byColumn = int(events.first().indexOf(QStringLiteral("By")));
        const int eventColumn = int(events.first().indexOf(QStringLiteral("Event")));
        const int actionColumn = int(events.first().indexOf(QStringLiteral("action")));
        bool staffNamed = false;
        for (const QStringList& e : events)
            staffNamed =
                staffNamed || (e.at(actionColumn) == QStringLiteral("session_revoked") &&
                               e.at(byColumn) == QStringLiteral("Sam Support <sam@support.example>") &&
                               e.at(eventColumn) == QStringLiteral("Signed out by support"));
        QVERIFY(staffNamed);

        // JSON: API.md's objects, exactly.
        const QString jsonPath = dir.filePath(QStringLiteral("support.json"));
        QVERIFY(support->exportJson(jsonPath, &error));
        QFile jsonFile(jsonPath);
        QVERIFY(jsonFile.open(QIODevice::ReadOnly));
        const QJsonObject root = QJsonDocument::fromJson(jsonFile.readAll()).object();
        QCOMPARE(root.value(QStringLiteral("user")).toObject().value(QStringLiteral("id")).toString(),
                 m_userId);
        QCOMPARE(root.value(QStringLiteral("exported_by")).toString(), kStaff);
        const QJsonArray sessions = root.value(QStringLiteral("sessions")).toArray();
        QCOMPARE(sessions.size(), 1);
        const QJsonObject device =
            sessions.first().toObject().value(QStringLiteral("device_info")).toObject();
        QVERIFY(device.contains(QStringLiteral("user_agent")));
        QVERIFY(sessions.first().toObject().contains(QStringLiteral("last_activity")));
        QCOMPARE(root.value(QStringLiteral("events")).toArray().size(), support->auditModel()->rowCount());
    }

private:
    std::unique_ptr<TestServer> m_server;
    QString m_userId;
};

QTEST_MAIN(TestSupportView)
#include "tst_supportview.moc"
