#pragma once

#include "core/ApiTypes.h"

#include <QDialog>
#include <QPointer>

class QLabel;
class QLineEdit;
class QPushButton;

namespace vigie::client {
class AccountSession;
} // namespace vigie::client

namespace vigie::widgets {

class MessageBanner;

// Names one of the user's sessions ("Work laptop"), or clears its name, on the server (API v1.1).
// A name the server refuses keeps the dialog open with the reason. Window-modal, never blocks
// the event loop, deletes itself when closed.
class RenameSessionDialog : public QDialog
{
    Q_OBJECT

public:
    RenameSessionDialog(vigie::client::AccountSession* account, const vigie::Session& session,
                        QWidget* parent = nullptr);

    static RenameSessionDialog* open(QWidget* parent, vigie::client::AccountSession* account,
                                     const vigie::Session& session);
    QString errorText() const;

public Q_SLOTS:
    void accept() override;

Q_SIGNALS:
    void renamed(const vigie::Session& session);

private:
    QPointer<vigie::client::AccountSession> m_account;
    QString m_sessionId;
    QLineEdit* m_nameEdit;
    MessageBanner* m_error;
    QPushButton* m_saveButton;
    bool m_busy = false;
};

} // namespace vigie::widgets
