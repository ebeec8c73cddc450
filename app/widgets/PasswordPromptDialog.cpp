#include "widgets/PasswordPromptDialog.h"

#include "client/AccountSession.h"
#include "ui_PasswordPromptDialog.h"
#include "widgets/Icons.h"

#include <QAccessible>
#include <QPushButton>
#include <QStyle>

namespace vigie::widgets {

using vigie::client::AccountSession;
using vigie::client::ApiError;

PasswordPromptDialog::PasswordPromptDialog(AccountSession* account, QWidget* parent)
    : QDialog(parent), m_ui(new ::Ui::PasswordPromptDialog), m_account(account)
{
    m_ui->setupUi(this);
    setObjectName(QStringLiteral("passwordPromptDialog"));
    const int size = style()->pixelMetric(QStyle::PM_MessageBoxIconSize, nullptr, this);
    m_ui->iconLabel->setPixmap(
        Icons::icon(QStringLiteral("lock")).pixmap(QSize(size, size), devicePixelRatioF()));
    QPushButton* ok = m_ui->buttonBox->button(QDialogButtonBox::Ok);
    ok->setText(tr("&Confirm"));
    ok->setObjectName(QStringLiteral("confirmButton"));
    m_ui->buttonBox->button(QDialogButtonBox::Cancel)->setObjectName(QStringLiteral("cancelButton"));
    if (account && !account->email().isEmpty())
        setMessage(
            tr("For your security, enter the password of %1 again to continue.").arg(account->email()));
    else
        setMessage(tr("For your security, enter your password again to continue."));
    m_ui->errorLabel->hide();
    m_ui->busyIndicator->hide();
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &PasswordPromptDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &PasswordPromptDialog::reject);
    connect(m_ui->passwordEdit, &QLineEdit::textChanged, this, &PasswordPromptDialog::updateButtons);
    updateButtons();
    setMinimumWidth(440);
    adjustSize();
    m_ui->passwordEdit->setFocus();
}

PasswordPromptDialog::~PasswordPromptDialog() = default;

PasswordPromptDialog* PasswordPromptDialog::ask(QWidget* parent, AccountSession* account,
                                                const QString& message, std::function<void()> onConfirmed)
{
    auto* dialog = new PasswordPromptDialog(account, parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (!message.isEmpty())
        dialog->setMessage(message);
    connect(dialog, &QDialog::accepted, dialog, [onConfirmed = std::move(onConfirmed)] {
        if (onConfirmed)
            onConfirmed();
    });
    dialog->open();
    return dialog;
}

void PasswordPromptDialog::setMessage(const QString& message)
{
    m_ui->messageLabel->setText(message);
    setAccessibleDescription(message);
}

QString PasswordPromptDialog::errorText() const
{
    return m_ui->errorLabel->isVisible() ? m_ui->errorLabel->text() : QString();
}

void PasswordPromptDialog::updateButtons()
{
    m_ui->buttonBox->button(QDialogButtonBox::Ok)
        ->setEnabled(!m_busy && !m_ui->passwordEdit->text().isEmpty());
}

void PasswordPromptDialog::setBusy(bool busy)
{
    m_busy = busy;
    m_ui->busyIndicator->setVisible(busy);
    m_ui->passwordEdit->setEnabled(!busy);
    updateButtons();
}

void PasswordPromptDialog::showError(const QString& message)
{
    m_ui->errorLabel->setText(message);
    m_ui->errorLabel->show();
    adjustSize();
    QAccessibleEvent event(m_ui->errorLabel, QAccessible::Alert);
    QAccessible::updateAccessibility(&event);
}

void PasswordPromptDialog::accept()
{
    if (m_busy || m_ui->passwordEdit->text().isEmpty())
        return;
    if (!m_account) {
        reject();
        return;
    }
    setBusy(true);
    m_ui->errorLabel->hide();
    auto* job = m_account->reauthenticate(m_ui->passwordEdit->text());
    connect(job, &vigie::client::ReauthenticateJob::finished, this, [this] {
        setBusy(false);
        m_ui->passwordEdit->clear();
        QDialog::accept();
    });
    connect(job, &vigie::client::ApiJob::failed, this, &PasswordPromptDialog::onFailed);
}

void PasswordPromptDialog::onFailed(const ApiError& error)
{
    setBusy(false);
    if (error.isSignedOut() || error.kind == ApiError::Kind::SignedOut) {
        reject();
        return;
    }
    if (error.isInvalidCredentials())
        showError(tr("That password is not correct. Try again."));
    else
        showError(error.message);
    m_ui->passwordEdit->selectAll();
    m_ui->passwordEdit->setFocus();
}

} // namespace vigie::widgets
