#pragma once

#include "core/ApiTypes.h"

#include <QTableView>
#include <optional>

namespace vigie::client {
class SessionListModel;
}

namespace vigie::widgets {

class SessionTableProxyModel;

// A table of sessions (one's own, or a user's for support staff): one row per session,
// whole-row single selection, sortable with the current session always first, the "This
// device" badge, and the owner's actions (QWidget::addAction) in its context menu.
class SessionTableView : public QTableView
{
    Q_OBJECT

public:
    explicit SessionTableView(QWidget* parent = nullptr);

    void setSessionModel(vigie::client::SessionListModel* model);
    vigie::client::SessionListModel* sessionModel() const { return m_sessions; }
    SessionTableProxyModel* proxyModel() const { return m_proxy; }

    // The selected session's id, or an empty string.
    QString selectedSessionId() const;
    std::optional<vigie::Session> selectedSession() const;
    // Selects (and scrolls to) that session; false when it is not shown.
    bool selectSession(const QString& sessionId);
    // Sizes the columns to their contents once, after the first rows arrive.
    void fitColumns();

Q_SIGNALS:
    // The selected session changed (an empty id when nothing is selected).
    void selectedSessionChanged(const QString& sessionId);

private:
    vigie::client::SessionListModel* m_sessions = nullptr;
    SessionTableProxyModel* m_proxy = nullptr;
    QString m_lastSelected;
};

} // namespace vigie::widgets
