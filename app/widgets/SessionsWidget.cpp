#include "widgets/SessionsWidget.h"

#include "client/AccountSession.h"
#include "client/AuditEventModel.h"
#include "client/GuardedAction.h"
#include "client/Plural.h"
#include "client/SessionDisplay.h"
#include "client/SupportNotice.h"
#include "core/AuditActions.h"
#include "ui_SessionsWidget.h"
#include "widgets/Dialogs.h"
#include "widgets/Icons.h"
#include "widgets/ListDetailsSplit.h"
#include "widgets/PasswordPromptDialog.h"
#include "widgets/RenameSessionDialog.h"
#include "widgets/SessionTableProxyModel.h"
#include "widgets/TableSizing.h"

#include <QAction>
#include <QLocale>

namespace vigie::widgets {

using vigie::client::AccountSession;
using vigie::client::ApiError;
using vigie::client::AuditEventModel;
using vigie::client::qs;
using vigie::client::resolvePlural;
using vigie::client::SessionDisplay;
using vigie::client::SessionList;
using vigie::client::SessionListModel;

SessionsWidget::SessionsWidget(QWidget* parent)
    : QWidget(parent), m_ui(new ::Ui::SessionsWidget), m_revokeAction(new QAction(this)),
      m_copyAction(new QAction(this)), m_renameAction(new QAction(this)), m_notMeAction(new QAction(this))
{
    m_ui->setupUi(this);
    QFont title = m_ui->titleLabel->font();
    title.setPointSizeF(title.pointSizeF() * 1.3);
    title.setBold(true);
    m_ui->titleLabel->setFont(title);
    m_ui->countLabel->setForegroundRole(QPalette::PlaceholderText);
    m_ui->updatedLabel->setForegroundRole(QPalette::PlaceholderText);
    m_ui->emptyStateLabel->setForegroundRole(QPalette::PlaceholderText);
    m_ui->emptyStateLabel->hide();
    m_ui->refreshButton->setIcon(Icons::icon(QStringLiteral("refresh")));
    m_ui->revokeOthersButton->setIcon(Icons::icon(QStringLiteral("revoke-all")));
    Icons::decorateField(m_ui->filterEdit, true);
    m_ui->busyIndicator->hide();
    m_split = new ListDetailsSplit(
        m_ui->splitter, m_ui->sessionTable, [this] { return m_ui->detailsWidget->preferredHeight(); }, this);

    m_ui->sessionTable->setSessionModel(&m_model);
    m_revokeAction->setText(tr("Sign &out this session"));
    m_revokeAction->setIcon(Icons::icon(QStringLiteral("revoke")));
    m_revokeAction->setShortcut(QKeySequence::Delete);
    m_revokeAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_revokeAction->setObjectName(QStringLiteral("revokeAction"));
    m_copyAction->setText(tr("&Copy details"));
    m_copyAction->setIcon(Icons::icon(QStringLiteral("copy")));
    m_copyAction->setShortcut(QKeySequence::Copy);
    m_copyAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_copyAction->setObjectName(QStringLiteral("copyAction"));
    m_renameAction->setText(tr("&Rename…"));
    m_renameAction->setShortcut(QKeySequence(Qt::Key_F2));
    m_renameAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_renameAction->setObjectName(QStringLiteral("renameAction"));
    m_notMeAction->setText(tr("&Not me…"));
    m_notMeAction->setIcon(Icons::icon(QStringLiteral("warning")));
    m_notMeAction->setObjectName(QStringLiteral("notMeAction"));
    m_ui->sessionTable->addAction(m_notMeAction);
    m_ui->sessionTable->addAction(m_renameAction);
    m_ui->sessionTable->addAction(m_revokeAction);
    m_ui->sessionTable->addAction(m_copyAction);
    connect(m_renameAction, &QAction::triggered, this,
            [this] { requestRename(m_ui->sessionTable->selectedSessionId()); });
    connect(m_notMeAction, &QAction::triggered, this, [this] {
        const QString id = m_ui->sessionTable->selectedSessionId();
        if (!id.isEmpty())
            Q_EMIT notMeRequested(id);
    });
    connect(m_ui->detailsWidget, &SessionDetailsWidget::renameRequested, this,
            &SessionsWidget::requestRename);
    connect(m_ui->detailsWidget, &SessionDetailsWidget::notMeRequested, this,
            &SessionsWidget::notMeRequested);
    m_ui->detailsWidget->setNotMeVisible(true);
    connect(m_revokeAction, &QAction::triggered, this, &SessionsWidget::requestRevokeSelected);
    connect(m_copyAction, &QAction::triggered, m_ui->detailsWidget, &SessionDetailsWidget::copyToClipboard);

    auto* focusFilter = new QAction(this);
    focusFilter->setShortcut(QKeySequence::Find);
    focusFilter->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(focusFilter);
    connect(focusFilter, &QAction::triggered, this, [this] {
        m_ui->filterEdit->setFocus();
        m_ui->filterEdit->selectAll();
    });

    connect(m_ui->filterEdit, &QLineEdit::textChanged, this, &SessionsWidget::applyFilter);
    connect(m_ui->sessionTable, &SessionTableView::selectedSessionChanged, this,
            &SessionsWidget::updateDetails);
    connect(m_ui->detailsWidget, &SessionDetailsWidget::revokeRequested, this,
            &SessionsWidget::requestRevoke);
    connect(m_ui->refreshButton, &QPushButton::clicked, this, &SessionsWidget::refresh);
    connect(m_ui->revokeOthersButton, &QPushButton::clicked, this, &SessionsWidget::requestRevokeOthers);
    connect(m_ui->errorBanner, &MessageBanner::actionTriggered, this, &SessionsWidget::refresh);
    m_ui->alertBanner->hide();
    connect(m_ui->alertBanner, &MessageBanner::actionTriggered, this, &SessionsWidget::onAlertRevoke);
    connect(m_ui->alertBanner, &MessageBanner::secondaryActionTriggered, m_ui->alertBanner, &QWidget::hide);
    m_ui->supportNoticeBanner->hide();
    connect(m_ui->supportNoticeBanner, &MessageBanner::actionTriggered, this,
            &SessionsWidget::acknowledgeSupportSignOuts);
    connect(&m_model, &QAbstractItemModel::rowsInserted, this, &SessionsWidget::updateCounts);
    connect(&m_model, &QAbstractItemModel::rowsRemoved, this, &SessionsWidget::updateCounts);

    m_autoRefresh.setInterval(kDefaultRefreshIntervalMs);
    connect(&m_autoRefresh, &QTimer::timeout, this, &SessionsWidget::onTimer);
    updateCounts();
    updateFeatures();
    updateDetails();
}

SessionsWidget::~SessionsWidget() = default;

void SessionsWidget::updateFeatures()
{
    const bool names = m_account && m_account->supports(vigie::feature::kSessionNames);
    m_renameAction->setVisible(names);
    m_ui->detailsWidget->setRenameVisible(names);
    updateDetails();
}

void SessionsWidget::showStatus(const QString& text)
{
    setStatus(text);
}

void SessionsWidget::requestRename(const QString& sessionId)
{
    if (!m_account || !m_account->supports(vigie::feature::kSessionNames))
        return;
    const auto session = m_model.session(m_model.rowOf(sessionId));
    if (!session)
        return;
    auto* dialog = RenameSessionDialog::open(this, m_account, *session);
    const quint64 generation = m_generation;
    connect(dialog, &RenameSessionDialog::renamed, this, [this, generation](const vigie::Session& renamed) {
        if (generation != m_generation)
            return;
        m_model.updateSession(renamed);
        updateDetails();
        const QString name = SessionDisplay::sessionName(renamed.name);
        setStatus(
            name.isEmpty()
                ? tr("%1 shows its device again.").arg(SessionDisplay::clientDescription(renamed.deviceInfo))
                : tr("Renamed to “%1”.").arg(name));
    });
}

void SessionsWidget::setAccount(AccountSession* account)
{
    m_account = account;
}

void SessionsWidget::setAutoRefreshInterval(int milliseconds)
{
    m_autoRefresh.setInterval(milliseconds);
}

void SessionsWidget::activate()
{
    deactivate();
    m_autoRefresh.start();
    refresh();
}

void SessionsWidget::deactivate()
{
    ++m_generation;
    m_autoRefresh.stop();
    if (m_loadJob) {
        m_loadJob->disconnect(this);
        m_loadJob->abort();
        m_loadJob = nullptr;
    }
    if (m_noticeJob) {
        m_noticeJob->disconnect(this);
        m_noticeJob->abort();
        m_noticeJob = nullptr;
    }
    m_ui->supportNoticeBanner->hide();
    m_ui->alertBanner->hide();
    m_alertSessionId.clear();
    m_latestNotice = {};
    m_listedIds.clear();
    m_model.clear();
    m_loadedOnce = false;
    m_lastUpdated = {};
    m_pendingActions = 0;
    m_ui->filterEdit->clear();
    m_ui->errorBanner->hide();
    m_ui->statusLabel->clear();
    setStale(false);
    setBusy(false);
    updateCounts();
    updateUpdatedLabel();
    updateDetails();
}

QString SessionsWidget::statusText() const
{
    return m_ui->statusLabel->text();
}

QString SessionsWidget::supportNoticeText() const
{
    return m_ui->supportNoticeBanner->isHidden() ? QString() : m_ui->supportNoticeBanner->text();
}

void SessionsWidget::onTimer()
{
    // Only while someone can see it: no polling from a minimised or hidden window.
    if (!window()->isVisible() || window()->isMinimized())
        return;
    m_model.refreshRelativeTimes();
    m_ui->detailsWidget->refreshTimes();
    if (!m_live)
        refresh();
}

void SessionsWidget::setLiveUpdates(bool live)
{
    m_live = live;
}

void SessionsWidget::applyEvent(const vigie::AccountEvent& accountEvent)
{
    if (!m_account || !m_account->isSignedIn())
        return;
    namespace action = vigie::audit_action;
    const vigie::AuditEvent& event = accountEvent.event;
    const QString target = qs(event.targetSessionId);
    if (event.action == action::kLogin) {
        if (accountEvent.session) {
            m_model.addSession(*accountEvent.session);
            m_listedIds.insert(qs(accountEvent.session->id));
            updateCounts();
        }
        return;
    }
    const bool ended = event.action == action::kLogout || event.action == action::kSessionRevoked ||
                       event.action == action::kSessionExpired || event.action == action::kRefreshReuse ||
                       event.action == action::kOtherSessionsRevoked;
    if (ended && !target.isEmpty()) {
        m_model.removeSession(target);
        m_listedIds.remove(target.toLower());
        if (m_alertSessionId.compare(target, Qt::CaseInsensitive) == 0)
            m_ui->alertBanner->hide();
        if (AuditEventModel::isSupportSignOut(event))
            checkSupportSignOuts();
        updateCounts();
        updateDetails();
        return;
    }
    // Renamed, several signed out at once, or something this version does not know: the list
    // as the server has it now.
    if (ended || event.action == action::kSessionRenamed || event.action == action::kPasswordChanged)
        refresh();
}

void SessionsWidget::showAlert(const vigie::client::Alert& alert)
{
    m_alertSessionId = alert.offersRevoke() ? alert.sessionId : QString();
    const QString text =
        tr("%1: %2", "alert title: text").arg(alert.title, QString(alert.body).replace('\n', ". "));
    if (alert.offersRevoke())
        m_ui->alertBanner->showMessage(MessageBanner::Kind::Warning, text, tr("&Not me – sign it out"),
                                       tr("It &was me"));
    else
        m_ui->alertBanner->showMessage(MessageBanner::Kind::Warning, text, QString(), tr("&Dismiss"));
}

QString SessionsWidget::alertText() const
{
    return m_ui->alertBanner->isHidden() ? QString() : m_ui->alertBanner->text();
}

void SessionsWidget::onAlertRevoke()
{
    m_ui->alertBanner->hide();
    if (!m_alertSessionId.isEmpty())
        Q_EMIT notMeRequested(std::exchange(m_alertSessionId, QString()));
}

void SessionsWidget::refresh()
{
    if (!m_account || !m_account->isSignedIn() || m_loadJob)
        return;
    setBusy(true);
    m_loadJob = m_account->getSessions();
    connect(m_loadJob, &vigie::client::GetSessionsJob::finished, this, &SessionsWidget::onLoaded);
    connect(m_loadJob, &vigie::client::ApiJob::failed, this, &SessionsWidget::onLoadFailed);
}

void SessionsWidget::onLoaded(const SessionList& list)
{
    m_loadJob = nullptr;
    setBusy(false);
    m_model.setSessions(list);
    // On the first list after signing in, and whenever a session disappeared (perhaps signed out
    // by support while this window was open), look for support sign-outs to tell the user about.
    QSet<QString> ids;
    for (const auto& session : list.sessions)
        ids.insert(qs(session.id));
    const bool someEnded = !(m_listedIds - ids).isEmpty();
    m_listedIds = ids;
    if (!m_loadedOnce || someEnded)
        checkSupportSignOuts();
    m_lastUpdated = QDateTime::currentDateTime();
    m_ui->errorBanner->hide();
    setStale(false);
    if (!m_loadedOnce) {
        m_loadedOnce = true;
        m_ui->sessionTable->fitColumns();
        m_split->fit();
        if (m_ui->sessionTable->selectedSessionId().isEmpty())
            m_ui->sessionTable->selectSession(m_model.currentSessionId());
    }
    updateCounts();
    updateUpdatedLabel();
    updateDetails();
}

void SessionsWidget::onLoadFailed(const ApiError& error)
{
    m_loadJob = nullptr;
    setBusy(false);
    if (error.isSignedOut() || error.kind == ApiError::Kind::Cancelled)
        return; // the window returns to the sign-in screen
    if (m_loadedOnce) {
        m_ui->errorBanner->showMessage(
            MessageBanner::Kind::Error,
            tr("Could not refresh the list: %1 The list below is from %2 and may be out of date.")
                .arg(error.message, QLocale().toString(m_lastUpdated.time(), QLocale::ShortFormat)),
            tr("&Retry"));
        setStale(true);
    } else {
        m_ui->errorBanner->showMessage(MessageBanner::Kind::Error,
                                       tr("Could not load your sessions: %1").arg(error.message),
                                       tr("&Retry"));
    }
    updateUpdatedLabel();
}

void SessionsWidget::checkSupportSignOuts()
{
    if (!m_account || !m_account->isSignedIn() || m_noticeJob)
        return;
    m_noticeJob = m_account->ownAudit(vigie::client::SupportNotice::kEventsToRead);
    connect(m_noticeJob, &vigie::client::OwnAuditJob::finished, this,
            [this](const QList<vigie::AuditEvent>& events) {
                m_noticeJob = nullptr;
                if (!m_account)
                    return;
                const QList<vigie::AuditEvent> unseen =
                    vigie::client::SupportNotice::unseen(events, qs(m_account->user().id));
                if (unseen.isEmpty())
                    return;
                m_latestNotice = vigie::client::toDateTime(unseen.first().at);
                m_ui->supportNoticeBanner->showMessage(MessageBanner::Kind::Warning,
                                                       AuditEventModel::supportSignOutMessage(unseen),
                                                       tr("View acti&vity"));
            });
    // The notice is a courtesy: the list's own banner already says when the server is away.
    connect(m_noticeJob, &vigie::client::ApiJob::failed, this, [this] { m_noticeJob = nullptr; });
}

void SessionsWidget::acknowledgeSupportSignOuts()
{
    if (m_account)
        vigie::client::SupportNotice::markSeen(qs(m_account->user().id), m_latestNotice);
    m_ui->supportNoticeBanner->hide();
    Q_EMIT activityRequested();
}

void SessionsWidget::setBusy(bool busy)
{
    m_ui->busyIndicator->setVisible(busy || m_pendingActions > 0);
}

void SessionsWidget::setStale(bool stale)
{
    m_stale = stale;
    // Greyed, still readable and selectable: this is what the server said last time.
    QPalette palette = m_ui->sessionTable->palette();
    if (stale) {
        palette.setColor(QPalette::Active, QPalette::Text, palette.color(QPalette::Disabled, QPalette::Text));
        palette.setColor(QPalette::Inactive, QPalette::Text,
                         palette.color(QPalette::Disabled, QPalette::Text));
        m_ui->sessionTable->setPalette(palette);
    } else {
        m_ui->sessionTable->setPalette(QPalette());
    }
    m_ui->sessionTable->setAccessibleDescription(stale
                                                     ? tr("Out of date: the server could not be reached.")
                                                     : tr("One row per device signed in to your account. "
                                                          "Press Delete to sign out the selected session."));
}

void SessionsWidget::updateUpdatedLabel()
{
    if (!m_lastUpdated.isValid()) {
        m_ui->updatedLabel->clear();
        return;
    }
    const QString time = QLocale().toString(m_lastUpdated.time(), QLocale::ShortFormat);
    m_ui->updatedLabel->setText(m_stale ? tr("Updated at %1 (out of date)").arg(time)
                                        : tr("Updated at %1").arg(time));
}

void SessionsWidget::updateCounts()
{
    const int total = m_model.rowCount();
    const int others = m_model.otherSessionCount();
    m_ui->countLabel->setText(total > 0 ? resolvePlural(tr("%n session(s)", nullptr, total), total)
                                        : QString());
    m_ui->revokeOthersButton->setText(tr("Sign out &all other sessions (%1)").arg(others));
    m_ui->revokeOthersButton->setAccessibleName(
        resolvePlural(tr("Sign out all %n other session(s)", nullptr, others), others));
    m_ui->revokeOthersButton->setEnabled(others > 0 && m_pendingActions == 0);
    const QString filter = m_ui->filterEdit->text().trimmed();
    if (!filter.isEmpty() && total > 0 && m_ui->sessionTable->proxyModel()->rowCount() == 0) {
        m_ui->emptyStateLabel->setText(tr("No session matches “%1”.").arg(filter));
        m_ui->emptyStateLabel->show();
    } else {
        m_ui->emptyStateLabel->setText(
            tr("Only this device is signed in. If you sign in somewhere else, it will appear here."));
        m_ui->emptyStateLabel->setVisible(m_loadedOnce && total > 0 && others == 0);
    }
}

void SessionsWidget::applyFilter(const QString& text)
{
    // The session the user picked stays selected whenever the filter shows it, even after a
    // keystroke that hid it for a moment.
    const QString selected = m_ui->sessionTable->selectedSessionId();
    if (!selected.isEmpty())
        m_filterSelection = selected;
    m_ui->sessionTable->proxyModel()->setFilterText(text);
    if (!m_filterSelection.isEmpty() && m_ui->sessionTable->selectedSessionId().isEmpty())
        m_ui->sessionTable->selectSession(m_filterSelection);
    if (text.isEmpty())
        m_filterSelection.clear();
    updateCounts();
}

void SessionsWidget::updateDetails()
{
    const auto session = m_ui->sessionTable->selectedSession();
    m_ui->detailsWidget->setSession(session);
    m_ui->detailsWidget->setRevokeEnabled(m_pendingActions == 0);
    m_revokeAction->setEnabled(session.has_value());
    m_copyAction->setEnabled(session.has_value());
    m_renameAction->setEnabled(session.has_value());
    m_notMeAction->setEnabled(session && !session->isCurrent && m_pendingActions == 0);
    m_revokeAction->setText(session && session->isCurrent ? tr("Sign &out this device")
                                                          : tr("Sign &out this session"));
}

void SessionsWidget::setStatus(const QString& text)
{
    m_ui->statusLabel->setText(text);
}

void SessionsWidget::requestRevokeSelected()
{
    const QString id = m_ui->sessionTable->selectedSessionId();
    if (!id.isEmpty())
        requestRevoke(id);
}

void SessionsWidget::requestRevoke(const QString& sessionId)
{
    if (!m_account || m_pendingActions > 0)
        return;
    const int row = m_model.rowOf(sessionId);
    const auto session = m_model.session(row);
    if (!session)
        return;
    const QString client = SessionDisplay::sessionDescription(*session);
    const QString place = SessionDisplay::locationDescription(*session);
    const bool isCurrent = m_model.index(row, 0).data(SessionListModel::IsCurrentRole).toBool();
    bool confirmed = false;
    if (isCurrent) {
        confirmed = Dialogs::confirm(
            this, tr("Sign out this device?"), tr("Sign out Vigie on this device?"), tr("Sign out"),
            tr("This is the session you are using now. You will need your password to sign in again."));
    } else {
        confirmed = Dialogs::confirm(
            this, tr("Sign out this session?"),
            tr("Sign out %1 (%2, %3)?").arg(client, place, qs(session->ipAddress)), tr("Sign out session"),
            tr("Whoever uses that session will have to sign in again with the password."));
    }
    if (confirmed)
        revokeNow(sessionId, client);
}

void SessionsWidget::revokeNow(const QString& sessionId, const QString& description)
{
    const quint64 generation = m_generation;
    vigie::client::GuardedAction action;
    action.start = [this, generation, sessionId, description]() -> vigie::client::ApiJob* {
        if (generation != m_generation || !m_account || !m_account->isSignedIn())
            return nullptr;
        beginAction();
        auto* job = m_account->revokeSession(sessionId);
        connect(job, &vigie::client::RevokeSessionJob::finished, this,
                [this, generation, description](const QString& id) {
                    if (generation != m_generation)
                        return; // that was this device: the window is back at the sign-in screen
                    m_model.removeSession(id);
                    setStatus(tr("Signed out %1.").arg(description));
                });
        return job;
    };
    action.askPassword = [this, description](std::function<void()> confirmed) {
        PasswordPromptDialog::ask(this, m_account,
                                  tr("For your security, enter the password of %1 again to sign out %2.")
                                      .arg(m_account->email(), description),
                                  std::move(confirmed));
    };
    action.failed = [this, generation, sessionId](const ApiError& error) {
        if (generation != m_generation)
            return;
        if (error.isNotFound()) {
            m_model.removeSession(sessionId);
            setStatus(tr("That session had already ended."));
            refresh();
            return;
        }
        showActionError(error);
    };
    action.done = [this, generation] {
        if (generation == m_generation)
            endAction();
    };
    action.run(this);
}

void SessionsWidget::beginAction()
{
    ++m_pendingActions;
    setBusy(true);
    updateCounts();
    updateDetails();
}

void SessionsWidget::endAction()
{
    --m_pendingActions;
    setBusy(false);
    updateCounts();
    updateDetails();
}

void SessionsWidget::requestRevokeOthers()
{
    if (!m_account || m_pendingActions > 0)
        return;
    const int others = m_model.otherSessionCount();
    if (others == 0)
        return;
    if (Dialogs::confirm(
            this, tr("Sign out all other sessions?"),
            resolvePlural(tr("Sign out %n other session(s)?", nullptr, others), others),
            tr("Sign out others"),
            tr("Only this device will stay signed in. Whoever uses the other sessions will have to sign in "
               "again with the password.")))
        revokeOthersNow();
}

void SessionsWidget::revokeOthersNow()
{
    const quint64 generation = m_generation;
    vigie::client::GuardedAction action;
    action.start = [this, generation]() -> vigie::client::ApiJob* {
        if (generation != m_generation || !m_account || !m_account->isSignedIn())
            return nullptr;
        beginAction();
        auto* job = m_account->revokeAllOtherSessions();
        connect(job, &vigie::client::RevokeOtherSessionsJob::finished, this, [this, generation](int count) {
            if (generation != m_generation)
                return;
            setStatus(resolvePlural(tr("Signed out %n other session(s).", nullptr, count), count));
            refresh();
        });
        return job;
    };
    action.askPassword = [this](std::function<void()> confirmed) {
        PasswordPromptDialog::ask(
            this, m_account,
            tr("For your security, enter the password of %1 again to sign out all other sessions.")
                .arg(m_account->email()),
            std::move(confirmed));
    };
    action.failed = [this, generation](const ApiError& error) {
        if (generation == m_generation)
            showActionError(error);
    };
    action.done = [this, generation] {
        if (generation == m_generation)
            endAction();
    };
    action.run(this);
}

void SessionsWidget::showActionError(const ApiError& error)
{
    if (error.isSignedOut() || error.kind == ApiError::Kind::Cancelled)
        return;
    setStatus(QString());
    m_ui->errorBanner->showMessage(MessageBanner::Kind::Error, error.message);
}

} // namespace vigie::widgets
