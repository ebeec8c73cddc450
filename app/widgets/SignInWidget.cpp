#include "widgets/SignInWidget.h"

#include "client/AccountSession.h"
#include "client/Plural.h"
#include "client/ServerUrlPolicy.h"
#include "client/SessionDisplay.h"
#include "ui_SignInWidget.h"
#include "widgets/Icons.h"

#include <QKeyEvent>

namespace vigie::widgets {

using vigie::client::AccountSession;
using vigie::client::ApiError;
using vigie::client::ServerUrlPolicy;

SignInWidget::SignInWidget(QWidget* parent) : QWidget(parent), m_ui(new ::Ui::SignInWidget)
{
    m_ui->setupUi(this);
    QFont title = m_ui->titleLabel->font();
    title.setPointSizeF(title.pointSizeF() * 1.6);
    title.setBold(true);
    m_ui->titleLabel->setFont(title);
    m_ui->subtitleLabel->setForegroundRole(QPalette::PlaceholderText);
    m_ui->insecureLabel->setTextFormat(Qt::PlainText);
    m_ui->signInButton->setIcon(Icons::icon(QStringLiteral("sign-in")));
    updateLogo();

    m_countdown.setInterval(1000);
    connect(&m_countdown, &QTimer::timeout, this, &SignInWidget::updateCountdown);
    connect(m_ui->serverEdit, &QLineEdit::textChanged, this, [this] {
        updateInsecureWarning();
        updateButtons();
    });
    connect(m_ui->allowInsecureCheck, &QCheckBox::toggled, this, &SignInWidget::updateButtons);
    connect(m_ui->emailEdit, &QLineEdit::textChanged, this, &SignInWidget::updateButtons);
    connect(m_ui->passwordEdit, &QLineEdit::textChanged, this, &SignInWidget::updateButtons);
    for (QLineEdit* edit : {m_ui->serverEdit, m_ui->emailEdit, m_ui->passwordEdit})
        connect(edit, &QLineEdit::returnPressed, this, &SignInWidget::submit);
    connect(m_ui->signInButton, &QPushButton::clicked, this, &SignInWidget::submit);
    connect(m_ui->cancelButton, &QPushButton::clicked, this, [this] {
        if (m_account)
            m_account->cancelSignIn();
    });
    setBusy(false);
    updateInsecureWarning();
}

SignInWidget::~SignInWidget() = default;

void SignInWidget::setAccount(AccountSession* account)
{
    if (m_account)
        m_account->disconnect(this);
    m_account = account;
    connect(account, &AccountSession::stateChanged, this, &SignInWidget::onStateChanged);
    connect(account, &AccountSession::signInFailed, this, &SignInWidget::onSignInFailed);
    onStateChanged();
}

void SignInWidget::prepare(const QString& serverOverride)
{
    QString server = serverOverride;
    if (server.isEmpty() && m_account)
        server = m_account->lastServerUrl();
    if (server.isEmpty())
        server = serverUrl().isEmpty() ? QString::fromLatin1(kDefaultServer) : serverUrl();
    setServerUrl(server);
    if (m_ui->emailEdit->text().isEmpty() && m_account)
        m_ui->emailEdit->setText(m_account->lastEmail());
    if (m_account)
        m_ui->keepSignedInCheck->setChecked(m_account->keepSignedInChoice());
    m_ui->passwordEdit->clear();
    if (m_ui->serverEdit->text().isEmpty())
        m_ui->serverEdit->setFocus();
    else if (m_ui->emailEdit->text().isEmpty())
        m_ui->emailEdit->setFocus();
    else
        m_ui->passwordEdit->setFocus();
}

void SignInWidget::setServerUrl(const QString& url)
{
    m_ui->serverEdit->setText(url);
    const auto check = ServerUrlPolicy::check(url, true);
    m_ui->allowInsecureCheck->setChecked(check.isOk() && ServerUrlPolicy::isInsecureAllowed(check.url));
    updateInsecureWarning();
}

QString SignInWidget::serverUrl() const
{
    return m_ui->serverEdit->text().trimmed();
}

void SignInWidget::setEmail(const QString& email)
{
    m_ui->emailEdit->setText(email);
}

void SignInWidget::focusServer()
{
    m_ui->serverEdit->setFocus();
    m_ui->serverEdit->selectAll();
}

void SignInWidget::showNotice(MessageBanner::Kind kind, const QString& text)
{
    if (text.isEmpty()) {
        clearNotice();
        return;
    }
    m_ui->messageBanner->showMessage(kind, text);
}

void SignInWidget::clearNotice()
{
    m_ui->messageBanner->hide();
}

QString SignInWidget::noticeText() const
{
    return m_ui->messageBanner->isVisible() ? m_ui->messageBanner->text() : QString();
}

void SignInWidget::showRestoring()
{
    setBusy(true, tr("Signing you in…"));
}

void SignInWidget::updateInsecureWarning()
{
    const auto strict = ServerUrlPolicy::check(m_ui->serverEdit->text(), false);
    const bool insecure = strict.status == ServerUrlPolicy::Status::InsecureNotAllowed;
    m_ui->insecureLabel->setVisible(insecure);
    m_ui->allowInsecureCheck->setVisible(insecure);
    if (insecure) {
        m_ui->insecureLabel->setText(
            tr("%1 uses plain http://: your password and session would cross the network unencrypted, "
               "readable and changeable by anyone on the way. Use https:// if the server supports it.")
                .arg(strict.url.host()));
        m_ui->allowInsecureCheck->setText(
            tr("&Allow an unencrypted connection to %1").arg(strict.url.host()));
    }
}

void SignInWidget::updateButtons()
{
    const bool throttled = m_countdown.isActive();
    const bool filled = !m_ui->serverEdit->text().trimmed().isEmpty() &&
                        !m_ui->emailEdit->text().trimmed().isEmpty() && !m_ui->passwordEdit->text().isEmpty();
    m_ui->signInButton->setEnabled(!m_busy && !throttled && filled);
}

void SignInWidget::setBusy(bool busy, const QString& text)
{
    m_busy = busy;
    m_ui->busyIndicator->setVisible(busy);
    m_ui->busyLabel->setVisible(busy);
    m_ui->busyLabel->setText(text);
    m_ui->cancelButton->setVisible(busy);
    for (QWidget* w : std::initializer_list<QWidget*>{m_ui->serverEdit, m_ui->emailEdit, m_ui->passwordEdit,
                                                      m_ui->allowInsecureCheck, m_ui->keepSignedInCheck})
        w->setEnabled(!busy);
    updateButtons();
    if (busy)
        m_ui->cancelButton->setFocus();
}

void SignInWidget::onStateChanged()
{
    if (!m_account)
        return;
    const bool signingIn = m_account->state() == AccountSession::State::SigningIn;
    if (signingIn != m_busy)
        setBusy(signingIn, signingIn ? tr("Signing in…") : QString());
}

void SignInWidget::submit()
{
    if (!m_account || m_busy || !m_ui->signInButton->isEnabled())
        return;
    const QString server = serverUrl();
    const bool allowInsecure = m_ui->allowInsecureCheck->isVisible() && m_ui->allowInsecureCheck->isChecked();
    const auto check = ServerUrlPolicy::check(server, allowInsecure);
    if (!check.isOk()) {
        if (check.status == ServerUrlPolicy::Status::InsecureNotAllowed && check.url.isValid())
            ServerUrlPolicy::setInsecureAllowed(check.url, false);
        m_ui->messageBanner->showMessage(MessageBanner::Kind::Error, check.message);
        if (m_ui->allowInsecureCheck->isVisible())
            m_ui->allowInsecureCheck->setFocus();
        else
            focusServer();
        return;
    }
    if (check.url.scheme() == QLatin1String("http") && !ServerUrlPolicy::isLoopbackHost(check.url.host()))
        ServerUrlPolicy::setInsecureAllowed(check.url, allowInsecure);
    clearNotice();
    m_account->signIn(check.url.toString(), m_ui->emailEdit->text().trimmed(), m_ui->passwordEdit->text(),
                      m_ui->keepSignedInCheck->isChecked());
}

void SignInWidget::onSignInFailed(const ApiError& error)
{
    setBusy(false);
    if (error.kind == ApiError::Kind::Cancelled) {
        clearNotice();
        return;
    }
    if (error.isThrottled()) {
        m_throttledUntil.setRemainingTime(std::chrono::seconds(qMax(1, error.retryAfterSeconds)));
        m_countdown.start();
        updateCountdown();
        return;
    }
    QString message = error.message;
    MessageBanner::Kind kind = MessageBanner::Kind::Error;
    switch (error.kind) {
    case ApiError::Kind::Network:
    case ApiError::Kind::Timeout:
        message = tr("Cannot reach the server at %1. Check the address and your connection, then try again.")
                      .arg(serverUrl());
        if (error.kind == ApiError::Kind::Timeout)
            message = error.message;
        break;
    case ApiError::Kind::KeychainUnavailable:
    case ApiError::Kind::SignedOut:
        kind = MessageBanner::Kind::Warning;
        break;
    default:
        break;
    }
    m_ui->messageBanner->showMessage(kind, message);
    if (error.isInvalidCredentials()) {
        m_ui->passwordEdit->selectAll();
        m_ui->passwordEdit->setFocus();
    } else if (error.kind == ApiError::Kind::Network || error.kind == ApiError::Kind::Tls ||
               error.kind == ApiError::Kind::NotVigie || error.kind == ApiError::Kind::InvalidServerUrl) {
        focusServer();
    } else {
        // A server fault (500, an unreadable answer, a timeout) is not the user's mistake:
        // what they typed stays, ready to send again.
        m_ui->passwordEdit->setFocus();
    }
}

void SignInWidget::keyPressEvent(QKeyEvent* event)
{
    // Enter submits from every field of the form, the check boxes included (they leave Enter
    // to their parent).
    if ((event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) &&
        (event->modifiers() & ~Qt::KeypadModifier) == Qt::NoModifier) {
        submit();
        event->accept();
        return;
    }
    QWidget::keyPressEvent(event);
}

void SignInWidget::updateCountdown()
{
    const qint64 remainingMs = m_throttledUntil.remainingTime();
    if (remainingMs <= 0) {
        m_countdown.stop();
        m_ui->messageBanner->showMessage(MessageBanner::Kind::Information,
                                         tr("You can try to sign in again now."));
        updateButtons();
        m_ui->passwordEdit->setFocus();
        return;
    }
    const int seconds = int((remainingMs + 999) / 1000);
    m_ui->messageBanner->showMessage(MessageBanner::Kind::Error,
                                     tr("Too many sign-in attempts. You can try again in %1.")
                                         .arg(vigie::client::SessionDisplay::waitDuration(seconds)));
    updateButtons();
}

void SignInWidget::updateLogo()
{
    m_ui->logoLabel->setPixmap(Icons::appIcon().pixmap(QSize(56, 56), devicePixelRatioF()));
}

} // namespace vigie::widgets
