#pragma once

#include "core/ApiTypes.h"

#include <QList>
#include <QWidget>

class QLabel;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;

namespace vigie::client {
class AccountSession;
class AuditEventModel;
class SessionListModel;
} // namespace vigie::client

namespace vigie::widgets {

// The signed-in user's own audit trail: sign-ins, revocations, and every time support staff
// looked at or revoked their sessions (with the reason they gave). The user can export it as CSV
// or JSON, the same files support staff export for an account (SupportExport).
class ActivityWidget : public QWidget
{
    Q_OBJECT

public:
    explicit ActivityWidget(QWidget* parent = nullptr);

    void setAccount(client::AccountSession* account);
    // The user's sessions, for the JSON export.
    void setSessionModel(const client::SessionListModel* sessions);
    void reload();
    void clear();

    // Write the trail shown; false with a sentence in *error.
    bool exportCsv(const QString& path, QString* error) const;
    bool exportJson(const QString& path, QString* error) const;

private:
    void exportWithDialog(const QString& caption, const QString& suffix, const QString& filter,
                          bool (ActivityWidget::*write)(const QString&, QString*) const);

    client::AccountSession* m_account = nullptr;
    const client::SessionListModel* m_sessions = nullptr;
    client::AuditEventModel* m_model;
    QSortFilterProxyModel* m_proxy;
    QTableView* m_view;
    QLabel* m_status;
    QPushButton* m_exportButton;
    QList<vigie::AuditEvent> m_events;
};

} // namespace vigie::widgets
