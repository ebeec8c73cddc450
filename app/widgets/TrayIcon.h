#pragma once

#include <QObject>
#include <QString>

class QAction;
class QMenu;
class QSystemTrayIcon;

namespace vigie::widgets {

// Starting Vigie when the user logs in: on Linux an XDG autostart entry
// ($XDG_CONFIG_HOME/autostart/org.vigie.Vigie.desktop, ~/.config when unset) that starts it in
// the tray; elsewhere not offered.
class Autostart
{
public:
    static bool isSupported();
    static QString entryPath();
    static bool isEnabled();
    // False (with the reason in *error) when the entry could not be written or removed.
    static bool setEnabled(bool enabled, QString* error = nullptr);
};

// The tray icon that keeps Vigie watching with its window closed, and its menu: Open Vigie, a
// status line ("Watching demo@vigie.test"), Start at login, Quit.
class TrayIcon : public QObject
{
    Q_OBJECT

public:
    explicit TrayIcon(QObject* parent = nullptr);
    ~TrayIcon() override;

    // Whether the desktop shows tray icons at all.
    static bool isAvailable();

    QSystemTrayIcon* icon() const { return m_icon; }
    QMenu* menu() const { return m_menu; }
    // Shows the icon when the desktop has a tray; false when it has none.
    bool show();
    bool isVisible() const;

    // The status line: the signed-in email, or empty when signed out.
    void setWatching(const QString& email);
    QString statusText() const;

Q_SIGNALS:
    void openRequested();
    void quitRequested();

private:
    QSystemTrayIcon* m_icon;
    QMenu* m_menu;
    QAction* m_status;
    QAction* m_startAtLogin;
};

} // namespace vigie::widgets
