#pragma once

#include <QString>
#include <QVariant>

namespace vigie::client {

// Every value the app keeps between runs, by a typed key instead of a string spelled out at
// each use (KeePassXC's Config::ConfigKey is the model). The stored names stay those of earlier
// versions, so nobody's remembered sign-in is lost.
class Settings
{
public:
    enum class Key {
        LastServer,             // the server of the last sign-in
        LastEmail,              // the email of the last sign-in
        KeepSignedIn,           // a refresh token of LastServer/LastEmail is in the keychain
        KeepSignedInChoice,     // "Keep me signed in" as the user last left it
        InsecureAllowedOrigins, // http:// servers the user allowed, as origins
        SupportSignOutsSeen,    // per user id: the time of the newest support sign-out they saw
        TrayExplained,          // the user was told once that closing the window keeps watching
        AlertsLimitExplained,   // the user was told once that alerts can only show in the window
    };

    // scope is the user id (or other qualifier) of the keys that have one.
    static QVariant value(Key key, const QString& scope = {});
    static void setValue(Key key, const QVariant& value, const QString& scope = {});
    static void remove(Key key, const QString& scope = {});
    // The QSettings name of a key: for tests that stage what an earlier run left.
    static QString name(Key key, const QString& scope = {});
};

} // namespace vigie::client
