// The main window against the real vigie-server: one's own sessions (this device first with its
// badge, details), revoking one with a confirmation and the password prompt, signing out all
// the others, being signed out when this device is revoked from elsewhere, signing out, the
// stale list when the server goes away, the periodic refresh, About, and no support view for a
// plain user. Driven by object name; the server's re-authentication window is 1 s.
#include "GuiTestSupport.h"
#include "HttpClient.h"
#include "TestServer.h"
#include "client/AccountSession.h"
#include "client/SessionListModel.h"
#include "core/Version.h"
#include "widgets/MessageBanner.h"
#include "widgets/PasswordPromptDialog.h"
#include "widgets/SessionDetailsWidget.h"
#include "widgets/SessionTableProxyModel.h"
#include "widgets/SessionTableView.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QStatusBar>
#include <memory>

using namespace vigie::widgets;
using vigie::client::SessionListModel;

namespace {

const QString kEmail = QStringLiteral("ada@example.com");
const QString kPassword = QStringLiteral("correct horse battery staple");
const QByteArray kFirefox =
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0";
const QByteArray kIphone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5_1 like Mac OS X) AppleWebKit/605.1.15 "
                           "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";

// Another sign-in of the same account from a browser: {access_token, session_id, …}.
QJsonObject browserLogin(const TestServer& server, const QByteArray& userAgent)
{
    HttpClient http(server.url());
    return http.login(kEmail, kPassword, {{"User-Agent", userAgent}}).json();
}

int meStatus(const TestServer& server, const QString& token)
{
    HttpClient http(server.url());
    return http.get(QStringLiteral("/api/users/me"), token).status;
}

SessionTableView* table(MainWindow& window)
{
    return guitest::child<SessionTableView>(window.sessionsWidget(), "sessionTable");
}

QString bannerText(QWidget* parent, const char* name)
{
    auto* banner = parent->findChild<MessageBanner*>(QString::fromLatin1(name));
    return banner && banner->isVisible() ? banner->text() : QString();
}

} // namespace

