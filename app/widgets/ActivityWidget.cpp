#include "widgets/ActivityWidget.h"

#include "client/AccountSession.h"
#include "client/AuditEventModel.h"
#include "client/SessionListModel.h"
#include "widgets/Icons.h"
#include "widgets/SupportExport.h"

#include <QDir>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

namespace vigie::widgets {

using client::AuditEventModel;

ActivityWidget::ActivityWidget(QWidget* parent)
    : QWidget(parent), m_model(new AuditEventModel(this)), m_proxy(new QSortFilterProxyModel(this)),
      m_view(new QTableView), m_status(new QLabel), m_exportButton(new QPushButton)
{
    setObjectName(QStringLiteral("activityWidget"));
    auto* layout = new QVBoxLayout(this);
    auto* heading = new QLabel(tr("Sign-ins, sign-outs and support look-ups on your account, newest first."));
    heading->setWordWrap(true);
    auto* top = new QHBoxLayout;
    top->addWidget(heading, 1);
    m_exportButton->setObjectName(QStringLiteral("activityExportButton"));
    m_exportButton->setText(tr("E&xport"));
    m_exportButton->setAccessibleName(tr("Export your activity"));
    m_exportButton->setIcon(Icons::icon(QStringLiteral("export")));
    m_exportButton->setEnabled(false);
    auto* exportMenu = new QMenu(this);
    QAction* csv = exportMenu->addAction(tr("Activity as &CSV…"));
    csv->setObjectName(QStringLiteral("exportActivityCsvAction"));
    QAction* json = exportMenu->addAction(tr("Activity and sessions as &JSON…"));
    json->setObjectName(QStringLiteral("exportActivityJsonAction"));
    m_exportButton->setMenu(exportMenu);
    connect(csv, &QAction::triggered, this, [this] {
        exportWithDialog(tr("Export your activity"), QStringLiteral("activity.csv"), tr("CSV files (*.csv)"),
                         &ActivityWidget::exportCsv);
    });
    connect(json, &QAction::triggered, this, [this] {
        exportWithDialog(tr("Export your activity and sessions"), QStringLiteral("activity.json"),
                         tr("JSON files (*.json)"), &ActivityWidget::exportJson);
    });
    top->addWidget(m_exportButton, 0, Qt::AlignTop);
    layout->addLayout(top);
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

void ActivityWidget::setSessionModel(const client::SessionListModel* sessions)
{
    m_sessions = sessions;
}

void ActivityWidget::clear()
{
    m_events.clear();
    m_model->clear();
    m_status->clear();
    m_exportButton->setEnabled(false);
}

bool ActivityWidget::exportCsv(const QString& path, QString* error) const
{
    QHash<QString, QString> people;
    if (m_account)
        people.insert(QString::fromStdString(m_account->user().id).toLower(),
                      SupportExport::personText(m_account->user()));
    return SupportExport::writeFile(path, SupportExport::auditCsv(m_events, people), error);
}

bool ActivityWidget::exportJson(const QString& path, QString* error) const
{
    SupportExport::Context context;
    vigie::User user;
    if (m_account) {
        context.server = m_account->serverUrl().toString();
        context.exportedBy = m_account->email();
        user = m_account->user();
    }
    QList<vigie::Session> sessions;
    for (int row = 0; m_sessions && row < m_sessions->rowCount(); ++row)
        if (const auto session = m_sessions->session(row))
            sessions.append(*session);
    return SupportExport::writeFile(path, SupportExport::json(context, user, sessions, m_events), error);
}

void ActivityWidget::exportWithDialog(const QString& caption, const QString& suffix, const QString& filter,
                                      bool (ActivityWidget::*write)(const QString&, QString*) const)
{
    if (!m_account)
        return;
    const QString path = SupportExport::saveWithDialog(
        this, caption, m_account->email(), suffix, filter,
        [this, write](const QString& file, QString* error) { return (this->*write)(file, error); });
    if (!path.isEmpty())
        m_status->setText(tr("Saved %1.").arg(QDir::toNativeSeparators(path)));
}

void ActivityWidget::reload()
{
    if (!m_account || !m_account->isSignedIn())
        return;
    m_model->setCurrentUserId(m_account->user().id.c_str());
    auto* job = m_account->ownAudit(200);
    connect(job, &client::OwnAuditJob::finished, this, [this](const QList<vigie::AuditEvent>& events) {
        m_events = events;
        m_model->setEvents(events);
        m_view->resizeColumnsToContents();
        m_status->clear();
        m_exportButton->setEnabled(true);
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
