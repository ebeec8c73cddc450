#include "widgets/SupportWidget.h"

#include "client/AccountSession.h"
#include "client/GuardedAction.h"
#include "client/Plural.h"
#include "client/SessionDisplay.h"
#include "ui_SupportWidget.h"
#include "widgets/Dialogs.h"
#include "widgets/Icons.h"
#include "widgets/ListDetailsSplit.h"
#include "widgets/PasswordPromptDialog.h"
#include "widgets/RevokeReasonDialog.h"
#include "widgets/SessionTableProxyModel.h"
#include "widgets/SupportExport.h"
#include "widgets/TableSizing.h"

#include <QAction>
#include <QDir>
#include <QHeaderView>
#include <QMenu>
#include <QTabBar>

namespace vigie::widgets {

using vigie::client::AccountSession;
using vigie::client::ApiError;
using vigie::client::AuditEventModel;
using vigie::client::qs;
using vigie::client::resolvePlural;
using vigie::client::SessionDisplay;

namespace {

QString roleLabel(vigie::Role role)
{
    switch (role) {
    case vigie::Role::Support:
        return SupportWidget::tr("support staff");
    case vigie::Role::Admin:
        return SupportWidget::tr("administrator");
    case vigie::Role::User:
        break;
    }
    return SupportWidget::tr("user");
}

} // namespace

SupportWidget::SupportWidget(QWidget* parent)
    : QWidget(parent), m_ui(new ::Ui::SupportWidget), m_revokeAction(new QAction(this))
{
    m_ui->setupUi(this);
    m_ui->hintLabel->setForegroundRole(QPalette::PlaceholderText);
    m_ui->noSessionsLabel->setForegroundRole(QPalette::PlaceholderText);
    m_ui->statusLabel->hide(); // until there is something to say
    m_ui->noSessionsLabel->hide();
    m_ui->busyIndicator->hide();
    m_ui->findButton->setIcon(Icons::icon(QStringLiteral("search")));
    m_ui->exportButton->setIcon(Icons::icon(QStringLiteral("export")));
    Icons::decorateField(m_ui->auditFilterEdit, true);
    Icons::decorateField(m_ui->emailEdit, false);
    const int iconSize = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
    m_ui->userIconLabel->setPixmap(
        Icons::icon(QStringLiteral("user")).pixmap(QSize(iconSize, iconSize), devicePixelRatioF()));
    m_ui->resultTabs->setTabIcon(0, Icons::icon(QStringLiteral("sessions")));
    m_ui->resultTabs->setTabIcon(1, Icons::icon(QStringLiteral("info")));
    m_ui->resultTabs->tabBar()->setAccessibleName(tr("Sessions and audit trail"));

    m_ui->sessionTable->setSessionModel(&m_sessions);
    m_split = new ListDetailsSplit(
        m_ui->sessionsSplitter, m_ui->sessionTable, [this] { return m_ui->detailsWidget->preferredHeight(); },
        this);
    m_ui->detailsWidget->setRevokeVisible(true);
    m_revokeAction->setText(tr("Sign &out this session…"));
    m_revokeAction->setIcon(Icons::icon(QStringLiteral("revoke")));
    m_revokeAction->setShortcut(QKeySequence::Delete);
    m_revokeAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_revokeAction->setObjectName(QStringLiteral("supportRevokeAction"));
    m_ui->sessionTable->addAction(m_revokeAction);
    connect(m_revokeAction, &QAction::triggered, this, [this] {
        const QString id = m_ui->sessionTable->selectedSessionId();
        if (!id.isEmpty())
            requestRevoke(id);
    });
    connect(m_ui->detailsWidget, &SessionDetailsWidget::revokeRequested, this, &SupportWidget::requestRevoke);
    connect(m_ui->sessionTable, &SessionTableView::selectedSessionChanged, this,
            &SupportWidget::updateDetails);

    m_auditProxy.setSourceModel(&m_audit);
    m_auditProxy.setSortRole(AuditEventModel::SortRole);
    m_auditProxy.setFilterKeyColumn(-1);
    m_auditProxy.setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_auditProxy.setSortCaseSensitivity(Qt::CaseInsensitive);
    m_auditProxy.setDynamicSortFilter(true);
    m_ui->auditTable->setModel(&m_auditProxy);
    m_ui->auditTable->verticalHeader()->hide();
    m_ui->auditTable->horizontalHeader()->setStretchLastSection(true);
    m_ui->auditTable->horizontalHeader()->setHighlightSections(false);
    m_ui->auditTable->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_ui->auditTable->horizontalHeader()->setSortIndicator(AuditEventModel::TimeColumn, Qt::DescendingOrder);
    m_ui->auditTable->sortByColumn(AuditEventModel::TimeColumn, Qt::DescendingOrder);
    m_ui->auditTable->verticalHeader()->setDefaultSectionSize(
        qMax(28, m_ui->auditTable->fontMetrics().height() + 12));
    // Column widths need the table's real width: fit them when its tab is first shown.
    connect(m_ui->resultTabs, &QTabWidget::currentChanged, this, &SupportWidget::fitAuditColumns);
    connect(m_ui->auditFilterEdit, &QLineEdit::textChanged, &m_auditProxy,
            &QSortFilterProxyModel::setFilterFixedString);

    auto* exportMenu = new QMenu(this);
    exportMenu->setObjectName(QStringLiteral("exportMenu"));
    QAction* sessionsCsv = exportMenu->addAction(tr("&Sessions as CSV…"));
    sessionsCsv->setObjectName(QStringLiteral("exportSessionsCsvAction"));
    QAction* auditCsv = exportMenu->addAction(tr("&Audit trail as CSV…"));
    auditCsv->setObjectName(QStringLiteral("exportAuditCsvAction"));
    QAction* json = exportMenu->addAction(tr("Sessions and audit trail as &JSON…"));
    json->setObjectName(QStringLiteral("exportJsonAction"));
    m_ui->exportButton->setMenu(exportMenu);
    connect(sessionsCsv, &QAction::triggered, this, [this] {
        exportWithDialog(tr("Export sessions"), QStringLiteral("sessions.csv"), tr("CSV files (*.csv)"),
                         &SupportWidget::exportSessionsCsv);
    });
    connect(auditCsv, &QAction::triggered, this, [this] {
        exportWithDialog(tr("Export audit trail"), QStringLiteral("audit.csv"), tr("CSV files (*.csv)"),
                         &SupportWidget::exportAuditCsv);
    });
    connect(json, &QAction::triggered, this, [this] {
        exportWithDialog(tr("Export sessions and audit trail"), QStringLiteral("support.json"),
                         tr("JSON files (*.json)"), &SupportWidget::exportJson);
    });

    connect(m_ui->findButton, &QPushButton::clicked, this, [this] { lookUp(m_ui->emailEdit->text()); });
    connect(m_ui->emailEdit, &QLineEdit::returnPressed, this, [this] { lookUp(m_ui->emailEdit->text()); });
    clear();
}

SupportWidget::~SupportWidget() = default;

void SupportWidget::setAccount(AccountSession* account)
{
    m_account = account;
}

void SupportWidget::clear()
{
    ++m_generation;
    m_user.reset();
    m_sessionList.clear();
    m_events.clear();
    m_sessions.clear();
    m_audit.clear();
    m_pendingLoads = 0;
    m_auditFitted = false;
    m_ui->busyIndicator->hide();
    m_ui->errorBanner->hide();
    setStatus(QString());
    m_ui->auditFilterEdit->clear();
    m_ui->stack->setCurrentWidget(m_ui->hintPage);
    updateDetails();
}

QString SupportWidget::statusText() const
{
    return m_ui->statusLabel->text();
}

QString SupportWidget::errorText() const
{
    return m_ui->errorBanner->isVisible() ? m_ui->errorBanner->text() : QString();
}

void SupportWidget::setStatus(const QString& text)
{
    m_ui->statusLabel->setText(text);
    // Empty, its line goes to the list (a short window shows one more row).
    m_ui->statusLabel->setHidden(text.isEmpty());
}

void SupportWidget::showError(const QString& message)
{
    m_ui->errorBanner->showMessage(MessageBanner::Kind::Error, message);
}

void SupportWidget::startLoad()
{
    ++m_pendingLoads;
    m_ui->busyIndicator->show();
}

void SupportWidget::endLoad()
{
    m_pendingLoads = qMax(0, m_pendingLoads - 1);
    m_ui->busyIndicator->setVisible(m_pendingLoads > 0);
}

void SupportWidget::lookUp(const QString& email)
{
    const QString address = email.trimmed();
    if (!m_account || !m_account->isSignedIn())
        return;
    if (address.isEmpty()) {
        showError(tr("Enter the email address of the account to look up."));
        m_ui->emailEdit->setFocus();
        return;
    }
    clear();
    m_ui->emailEdit->setText(address);
    const quint64 generation = m_generation;
    startLoad();
    auto* job = m_account->findUser(address);
    connect(job, &vigie::client::ApiJob::done, this, [this, generation] {
        if (generation == m_generation)
            endLoad();
    });
    connect(job, &vigie::client::FindUserJob::finished, this,
            [this, generation, address](const QList<vigie::User>& users) {
                if (generation != m_generation)
                    return;
                if (users.isEmpty()) {
                    showError(tr("No account uses the email address %1.").arg(address));
                    m_ui->emailEdit->selectAll();
                    m_ui->emailEdit->setFocus();
                    return;
                }
                m_user = users.first();
                updateUser();
                m_ui->stack->setCurrentWidget(m_ui->resultPage);
                loadUser();
            });
    connect(job, &vigie::client::ApiJob::failed, this, [this, generation](const ApiError& error) {
        if (generation == m_generation)
            onLoadFailed(error);
    });
}

void SupportWidget::refresh()
{
    if (m_user && m_pendingLoads == 0)
        loadUser();
}

void SupportWidget::loadUser()
{
    if (!m_account || !m_user)
        return;
    const QString userId = qs(m_user->id);
    const quint64 generation = m_generation;

    startLoad();
    auto* sessionsJob = m_account->userSessions(userId);
    connect(sessionsJob, &vigie::client::ApiJob::done, this, [this, generation] {
        if (generation == m_generation)
            endLoad();
    });
    connect(sessionsJob, &vigie::client::UserSessionsJob::finished, this,
            [this, generation](const QList<vigie::Session>& sessions) {
                if (generation != m_generation)
                    return;
                const bool first = m_sessions.rowCount() == 0;
                m_sessionList = sessions;
                m_sessions.setSessions(sessions);
                m_ui->noSessionsLabel->setVisible(sessions.isEmpty());
                if (first && !sessions.isEmpty()) {
                    m_ui->sessionTable->fitColumns();
                    m_split->fit();
                }
                m_ui->resultTabs->setTabText(
                    0,
                    resolvePlural(tr("S&essions (%n)", nullptr, int(sessions.size())), int(sessions.size())));
                updateDetails();
            });
    connect(sessionsJob, &vigie::client::ApiJob::failed, this, [this, generation](const ApiError& error) {
        if (generation == m_generation)
            onLoadFailed(error);
    });

    startLoad();
    auto* auditJob = m_account->audit(userId, 500);
    connect(auditJob, &vigie::client::ApiJob::done, this, [this, generation] {
        if (generation == m_generation)
            endLoad();
    });
    connect(auditJob, &vigie::client::AuditJob::finished, this,
            [this, generation](const QList<vigie::AuditEvent>& events) {
                if (generation != m_generation)
                    return;
                m_events = events;
                m_audit.setEvents(events);
                m_ui->resultTabs->setTabText(
                    1,
                    resolvePlural(tr("A&udit trail (%n)", nullptr, int(events.size())), int(events.size())));
                fitAuditColumns();
            });
    connect(auditJob, &vigie::client::ApiJob::failed, this, [this, generation](const ApiError& error) {
        if (generation == m_generation)
            onLoadFailed(error);
    });
}

void SupportWidget::fitAuditColumns()
{
    if (m_auditFitted || m_audit.rowCount() == 0 || !m_ui->auditTable->isVisible())
        return;
    m_auditFitted = true;
    fitColumnsToView(m_ui->auditTable);
}

void SupportWidget::onLoadFailed(const ApiError& error)
{
    if (error.isSignedOut() || error.kind == ApiError::Kind::Cancelled)
        return;
    if (error.httpStatus == 403 && error.code == QLatin1String("forbidden"))
        showError(tr("Your account is not allowed to look up other accounts."));
    else if (error.isNotFound())
        showError(tr("That account no longer exists."));
    else
        showError(error.message);
}

void SupportWidget::updateUser()
{
    if (!m_user) {
        m_ui->userLabel->clear();
        return;
    }
    const QString name = qs(m_user->displayName).toHtmlEscaped();
    const QString email = qs(m_user->email).toHtmlEscaped();
    m_ui->userLabel->setText(tr("<b>%1</b> · %2 · %3", "name · email · role")
                                 .arg(name.isEmpty() ? email : name, email, roleLabel(m_user->role)));
    m_ui->userLabel->setAccessibleDescription(
        tr("%1, %2, %3").arg(qs(m_user->displayName), qs(m_user->email), roleLabel(m_user->role)));
    QHash<QString, QString> names;
    names.insert(qs(m_user->id), name.isEmpty() ? qs(m_user->email) : qs(m_user->displayName));
    m_audit.setUserNames(names);
    if (m_account)
        m_audit.setCurrentUserId(qs(m_account->user().id));
}

void SupportWidget::updateDetails()
{
    const auto session = m_ui->sessionTable->selectedSession();
    m_ui->detailsWidget->setSession(session);
    m_revokeAction->setEnabled(session.has_value());
    m_ui->exportButton->setEnabled(m_user.has_value());
}

void SupportWidget::requestRevoke(const QString& sessionId)
{
    if (!m_account || !m_user)
        return;
    const auto session = m_sessions.session(m_sessions.rowOf(sessionId));
    if (!session)
        return;
    const QString description = SessionDisplay::sessionDescription(*session);
    const QString who = m_user->displayName.empty()
                            ? qs(m_user->email)
                            : tr("%1 (%2)", "name (email)").arg(qs(m_user->displayName), qs(m_user->email));
    const QString message =
        tr("Sign out %1 (%2, %3) of %4? Whoever uses that session will have to sign in again.")
            .arg(description, SessionDisplay::locationDescription(*session), qs(session->ipAddress), who);
    RevokeReasonDialog::ask(this, message, [this, sessionId, description](const QString& reason) {
        revokeNow(sessionId, reason, description);
    });
}

void SupportWidget::revokeNow(const QString& sessionId, const QString& reason, const QString& description)
{
    if (!m_user)
        return;
    const quint64 generation = m_generation;
    const QString userId = qs(m_user->id);
    vigie::client::GuardedAction action;
    action.start = [this, generation, userId, sessionId, reason, description]() -> vigie::client::ApiJob* {
        if (generation != m_generation || !m_account || !m_account->isSignedIn())
            return nullptr;
        startLoad();
        auto* job = m_account->adminRevokeSession(userId, sessionId, reason);
        connect(job, &vigie::client::AdminRevokeSessionJob::finished, this,
                [this, generation, description](const QString& id) {
                    if (generation != m_generation)
                        return;
                    m_sessions.removeSession(id);
                    m_ui->errorBanner->hide();
                    setStatus(tr("Signed out %1. The reason is in the audit trail.").arg(description));
                    loadUser();
                });
        return job;
    };
    action.askPassword = [this](std::function<void()> confirmed) {
        PasswordPromptDialog::ask(
            this, m_account,
            tr("For your security, enter the password of %1 again to sign out this session.")
                .arg(m_account->email()),
            std::move(confirmed));
    };
    action.failed = [this, generation](const ApiError& error) {
        if (generation != m_generation)
            return;
        if (error.isNotFound()) {
            setStatus(tr("That session had already ended."));
            loadUser();
            return;
        }
        onLoadFailed(error);
    };
    action.done = [this, generation] {
        if (generation == m_generation)
            endLoad();
    };
    action.run(this);
}

bool SupportWidget::exportSessionsCsv(const QString& path, QString* error) const
{
    if (!m_user) {
        if (error)
            *error = tr("Look up an account first.");
        return false;
    }
    return SupportExport::writeFile(path, SupportExport::sessionsCsv(m_sessionList), error);
}

bool SupportWidget::exportAuditCsv(const QString& path, QString* error) const
{
    if (!m_user) {
        if (error)
            *error = tr("Look up an account first.");
        return false;
    }
    // People by name and email, as the screen names them (and "You" is nobody in a file).
    QHash<QString, QString> people{{qs(m_user->id).toLower(), SupportExport::personText(*m_user)}};
    if (m_account)
        people.insert(qs(m_account->user().id).toLower(), SupportExport::personText(m_account->user()));
    return SupportExport::writeFile(path, SupportExport::auditCsv(m_events, people), error);
}

bool SupportWidget::exportJson(const QString& path, QString* error) const
{
    if (!m_user) {
        if (error)
            *error = tr("Look up an account first.");
        return false;
    }
    SupportExport::Context context;
    if (m_account) {
        context.server = m_account->serverUrl().toString();
        context.exportedBy = m_account->email();
    }
    return SupportExport::writeFile(path, SupportExport::json(context, *m_user, m_sessionList, m_events),
                                    error);
}

void SupportWidget::exportWithDialog(const QString& caption, const QString& suffix, const QString& filter,
                                     bool (SupportWidget::*write)(const QString&, QString*) const)
{
    if (!m_user)
        return;
    const QString path = SupportExport::saveWithDialog(
        this, caption, qs(m_user->email), suffix, filter,
        [this, write](const QString& file, QString* error) { return (this->*write)(file, error); });
    if (!path.isEmpty())
        setStatus(tr("Saved %1.").arg(QDir::toNativeSeparators(path)));
}

} // namespace vigie::widgets
