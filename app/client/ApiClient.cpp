#include "client/ApiClient.h"

#include "client/UserAgent.h"

#include <QCoreApplication>
#include <QNetworkAccessManager>
#include <QRegularExpression>

namespace vigie::client {

ApiClient::ApiClient(QNetworkAccessManager* network, QUrl serverUrl)
    : m_network(network), m_serverUrl(std::move(serverUrl)), m_userAgent(vigieUserAgent())
{}

QUrl ApiClient::url(const QString& path, const QUrlQuery& query) const
{
    QUrl out = m_serverUrl;
    QString base = out.path();
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    out.setPath(base + path);
    out.setQuery(query);
    return out;
}

QNetworkRequest ApiClient::request(const QString& path, const QUrlQuery& query) const
{
    QNetworkRequest request(url(path, query));
    request.setHeader(QNetworkRequest::UserAgentHeader, m_userAgent);
    request.setRawHeader("Accept", "application/json");
    request.setRawHeader("Accept-Language", acceptLanguage());
    // Credentials must never follow a redirect to another origin.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::SameOriginRedirectPolicy);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    request.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
    request.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
    return request;
}

QString ApiClient::interfaceLanguage()
{
    // Asked of the installed translation itself, so that it is always the language the user
    // reads, whatever the system locale says.
    const QString code = QCoreApplication::translate(
        "vigie::client::ApiClient", "en",
        "The language code (BCP 47) of this translation, such as fr or pt-BR: the server names places "
        "in it.");
    static const QRegularExpression tag(QStringLiteral("^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$"));
    return tag.match(code).hasMatch() ? code : QStringLiteral("en");
}

QByteArray ApiClient::acceptLanguage()
{
    const QString language = interfaceLanguage();
    if (language.compare(QLatin1String("en"), Qt::CaseInsensitive) == 0)
        return QByteArrayLiteral("en");
    return language.toLatin1() + ", en;q=0.5";
}

} // namespace vigie::client
