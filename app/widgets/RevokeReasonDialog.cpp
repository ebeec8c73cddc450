#include "widgets/RevokeReasonDialog.h"

#include "ui_RevokeReasonDialog.h"
#include "widgets/Icons.h"

#include <QPushButton>
#include <QStyle>

namespace vigie::widgets {

RevokeReasonDialog::RevokeReasonDialog(const QString& message, QWidget* parent)
    : QDialog(parent), m_ui(new ::Ui::RevokeReasonDialog)
{
    m_ui->setupUi(this);
    setObjectName(QStringLiteral("revokeReasonDialog"));
    const int size = style()->pixelMetric(QStyle::PM_MessageBoxIconSize, nullptr, this);
    m_ui->iconLabel->setPixmap(
        Icons::icon(QStringLiteral("warning")).pixmap(QSize(size, size), devicePixelRatioF()));
    m_ui->messageLabel->setText(message);
    setAccessibleDescription(message);
    QPushButton* ok = m_ui->buttonBox->button(QDialogButtonBox::Ok);
    ok->setText(tr("Sign &out session"));
    ok->setObjectName(QStringLiteral("confirmButton"));
    ok->setAutoDefault(false);
    ok->setDefault(false);
    QPushButton* cancel = m_ui->buttonBox->button(QDialogButtonBox::Cancel);
    cancel->setObjectName(QStringLiteral("cancelButton"));
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &RevokeReasonDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &RevokeReasonDialog::reject);
    connect(m_ui->reasonEdit, &QPlainTextEdit::textChanged, this, &RevokeReasonDialog::updateButtons);
    updateButtons();
    setMinimumWidth(480);
    adjustSize();
    m_ui->reasonEdit->setFocus();
}

RevokeReasonDialog::~RevokeReasonDialog() = default;

RevokeReasonDialog* RevokeReasonDialog::ask(QWidget* parent, const QString& message,
                                            std::function<void(const QString&)> onConfirmed)
{
    auto* dialog = new RevokeReasonDialog(message, parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, dialog, [dialog, onConfirmed = std::move(onConfirmed)] {
        if (onConfirmed)
            onConfirmed(dialog->reason());
    });
    dialog->open();
    return dialog;
}

QString RevokeReasonDialog::reason() const
{
    return m_ui->reasonEdit->toPlainText().trimmed().left(kMaxReasonLength);
}

void RevokeReasonDialog::updateButtons()
{
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setEnabled(!reason().isEmpty());
}

void RevokeReasonDialog::accept()
{
    if (reason().isEmpty())
        return;
    QDialog::accept();
}

} // namespace vigie::widgets
