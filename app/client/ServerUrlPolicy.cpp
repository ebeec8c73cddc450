#include "client/ServerUrlPolicy.h"

#include "client/Settings.h"

#include <QHostAddress>

namespace vigie::client {

namespace {

QString originOf(const QUrl& url)
{
    return url.adjusted(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment | QUrl::RemoveUserInfo)
        .toString(QUrl::FullyEncoded);
}

} // namespace

bool ServerUrlPolicy::isLoopbackHost(const QString& host)
{
    const QString h = host.toLower();
    if (h == QLatin1String("localhost") || h.endsWith(QLatin1String(".localhost")))
        return true;
    QHostAddress address;
    return address.setAddress(h) && address.isLoopback();
}

ServerUrlPolicy::Check ServerUrlPolicy::check(const QString& text, bool allowInsecure)
{
    Check out;
    QString input = text.trimmed();
    if (input.isEmpty()) {
        out.status = Status::Empty;
        out.message = tr("Enter the address of your Vigie server.");
        return out;
    }
    if (!input.contains(QLatin1String("://"))) {
        const QUrl probe(QStringLiteral("http://") + input, QUrl::StrictMode);
        input.prepend(probe.isValid() && isLoopbackHost(probe.host()) ? QStringLiteral("http://")
                                                                      : QStringLiteral("https://"));
    }
    QUrl url(input, QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || url.host().isEmpty() ||
        (scheme != QLatin1String("http") && scheme != QLatin1String("https")) || !url.userInfo().isEmpty() ||
        url.hasQuery() || url.hasFragment()) {
        out.status = Status::Invalid;
        out.message = tr("“%1” is not a valid server address. Use the form https://vigie.example.com.")
                          .arg(text.trimmed());
        return out;
    }
    url.setScheme(scheme);
    url.setHost(url.host().toLower());
    QString path = url.path();
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    url.setPath(path);
    if ((scheme == QLatin1String("http") && url.port() == 80) ||
        (scheme == QLatin1String("https") && url.port() == 443))
        url.setPort(-1);
    out.url = url;

    if (scheme == QLatin1String("http") && !isLoopbackHost(url.host()) && !allowInsecure) {
        out.status = Status::InsecureNotAllowed;
        out.message =
            tr("“%1” uses plain http://, so your password and session would travel unencrypted. Use "
               "https://, or allow plain http:// for this server if you trust the network.")
                .arg(url.host());
        return out;
    }
    out.status = Status::Ok;
    return out;
}

ServerUrlPolicy::Check ServerUrlPolicy::checkWithSavedChoice(const QString& text)
{
    Check first = check(text, false);
    if (first.status != Status::InsecureNotAllowed || !isInsecureAllowed(first.url))
        return first;
    return check(text, true);
}

bool ServerUrlPolicy::isInsecureAllowed(const QUrl& server)
{
    return Settings::value(Settings::Key::InsecureAllowedOrigins).toStringList().contains(originOf(server));
}

void ServerUrlPolicy::setInsecureAllowed(const QUrl& server, bool allowed)
{
    QStringList origins = Settings::value(Settings::Key::InsecureAllowedOrigins).toStringList();
    const QString origin = originOf(server);
    origins.removeAll(origin);
    if (allowed)
        origins.append(origin);
    Settings::setValue(Settings::Key::InsecureAllowedOrigins, origins);
}

} // namespace vigie::client
