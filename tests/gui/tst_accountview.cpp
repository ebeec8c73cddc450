// The account controls of API v1.1 against the real vigie-server: naming a device (F2 on a row,
// the details pane's Rename…, a name the server refuses), Account security (the idle timeout,
// changing the password: a weak one refused, a wrong current one, success signing the others
// out), the "Not me" flow from a row to a changed password and the sessions that remain,
// exporting one's own activity, and a v1 server (no /api/version) where none of it shows.
#include "CsvReader.h"
#include "GuiTestSupport.h"
#include "HttpClient.h"
#include "TestServer.h"
#include "client/AccountSession.h"
#include "client/SessionListModel.h"
#include "widgets/AccountSecurityDialog.h"
#include "widgets/ActivityWidget.h"
#include "widgets/NotMeFlow.h"
#include "widgets/PasswordPromptDialog.h"
#include "widgets/RenameSessionDialog.h"
#include "widgets/SessionDetailsWidget.h"
#include "widgets/SessionTableView.h"

#include <QAction>
#include <QComboBox>
#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QTabWidget>
#include <QTemporaryDir>
#include <memory>

using namespace vigie::widgets;
using vigie::client::SessionListModel;

namespace {

const QString kEmail = QStringLiteral("ada@example.com");
const QString kPassword = QStringLiteral("correct horse battery staple");
const QString kNewPassword = QStringLiteral("a brand new passphrase 42");
const QByteArray kFirefox =
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0";

QJsonObject browserLogin(const TestServer& server, const QString& password = kPassword)
{
    HttpClient http(server.url());
    return http.login(kEmail, password, {{"User-Agent", kFirefox}}).json();
}

SessionTableView* table(MainWindow& window)
{
    return guitest::child<SessionTableView>(window.sessionsWidget(), "sessionTable");
}

SessionDetailsWidget* details(MainWindow& window)
{
    return guitest::child<SessionDetailsWidget>(window.sessionsWidget(), "detailsWidget");
}

// A session's name in the server's own list, read with another session's token.
QString serverName(const TestServer& server, const QString& token, const QString& sessionId)
{
    HttpClient http(server.url());
    const auto sessions = http.get(QStringLiteral("/api/users/me/sessions"), token)
                              .json()
                              .value(QStringLiteral("sessions"))
                              .toArray();
    for (const auto& s : sessions)
        if (s.toObject().value(QStringLiteral("id")).toString() == sessionId)
            return s.toObject().value(QStringLiteral("name")).toString();
    return QStringLiteral("<not listed>");
}

void typeName(const QString& name)
{
    auto* dialog = guitest::visibleTopLevel<RenameSessionDialog>("renameSessionDialog");
    QVERIFY(dialog);
    auto* edit = guitest::child<QLineEdit>(dialog, "nameEdit");
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Backspace);
    QTest::keyClicks(edit, name);
    QTest::keyClick(edit, Qt::Key_Return);
}

void fillPasswordChange(AccountSecurityDialog* dialog, const QString& current, const QString& next)
{
    const std::pair<const char*, QString> fields[] = {
        {"currentPasswordEdit", current}, {"newPasswordEdit", next}, {"confirmPasswordEdit", next}};
    for (const auto& [name, text] : fields) {
        auto* edit = guitest::child<QLineEdit>(dialog, name);
        edit->clear();
        QTest::keyClicks(edit, text);
    }
    QTest::mouseClick(guitest::child<QPushButton>(dialog, "changePasswordButton"), Qt::LeftButton);
}

// The real server, except that /api/version is not found: a v1 server, as far as the app can tell.
class VersionOneNetwork : public QNetworkAccessManager
{
protected:
    QNetworkReply* createRequest(Operation op, const QNetworkRequest& request, QIODevice* data) override
    {
        if (request.url().path() != QLatin1String("/api/version"))
            return QNetworkAccessManager::createRequest(op, request, data);
        QNetworkRequest hidden = request;
        QUrl url = request.url();
        url.setPath(QStringLiteral("/api/no-such-route"));
        hidden.setUrl(url);
        return QNetworkAccessManager::createRequest(op, hidden, data);
    }
};

} // namespace

