#include "widgets/ActivityWidget.h"

#include "client/AccountSession.h"
#include "client/AuditEventModel.h"

#include <QHeaderView>
#include <QLabel>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

namespace vigie::widgets {

using client::AuditEventModel;

ActivityWidget::ActivityWidget(QWidget* parent)
    : QWidget(parent), m_model(new AuditEventModel(this)), m_proxy(new QSortFilterProxyModel(this)),
      m_view(new QTableView), m_status(new QLabel)
{
    setObjectName(QStringLiteral("activityWidget"));
    auto* layout = new QVBoxLayout(this);
    auto* heading = new QLabel(tr("Sign-ins, sign-outs and support look-ups on your account, newest first."));
    heading->setWordWrap(true);
    layout->addWidget(heading);
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(AuditEventModel::TimeRole);
    m_view->setObjectName(QStringLiteral("activityView"));
    m_view->setAccessibleName(tr("Your account's activity"));
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(AuditEventModel::TimeColumn, Qt::DescendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    layout->addWidget(m_view);
    m_status->setObjectName(QStringLiteral("activityStatus"));
    layout->addWidget(m_status);
}

void ActivityWidget::setAccount(client::AccountSession* account)
{
    m_account = account;
}

void ActivityWidget::clear()
{
    m_model->clear();
    m_status->clear();
}

void ActivityWidget::reload()
{
    if (!m_account || !m_account->isSignedIn())
        return;
    m_model->setCurrentUserId(m_account->user().id.c_str());
    auto* job = m_account->ownAudit(200);
    connect(job, &client::OwnAuditJob::finished, this, [this](const QList<vigie::AuditEvent>& events) {
        m_model->setEvents(events);
        m_view->resizeColumnsToContents();
        m_status->clear();
    });
    connect(job, &client::ApiJob::failed, this, [this](const client::ApiError& error) {
        // A server without the audit endpoint answers 404: that is what it offers, not
        // something that was removed.
        if (error.isNotFound())
            m_status->setText(tr("This server does not offer the activity of your account (it may run an "
                                 "older version of Vigie)."));
        else
            m_status->setText(error.message);
    });
}

} // namespace vigie::widgets
