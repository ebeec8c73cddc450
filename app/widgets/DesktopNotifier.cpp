#include "widgets/DesktopNotifier.h"

#include <QCoreApplication>
#include <QGuiApplication>
#include <QSystemTrayIcon>

#ifdef VIGIE_HAVE_DBUS
#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QDBusReply>
#endif

namespace vigie::widgets {

using vigie::client::Alert;

namespace {

#ifdef VIGIE_HAVE_DBUS
const QString kService = QStringLiteral("org.freedesktop.Notifications");
const QString kPath = QStringLiteral("/org/freedesktop/Notifications");
const QString kInterface = QStringLiteral("org.freedesktop.Notifications");
#endif

} // namespace

DesktopNotifier::DesktopNotifier(QObject* parent) : QObject(parent) {}

DesktopNotifier::~DesktopNotifier() = default;

void DesktopNotifier::setTrayIcon(QSystemTrayIcon* tray)
{
    if (m_tray)
        m_tray->disconnect(this);
    m_tray = tray;
    if (!tray)
        return;
    connect(tray, &QSystemTrayIcon::messageClicked, this, [this] {
        if (!m_lastTrayAlert.eventId.isEmpty())
            Q_EMIT actionInvoked(m_lastTrayAlert, QString::fromLatin1(kActionOpen));
    });
}

bool DesktopNotifier::hasFreedesktopService() const
{
#ifdef VIGIE_HAVE_DBUS
    const QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected() || !bus.interface())
        return false;
    // Registered now, or started on demand by the bus (most desktops).
    if (bus.interface()->isServiceRegistered(kService).value())
        return true;
    const QDBusReply<QStringList> activatable = bus.interface()->activatableServiceNames();
    return activatable.isValid() && activatable.value().contains(kService);
#else
    return false;
#endif
}

DesktopNotifier::Backend DesktopNotifier::backend() const
{
    if (hasFreedesktopService())
        return Backend::Freedesktop;
    if (m_tray && m_tray->isVisible() && QSystemTrayIcon::supportsMessages())
        return Backend::Tray;
    return Backend::WindowOnly;
}

QString DesktopNotifier::limitationMessage() const
{
    if (backend() != Backend::WindowOnly)
        return {};
    return tr("This desktop has no notification service or system tray, so Vigie shows alerts about your "
              "account here, in its window, only while the window is open.");
}

void DesktopNotifier::notify(const Alert& alert)
{
    switch (backend()) {
    case Backend::Freedesktop:
        notifyFreedesktop(alert);
        return;
    case Backend::Tray:
        m_lastTrayAlert = alert;
        m_tray->showMessage(alert.title, alert.body,
                            alert.kind == Alert::Kind::NewSignIn ? QSystemTrayIcon::Warning
                                                                 : QSystemTrayIcon::Information);
        if (alert.offersRevoke())
            Q_EMIT bannerRequested(alert);
        return;
    case Backend::WindowOnly:
        Q_EMIT bannerRequested(alert);
        return;
    }
}

void DesktopNotifier::notifyFreedesktop(const Alert& alert)
{
#ifdef VIGIE_HAVE_DBUS
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!m_serviceConnected) {
        m_serviceConnected = true;
        bus.connect(kService, kPath, kInterface, QStringLiteral("ActionInvoked"), this,
                    SLOT(onActionInvoked(uint, QString)));
        bus.connect(kService, kPath, kInterface, QStringLiteral("NotificationClosed"), this,
                    SLOT(onClosed(uint, uint)));
    }
    QStringList actions{QString::fromLatin1(kActionOpen), tr("Open Vigie")};
    if (alert.offersRevoke())
        actions << QString::fromLatin1(kActionItWasMe) << tr("It was me") << QString::fromLatin1(kActionNotMe)
                << tr("Not me – sign it out");
    QVariantMap hints;
    hints.insert(QStringLiteral("desktop-entry"), QStringLiteral("org.vigie.Vigie"));
    // 1 normal, 2 critical: a sign-in elsewhere stays until the user answers it.
    hints.insert(QStringLiteral("urgency"), QVariant::fromValue(uchar(alert.offersRevoke() ? 2 : 1)));
    hints.insert(QStringLiteral("category"), QStringLiteral("network"));
    QDBusMessage call = QDBusMessage::createMethodCall(kService, kPath, kInterface, QStringLiteral("Notify"));
    // The body is plain text; servers that read markup get it escaped.
    call << QCoreApplication::applicationName() << uint(0) << QStringLiteral("org.vigie.Vigie") << alert.title
         << alert.body.toHtmlEscaped() << actions << hints << int(-1);
    auto* watcher = new QDBusPendingCallWatcher(bus.asyncCall(call), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [this, watcher, alert] {
        watcher->deleteLater();
        const QDBusPendingReply<uint> reply = *watcher;
        if (reply.isError()) {
            // The service went away: the window's banner says it instead.
            Q_EMIT bannerRequested(alert);
            return;
        }
        m_shown.insert(reply.value(), alert);
    });
#else
    Q_EMIT bannerRequested(alert);
#endif
}

void DesktopNotifier::onActionInvoked(uint id, const QString& action)
{
    const auto it = m_shown.constFind(id);
    if (it == m_shown.constEnd())
        return; // another application's notification
    const Alert alert = it.value();
    Q_EMIT actionInvoked(alert, action);
}

void DesktopNotifier::onClosed(uint id, uint)
{
    m_shown.remove(id);
}

} // namespace vigie::widgets
