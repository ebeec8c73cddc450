#include "client/Settings.h"

#include <QSettings>

namespace vigie::client {

namespace {

struct KeyInfo
{
    const char* name;
    QVariant defaultValue;
    bool scoped = false;
};

KeyInfo info(Settings::Key key)
{
    switch (key) {
    case Settings::Key::LastServer:
        return {"account/server", QString()};
    case Settings::Key::LastEmail:
        return {"account/email", QString()};
    case Settings::Key::KeepSignedIn:
        return {"account/keepSignedIn", false};
    case Settings::Key::KeepSignedInChoice:
        return {"account/keepSignedInChoice", false};
    case Settings::Key::InsecureAllowedOrigins:
        return {"security/insecureHttpAllowed", QStringList()};
    case Settings::Key::SupportSignOutsSeen:
        return {"notices/supportSignOutsSeen", QVariant(), true};
    case Settings::Key::TrayExplained:
        return {"notices/trayExplained", false};
    case Settings::Key::AlertsLimitExplained:
        return {"notices/alertsLimitExplained", false};
    }
    Q_UNREACHABLE();
}

} // namespace

QString Settings::name(Key key, const QString& scope)
{
    const KeyInfo k = info(key);
    const QString base = QString::fromLatin1(k.name);
    return k.scoped ? base + QLatin1Char('/') + scope : base;
}

QVariant Settings::value(Key key, const QString& scope)
{
    return QSettings().value(name(key, scope), info(key).defaultValue);
}

void Settings::setValue(Key key, const QVariant& value, const QString& scope)
{
    QSettings().setValue(name(key, scope), value);
}

void Settings::remove(Key key, const QString& scope)
{
    QSettings().remove(name(key, scope));
}

} // namespace vigie::client
