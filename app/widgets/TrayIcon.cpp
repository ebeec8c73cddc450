#include "widgets/TrayIcon.h"

#include "widgets/Dialogs.h"
#include "widgets/Icons.h"

#include <QAction>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QMenu>
#include <QSaveFile>
#include <QStandardPaths>
#include <QSystemTrayIcon>

namespace vigie::widgets {

bool Autostart::isSupported()
{
#if defined(Q_OS_LINUX) || defined(Q_OS_FREEBSD)
    return true;
#else
    return false;
#endif
}

QString Autostart::entryPath()
{
    QString config = qEnvironmentVariable("XDG_CONFIG_HOME");
    if (config.isEmpty() || !QDir::isAbsolutePath(config))
        config = QDir::homePath() + QStringLiteral("/.config");
    return config + QStringLiteral("/autostart/org.vigie.Vigie.desktop");
}

bool Autostart::isEnabled()
{
    return isSupported() && QFile::exists(entryPath());
}

bool Autostart::setEnabled(bool enabled, QString* error)
{
    const QString path = entryPath();
    if (!enabled) {
        if (!QFile::exists(path) || QFile::remove(path))
            return true;
        if (error)
            *error = QCoreApplication::translate("vigie::widgets::TrayIcon", "Cannot remove %1.").arg(path);
        return false;
    }
    QDir().mkpath(QFileInfo(path).absolutePath());
    QSaveFile file(path);
    // Exec needs the program quoted as the Desktop Entry spec says; --background starts in the tray.
    QString program = QCoreApplication::applicationFilePath();
    program.replace(QLatin1Char('\\'), QLatin1String("\\\\"))
        .replace(QLatin1Char('"'), QLatin1String("\\\""));
    const QByteArray entry = "[Desktop Entry]\n"
                             "Type=Application\n"
                             "Name=Vigie\n"
                             "Comment=Watch where your account is signed in\n"
                             "Exec=\"" +
                             program.toUtf8() +
                             "\" --background\n"
                             "Icon=org.vigie.Vigie\n"
                             "Terminal=false\n"
                             "X-GNOME-Autostart-enabled=true\n";
    if (file.open(QIODevice::WriteOnly) && file.write(entry) == entry.size() && file.commit())
        return true;
    if (error)
        *error = QCoreApplication::translate("vigie::widgets::TrayIcon", "Cannot write %1: %2")
                     .arg(path, file.errorString());
    return false;
}

TrayIcon::TrayIcon(QObject* parent)
    : QObject(parent), m_icon(new QSystemTrayIcon(Icons::appIcon(), this)), m_menu(new QMenu),
      m_status(new QAction(this)), m_startAtLogin(new QAction(this))
{
    m_menu->setObjectName(QStringLiteral("trayMenu"));
    m_menu->setAccessibleName(tr("Vigie"));
    QAction* open = m_menu->addAction(tr("&Open Vigie"));
    open->setObjectName(QStringLiteral("trayOpenAction"));
    connect(open, &QAction::triggered, this, &TrayIcon::openRequested);
    m_status->setObjectName(QStringLiteral("trayStatusAction"));
    m_status->setEnabled(false); // a line to read, not a command
    m_menu->addAction(m_status);
    m_menu->addSeparator();
    m_startAtLogin->setObjectName(QStringLiteral("trayStartAtLoginAction"));
    m_startAtLogin->setText(tr("&Start at login"));
    m_startAtLogin->setCheckable(true);
    m_startAtLogin->setVisible(Autostart::isSupported());
    m_startAtLogin->setChecked(Autostart::isEnabled());
    connect(m_startAtLogin, &QAction::toggled, this, [this](bool enabled) {
        QString error;
        if (!Autostart::setEnabled(enabled, &error)) {
            const QSignalBlocker blocker(m_startAtLogin);
            m_startAtLogin->setChecked(!enabled);
            Dialogs::warning(nullptr, tr("Start at login"), error);
        }
    });
    m_menu->addAction(m_startAtLogin);
    m_menu->addSeparator();
    QAction* quit = m_menu->addAction(tr("&Quit Vigie"));
    quit->setObjectName(QStringLiteral("trayQuitAction"));
    connect(quit, &QAction::triggered, this, &TrayIcon::quitRequested);
    m_icon->setContextMenu(m_menu);
    connect(m_icon, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason reason) {
        if (reason == QSystemTrayIcon::Trigger || reason == QSystemTrayIcon::DoubleClick)
            Q_EMIT openRequested();
    });
    setWatching({});
}

TrayIcon::~TrayIcon()
{
    delete m_menu;
}

bool TrayIcon::isAvailable()
{
    return QSystemTrayIcon::isSystemTrayAvailable();
}

bool TrayIcon::show()
{
    if (!isAvailable())
        return false;
    m_icon->show();
    return true;
}

bool TrayIcon::isVisible() const
{
    return m_icon->isVisible();
}

void TrayIcon::setWatching(const QString& email)
{
    m_status->setText(email.isEmpty() ? tr("Not signed in") : tr("Watching %1").arg(email));
    m_icon->setToolTip(email.isEmpty() ? tr("Vigie — not signed in") : tr("Vigie — watching %1").arg(email));
}

QString TrayIcon::statusText() const
{
    return m_status->text();
}

} // namespace vigie::widgets
