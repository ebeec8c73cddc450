#pragma once

#include "core/ApiTypes.h"

#include <QScopedPointer>
#include <QWidget>
#include <optional>

namespace Ui {
class SessionDetailsWidget;
}

namespace vigie::widgets {

// Every field of one session, the raw User-Agent, a Copy button and the Revoke button (whose
// owner decides what revoking means: one's own session, or a user's for support staff).
class SessionDetailsWidget : public QWidget
{
    Q_OBJECT

public:
    explicit SessionDetailsWidget(QWidget* parent = nullptr);
    ~SessionDetailsWidget() override;

    // Shows a session, or the "select a session" hint for std::nullopt.
    void setSession(const std::optional<vigie::Session>& session);
    std::optional<vigie::Session> session() const { return m_session; }
    QString sessionId() const;

    void setRevokeVisible(bool visible);
    void setRevokeEnabled(bool enabled);
    // Rename… (API v1.1 servers) and Not me… (other sessions only): the user's own list.
    void setRenameVisible(bool visible);
    void setNotMeVisible(bool visible);
    // Updates "Active now" / "5 minutes ago" as time goes by.
    void refreshTimes();

    // The height that shows every field without scrolling, for the splitter holding the pane.
    int preferredHeight() const;

    // What Copy puts on the clipboard: one "Field: value" line each.
    QString detailsText() const;
    void copyToClipboard() const;

Q_SIGNALS:
    void revokeRequested(const QString& sessionId);
    void renameRequested(const QString& sessionId);
    void notMeRequested(const QString& sessionId);

protected:
    void changeEvent(QEvent* event) override;

private:
    void updateIcon();

    const QScopedPointer<::Ui::SessionDetailsWidget> m_ui;
    void updateOwnerButtons();

    std::optional<vigie::Session> m_session;
    bool m_renameVisible = false;
    bool m_notMeVisible = false;
};

} // namespace vigie::widgets