class TestMainWindow final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { guitest::setUpTestApplication("tst_mainwindow"); }

    void init()
    {
        guitest::resetState();
        guitest::startServerWithUser(m_server, kEmail, kPassword);
    }

    void cleanup()
    {
        guitest::closeDialogs();
        m_server.reset();
    }

    void showsThisDeviceFirstWithItsDetails()
    {
        const QJsonObject firefox = browserLogin(*m_server, kFirefox);
        browserLogin(*m_server, kIphone);
        MainWindow window(guitest::options(m_server->url()));
        QVERIFY(guitest::showAndSignIn(window, kEmail, kPassword));
        auto* view = table(window);
        QAbstractItemModelTester tester(view->model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QTRY_COMPARE(view->model()->rowCount(), 3);

        const QModelIndex first = view->model()->index(0, SessionListModel::DeviceColumn);
        QVERIFY(first.data(SessionListModel::IsCurrentRole).toBool());
        QCOMPARE(first.data(SessionListModel::SessionIdRole).toString(), window.account()->sessionId());
        QVERIFY(first.data(Qt::AccessibleTextRole).toString().endsWith(QStringLiteral(", this device")));
        QCOMPARE(first.data(SessionListModel::DeviceTypeRole).toString(), QStringLiteral("app"));
        QVERIFY(!first.data(Qt::DecorationRole).value<QIcon>().isNull());
        QVERIFY(first.data(Qt::FontRole).value<QFont>().bold());

        const int firefoxRow =
            window.sessionsWidget()->model()->rowOf(firefox.value(QStringLiteral("session_id")).toString());
        QVERIFY(firefoxRow > 0);
        const QModelIndex firefoxClient =
            window.sessionsWidget()->model()->index(firefoxRow, SessionListModel::ClientColumn);
        QCOMPARE(firefoxClient.data().toString(), QStringLiteral("Firefox 128 on Windows"));
        QVERIFY(!window.sessionsWidget()
                     ->model()
                     ->index(firefoxRow, SessionListModel::LastActivityColumn)
                     .data(Qt::ToolTipRole)
                     .toString()
                     .isEmpty());

        // The current session is selected and detailed, raw User-Agent included.
        auto* details = guitest::child<SessionDetailsWidget>(window.sessionsWidget(), "detailsWidget");
        QCOMPARE(details->sessionId(), window.account()->sessionId());
        QVERIFY(details->detailsText().contains(QStringLiteral("\nThis device\n")));
        QVERIFY(details->detailsText().contains(QStringLiteral("User-Agent: Vigie/")));
        details->copyToClipboard();
        QCOMPARE(QGuiApplication::clipboard()->text(), details->detailsText());

        auto* others = guitest::child<QPushButton>(window.sessionsWidget(), "revokeOthersButton");
        QCOMPARE(others->text(), QStringLiteral("Sign out &all other sessions (2)"));
        QVERIFY(guitest::child<QLabel>(window.sessionsWidget(), "updatedLabel")
                    ->text()
                    .startsWith(QStringLiteral("Updated at ")));
        QVERIFY(!guitest::child<QLabel>(window.sessionsWidget(), "emptyStateLabel")->isVisible());
        QVERIFY(!window.isSupportViewAvailable());
        QVERIFY2(guitest::unnamedControls(&window).isEmpty(),
                 qPrintable(guitest::unnamedControls(&window).join(QStringLiteral(", "))));
    }

    // A short window (a laptop at scale 2) keeps the list in sight, details a keypress away.
    void shortWindowFoldsTheDetails()
    {
        browserLogin(*m_server, kFirefox);
        MainWindow window(guitest::options(m_server->url()));
        QVERIFY(guitest::showAndSignIn(window, kEmail, kPassword));
        QTRY_COMPARE(table(window)->model()->rowCount(), 2);
        bool folded = false;
        guitest::checkDetailsFoldOnShortWindow(&window, window.sessionsWidget(), "splitter", &folded);
        if (QTest::currentTestFailed())
            return;
        QVERIFY(folded); // the window goes shorter than the list and the details need
    }

    void revokeAnotherAfterConfirmationAndPassword()
    {
        const QJsonObject firefox = browserLogin(*m_server, kFirefox);
        const QString firefoxId = firefox.value(QStringLiteral("session_id")).toString();
        const QString firefoxToken = firefox.value(QStringLiteral("access_token")).toString();
        MainWindow window(guitest::options(m_server->url()));
        QVERIFY(guitest::showAndSignIn(window, kEmail, kPassword));
        QTRY_COMPARE(table(window)->model()->rowCount(), 2);
        QTest::qWait(1100); // past the 1 s re-authentication window

        QVERIFY(table(window)->selectSession(firefoxId));
        table(window)->setFocus();
        Dialogs::setNextAnswer(QMessageBox::Ok);
        QTest::keyClick(table(window), Qt::Key_Delete);
        QCOMPARE(Dialogs::pendingAnswers(), 0);
        QVERIFY(Dialogs::lastText().startsWith(QStringLiteral("Sign out Firefox 128 on Windows")));

        // The server wants the password again: a wrong one keeps the prompt open.
        QTRY_VERIFY(guitest::visibleTopLevel<PasswordPromptDialog>("passwordPromptDialog"));
        guitest::answerPasswordPrompt(QStringLiteral("not my password"));
        QTRY_VERIFY(guitest::visibleTopLevel<PasswordPromptDialog>("passwordPromptDialog")
                        ->errorText()
                        .contains(QStringLiteral("not correct")));
        QCOMPARE(table(window)->model()->rowCount(), 2);
        guitest::answerPasswordPrompt(kPassword);
        QTRY_VERIFY(!guitest::visibleTopLevel<PasswordPromptDialog>("passwordPromptDialog"));
        // The live event stream may take the row away before the revoke's own reply
        // arrives; the confirmation follows the reply.
        QTRY_COMPARE(window.sessionsWidget()->statusText(),
                     QStringLiteral("Signed out Firefox 128 on Windows."));
        QCOMPARE(table(window)->model()->rowCount(), 1);
        QCOMPARE(window.sessionsWidget()->model()->rowOf(firefoxId), -1);
        QCOMPARE(meStatus(*m_server, firefoxToken), 401);
        QVERIFY(guitest::child<QLabel>(window.sessionsWidget(), "emptyStateLabel")->isVisible());
    }

    void cancelledConfirmationRevokesNothing()
    {
        const QJsonObject firefox = browserLogin(*m_server, kFirefox);
        MainWindow window(guitest::options(m_server->url()));
        QVERIFY(guitest::showAndSignIn(window, kEmail, kPassword));
        QTRY_COMPARE(table(window)->model()->rowCount(), 2);
        QVERIFY(table(window)->selectSession(firefox.value(QStringLiteral("session_id")).toString()));
        Dialogs::setNextAnswer(QMessageBox::Cancel);
        auto* details = guitest::child<SessionDetailsWidget>(window.sessionsWidget(), "detailsWidget");
        QTest::mouseClick(guitest::child<QPushButton>(details, "revokeButton"), Qt::LeftButton);
        QCOMPARE(Dialogs::pendingAnswers(), 0);
        QTest::qWait(300);
        QCOMPARE(table(window)->model()->rowCount(), 2);
        QCOMPARE(meStatus(*m_server, firefox.value(QStringLiteral("access_token")).toString()), 200);
    }

    void signOutAllOtherSessions()
    {
        const QString firefoxToken =
            browserLogin(*m_server, kFirefox).value(QStringLiteral("access_token")).toString();
        const QString iphoneToken =
            browserLogin(*m_server, kIphone).value(QStringLiteral("access_token")).toString();
        MainWindow window(guitest::options(m_server->url()));
        QVERIFY(guitest::showAndSignIn(window, kEmail, kPassword));
        QTRY_COMPARE(table(window)->model()->rowCount(), 3);
        QTest::qWait(1100);

        auto* others = guitest::child<QPushButton>(window.sessionsWidget(), "revokeOthersButton");
        Dialogs::setNextAnswer(QMessageBox::Ok);
        QTest::mouseClick(others, Qt::LeftButton);
        QCOMPARE(Dialogs::lastText().section(QLatin1Char('\n'), 0, 0),
                 QStringLiteral("Sign out 2 other sessions?"));
        QTRY_VERIFY(guitest::visibleTopLevel<PasswordPromptDialog>("passwordPromptDialog"));
        guitest::answerPasswordPrompt(kPassword);
        QTRY_COMPARE(table(window)->model()->rowCount(), 1);
        QTRY_COMPARE(window.sessionsWidget()->statusText(), QStringLiteral("Signed out 2 other sessions."));
        // Said once, next to the list: not repeated in the status bar.
        QVERIFY(window.statusBar()->currentMessage().isEmpty());
        QCOMPARE(others->text(), QStringLiteral("Sign out &all other sessions (0)"));
        QVERIFY(!others->isEnabled());
        QVERIFY(guitest::child<QLabel>(window.sessionsWidget(), "emptyStateLabel")->isVisible());
        QCOMPARE(meStatus(*m_server, firefoxToken), 401);
        QCOMPARE(meStatus(*m_server, iphoneToken), 401);
    }

    void filterKeepsTheSelectionAndSaysWhenNothingMatches()
    {
        const QJsonObject firefox = browserLogin(*m_server, kFirefox);
        browserLogin(*m_server, kIphone);
        MainWindow window(guitest::options(m_server->url()));
        QVERIFY(guitest::showAndSignIn(window, kEmail, kPassword));
        auto* view = table(window);
        QTRY_COMPARE(view->model()->rowCount(), 3);
        const QString firefoxId = firefox.value(QStringLiteral("session_id")).toString();
        QVERIFY(view->selectSession(firefoxId));

        // "Fi" hides nothing picked; "Fx" hides everything for a moment; "Firefox" shows it again,
        // still selected.
        auto* filter = guitest::child<QLineEdit>(window.sessionsWidget(), "filterEdit");
        auto* empty = guitest::child<QLabel>(window.sessionsWidget(), "emptyStateLabel");
        QTest::keyClicks(filter, QStringLiteral("Fx"));
        QCOMPARE(view->model()->rowCount(), 0);
        QVERIFY(empty->isVisible());
        QCOMPARE(empty->text(), QStringLiteral("No session matches “Fx”."));
        filter->clear();
        QTest::keyClicks(filter, QStringLiteral("Firefox"));
        QCOMPARE(view->model()->rowCount(), 1);
        QCOMPARE(view->selectedSessionId(), firefoxId);
        QVERIFY(!empty->isVisible());
        QCOMPARE(guitest::child<SessionDetailsWidget>(window.sessionsWidget(), "detailsWidget")->sessionId(),
                 firefoxId);
    }

    void revokedFromElsewhereReturnsToSignIn()
    {
        MainWindow window(guitest::options(m_server->url()));
        QVERIFY(guitest::showAndSignIn(window, kEmail, kPassword));
        const QString appSession = window.account()->sessionId();

        // Another sign-in (fresh: it just typed the password) revokes this device through the API.
        const QString browserToken =
            browserLogin(*m_server, kFirefox).value(QStringLiteral("access_token")).toString();
        HttpClient http(m_server->url());
        QCOMPARE(http.del(QStringLiteral("/api/users/me/sessions/") + appSession, browserToken).status, 204);

        QTest::keyClick(&window, Qt::Key_F5);
        QTRY_COMPARE(window.page(), MainWindow::Page::SignIn);
        QTRY_VERIFY(bannerText(window.signInWidget(), "messageBanner")
                        .contains(QStringLiteral("ended from another device")));
        QCOMPARE(window.sessionsWidget()->model()->rowCount(), 0);
        QCOMPARE(guitest::child<QLineEdit>(window.signInWidget(), "emailEdit")->text(), kEmail);
    }

    void revokingThisDeviceSignsOut()
    {
        MainWindow window(guitest::options(m_server->url()));
        QVERIFY(guitest::showAndSignIn(window, kEmail, kPassword));
        QVERIFY(table(window)->selectSession(window.account()->sessionId()));
        table(window)->setFocus();
        Dialogs::setNextAnswer(QMessageBox::Ok);
        QTest::keyClick(table(window), Qt::Key_Delete);
        QCOMPARE(Dialogs::lastTitle(), QStringLiteral("Sign out this device?"));
        QTRY_COMPARE(window.page(), MainWindow::Page::SignIn);
        QTRY_COMPARE(bannerText(window.signInWidget(), "messageBanner"),
                     QStringLiteral("You signed out this device."));
    }

    void signOutFromTheMenu()
    {
        const QString browserToken =
            browserLogin(*m_server, kFirefox).value(QStringLiteral("access_token")).toString();
        MainWindow window(guitest::options(m_server->url()));
        QVERIFY(guitest::showAndSignIn(window, kEmail, kPassword));
        const QString appSession = window.account()->sessionId();
        window.findChild<QAction*>(QStringLiteral("signOutAction"))->trigger();
        QTRY_COMPARE(window.page(), MainWindow::Page::SignIn);
        QCOMPARE(bannerText(window.signInWidget(), "messageBanner"), QStringLiteral("You are signed out."));
        // The server ended it too.
        HttpClient http(m_server->url());
        const QByteArray listed = http.get(QStringLiteral("/api/users/me/sessions"), browserToken).body;
        QVERIFY(!listed.contains(appSession.toUtf8()));
    }

    void switchServerOrAccount()
    {
        MainWindow window(guitest::options(m_server->url()));
        window.show();
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        window.start();
        QVERIFY(guitest::signIn(window, kEmail, kPassword));
        window.findChild<QAction*>(QStringLiteral("switchAction"))->trigger();
        QTRY_COMPARE(window.page(), MainWindow::Page::SignIn);
        QCOMPARE(QApplication::focusWidget(),
                 window.signInWidget()->findChild<QWidget*>(QStringLiteral("serverEdit")));
        QCOMPARE(bannerText(window.signInWidget(), "messageBanner"), QString());
    }

    void unreachableServerKeepsTheListMarkedStale()
    {
        MainWindow window(guitest::options(m_server->url()));
        QVERIFY(guitest::showAndSignIn(window, kEmail, kPassword));
        auto* sessions = window.sessionsWidget();
        QCOMPARE(m_server->stop(), 0);

        window.findChild<QAction*>(QStringLiteral("refreshAction"))->trigger();
        QTRY_VERIFY(sessions->isStale());
        QVERIFY(
            bannerText(sessions, "errorBanner").startsWith(QStringLiteral("Could not refresh the list: ")));
        QCOMPARE(sessions->model()->rowCount(), 1);
        QVERIFY(guitest::child<QLabel>(sessions, "updatedLabel")
                    ->text()
                    .endsWith(QStringLiteral("(out of date)")));
        auto* retry = guitest::child<QPushButton>(sessions, "bannerAction");
        QVERIFY(retry->isVisible());
        QCOMPARE(retry->text(), QStringLiteral("&Retry"));
        QTest::mouseClick(retry, Qt::LeftButton);
        QTRY_VERIFY(!sessions->isLoading());
        QVERIFY(sessions->isStale());
        QCOMPARE(window.page(), MainWindow::Page::Account);
    }

    void refreshesByItself()
    {
        MainWindow window(guitest::options(m_server->url()));
        QVERIFY(guitest::showAndSignIn(window, kEmail, kPassword));
        window.sessionsWidget()->setAutoRefreshInterval(200);
        browserLogin(*m_server, kIphone);
        QTRY_COMPARE(window.sessionsWidget()->model()->rowCount(), 2);
    }

    void aboutNamesVersionQtAndServer()
    {
        MainWindow window(guitest::options(m_server->url()));
        QVERIFY(guitest::showAndSignIn(window, kEmail, kPassword));
        Dialogs::setNextAnswer(QMessageBox::Ok);
        window.findChild<QAction*>(QStringLiteral("aboutAction"))->trigger();
        QCOMPARE(Dialogs::lastTitle(), QStringLiteral("About Vigie"));
        QVERIFY(Dialogs::lastText().contains(
            QStringLiteral("Vigie %1").arg(QString::fromLatin1(vigie::kVersion))));
        QVERIFY(Dialogs::lastText().contains(QStringLiteral("Qt %1").arg(QString::fromLatin1(qVersion()))));
        QVERIFY(Dialogs::lastText().contains(m_server->url().authority()));
    }

private:
    std::unique_ptr<TestServer> m_server;
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
