#pragma once

#include "client/AccountAlerts.h"
#include "client/AccountSession.h"
#include "client/EventStream.h"
#include "widgets/AccountSecurityDialog.h"

#include <QMainWindow>
#include <QNetworkAccessManager>
#include <QPointer>
#include <QScopedPointer>
#include <chrono>

namespace Ui {
class MainWindow;
}

namespace vigie::widgets {

class SessionsWidget;
class SignInWidget;
class ActivityWidget;
class SupportWidget;
class DesktopNotifier;
class TrayIcon;
class NotMeFlow;

struct MainWindowOptions
{
    QString serverUrl;       // --server: fills the sign-in form, and skips restoring another server's sign-in
    QString keychainService; // empty: the app's own ("Vigie"); tests use their own
    std::chrono::milliseconds timeout{0}; // 0: the client's default
    bool trayIcon = true;                 // keep watching in the tray when the desktop has one
    // The network the account talks through; nullptr: the window's own. It must outlive the window.
    QNetworkAccessManager* network = nullptr;
};

// The app's one window: the sign-in screen, then the signed-in account with its sessions and,
// for support staff and administrators only, the support view. The menu signs out, switches
// server or account, refreshes (F5), and shows About. When the session ends elsewhere
// (revoked from another device, expired) the window returns to the sign-in screen and says why.
// Against a v1.1 server it follows the account's event stream: the list updates live, and a
// sign-in elsewhere (and the other alerts of AccountAlerts) becomes a desktop notification.
// With a system tray, closing the window while signed in keeps watching; Quit (menu or tray)
// quits.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    using Options = MainWindowOptions;

    enum class Page { SignIn, Account };

    explicit MainWindow(const Options& options = {}, QWidget* parent = nullptr);
    ~MainWindow() override;

    // Restores the remembered sign-in when there is one, else shows the sign-in form.
    void start();

    vigie::client::AccountSession* account() { return &m_account; }
    SignInWidget* signInWidget() const { return m_signIn; }
    SessionsWidget* sessionsWidget() const { return m_sessions; }
    SupportWidget* supportWidget() const { return m_support; }
    ActivityWidget* activityWidget() const { return m_activity; }
    vigie::client::EventStream* eventStream() { return &m_events; }
    DesktopNotifier* notifier() const { return m_notifier; }
    TrayIcon* trayIcon() const { return m_tray; }
    bool hasTrayIcon() const;
    Page page() const;
    bool isSupportViewAvailable() const;
    void showSupportView();
    void showSessionsView();
    // Whether the menu offers Account security (a v1.1 server with settings or password change).
    bool isAccountSecurityAvailable() const;
    // Opens Account security (nullptr when the server offers none of it).
    AccountSecurityDialog*
    showAccountSecurity(AccountSecurityDialog::Section focus = AccountSecurityDialog::Section::IdleTimeout);
    // "Not me": signs that session out, offers to change the password, then shows what remains
    // (NotMeFlow). For a row's "Not me…" and for sign-in notifications. nullptr when the flow
    // cannot start (signed out, or that session is this device); one flow at a time.
    NotMeFlow* startNotMeFlow(const QString& sessionId);

public Q_SLOTS:
    void refresh();
    void signOut();
    void switchAccount();
    void showAbout();
    // Brings the window back (from the tray, a notification).
    void showAndRaise();
    // Quits for good, even with a tray icon.
    void quit();

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void onSignedIn();
    void onSignedOut(vigie::client::AccountSession::SignOutReason reason, const QString& message);
    void onKeychainStatusChanged();
    void showSignIn();
    void updateTitle();
    void setSupportViewAvailable(bool available);
    void fitToScreen();
    void onAccountEvent(const vigie::AccountEvent& event);
    void onAlertAction(const vigie::client::Alert& alert, const QString& action);
    void explainAlertsLimit();
    void updateFeatures();

    const QScopedPointer<::Ui::MainWindow> m_ui;
    Options m_options;
    QNetworkAccessManager m_network;
    vigie::client::AccountSession m_account;
    vigie::client::EventStream m_events{&m_account};
    vigie::client::AccountAlerts m_alerts;
    SignInWidget* m_signIn;
    SessionsWidget* m_sessions;
    SupportWidget* m_support;
    ActivityWidget* m_activity;
    DesktopNotifier* m_notifier;
    TrayIcon* m_tray = nullptr;
    QAction* m_accountSecurityAction = nullptr;
    QPointer<NotMeFlow> m_notMeFlow;
    bool m_switching = false;
    bool m_quitting = false;
    bool m_quitRequested = false;
};

} // namespace vigie::widgets
