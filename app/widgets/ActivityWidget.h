#pragma once

#include <QWidget>

class QLabel;
class QSortFilterProxyModel;
class QTableView;

namespace vigie::client {
class AccountSession;
class AuditEventModel;
} // namespace vigie::client

namespace vigie::widgets {

// The signed-in user's own audit trail: sign-ins, revocations, and every time support staff
// looked at or revoked their sessions (with the reason they gave).
class ActivityWidget : public QWidget
{
    Q_OBJECT

public:
    explicit ActivityWidget(QWidget* parent = nullptr);

    void setAccount(client::AccountSession* account);
    void reload();
    void clear();

private:
    client::AccountSession* m_account = nullptr;
    client::AuditEventModel* m_model;
    QSortFilterProxyModel* m_proxy;
    QTableView* m_view;
    QLabel* m_status;
};

} // namespace vigie::widgets
