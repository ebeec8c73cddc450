#pragma once

#include "core/ApiTypes.h"

#include <QDialog>
#include <QPointer>

class QCheckBox;
class QComboBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace vigie::client {
class AccountSession;
struct ApiError;
} // namespace vigie::client

namespace vigie::widgets {

class MessageBanner;

// Account security (API v1.1): how soon idle sessions end, and changing the password with
// "Sign out of all other sessions" on by default. Each part shows only when the server offers
// it (settings, password_change). The dialog is window-modal, never blocks the event loop, and
// deletes itself when closed.
class AccountSecurityDialog : public QDialog
{
    Q_OBJECT

public:
    enum class Section { IdleTimeout, Password };

    AccountSecurityDialog(vigie::client::AccountSession* account, QWidget* parent = nullptr);
    ~AccountSecurityDialog() override;

    // Opens the dialog with the keyboard focus in that section.
    static AccountSecurityDialog* open(QWidget* parent, vigie::client::AccountSession* account,
                                       Section focus = Section::IdleTimeout);

    // The idle timeout the account has now, as the server last said (0 before it answered).
    long long idleTimeoutSeconds() const { return m_settings.idleTimeoutSeconds; }
    // A password change is on its way to the server.
    bool isBusy() const { return m_busy; }
    QString passwordMessage() const;
    QString settingsMessage() const;

Q_SIGNALS:
    // The password was changed; revokedCount other sessions were signed out.
    void passwordChanged(int revokedCount);

private:
    void loadSettings();
    void showSettings(const vigie::AccountSettings& settings);
    void applyIdleTimeout(int index);
    void changePassword();
    void onPasswordFailed(const vigie::client::ApiError& error);
    void updatePasswordButton();
    void setBusy(bool busy); // the password change
    // The rules a new password must meet that can be checked here; empty when it meets them.
    QString localPasswordProblem() const;

    QPointer<vigie::client::AccountSession> m_account;
    vigie::AccountSettings m_settings;
    bool m_busy = false;
    bool m_focusIdleWhenLoaded = false;

    QGroupBox* m_idleGroup;
    QComboBox* m_idleCombo;
    MessageBanner* m_idleBanner;
    QGroupBox* m_passwordGroup;
    QLineEdit* m_currentEdit;
    QLineEdit* m_newEdit;
    QLineEdit* m_confirmEdit;
    QCheckBox* m_signOutOthers;
    QPushButton* m_changeButton;
    MessageBanner* m_passwordBanner;
};

} // namespace vigie::widgets
