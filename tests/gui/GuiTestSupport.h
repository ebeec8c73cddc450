#pragma once

// Helpers shared by the widget tests: isolated settings, the real windows driven by object
// name, and finding the window-modal dialogs they open.

#include "TestServer.h"
#include "widgets/Application.h"
#include "widgets/Dialogs.h"
#include "widgets/MainWindow.h"
#include "widgets/PasswordPromptDialog.h"
#include "widgets/SessionsWidget.h"
#include "widgets/SignInWidget.h"

#include <QApplication>
#include <QCheckBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QStandardPaths>
#include <QTableView>
#include <QtTest>
#include <memory>

namespace guitest {

const QString kKeychainService = QStringLiteral("vigie-gui-tests");

// The app's resources, settings in QStandardPaths' test location (emptied), English.
inline void setUpTestApplication(const char* name)
{
    vigie::widgets::setUpApplication();
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("vigie-tests"));
    QCoreApplication::setApplicationName(QString::fromLatin1(name));
    QSettings().clear();
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

inline void resetState()
{
    QSettings().clear();
    vigie::widgets::Dialogs::clearScript();
}

inline vigie::widgets::MainWindow::Options options(const QUrl& server)
{
    vigie::widgets::MainWindow::Options o;
    o.serverUrl = server.toString();
    o.keychainService = kKeychainService;
    o.timeout = std::chrono::seconds(5);
    return o;
}

template <typename T> T* child(QWidget* parent, const char* name)
{
    auto* w = parent->findChild<T*>(QString::fromLatin1(name));
    if (!w)
        qWarning() << "no child" << name;
    return w;
}

// A visible top-level widget (a window-modal dialog) with that object name.
template <typename T = QWidget> T* visibleTopLevel(const char* name)
{
    const auto widgets = QApplication::topLevelWidgets();
    for (QWidget* w : widgets)
        if (w->isVisible() && w->objectName() == QLatin1String(name))
            if (auto* typed = qobject_cast<T*>(w))
                return typed;
    return nullptr;
}

// The visible controls that a keyboard reaches but a screen reader could not name.
inline QStringList unnamedControls(QWidget* window)
{
    QStringList out;
    const auto widgets = window->findChildren<QWidget*>();
    for (QWidget* w : widgets) {
        if (!(w->focusPolicy() & Qt::TabFocus) || !w->isVisibleTo(window) ||
            qobject_cast<QLineEdit*>(w->parentWidget()))
            continue;
        const auto* button = qobject_cast<QAbstractButton*>(w);
        if (w->accessibleName().isEmpty() && !(button && !button->text().isEmpty()))
            out.append(QStringLiteral("%1 (%2)").arg(w->objectName(),
                                                     QString::fromLatin1(w->metaObject()->className())));
    }
    return out;
}

// Fills the sign-in form with the keyboard and presses Enter.
inline void typeSignIn(vigie::widgets::MainWindow& window, const QString& email, const QString& password)
{
    auto* signIn = window.signInWidget();
    auto* emailEdit = child<QLineEdit>(signIn, "emailEdit");
    auto* passwordEdit = child<QLineEdit>(signIn, "passwordEdit");
    emailEdit->clear();
    QTest::keyClicks(emailEdit, email);
    passwordEdit->clear();
    QTest::keyClicks(passwordEdit, password);
    QTest::keyClick(passwordEdit, Qt::Key_Return);
}

// Signs in through the form and waits for the session list.
inline bool signIn(vigie::widgets::MainWindow& window, const QString& email, const QString& password)
{
    typeSignIn(window, email, password);
    if (!QTest::qWaitFor([&] { return window.page() == vigie::widgets::MainWindow::Page::Account; }, 10000))
        return false;
    auto* sessions = window.sessionsWidget();
    return QTest::qWaitFor([&] { return !sessions->isLoading() && sessions->model()->rowCount() > 0; },
                           10000);
}

// Shows the window, starts it and signs in through the form: what most tests begin with.
inline bool showAndSignIn(vigie::widgets::MainWindow& window, const QString& email, const QString& password)
{
    window.show();
    window.start();
    return signIn(window, email, password);
}

// A fresh server whose re-authentication window is 1 s, with one user (Ada Lovelace); the
// previous one, if any, stops first.
inline void startServerWithUser(std::unique_ptr<TestServer>& server, const QString& email,
                                const QString& password)
{
    server =
        std::make_unique<TestServer>(QStringList{QStringLiteral("--reauth-window"), QStringLiteral("1s")});
    QVERIFY2(server->start(), qPrintable(server->errorOutput()));
    QVERIFY(
        !server->addUser(email, password, QStringLiteral("user"), QStringLiteral("Ada Lovelace")).isEmpty());
}

// Types the password into the visible re-authentication prompt and confirms.
inline void answerPasswordPrompt(const QString& password)
{
    auto* prompt = visibleTopLevel<vigie::widgets::PasswordPromptDialog>("passwordPromptDialog");
    QVERIFY(prompt);
    auto* edit = child<QLineEdit>(prompt, "passwordEdit");
    edit->clear();
    QTest::keyClicks(edit, password);
    QTest::mouseClick(child<QPushButton>(prompt, "confirmButton"), Qt::LeftButton);
}

// Closes the dialogs a test left open (they would outlive its window and server).
// The list-and-details rule, as someone shrinking the window sees it, on the view that holds
// `splitterName` and a sessionTable with at least one row: at every height the list shows at
// least three rows, or the details pane has folded away to give it all the room; folded, Enter
// on a row opens them and moves the keyboard there; a tall window shows both again. Says in
// *foldedWhenShortest whether the shortest window the layout allows folded the details. Leaves the window
// tall.
inline void checkDetailsFoldOnShortWindow(QWidget* window, QWidget* view, const char* splitterName,
                                          bool* foldedWhenShortest)
{
    auto* splitter = child<QSplitter>(view, splitterName);
    auto* table = child<QTableView>(view, "sessionTable");
    QVERIFY(splitter && table && table->model()->rowCount() > 0);
    const auto folded = [splitter] { return splitter->sizes().value(1) == 0; };
    const auto listShowsThreeRows = [table] {
        return table->viewport()->height() >= 3 * table->verticalHeader()->defaultSectionSize();
    };
    const auto where = [&] {
        return QStringLiteral("window %1, list %2, details %3")
            .arg(window->height())
            .arg(table->viewport()->height())
            .arg(splitter->sizes().value(1));
    };
    window->setMinimumSize(0, 0);
    // One resize at a time, as a person dragging the window's edge makes them.
    const auto resize = [window](int height) {
        window->resize(window->width(), height);
        QTest::qWait(20);
    };
    for (int height = 800; height >= 300; height -= 25) {
        resize(height);
        QTRY_VERIFY2(folded() || listShowsThreeRows(), qPrintable(where()));
    }
    *foldedWhenShortest = folded();
    if (folded()) {
        table->setFocus();
        table->setCurrentIndex(table->model()->index(0, 0));
        QTest::keyClick(table, Qt::Key_Return);
        QTRY_VERIFY2(!folded(), qPrintable(where()));
        QWidget* details = splitter->widget(1);
        QVERIFY(details == QApplication::focusWidget() || details->isAncestorOf(QApplication::focusWidget()));
        resize(800);
        QTRY_VERIFY2(!folded() && listShowsThreeRows(), qPrintable(where()));
        resize(300);
        QTRY_VERIFY2(folded(), qPrintable(where()));
    }
    resize(800);
    QTRY_VERIFY2(!folded() && listShowsThreeRows(), qPrintable(where()));
}

inline void closeDialogs()
{
    const auto widgets = QApplication::topLevelWidgets();
    for (QWidget* w : widgets)
        if (qobject_cast<QDialog*>(w))
            w->deleteLater();
}

} // namespace guitest
