// What a screen reader gets from each screen, through Qt's accessibility interfaces (what
// AT-SPI, UIA and NSAccessibility bridges read): every visible control has a name, every label
// that shows a value exposes that value (its caption linked to it), and nothing hidden is
// exposed, against the real vigie-server.
#include "GuiTestSupport.h"
#include "HttpClient.h"
#include "TestServer.h"
#include "client/SessionListModel.h"
#include "widgets/AccountSecurityDialog.h"
#include "widgets/MessageBanner.h"
#include "widgets/RenameSessionDialog.h"
#include "widgets/SessionTableView.h"
#include "widgets/SupportWidget.h"
#include "widgets/TrayIcon.h"

#include <QAccessible>
#include <QMenu>
#include <QTabBar>
#include <QTabWidget>
#include <QTextDocument>

using namespace vigie::widgets;

namespace {

const QString kUser = QStringLiteral("ana@example.com");
const QString kUserPassword = QStringLiteral("ana's long password");
const QString kStaff = QStringLiteral("sam@support.example");
const QString kStaffPassword = QStringLiteral("support staff password");
const QByteArray kFirefox =
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0";

// Controls a user acts on or reads as a whole: each needs a name.
bool isControl(QAccessible::Role role)
{
    switch (role) {
    case QAccessible::PushButton:
    case QAccessible::CheckBox:
    case QAccessible::RadioButton:
    case QAccessible::EditableText:
    case QAccessible::ComboBox:
    case QAccessible::PageTab:
    case QAccessible::PageTabList:
    case QAccessible::Table:
    case QAccessible::List:
    case QAccessible::Tree:
    case QAccessible::ButtonMenu:
    case QAccessible::ButtonDropDown:
    case QAccessible::SpinBox:
    case QAccessible::Link:
        return true;
    default:
        return false;
    }
}

QString plain(const QLabel* label)
{
    QString text = label->text();
    if (label->textFormat() == Qt::RichText ||
        (label->textFormat() == Qt::AutoText && Qt::mightBeRichText(text))) {
        QTextDocument doc;
        doc.setHtml(text);
        text = doc.toPlainText();
    }
    return text.remove(QLatin1Char('&')).simplified();
}

QString describe(QAccessibleInterface* iface)
{
    const QObject* o = iface->object();
    return QStringLiteral("%1 \"%2\" (%3)")
        .arg(QString::number(int(iface->role()), 16), iface->text(QAccessible::Name),
             o ? o->objectName() + QLatin1Char(' ') + QString::fromLatin1(o->metaObject()->className())
               : QStringLiteral("no object"));
}

// Walks what assistive technology sees of the window and lists what is wrong with it.
struct Walk
{
    QStringList problems;
    QStringList visibleNames; // names of the controls a user can reach
    QHash<QString, QAccessibleInterface*> byObjectName;

    void visit(QAccessibleInterface* iface, int depth = 0)
    {
        if (!iface || !iface->isValid() || depth > 40)
            return;
        if (iface->state().invisible)
            return; // reported hidden: assistive technology skips it and what it holds
        auto* widget = qobject_cast<QWidget*>(iface->object());
        if (widget && !widget->isVisible())
            problems << QStringLiteral("hidden but exposed as visible: ") + describe(iface);
        if (!widget && iface->rect().isEmpty() && iface->role() == QAccessible::PageTab)
            problems << QStringLiteral("a tab with no place on screen is exposed: ") + describe(iface);
        const QString name = iface->text(QAccessible::Name).trimmed();
        if (isControl(iface->role())) {
            if (name.isEmpty())
                problems << QStringLiteral("unnamed control: ") + describe(iface);
            visibleNames << name;
        }
        if (auto* label = qobject_cast<QLabel*>(widget); label && !plain(label).isEmpty()) {
            // A label that shows text must say that text, not a fixed caption instead.
            const QString said =
                (name + QLatin1Char(' ') + iface->text(QAccessible::Description)).simplified();
            if (!said.contains(plain(label)))
                problems << QStringLiteral("label hides its text \"%1\": ").arg(plain(label)) +
                                describe(iface);
        }
        if (widget && !widget->objectName().isEmpty())
            byObjectName.insert(widget->objectName(), iface);
        // A table's cells are its model's text; its headers and itself are checked above.
        if (iface->role() == QAccessible::Table)
            return;
        for (int i = 0; i < iface->childCount(); ++i)
            visit(iface->child(i), depth + 1);
    }
};

Walk walk(QWidget* window)
{
    Walk w;
    w.visit(QAccessible::queryAccessibleInterface(window));
    return w;
}

// The caption a screen reader says before a value: the label that labels it (AT-SPI's
// labelled-by).
QString captionOf(QAccessibleInterface* value)
{
    const auto relations = value->relations(QAccessible::Label);
    return relations.isEmpty() ? QString() : relations.first().first->text(QAccessible::Name);
}

// A value as a screen reader meets it: there, read as `words`, after `caption`.
void verifyReadAs(const Walk& w, const char* objectName, const QString& words, const QString& caption)
{
    QAccessibleInterface* value = w.byObjectName.value(QString::fromLatin1(objectName));
    QVERIFY2(value, objectName);
    QCOMPARE(value->text(QAccessible::Name), words);
    QCOMPARE(captionOf(value), caption);
}

} // namespace

