#pragma once

#include "client/AuditEventModel.h"
#include "client/SessionListModel.h"

#include <QPointer>
#include <QScopedPointer>
#include <QSortFilterProxyModel>
#include <QWidget>

class QAction;

namespace Ui {
class SupportWidget;
}

namespace vigie::client {
class AccountSession;
struct ApiError;
} // namespace vigie::client

namespace vigie::widgets {

class ListDetailsSplit;

// The support staff's view (role support or admin): find an account by email, see its
// sessions with the same columns and details as one's own, sign one out after a confirmation
// that asks for the reason, read the account's audit trail (sortable, filterable, local
// times), and export the sessions and the trail as CSV or JSON for a ticket.
class SupportWidget : public QWidget
{
    Q_OBJECT

public:
    explicit SupportWidget(QWidget* parent = nullptr);
    ~SupportWidget() override;

    void setAccount(vigie::client::AccountSession* account);
    // Forgets the account looked up (on sign-out, or when another user signs in).
    void clear();

    // The account shown, if any.
    std::optional<vigie::User> user() const { return m_user; }
    vigie::client::SessionListModel* sessionModel() { return &m_sessions; }
    vigie::client::AuditEventModel* auditModel() { return &m_audit; }
    QSortFilterProxyModel* auditProxy() { return &m_auditProxy; }
    bool isLoading() const { return m_pendingLoads > 0; }
    QString statusText() const;
    QString errorText() const;

    // The exports, each to a path (the menu asks for it with a save dialog). False with a
    // sentence in *error when the file could not be written or nothing is shown.
    bool exportSessionsCsv(const QString& path, QString* error = nullptr) const;
    bool exportAuditCsv(const QString& path, QString* error = nullptr) const;
    bool exportJson(const QString& path, QString* error = nullptr) const;

public Q_SLOTS:
    void lookUp(const QString& email);
    // Loads the account shown again (F5).
    void refresh();
    void requestRevoke(const QString& sessionId);

private:
    void loadUser();
    void fitAuditColumns();
    void onLoadFailed(const vigie::client::ApiError& error);
    void revokeNow(const QString& sessionId, const QString& reason, const QString& description);
    void showError(const QString& message);
    void setStatus(const QString& text);
    void startLoad();
    void endLoad();
    void updateUser();
    void updateDetails();
    void exportWithDialog(const QString& caption, const QString& suffix, const QString& filter,
                          bool (SupportWidget::*write)(const QString&, QString*) const);

    const QScopedPointer<::Ui::SupportWidget> m_ui;
    QPointer<vigie::client::AccountSession> m_account;
    ListDetailsSplit* m_split;
    vigie::client::SessionListModel m_sessions;
    vigie::client::AuditEventModel m_audit;
    QSortFilterProxyModel m_auditProxy;
    std::optional<vigie::User> m_user;
    QList<vigie::Session> m_sessionList;
    QList<vigie::AuditEvent> m_events;
    QAction* m_revokeAction;
    int m_pendingLoads = 0;
    bool m_auditFitted = false;
    quint64 m_generation = 0;
};

} // namespace vigie::widgets
