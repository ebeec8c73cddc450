#pragma once

#include "widgets/MessageBanner.h"

#include <QDeadlineTimer>
#include <QPointer>
#include <QScopedPointer>
#include <QTimer>
#include <QWidget>

namespace Ui {
class SignInWidget;
}

namespace vigie::client {
class AccountSession;
struct ApiError;
} // namespace vigie::client

namespace vigie::widgets {

// The sign-in form: server address (checked by ServerUrlPolicy: plain http:// only to this
// computer unless the user explicitly allows it for that server), email, password and "Keep me
// signed in". Errors are shown inline and specifically; after too many attempts the wait
// counts down and the button stays disabled until then.
class SignInWidget : public QWidget
{
    Q_OBJECT

public:
    static constexpr auto kDefaultServer = "http://127.0.0.1:8080";

    explicit SignInWidget(QWidget* parent = nullptr);
    ~SignInWidget() override;

    void setAccount(vigie::client::AccountSession* account);

    // Fills the server (the one given, else the last one used, else the bundled server) and
    // the last email, clears the password, and focuses the first empty field.
    void prepare(const QString& serverOverride = {});
    void setServerUrl(const QString& url);
    QString serverUrl() const;
    void setEmail(const QString& email);
    void focusServer();

    // Says why the user is here (signed out from elsewhere, keychain unavailable…).
    void showNotice(MessageBanner::Kind kind, const QString& text);
    void clearNotice();
    QString noticeText() const;

    // The app is signing the remembered account in without a password.
    void showRestoring();

public Q_SLOTS:
    void submit();

protected:
    void keyPressEvent(QKeyEvent* event) override;

private:
    void onStateChanged();
    void onSignInFailed(const vigie::client::ApiError& error);
    void updateInsecureWarning();
    void updateButtons();
    void updateCountdown();
    void setBusy(bool busy, const QString& text = {});
    void updateLogo();

    const QScopedPointer<::Ui::SignInWidget> m_ui;
    QPointer<vigie::client::AccountSession> m_account;
    QDeadlineTimer m_throttledUntil;
    QTimer m_countdown;
    bool m_busy = false;
};

} // namespace vigie::widgets
