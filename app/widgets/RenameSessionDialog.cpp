#include "widgets/RenameSessionDialog.h"

#include "client/AccountSession.h"
#include "client/SessionDisplay.h"
#include "widgets/MessageBanner.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace vigie::widgets {

using vigie::client::ApiError;
using vigie::client::SessionDisplay;

RenameSessionDialog::RenameSessionDialog(vigie::client::AccountSession* account,
                                         const vigie::Session& session, QWidget* parent)
    : QDialog(parent), m_account(account), m_sessionId(QString::fromStdString(session.id)),
      m_nameEdit(new QLineEdit), m_error(new MessageBanner)
{
    setObjectName(QStringLiteral("renameSessionDialog"));
    setWindowTitle(tr("Name this device"));
    auto* layout = new QVBoxLayout(this);
    auto* label = new QLabel(tr("&Name for %1:").arg(SessionDisplay::clientDescription(session.deviceInfo)));
    label->setWordWrap(true);
    label->setBuddy(m_nameEdit);
    layout->addWidget(label);
    m_nameEdit->setObjectName(QStringLiteral("nameEdit"));
    m_nameEdit->setAccessibleName(tr("Name"));
    m_nameEdit->setPlaceholderText(tr("For example: Work laptop"));
    m_nameEdit->setText(SessionDisplay::sessionName(session.name));
    m_nameEdit->selectAll();
    layout->addWidget(m_nameEdit);
    auto* hint = new QLabel(tr("Up to %1 characters. Leave it empty to show the device instead.")
                                .arg(vigie::session::kNameMaxLength));
    hint->setWordWrap(true);
    hint->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(hint);
    m_error->setObjectName(QStringLiteral("renameError"));
    m_error->hide();
    layout->addWidget(m_error);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel);
    m_saveButton = buttons->button(QDialogButtonBox::Save);
    m_saveButton->setObjectName(QStringLiteral("saveButton"));
    buttons->button(QDialogButtonBox::Cancel)->setObjectName(QStringLiteral("cancelButton"));
    connect(buttons, &QDialogButtonBox::accepted, this, &RenameSessionDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    setMinimumWidth(400);
    m_nameEdit->setFocus();
}

RenameSessionDialog* RenameSessionDialog::open(QWidget* parent, vigie::client::AccountSession* account,
                                               const vigie::Session& session)
{
    auto* dialog = new RenameSessionDialog(account, session, parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->QDialog::open();
    return dialog;
}

QString RenameSessionDialog::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

void RenameSessionDialog::accept()
{
    if (m_busy)
        return;
    if (!m_account) {
        reject();
        return;
    }
    m_busy = true;
    m_saveButton->setEnabled(false);
    m_error->hide();
    auto* job = m_account->renameSession(m_sessionId, m_nameEdit->text());
    connect(job, &vigie::client::RenameSessionJob::finished, this, [this](const vigie::Session& session) {
        Q_EMIT renamed(session);
        QDialog::accept();
    });
    connect(job, &vigie::client::ApiJob::failed, this, [this](const ApiError& error) {
        if (error.isSignedOut() || error.kind == ApiError::Kind::Cancelled) {
            reject();
            return;
        }
        // The server says which rule a name broke only in its own words; say the rules here.
        const QString text =
            error.code == QLatin1String(vigie::error_code::kInvalidRequest)
                ? tr("The server refused this name. A name can have up to %1 characters and no control "
                     "characters.")
                      .arg(vigie::session::kNameMaxLength)
                : error.message;
        m_error->showMessage(MessageBanner::Kind::Error, text);
        m_nameEdit->setFocus();
    });
    connect(job, &vigie::client::ApiJob::done, this, [this] {
        m_busy = false;
        m_saveButton->setEnabled(true);
    });
}

} // namespace vigie::widgets
