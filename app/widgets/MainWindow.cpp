#include "widgets/MainWindow.h"

#include "client/Plural.h"
#include "client/Settings.h"
#include "client/TokenStore.h"
#include "core/Version.h"
#include "ui_MainWindow.h"
#include "widgets/ActivityWidget.h"
#include "widgets/DesktopNotifier.h"
#include "widgets/Dialogs.h"
#include "widgets/Icons.h"
#include "widgets/NotMeFlow.h"
#include "widgets/SessionsWidget.h"
#include "widgets/SignInWidget.h"
#include "widgets/SupportWidget.h"
#include "widgets/TrayIcon.h"

#include <QApplication>
#include <QCloseEvent>
#include <QScreen>
#include <QScrollArea>
#include <QSystemTrayIcon>
#include <QTabBar>
#include <QTimer>

namespace vigie::widgets {

using vigie::client::AccountSession;
using vigie::client::Alert;
using vigie::client::Settings;
using vigie::client::TokenStore;

namespace {

// Quitting signs out first when the user did not ask to stay signed in; never wait longer.
constexpr std::chrono::seconds kQuitSignOutLimit{6};

// One key everywhere, plus the platform's own keys for that action when they differ (a key
// listed twice makes the shortcut ambiguous).
QList<QKeySequence> withStandardKeys(const QKeySequence& key, QKeySequence::StandardKey standard)
{
    QList<QKeySequence> keys{key};
    for (const QKeySequence& k : QKeySequence::keyBindings(standard))
        if (!keys.contains(k))
            keys.append(k);
    return keys;
}

} // namespace

MainWindow::MainWindow(const Options& options, QWidget* parent)
    : QMainWindow(parent), m_ui(new ::Ui::MainWindow), m_options(options),
      m_account(options.network ? options.network : &m_network), m_signIn(new SignInWidget),
      m_sessions(new SessionsWidget), m_support(new SupportWidget), m_activity(new ActivityWidget),
      m_notifier(new DesktopNotifier(this))
{
    m_ui->setupUi(this);
    setWindowIcon(Icons::appIcon());
    if (!options.keychainService.isEmpty())
        m_account.setKeychainService(options.keychainService);
    if (options.timeout.count() > 0)
        m_account.setTimeout(options.timeout);

    // In a scroll area: on a small screen (or a large scale factor) the whole form stays
    // reachable instead of its Sign in button falling off the bottom.
    auto* signInScroll = new QScrollArea;
    signInScroll->setObjectName(QStringLiteral("signInScroll"));
    signInScroll->setWidgetResizable(true);
    signInScroll->setFrameShape(QFrame::NoFrame);
    signInScroll->setFocusPolicy(Qt::NoFocus); // Tab goes to the fields, not to their frame
    signInScroll->setWidget(m_signIn);
    m_ui->signInLayout->setContentsMargins(0, 0, 0, 0);
    m_ui->signInLayout->addWidget(signInScroll);
    m_signIn->setAccount(&m_account);
    m_sessions->setAccount(&m_account);
    m_support->setAccount(&m_account);
    m_ui->tabs->addTab(m_sessions, Icons::icon(QStringLiteral("sessions")), tr("&Sessions"));
    m_ui->tabs->setTabToolTip(0, tr("Where your account is signed in"));
    // The Support tab is added for staff only: a hidden tab would still be a pressable tab to
    // assistive technology.
    m_support->setParent(this);
    m_support->hide();
    m_activity->setAccount(&m_account);
    m_ui->tabs->addTab(m_activity, Icons::icon(QStringLiteral("info")), tr("Ac&tivity"));
    m_ui->tabs->setTabToolTip(m_ui->tabs->indexOf(m_activity),
                              tr("What happened on your account, including support look-ups"));
    connect(m_ui->tabs, &QTabWidget::currentChanged, this, [this] {
        if (m_ui->tabs->currentWidget() == m_activity)
            m_activity->reload();
    });
    m_ui->tabs->tabBar()->setAccessibleName(tr("Views"));

    m_ui->refreshAction->setIcon(Icons::icon(QStringLiteral("refresh")));
    m_ui->refreshAction->setShortcuts(withStandardKeys(QKeySequence(Qt::Key_F5), QKeySequence::Refresh));
    m_ui->switchAction->setIcon(Icons::icon(QStringLiteral("switch-account")));
    m_ui->signOutAction->setIcon(Icons::icon(QStringLiteral("sign-out")));
    m_ui->quitAction->setIcon(Icons::icon(QStringLiteral("quit")));
    m_ui->quitAction->setShortcuts(withStandardKeys(QKeySequence(Qt::CTRL | Qt::Key_Q), QKeySequence::Quit));
    m_ui->aboutAction->setIcon(Icons::icon(QStringLiteral("info")));
    m_ui->aboutAction->setShortcut(QKeySequence::HelpContents);
    m_ui->signOutButton->setIcon(Icons::icon(QStringLiteral("sign-out")));
    m_ui->quitAction->setMenuRole(QAction::QuitRole);
    m_ui->aboutAction->setMenuRole(QAction::AboutRole);
    m_ui->aboutQtAction->setMenuRole(QAction::AboutQtRole);

    connect(m_ui->refreshAction, &QAction::triggered, this, &MainWindow::refresh);
    connect(m_ui->switchAction, &QAction::triggered, this, &MainWindow::switchAccount);
    connect(m_ui->signOutAction, &QAction::triggered, this, &MainWindow::signOut);
    connect(m_ui->signOutButton, &QPushButton::clicked, this, &MainWindow::signOut);
    connect(m_ui->quitAction, &QAction::triggered, this, &MainWindow::quit);
    connect(m_ui->aboutAction, &QAction::triggered, this, &MainWindow::showAbout);
    connect(m_ui->aboutQtAction, &QAction::triggered, qApp, &QApplication::aboutQt);
    connect(m_sessions, &SessionsWidget::activityRequested, this,
            [this] { m_ui->tabs->setCurrentWidget(m_activity); });
    connect(m_sessions, &SessionsWidget::notMeRequested, this, &MainWindow::startNotMeFlow);
    m_activity->setSessionModel(m_sessions->model());

    m_accountSecurityAction =
        new QAction(Icons::icon(QStringLiteral("lock")), tr("Account &security…"), this);
    m_accountSecurityAction->setObjectName(QStringLiteral("accountSecurityAction"));
    m_accountSecurityAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
    m_accountSecurityAction->setToolTip(tr("How soon idle sessions end, and your password"));
    m_ui->accountMenu->insertAction(m_ui->switchAction, m_accountSecurityAction);
    m_ui->accountMenu->insertSeparator(m_ui->switchAction);
    addAction(m_accountSecurityAction);
    connect(m_accountSecurityAction, &QAction::triggered, this, [this] { showAccountSecurity(); });
    connect(&m_account, &AccountSession::serverVersionChanged, this, &MainWindow::updateFeatures);

    connect(&m_account, &AccountSession::signedIn, this, &MainWindow::onSignedIn);
    connect(&m_account, &AccountSession::signedOut, this, &MainWindow::onSignedOut);
    connect(&m_account, &AccountSession::keychainStatusChanged, this, &MainWindow::onKeychainStatusChanged);
    connect(&m_account, &AccountSession::stateChanged, this, [this] {
        const bool signedIn = m_account.isSignedIn();
        m_ui->signOutAction->setEnabled(signedIn);
        m_ui->switchAction->setEnabled(signedIn);
        m_ui->refreshAction->setEnabled(signedIn);
        m_ui->signOutButton->setEnabled(signedIn);
    });
    m_ui->signOutAction->setEnabled(false);
    m_ui->switchAction->setEnabled(false);
    m_ui->refreshAction->setEnabled(false);
    m_ui->keychainBanner->hide();
    // Nothing is written to the status bar (messages are banners and labels): an empty bar
    // would only take height from the session list, which at scale 2 has little to spare.
    m_ui->statusBar->hide();

    connect(&m_events, &vigie::client::EventStream::event, this, &MainWindow::onAccountEvent);
    // Polling stops while the stream is open, and resumes while it is down (a v1 server, a
    // server that refuses it, a network that drops it).
    connect(&m_events, &vigie::client::EventStream::connectedChanged, m_sessions,
            &SessionsWidget::setLiveUpdates);
    connect(&m_events, &vigie::client::EventStream::resyncNeeded, m_sessions, &SessionsWidget::refresh);
    connect(m_notifier, &DesktopNotifier::actionInvoked, this, &MainWindow::onAlertAction);
    connect(m_notifier, &DesktopNotifier::bannerRequested, m_sessions, &SessionsWidget::showAlert);
    if (options.trayIcon && TrayIcon::isAvailable()) {
        m_tray = new TrayIcon(this);
        m_tray->show();
        m_notifier->setTrayIcon(m_tray->icon());
        connect(m_tray, &TrayIcon::openRequested, this, &MainWindow::showAndRaise);
        connect(m_tray, &TrayIcon::quitRequested, this, &MainWindow::quit);
        // Hidden in the tray is still running: only Quit ends the app.
        QApplication::setQuitOnLastWindowClosed(false);
    }
    showSignIn();
    updateTitle();
    updateFeatures();
    fitToScreen();
}

MainWindow::~MainWindow() = default;

void MainWindow::fitToScreen()
{
    // The size the form asks for, within the screen's free area (less room for the window
    // frame), centred on it: at QT_SCALE_FACTOR=2 a 1280×800 screen has 640×400 to give.
    QScreen* screen = this->screen() ? this->screen() : QGuiApplication::primaryScreen();
    if (!screen)
        return;
    const QRect available = screen->availableGeometry();
    const QSize frame(available.width() * 96 / 100, available.height() * 92 / 100);
    // An explicit minimum, so that the layout never grows the window past the screen later:
    // a banner whose wrapped text asks for more height at the narrowest width would otherwise
    // push the window over the screen's edge (at scale 2 by some 40 pixels).
    setMinimumSize(minimumSizeHint().expandedTo(QSize(1, 1)).boundedTo(frame));
    resize(size().boundedTo(frame));
    move(available.center() - QPoint(width() / 2, height() / 2));
}

MainWindow::Page MainWindow::page() const
{
    return m_ui->stack->currentWidget() == m_ui->accountPage ? Page::Account : Page::SignIn;
}

bool MainWindow::isSupportViewAvailable() const
{
    return m_ui->tabs->indexOf(m_support) >= 0;
}

void MainWindow::setSupportViewAvailable(bool available)
{
    if (available == isSupportViewAvailable())
        return;
    if (available) {
        const int index =
            m_ui->tabs->insertTab(1, m_support, Icons::icon(QStringLiteral("support")), tr("Su&pport"));
        m_ui->tabs->setTabToolTip(index, tr("Look up a user's sessions and audit trail (support staff)"));
    } else {
        m_ui->tabs->removeTab(m_ui->tabs->indexOf(m_support));
        m_support->setParent(this);
        m_support->hide();
    }
}

void MainWindow::showSupportView()
{
    if (isSupportViewAvailable())
        m_ui->tabs->setCurrentWidget(m_support);
}

void MainWindow::showSessionsView()
{
    m_ui->tabs->setCurrentWidget(m_sessions);
}

bool MainWindow::isAccountSecurityAvailable() const
{
    return m_account.isSignedIn() && (m_account.supports(vigie::feature::kSettings) ||
                                      m_account.supports(vigie::feature::kPasswordChange));
}

void MainWindow::updateFeatures()
{
    m_accountSecurityAction->setVisible(isAccountSecurityAvailable());
    m_accountSecurityAction->setEnabled(isAccountSecurityAvailable());
    m_sessions->updateFeatures();
}

AccountSecurityDialog* MainWindow::showAccountSecurity(AccountSecurityDialog::Section focus)
{
    if (!isAccountSecurityAvailable())
        return nullptr;
    auto* dialog = AccountSecurityDialog::open(this, &m_account, focus);
    connect(dialog, &AccountSecurityDialog::passwordChanged, this, [this](int revoked) {
        showSessionsView();
        m_sessions->showStatus(vigie::client::resolvePlural(
            tr("Password changed; %n other session(s) signed out.", nullptr, revoked), revoked));
        m_sessions->refresh();
    });
    return dialog;
}

NotMeFlow* MainWindow::startNotMeFlow(const QString& sessionId)
{
    if (m_notMeFlow || !m_account.isSignedIn() ||
        sessionId.compare(m_account.sessionId(), Qt::CaseInsensitive) == 0)
        return nullptr;
    // From a notification the window may be hidden in the tray or behind others.
    if (isHidden() || isMinimized())
        showNormal();
    raise();
    activateWindow();
    showSessionsView();
    m_notMeFlow = new NotMeFlow(this, sessionId);
    m_notMeFlow->start();
    return m_notMeFlow;
}

void MainWindow::start()
{
    const QString last = m_account.lastServerUrl();
    const bool sameServer = m_options.serverUrl.isEmpty() || m_options.serverUrl == last;
    m_signIn->prepare(m_options.serverUrl);
    if (sameServer && m_account.canRestore() && m_account.restoreSession())
        m_signIn->showRestoring();
}

void MainWindow::showSignIn()
{
    m_ui->stack->setCurrentWidget(m_ui->signInPage);
    m_ui->menuBar->setVisible(true);
}

void MainWindow::onSignedIn()
{
    const vigie::User user = m_account.user();
    const bool staff = user.role == vigie::Role::Support || user.role == vigie::Role::Admin;
    setSupportViewAvailable(staff);
    m_ui->tabs->setCurrentWidget(m_sessions);
    m_support->clear();
    m_activity->clear();
    const QString name = QString::fromStdString(user.displayName).toHtmlEscaped();
    const QString email = m_account.email().toHtmlEscaped();
    m_ui->accountLabel->setText(tr("Signed in as <b>%1</b> (%2) on %3")
                                    .arg(name.isEmpty() ? email : name, email,
                                         m_account.serverUrl().toDisplayString().toHtmlEscaped()));
    m_ui->stack->setCurrentWidget(m_ui->accountPage);
    onKeychainStatusChanged();
    updateTitle();
    updateFeatures();
    m_sessions->activate();
    m_alerts.setOwnSessionId(m_account.sessionId());
    if (m_tray)
        m_tray->setWatching(m_account.email());
    m_ui->tabs->currentWidget()->setFocus();
    connect(&m_account, &AccountSession::serverVersionChanged, this, &MainWindow::explainAlertsLimit,
            Qt::UniqueConnection);
}

bool MainWindow::hasTrayIcon() const
{
    return m_tray && m_tray->isVisible();
}

void MainWindow::onAccountEvent(const vigie::AccountEvent& event)
{
    m_sessions->applyEvent(event);
    if (const auto alert = m_alerts.alertFor(event))
        m_notifier->notify(*alert);
}

void MainWindow::onAlertAction(const Alert& alert, const QString& action)
{
    if (action == QLatin1String(DesktopNotifier::kActionItWasMe))
        return;
    showAndRaise();
    if (action == QLatin1String(DesktopNotifier::kActionNotMe) && alert.offersRevoke()) {
        // Sign it out, then offer to change the password and review (the account controls').
        startNotMeFlow(alert.sessionId);
        return;
    }
    if (alert.offersRevoke())
        m_sessions->showAlert(alert);
}

void MainWindow::explainAlertsLimit()
{
    // Said once: on a v1.1 server, where alerts exist, when they cannot leave the window.
    if (!m_account.supports(vigie::feature::kEvents) ||
        Settings::value(Settings::Key::AlertsLimitExplained).toBool())
        return;
    const QString message = m_notifier->limitationMessage();
    if (message.isEmpty())
        return;
    Settings::setValue(Settings::Key::AlertsLimitExplained, true);
    Alert note;
    note.kind = Alert::Kind::FailedSignIns; // any kind without actions
    note.title = tr("Alerts");
    note.body = message;
    m_sessions->showAlert(note);
}

void MainWindow::showAndRaise()
{
    if (isMinimized())
        showNormal();
    else
        show();
    raise();
    activateWindow();
}

void MainWindow::quit()
{
    m_quitRequested = true;
    QApplication::setQuitOnLastWindowClosed(true);
    if (isVisible())
        close();
    else
        closeEvent(nullptr);
}

void MainWindow::onSignedOut(AccountSession::SignOutReason reason, const QString& message)
{
    if (m_tray)
        m_tray->setWatching({});
    m_sessions->deactivate();
    m_support->clear();
    m_activity->clear();
    setSupportViewAvailable(false);
    m_ui->keychainBanner->hide();
    updateFeatures();
    showSignIn();
    updateTitle();
    if (m_quitting) {
        QApplication::quit();
        return;
    }
    m_signIn->prepare();
    switch (reason) {
    case AccountSession::SignOutReason::UserRequested:
        if (!message.isEmpty())
            m_signIn->showNotice(MessageBanner::Kind::Warning, message);
        else if (!m_switching)
            m_signIn->showNotice(MessageBanner::Kind::Information, tr("You are signed out."));
        else
            m_signIn->clearNotice();
        break;
    case AccountSession::SignOutReason::SessionEnded:
        m_signIn->showNotice(MessageBanner::Kind::Warning, message);
        break;
    case AccountSession::SignOutReason::ThisDeviceRevoked:
        m_signIn->showNotice(MessageBanner::Kind::Information, message);
        break;
    }
    if (m_switching)
        m_signIn->focusServer();
    m_switching = false;
    statusBar()->clearMessage();
}

void MainWindow::onKeychainStatusChanged()
{
    if (m_account.keychainStatus() == AccountSession::KeychainStatus::Unavailable && m_account.isSignedIn())
        m_ui->keychainBanner->showMessage(MessageBanner::Kind::Warning, m_account.keychainStatusMessage());
    else
        m_ui->keychainBanner->hide();
}

void MainWindow::updateTitle()
{
    if (m_account.isSignedIn())
        setWindowTitle(tr("%1 — Vigie").arg(m_account.email()));
    else
        setWindowTitle(tr("Vigie"));
}

void MainWindow::refresh()
{
    if (!m_account.isSignedIn())
        return;
    if (m_ui->tabs->currentWidget() == m_support)
        m_support->refresh();
    else if (m_ui->tabs->currentWidget() == m_activity)
        m_activity->reload();
    else
        m_sessions->refresh();
}

void MainWindow::signOut()
{
    if (m_account.isSignedIn())
        m_account.signOut();
}

void MainWindow::switchAccount()
{
    if (!m_account.isSignedIn())
        return;
    m_switching = true;
    m_account.signOut();
}

void MainWindow::showAbout()
{
    QString text =
        tr("<h3>Vigie %1</h3><p>See where your account is signed in, and sign out the devices you do not "
           "recognise.</p>")
            .arg(QString::fromLatin1(vigie::kVersion));
    text += tr("<p>Qt %1 (built with Qt %2)</p>")
                .arg(QString::fromLatin1(qVersion()), QStringLiteral(QT_VERSION_STR));
    if (m_account.isSignedIn())
        text += tr("<p>Server: %1</p>").arg(m_account.serverUrl().toDisplayString().toHtmlEscaped());
    else
        text += tr("<p>Not signed in.</p>");
    Dialogs::about(this, tr("About Vigie"), text);
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (event && hasTrayIcon() && !m_quitRequested && !m_quitting && m_account.isSignedIn()) {
        // Keep watching from the tray; say so the first time.
        event->ignore();
        hide();
        if (!Settings::value(Settings::Key::TrayExplained).toBool()) {
            Settings::setValue(Settings::Key::TrayExplained, true);
            m_tray->icon()->showMessage(tr("Vigie keeps watching"),
                                        tr("Vigie stays in the system tray and tells you about new sign-ins. "
                                           "To quit, choose Quit Vigie in its menu."));
        }
        return;
    }
    // Signed out, or Quit: closing the window ends the app, tray or not.
    QApplication::setQuitOnLastWindowClosed(true);
    if (!event) {
        // Quit from the tray with the window hidden: the same path as closing it.
        QCloseEvent close;
        closeEvent(&close);
        if (close.isAccepted())
            QApplication::quit();
        return;
    }
    // Without "Keep me signed in" nothing could use this session again: end it on the server
    // rather than leave it in the user's list until it expires.
    const bool endSession = m_account.isSignedIn() && !m_account.keepSignedIn();
    // With it, a rotated refresh token may still be on its way to the keychain (or a refresh on
    // its way back): quitting now would leave the used token behind, and the next start would
    // present it, look like token theft (reuse) and end the session.
    const bool tokenInFlight =
        m_account.keepSignedIn() && (m_account.isRefreshing() || m_account.tokenStore()->isBusy());
    if (m_quitting || (!endSession && !tokenInFlight)) {
        QMainWindow::closeEvent(event);
        return;
    }
    // Hidden, the window quits once that is done (milliseconds), or after a bounded wait.
    m_quitting = true;
    event->ignore();
    hide();
    QTimer::singleShot(kQuitSignOutLimit, qApp, &QApplication::quit);
    if (endSession)
        m_account.signOut();
    else
        connect(m_account.tokenStore(), &TokenStore::idle, qApp, &QApplication::quit);
}

} // namespace vigie::widgets
