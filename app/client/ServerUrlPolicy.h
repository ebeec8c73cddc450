#pragma once

#include <QCoreApplication>
#include <QString>
#include <QUrl>

namespace vigie::client {

// Which server addresses the app will send a password to. Plain http:// is only for this
// computer (loopback) unless the user explicitly allowed it for that one server; the choice is
// remembered in QSettings (per origin, never with any credential).
class ServerUrlPolicy
{
    Q_DECLARE_TR_FUNCTIONS(ServerUrlPolicy)

public:
    enum class Status {
        Ok,
        Empty,
        Invalid,           // not an http(s) URL with a host
        InsecureNotAllowed // http:// to a non-loopback host, not allowed for this server
    };

    struct Check
    {
        Status status = Status::Invalid;
        QUrl url;        // normalised: scheme and host lower case, no trailing slash, no query
        QString message; // empty when Ok; one translated sentence otherwise

        bool isOk() const { return status == Status::Ok; }
    };

    // Validates what the user typed. Without a scheme, loopback hosts get http:// and every
    // other host https://. allowInsecure lets plain http:// through for any host.
    static Check check(const QString& text, bool allowInsecure = false);
    // check() with the user's remembered choice for that server.
    static Check checkWithSavedChoice(const QString& text);

    static bool isLoopbackHost(const QString& host);
    static bool isInsecureAllowed(const QUrl& server);
    static void setInsecureAllowed(const QUrl& server, bool allowed);
};

} // namespace vigie::client