class TestAccountView final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { guitest::setUpTestApplication("tst_accountview"); }

    void init()
    {
        guitest::resetState();
        guitest::startServerWithUser(m_server, kEmail, kPassword);
    }

    void cleanup()
    {
        guitest::closeDialogs();
        QTest::qWait(0);
        m_server.reset();
    }

    void renameWithF2AndFromTheDetailsPane()
    {
        const QJsonObject firefox = browserLogin(*m_server);
        const QString firefoxId = firefox.value(QStringLiteral("session_id")).toString();
        const QString token = firefox.value(QStringLiteral("access_token")).toString();
        MainWindow window(guitest::options(m_server->url()));
        QVERIFY(guitest::showAndSignIn(window, kEmail, kPassword));
        QTRY_VERIFY(window.account()->supports(vigie::feature::kSessionNames));
        QTRY_COMPARE(table(window)->model()->rowCount(), 2);

        QVERIFY(table(window)->selectSession(firefoxId));
        table(window)->setFocus();
        QTest::keyClick(table(window), Qt::Key_F2);
        QTRY_VERIFY(guitest::visibleTopLevel<RenameSessionDialog>("renameSessionDialog"));
        typeName(QStringLiteral("  Work laptop "));
        QTRY_VERIFY(!guitest::visibleTopLevel<RenameSessionDialog>("renameSessionDialog"));
        auto* model = window.sessionsWidget()->model();
        const int row = model->rowOf(firefoxId);
        QCOMPARE(model->index(row, SessionListModel::DeviceColumn).data().toString(),
                 QStringLiteral("Work laptop"));
        QCOMPARE(model->index(row, SessionListModel::ClientColumn).data().toString(),
                 QStringLiteral("Firefox 128 on Windows"));
        QCOMPARE(serverName(*m_server, token, firefoxId), QStringLiteral("Work laptop"));
        QVERIFY(details(window)->detailsText().startsWith(
            QStringLiteral("Work laptop · Firefox 128 on Windows\n")));

        // The filter finds it by its name, and by its device.
        auto* filter = guitest::child<QLineEdit>(window.sessionsWidget(), "filterEdit");
        QTest::keyClicks(filter, QStringLiteral("work lap"));
        QCOMPARE(table(window)->model()->rowCount(), 1);
        filter->clear();

        // The details pane's button; an empty name shows the device again.
        QVERIFY(table(window)->selectSession(firefoxId));
        QTest::mouseClick(guitest::child<QPushButton>(details(window), "renameButton"), Qt::LeftButton);
        QTRY_VERIFY(guitest::visibleTopLevel<RenameSessionDialog>("renameSessionDialog"));
        typeName(QString());
        QTRY_VERIFY(!guitest::visibleTopLevel<RenameSessionDialog>("renameSessionDialog"));
        QCOMPARE(model->index(model->rowOf(firefoxId), SessionListModel::DeviceColumn).data().toString(),
                 QStringLiteral("Computer"));
        QCOMPARE(serverName(*m_server, token, firefoxId), QString());
    }

    void refusedNameSaysWhy()
    {
        MainWindow window(guitest::options(m_server->url()));
        QVERIFY(guitest::showAndSignIn(window, kEmail, kPassword));
        QTRY_VERIFY(window.account()->supports(vigie::feature::kSessionNames));
        table(window)->setFocus();
        QTest::keyClick(table(window), Qt::Key_F2);
        QTRY_VERIFY(guitest::visibleTopLevel<RenameSessionDialog>("renameSessionDialog"));
        typeName(QString(65, QLatin1Char('x')));
        auto* dialog = guitest::visibleTopLevel<RenameSessionDialog>("renameSessionDialog");
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->errorText().contains(QStringLiteral("up to 64 characters")));
        const QString current = window.account()->sessionId();
        auto* model = window.sessionsWidget()->model();
        QCOMPARE(model->index(model->rowOf(current), SessionListModel::NameRole).data().toString(),
                 QString());
    }

    void securityPageChangesTheIdleTimeout()
    {
        const QString token = browserLogin(*m_server).value(QStringLiteral("access_token")).toString();
        MainWindow window(guitest::options(m_server->url()));
        QVERIFY(guitest::showAndSignIn(window, kEmail, kPassword));
        QTRY_VERIFY(window.isAccountSecurityAvailable());
        auto* action = window.findChild<QAction*>(QStringLiteral("accountSecurityAction"));
        QVERIFY(action && action->isVisible());
        // From the keyboard: its shortcut, then the choice has the focus once the server answered.
        window.activateWindow();
        QTRY_VERIFY(window.isActiveWindow());
        QTest::keySequence(&window, action->shortcut());
        QTRY_VERIFY(guitest::visibleTopLevel<AccountSecurityDialog>("accountSecurityDialog"));
        auto* dialog = guitest::visibleTopLevel<AccountSecurityDialog>("accountSecurityDialog");
        auto* combo = guitest::child<QComboBox>(dialog, "idleTimeoutCombo");
        QTRY_VERIFY(combo->isEnabled());
        QCOMPARE(dialog->focusWidget(), combo);
        QStringList labels;
        for (int i = 0; i < combo->count(); ++i)
            labels << combo->itemText(i);
        QCOMPARE(labels,
                 (QStringList{QStringLiteral("1 day"), QStringLiteral("3 days"), QStringLiteral("1 week"),
                              QStringLiteral("2 weeks (the server's maximum)")}));
        QCOMPARE(combo->currentIndex(), 3);

        combo->setFocus();
        QTest::keyClick(combo, Qt::Key_Up); // 1 week
        QTRY_VERIFY(dialog->settingsMessage().contains(QStringLiteral("1 week")));
        HttpClient http(m_server->url());
        QCOMPARE(http.get(QStringLiteral("/api/users/me/settings"), token)
                     .json()
                     .value(QStringLiteral("idle_timeout_seconds"))
                     .toInteger(),
                 7 * 24 * 3600);
        QVERIFY2(guitest::unnamedControls(dialog).isEmpty(),
                 qPrintable(guitest::unnamedControls(dialog).join(QStringLiteral(", "))));
    }

    void changePasswordSignsTheOthersOut()
    {
        const QString firefoxToken = browserLogin(*m_server).value(QStringLiteral("access_token")).toString();
        MainWindow window(guitest::options(m_server->url()));
        QVERIFY(guitest::showAndSignIn(window, kEmail, kPassword));
        QTRY_COMPARE(table(window)->model()->rowCount(), 2);
        QTRY_VERIFY(window.isAccountSecurityAvailable());
        auto* dialog = window.showAccountSecurity(AccountSecurityDialog::Section::Password);
        QVERIFY(dialog);
        QVERIFY(guitest::child<QLabel>(dialog, "passwordRulesLabel")
                    ->text()
                    .contains(QStringLiteral("8 to 1024")));
        QVERIFY(guitest::child<QCheckBox>(dialog, "signOutOthersCheck")->isChecked());

        // A common password: the server says why.
        fillPasswordChange(dialog, kPassword, QStringLiteral("password"));
        QTRY_VERIFY2(dialog->passwordMessage().startsWith(QStringLiteral("The server refused this password")),
                     qPrintable(dialog->passwordMessage()));
        // A wrong current password says so.
        fillPasswordChange(dialog, QStringLiteral("not my password"), kNewPassword);
        QTRY_COMPARE(dialog->passwordMessage(), QStringLiteral("Your current password is not correct."));
        // Too short is caught before asking the server.
        fillPasswordChange(dialog, kPassword, QStringLiteral("short"));
        QVERIFY(dialog->passwordMessage().contains(QStringLiteral("8 to 1024 characters")));

        fillPasswordChange(dialog, kPassword, kNewPassword);
        QTRY_VERIFY(dialog->passwordMessage().contains(QStringLiteral("1 other session were signed out")) ||
                    dialog->passwordMessage().contains(QStringLiteral("1 other session was signed out")));
        QTRY_COMPARE(table(window)->model()->rowCount(), 1);
        QTRY_VERIFY(
            window.sessionsWidget()->statusText().contains(QStringLiteral("1 other session signed out")));
        HttpClient http(m_server->url());
        QCOMPARE(http.get(QStringLiteral("/api/users/me"), firefoxToken).status, 401);
        QCOMPARE(http.login(kEmail, kPassword).status, 401);
        QCOMPARE(http.login(kEmail, kNewPassword).status, 200);
    }

    void notMeFromARowToAChangedPassword()
    {
        const QJsonObject firefox = browserLogin(*m_server);
        const QString firefoxId = firefox.value(QStringLiteral("session_id")).toString();
        MainWindow window(guitest::options(m_server->url()));
        QVERIFY(guitest::showAndSignIn(window, kEmail, kPassword));
        QTRY_COMPARE(table(window)->model()->rowCount(), 2);
        QTRY_VERIFY(window.account()->supports(vigie::feature::kPasswordChange));
        QTest::qWait(1100); // past the 1 s re-authentication window

        QVERIFY(table(window)->selectSession(firefoxId));
        auto* notMe = window.sessionsWidget()->findChild<QAction*>(QStringLiteral("notMeAction"));
        QVERIFY(notMe && notMe->isEnabled());
        QVERIFY(table(window)->actions().contains(notMe)); // in the row's context menu
        Dialogs::setNextAnswer(QMessageBox::Ok);           // sign it out
        Dialogs::setNextAnswer(QMessageBox::Ok);           // then change the password
        notMe->trigger();
        QVERIFY(Dialogs::lastText().startsWith(QStringLiteral("Sign out Firefox 128 on Windows")));
        QTRY_VERIFY(guitest::visibleTopLevel<PasswordPromptDialog>("passwordPromptDialog"));
        guitest::answerPasswordPrompt(kPassword);
        QTRY_COMPARE(table(window)->model()->rowCount(), 1);
        QTRY_VERIFY(guitest::visibleTopLevel<AccountSecurityDialog>("accountSecurityDialog"));
        QCOMPARE(Dialogs::pendingAnswers(), 0);
        auto* dialog = guitest::visibleTopLevel<AccountSecurityDialog>("accountSecurityDialog");
        QCOMPARE(dialog->focusWidget(), guitest::child<QLineEdit>(dialog, "currentPasswordEdit"));
        fillPasswordChange(dialog, kPassword, kNewPassword);
        QTRY_VERIFY(dialog->passwordMessage().startsWith(QStringLiteral("Your password has been changed")));
        QTest::mouseClick(guitest::child<QPushButton>(dialog, "closeButton"), Qt::LeftButton);
        QTRY_VERIFY(window.sessionsWidget()->statusText().contains(QStringLiteral("still signed in")));
        QCOMPARE(table(window)->model()->rowCount(), 1);
        HttpClient http(m_server->url());
        QCOMPARE(http.login(kEmail, kNewPassword).status, 200);
    }

    void notMeIsNotOfferedForThisDevice()
    {
        MainWindow window(guitest::options(m_server->url()));
        QVERIFY(guitest::showAndSignIn(window, kEmail, kPassword));
        QVERIFY(table(window)->selectSession(window.account()->sessionId()));
        QVERIFY(!window.sessionsWidget()->findChild<QAction*>(QStringLiteral("notMeAction"))->isEnabled());
        QVERIFY(!guitest::child<QPushButton>(details(window), "notMeButton")->isVisible());
        QVERIFY(!window.startNotMeFlow(window.account()->sessionId()));
    }

    void exportsOwnActivityAsCsvAndJson()
    {
        MainWindow window(guitest::options(m_server->url()));
        QVERIFY(guitest::showAndSignIn(window, kEmail, kPassword));
        auto* tabs = window.findChild<QTabWidget*>(QStringLiteral("tabs"));
        tabs->setCurrentWidget(window.activityWidget());
        auto* exportButton = guitest::child<QPushButton>(window.activityWidget(), "activityExportButton");
        QTRY_VERIFY(exportButton->isEnabled());

        QTemporaryDir dir;
        const QString csvPath = dir.filePath(QStringLiteral("activity.csv"));
        Dialogs::setNextSaveFileName(csvPath);
        window.activityWidget()->findChild<QAction*>(QStringLiteral("exportActivityCsvAction"))->trigger();
        QFile csvFile(csvPath);
        QVERIFY(csvFile.open(QIODevice::ReadOnly));
        const QByteArray bytes = csvFile.readAll();
        QVERIFY(bytes.startsWith("\xEF\xBB\xBF"));
        bool ok = false;
        const auto records = guitest::readCsv(bytes, &ok);
        QVERIFY(ok);
        QVERIFY(records.size() >= 2);
        QCOMPARE(records.first().value(1), QStringLiteral("Event"));
        QVERIFY(records.first().contains(QStringLiteral("action")));
        const int action = int(records.first().indexOf(QStringLiteral("action")));
        bool sawLogin = false;
        for (const auto& record : records.mid(1))
            if (record.value(action) == QLatin1String("login")) {
                sawLogin = true;
                QCOMPARE(record.value(1), QStringLiteral("Signed in"));
                QCOMPARE(record.value(2), QStringLiteral("Ada Lovelace <ada@example.com>"));
            }
        QVERIFY(sawLogin);

        const QString jsonPath = dir.filePath(QStringLiteral("activity.json"));
        Dialogs::setNextSaveFileName(jsonPath);
        window.activityWidget()->findChild<QAction*>(QStringLiteral("exportActivityJsonAction"))->trigger();
        QFile jsonFile(jsonPath);
        QVERIFY(jsonFile.open(QIODevice::ReadOnly));
        const QJsonObject root = QJsonDocument::fromJson(jsonFile.readAll()).object();
        QCOMPARE(root.value(QStringLiteral("user")).toObject().value(QStringLiteral("email")).toString(),
                 kEmail);
        QCOMPARE(root.value(QStringLiteral("exported_by")).toString(), kEmail);
        QVERIFY(!root.value(QStringLiteral("events")).toArray().isEmpty());
        QCOMPARE(root.value(QStringLiteral("sessions")).toArray().size(), 1);
    }

    void versionOneServerHidesTheNewEntries()
    {
        VersionOneNetwork network;
        auto options = guitest::options(m_server->url());
        options.network = &network;
        const QString firefoxId = browserLogin(*m_server).value(QStringLiteral("session_id")).toString();
        MainWindow window(options);
        QSignalSpy versionKnown(window.account(), &vigie::client::AccountSession::serverVersionChanged);
        QVERIFY(guitest::showAndSignIn(window, kEmail, kPassword));
        QTRY_COMPARE(table(window)->model()->rowCount(), 2);
        QTRY_VERIFY(!versionKnown.isEmpty());
        QVERIFY(window.account()->serverVersion().features.empty());
        QVERIFY(!window.isAccountSecurityAvailable());
        QVERIFY(!window.findChild<QAction*>(QStringLiteral("accountSecurityAction"))->isVisible());
        QVERIFY(!window.showAccountSecurity());
        QVERIFY(table(window)->selectSession(firefoxId));
        QVERIFY(!window.sessionsWidget()->findChild<QAction*>(QStringLiteral("renameAction"))->isVisible());
        QVERIFY(!guitest::child<QPushButton>(details(window), "renameButton")->isVisible());
        table(window)->setFocus();
        QTest::keyClick(table(window), Qt::Key_F2);
        QVERIFY(!guitest::visibleTopLevel<RenameSessionDialog>("renameSessionDialog"));
    }

private:
    std::unique_ptr<TestServer> m_server;
};

QTEST_MAIN(TestAccountView)
#include "tst_accountview.moc"
