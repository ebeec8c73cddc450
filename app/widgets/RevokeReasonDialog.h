#pragma once

#include <QDialog>
#include <QScopedPointer>
#include <functional>

namespace Ui {
class RevokeReasonDialog;
}

namespace vigie::widgets {

// Support staff's confirmation before signing out a user's session: says which session of
// whom, and asks for the reason, which is required (it goes into the audit trail and the
// user sees it). Window-modal, without blocking the event loop.
class RevokeReasonDialog : public QDialog
{
    Q_OBJECT

public:
    static constexpr int kMaxReasonLength = 500;

    explicit RevokeReasonDialog(const QString& message, QWidget* parent = nullptr);
    ~RevokeReasonDialog() override;

    // Opens the dialog; onConfirmed gets the reason, trimmed. Deletes itself when closed.
    static RevokeReasonDialog* ask(QWidget* parent, const QString& message,
                                   std::function<void(const QString& reason)> onConfirmed);

    QString reason() const;

public Q_SLOTS:
    void accept() override;

private:
    void updateButtons();

    const QScopedPointer<::Ui::RevokeReasonDialog> m_ui;
};

} // namespace vigie::widgets
