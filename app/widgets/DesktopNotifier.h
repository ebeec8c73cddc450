#pragma once

#include "client/AccountAlerts.h"

#include <QHash>
#include <QObject>
#include <QPointer>

class QSystemTrayIcon;

namespace vigie::widgets {

// Shows account alerts outside the window, with the best means the desktop has:
// - on Linux, the freedesktop notification service over D-Bus (org.freedesktop.Notifications
//   Notify, with the actions "It was me" and "Not me – sign it out"; ActionInvoked answers);
// - elsewhere, or without that service, the tray icon's balloon (no actions: clicking it opens
//   the window, whose banner has them);
// - with neither, nothing outside: the window's banner alone (banner() says so).
// Every alert also asks for the window's banner (bannerRequested) when the means used cannot
// offer its actions, so that "Not me" is always one click away.
class DesktopNotifier : public QObject
{
    Q_OBJECT

public:
    enum class Backend { Freedesktop, Tray, WindowOnly };
    Q_ENUM(Backend)

    // The action keys sent to the notification service and back in actionInvoked().
    static constexpr char kActionItWasMe[] = "it-was-me";
    static constexpr char kActionNotMe[] = "not-me";
    static constexpr char kActionOpen[] = "default";

    explicit DesktopNotifier(QObject* parent = nullptr);
    ~DesktopNotifier() override;

    // The tray icon to fall back on; may be null or change (the notifier does not own it).
    void setTrayIcon(QSystemTrayIcon* tray);
    // Which means notify() uses now.
    Backend backend() const;
    // One sentence for the user when notifications cannot leave the window, else empty.
    QString limitationMessage() const;

    void notify(const vigie::client::Alert& alert);

Q_SIGNALS:
    // action: kActionItWasMe, kActionNotMe or kActionOpen.
    void actionInvoked(const vigie::client::Alert& alert, const QString& action);
    // Show this alert in the window (the means used has no buttons).
    void bannerRequested(const vigie::client::Alert& alert);

private Q_SLOTS:
    // From the notification service's signals (connected by name over D-Bus).
    void onActionInvoked(uint id, const QString& action);
    void onClosed(uint id, uint reason);

private:
    bool hasFreedesktopService() const;
    void notifyFreedesktop(const vigie::client::Alert& alert);

    QPointer<QSystemTrayIcon> m_tray;
    QHash<uint, vigie::client::Alert> m_shown; // notification id → alert, until closed
    vigie::client::Alert m_lastTrayAlert;
    bool m_serviceConnected = false;
};

} // namespace vigie::widgets