class TestAccessibility final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        guitest::setUpTestApplication("tst_accessibility");
        QVERIFY2(m_server.start(), qPrintable(m_server.errorOutput()));
        QVERIFY(
            !m_server.addUser(kUser, kUserPassword, QStringLiteral("user"), QStringLiteral("Ana")).isEmpty());
        QVERIFY(!m_server.addUser(kStaff, kStaffPassword, QStringLiteral("support"), QStringLiteral("Sam"))
                     .isEmpty());
        // Another device, so that the list and the audit trail have more than this one.
        HttpClient http(m_server.url());
        QCOMPARE(http.login(kUser, kUserPassword, {{"User-Agent", kFirefox}}).status, 200);
    }
    void init() { guitest::resetState(); }

    void signInScreen()
    {
        MainWindow window(guitest::options(m_server.url()));
        window.show();
        window.start();
        const Walk w = walk(&window);
        QVERIFY2(w.problems.isEmpty(), qPrintable(w.problems.join(QLatin1Char('\n'))));
        QVERIFY(w.visibleNames.contains(QStringLiteral("Keep me signed in")));
        QVERIFY(w.byObjectName.contains(QStringLiteral("passwordEdit")));
    }

    void sessionsScreenSpeaksItsValues()
    {
        MainWindow window(guitest::options(m_server.url()));
        window.resize(1100, 760);
        QVERIFY(guitest::showAndSignIn(window, kUser, kUserPassword));
        QTRY_VERIFY(window.sessionsWidget()->findChild<QLabel*>(QStringLiteral("ipValue"))->isVisible());
        const Walk w = walk(&window);
        QVERIFY2(w.problems.isEmpty(), qPrintable(w.problems.join(QLatin1Char('\n'))));

        // The header says how many sessions, who is signed in where, and when it was updated.
        QAccessibleInterface* count = w.byObjectName.value(QStringLiteral("countLabel"));
        QVERIFY(count);
        QCOMPARE(count->text(QAccessible::Name), QStringLiteral("2 sessions"));
        QAccessibleInterface* account = w.byObjectName.value(QStringLiteral("accountLabel"));
        QVERIFY(account);
        QVERIFY2(account->text(QAccessible::Name).contains(kUser),
                 qPrintable(account->text(QAccessible::Name)));
        QVERIFY(w.byObjectName.value(QStringLiteral("updatedLabel"))
                    ->text(QAccessible::Name)
                    .startsWith(QStringLiteral("Updated at ")));

        // The details pane: each value is read out, after its caption.
        verifyReadAs(w, "ipValue", QStringLiteral("127.0.0.1"), QStringLiteral("IP address:"));
        verifyReadAs(w, "sessionIdValue", window.account()->sessionId(), QStringLiteral("Session ID:"));
        if (QTest::currentTestFailed())
            return;
        for (const char* value : {"deviceValue", "browserValue", "osValue", "locationValue",
                                  "lastActivityValue", "signedInValue", "expiresValue"}) {
            QAccessibleInterface* v = w.byObjectName.value(QString::fromLatin1(value));
            QVERIFY2(v, value);
            QVERIFY2(!captionOf(v).isEmpty(), value);
            QCOMPARE(v->text(QAccessible::Name),
                     window.sessionsWidget()->findChild<QLabel*>(QString::fromLatin1(value))->text());
        }

        // A plain user has no Support tab, not even a hidden one that could be pressed.
        QVERIFY(!w.visibleNames.contains(QStringLiteral("Support")));
        QAccessibleInterface* tabs = QAccessible::queryAccessibleInterface(
            window.findChild<QTabWidget*>(QStringLiteral("tabs"))->tabBar());
        QVERIFY(tabs);
        QStringList tabNames;
        for (int i = 0; i < tabs->childCount(); ++i)
            if (tabs->child(i)->role() == QAccessible::PageTab)
                tabNames << tabs->child(i)->text(QAccessible::Name);
        QCOMPARE(tabNames, (QStringList{QStringLiteral("Sessions"), QStringLiteral("Activity")}));

        // The activity tab.
        window.findChild<QTabWidget*>(QStringLiteral("tabs"))->setCurrentIndex(1);
        QTRY_VERIFY(window.findChild<QWidget*>(QStringLiteral("activityView"))->isVisible());
        const Walk activity = walk(&window);
        QVERIFY2(activity.problems.isEmpty(), qPrintable(activity.problems.join(QLatin1Char('\n'))));
    }

    void alertFlaggedSessionAndTrayMenu()
    {
        MainWindow window(guitest::options(m_server.url()));
        window.resize(1100, 760);
        QVERIFY(guitest::showAndSignIn(window, kUser, kUserPassword));
        auto* sessions = window.sessionsWidget();

        // A sign-in from elsewhere as the event stream brings it: flagged, last seen elsewhere.
        vigie::AccountEvent login;
        login.event.id = "a11y-login";
        login.event.action = "login";
        vigie::Session s = sessions->model()->session(0).value();
        s.id = "0b1d2c3e-4f50-4a61-8b72-9c83d4e5f601";
        s.isCurrent = false;
        s.ipAddress = "198.51.100.23";
        s.locationData = vigie::LocationData{"Berlin", std::nullopt, "Germany", "DE"};
        s.lastIpAddress = "203.0.113.99";
        s.lastLocationData = vigie::LocationData{"Warsaw", std::nullopt, "Poland", "PL"};
        s.flags = {"new_device", "new_country"};
        login.event.targetSessionId = s.id;
        login.session = s;
        sessions->applyEvent(login);
        vigie::client::Alert alert;
        alert.title = QStringLiteral("New sign-in");
        alert.body = QStringLiteral("Firefox 128 on Windows, Berlin, Germany — 14:02");
        alert.sessionId = QString::fromStdString(s.id);
        sessions->showAlert(alert);
        auto* table = sessions->findChild<vigie::widgets::SessionTableView*>(QStringLiteral("sessionTable"));
        QVERIFY(table->selectSession(QString::fromStdString(s.id)));
        QTRY_VERIFY(sessions->findChild<QLabel*>(QStringLiteral("lastSeenValue"))->isVisible());

        const Walk w = walk(&window);
        QVERIFY2(w.problems.isEmpty(), qPrintable(w.problems.join(QLatin1Char('\n'))));
        // The alert's two answers are buttons with their names; the flags and the last place are
        // values read after their captions.
        QVERIFY(w.visibleNames.contains(QString::fromUtf8("Not me – sign it out")));
        QVERIFY(w.visibleNames.contains(QStringLiteral("It was me")));
        // The alert is an alert to a screen reader (read out when it shows, wherever the focus
        // is), with its words; an information banner is a plain panel.
        auto* banner = sessions->findChild<vigie::widgets::MessageBanner*>(QStringLiteral("alertBanner"));
        QAccessibleInterface* alertIface = QAccessible::queryAccessibleInterface(banner);
        QCOMPARE(alertIface->role(), QAccessible::AlertMessage);
        QCOMPARE(alertIface->text(QAccessible::Name), QStringLiteral("Warning"));
        QVERIFY(
            alertIface->text(QAccessible::Description).contains(QStringLiteral("Firefox 128 on Windows")));
        vigie::widgets::MessageBanner info;
        info.showMessage(vigie::widgets::MessageBanner::Kind::Information, QStringLiteral("Saved."));
        QCOMPARE(QAccessible::queryAccessibleInterface(&info)->role(), QAccessible::Pane);
        verifyReadAs(w, "lastSeenValue", QStringLiteral("Warsaw, Poland (203.0.113.99)"),
                     QStringLiteral("Last seen from:"));
        if (QTest::currentTestFailed())
            return;
        QAccessibleInterface* flags = w.byObjectName.value(QStringLiteral("flagsValue"));
        QVERIFY(flags);
        QCOMPARE(flags->text(QAccessible::Name), QStringLiteral("New device, New country"));
        // In the list, the badges are words a screen reader says with the cell, not colours.
        const QModelIndex row = table->currentIndex();
        QVERIFY(table->model()
                    ->index(row.row(), vigie::client::SessionListModel::DeviceColumn)
                    .data(Qt::AccessibleTextRole)
                    .toString()
                    .endsWith(QStringLiteral(", New device")));
        QVERIFY(table->model()
                    ->index(row.row(), vigie::client::SessionListModel::LocationColumn)
                    .data(Qt::AccessibleTextRole)
                    .toString()
                    .endsWith(QStringLiteral("Berlin, Germany, New country")));

        // The tray menu: every entry named, the status line readable.
        vigie::widgets::TrayIcon tray;
        tray.setWatching(kUser);
        QCOMPARE(tray.statusText(), QStringLiteral("Watching ") + kUser);
        QStringList entries;
        for (QAction* action : tray.menu()->actions())
            if (!action->isSeparator() && action->isVisible()) {
                QVERIFY(!action->text().isEmpty());
                entries << action->text().remove(QLatin1Char('&'));
            }
        QVERIFY(entries.contains(QStringLiteral("Open Vigie")));
        QVERIFY(entries.contains(QStringLiteral("Quit Vigie")));
    }

    void accountControlScreens()
    {
        MainWindow window(guitest::options(m_server.url()));
        window.resize(1100, 760);
        QVERIFY(guitest::showAndSignIn(window, kUser, kUserPassword));
        QTRY_VERIFY(window.isAccountSecurityAvailable());

        // Another device selected: Rename… and Not me… are named buttons.
        auto* table = guitest::child<SessionTableView>(window.sessionsWidget(), "sessionTable");
        table->selectRow(1);
        QTRY_VERIFY(window.sessionsWidget()->findChild<QWidget*>(QStringLiteral("notMeButton"))->isVisible());
        const Walk list = walk(&window);
        QVERIFY2(list.problems.isEmpty(), qPrintable(list.problems.join(QLatin1Char('\n'))));
        QVERIFY(list.visibleNames.contains(QStringLiteral("Rename this device")));
        QVERIFY(list.visibleNames.contains(QStringLiteral("Not me: sign out and secure the account")));

        window.sessionsWidget()->requestRename(table->selectedSessionId());
        auto* rename = guitest::visibleTopLevel<RenameSessionDialog>("renameSessionDialog");
        QVERIFY(rename);
        const Walk renameWalk = walk(rename);
        QVERIFY2(renameWalk.problems.isEmpty(), qPrintable(renameWalk.problems.join(QLatin1Char('\n'))));
        QVERIFY(renameWalk.visibleNames.contains(QStringLiteral("Name")));
        rename->reject();

        auto* security = window.showAccountSecurity();
        QVERIFY(security);
        QTRY_VERIFY(security->findChild<QWidget*>(QStringLiteral("idleTimeoutCombo"))->isEnabled());
        const Walk page = walk(security);
        QVERIFY2(page.problems.isEmpty(), qPrintable(page.problems.join(QLatin1Char('\n'))));
        for (const char* name : {"Current password", "New password", "Confirm the new password",
                                 "Sign out of all other sessions", "Change password"})
            QVERIFY2(page.visibleNames.contains(QString::fromUtf8(name)), name);
        // The combo box says the value chosen, after its caption (on Linux Qt names a combo box by
        // its value and its label by relation).
        QAccessibleInterface* idle = page.byObjectName.value(QStringLiteral("idleTimeoutCombo"));
        QVERIFY(idle);
        QCOMPARE(captionOf(idle), QStringLiteral("End sessions after inactivity of:"));
        QCOMPARE(idle->text(QAccessible::Value), QStringLiteral("2 weeks (the server's maximum)"));
        QAccessibleInterface* check = page.byObjectName.value(QStringLiteral("signOutOthersCheck"));
        QVERIFY(check && check->state().checked);
        security->reject();
    }

    void supportScreens()
    {
        MainWindow window(guitest::options(m_server.url()));
        window.resize(1100, 760);
        QVERIFY(guitest::showAndSignIn(window, kStaff, kStaffPassword));
        QVERIFY(window.isSupportViewAvailable());
        window.showSupportView();
        auto* support = window.supportWidget();
        const Walk empty = walk(&window);
        QVERIFY2(empty.problems.isEmpty(), qPrintable(empty.problems.join(QLatin1Char('\n'))));
        QVERIFY(empty.visibleNames.contains(QStringLiteral("Support")));

        auto* email = guitest::child<QLineEdit>(support, "emailEdit");
        QTest::keyClicks(email, kUser);
        QTest::keyClick(email, Qt::Key_Return);
        QTRY_VERIFY(support->user() && !support->isLoading() && support->sessionModel()->rowCount() > 0);
        const Walk sessions = walk(&window);
        QVERIFY2(sessions.problems.isEmpty(), qPrintable(sessions.problems.join(QLatin1Char('\n'))));

        auto* results = support->findChild<QTabWidget*>(QStringLiteral("resultTabs"));
        results->setCurrentIndex(1);
        QTRY_VERIFY(support->findChild<QWidget*>(QStringLiteral("auditTable"))->isVisible());
        const Walk audit = walk(&window);
        QVERIFY2(audit.problems.isEmpty(), qPrintable(audit.problems.join(QLatin1Char('\n'))));
        // The search icon in the audit filter is a named button.
        QVERIFY(audit.visibleNames.contains(QStringLiteral("Search")));
    }

private:
    TestServer m_server;
};

QTEST_MAIN(TestAccessibility)
#include "tst_accessibility.moc"
