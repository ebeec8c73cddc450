#pragma once

#include "client/AccountAlerts.h"
#include "client/SessionListModel.h"

#include <QDateTime>
#include <QPointer>
#include <QScopedPointer>
#include <QSet>
#include <QTimer>
#include <QWidget>

class QAction;

namespace Ui {
class SessionsWidget;
}

namespace vigie::client {
class AccountSession;
class GetSessionsJob;
class OwnAuditJob;
struct ApiError;
} // namespace vigie::client

namespace vigie::widgets {

class ListDetailsSplit;

// The signed-in user's sessions: the table (this device first, with its badge), the details of
// the selected one, revoking one (button, context menu or Delete) or all the others, each
// after a confirmation and, when the server asks for it, the password. The list refreshes on
// demand (F5) and every 30 s while the window is visible (against a v1 server; a v1.1 server's
// event stream updates it live instead); when the server cannot be reached
// the last list stays, marked out of date, under a banner with Retry. When sessions have been
// signed out by support since the user last looked, a banner says so, when and why.
class SessionsWidget : public QWidget
{
    Q_OBJECT

public:
    static constexpr int kDefaultRefreshIntervalMs = 30000;

    explicit SessionsWidget(QWidget* parent = nullptr);
    ~SessionsWidget() override;

    void setAccount(vigie::client::AccountSession* account);
    // Called once signed in: loads the list and starts the periodic refresh.
    void activate();
    // Called once signed out: forgets everything shown.
    void deactivate();

    void setAutoRefreshInterval(int milliseconds);
    // With live updates (the account's event stream is open) the list is not polled: the
    // timer only moves the relative times on. Without them (a v1 server) it polls as before.
    void setLiveUpdates(bool live);
    bool hasLiveUpdates() const { return m_live; }
    // An event from the stream: a sign-in adds its row, a sign-out removes it, anything else
    // about sessions reads the list again.
    void applyEvent(const vigie::AccountEvent& event);
    // Shows an alert in the window, with "It was me" / "Not me – sign it out" for a sign-in.
    void showAlert(const vigie::client::Alert& alert);
    QString alertText() const;

    bool isLoading() const { return !m_loadJob.isNull(); }
    bool isCheckingSupportNotices() const { return !m_noticeJob.isNull(); }
    bool isStale() const { return m_stale; }
    QDateTime lastUpdated() const { return m_lastUpdated; }
    vigie::client::SessionListModel* model() { return &m_model; }

    // Text shown for tests and the status bar.
    QString statusText() const;
    // The support sign-out notice, empty when none is shown.
    QString supportNoticeText() const;

public Q_SLOTS:
    void refresh();
    // Asks for confirmation, then revokes that session (this device: signs out).
    void requestRevoke(const QString& sessionId);
    void requestRevokeSelected();
    void requestRevokeOthers();
    // Opens the rename dialog for that session (F2, the details pane's Rename…).
    void requestRename(const QString& sessionId);
    // Shows or hides what the server offers (API v1.1 session names) after its version is known.
    void updateFeatures();
    // A sentence under the list ("Signed out …"), for flows that act on the list.
    void showStatus(const QString& text);

Q_SIGNALS:
    // The user asked to see the account's activity (from the support notice).
    void activityRequested();
    // "Not me…" on a row or in the details pane.
    void notMeRequested(const QString& sessionId);

private:
    void onLoaded(const vigie::client::SessionList& list);
    void onLoadFailed(const vigie::client::ApiError& error);
    void revokeNow(const QString& sessionId, const QString& description);
    void revokeOthersNow();
    void beginAction();
    void applyFilter(const QString& text);
    void endAction();
    void showActionError(const vigie::client::ApiError& error);
    void setStatus(const QString& text);
    void setBusy(bool busy);
    void setStale(bool stale);
    void updateCounts();
    void updateDetails();
    void updateUpdatedLabel();
    void onTimer();
    void checkSupportSignOuts();
    void onAlertRevoke();
    void acknowledgeSupportSignOuts();

    const QScopedPointer<::Ui::SessionsWidget> m_ui;
    QPointer<vigie::client::AccountSession> m_account;
    vigie::client::SessionListModel m_model;
    QPointer<vigie::client::GetSessionsJob> m_loadJob;
    QPointer<vigie::client::OwnAuditJob> m_noticeJob;
    // The sessions of the last list, to notice ones that ended without this window doing it.
    QSet<QString> m_listedIds;
    QString m_filterSelection; // the session picked before the filter hid it
    QDateTime m_latestNotice;  // newest support sign-out in the notice shown
    QTimer m_autoRefresh;
    QDateTime m_lastUpdated;
    ListDetailsSplit* m_split;
    QAction* m_revokeAction;
    QAction* m_copyAction;
    QAction* m_renameAction;
    QAction* m_notMeAction;
    int m_pendingActions = 0;
    // Bumped when signed out, so that late answers to earlier calls are ignored.
    quint64 m_generation = 0;
    bool m_loadedOnce = false;
    bool m_stale = false;
    bool m_live = false;
    QString m_alertSessionId; // the session the alert banner offers to sign out
};

} // namespace vigie::widgets
