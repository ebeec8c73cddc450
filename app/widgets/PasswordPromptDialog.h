#pragma once

#include <QDialog>
#include <QPointer>
#include <QScopedPointer>
#include <functional>

namespace Ui {
class PasswordPromptDialog;
}

namespace vigie::client {
class AccountSession;
struct ApiError;
} // namespace vigie::client

namespace vigie::widgets {

// Asks for the password when the server wants a fresh authentication before revoking a
// session (403 reauthentication_required), confirms it with the server, and lets the action go
// on. A wrong password keeps the dialog open with the reason; Cancel abandons the action.
// The dialog is window-modal and never blocks the event loop.
class PasswordPromptDialog : public QDialog
{
    Q_OBJECT

public:
    PasswordPromptDialog(vigie::client::AccountSession* account, QWidget* parent = nullptr);
    ~PasswordPromptDialog() override;

    // Opens the prompt (message: what the password is for; empty for the default sentence);
    // onConfirmed runs once the server has accepted the password. The dialog deletes itself
    // when closed.
    static PasswordPromptDialog* ask(QWidget* parent, vigie::client::AccountSession* account,
                                     const QString& message, std::function<void()> onConfirmed);

    void setMessage(const QString& message);
    QString errorText() const;

public Q_SLOTS:
    void accept() override;

private:
    void setBusy(bool busy);
    void showError(const QString& message);
    void onFailed(const vigie::client::ApiError& error);
    void updateButtons();

    const QScopedPointer<::Ui::PasswordPromptDialog> m_ui;
    QPointer<vigie::client::AccountSession> m_account;
    bool m_busy = false;
};

} // namespace vigie::widgets
