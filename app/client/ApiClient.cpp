#include "client/ApiClient.h"

#include "client/UserAgent.h"

#include <QNetworkAccessManager>

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
    // Credentials must never follow a redirect to another origin.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::SameOriginRedirectPolicy);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    request.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
    request.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
    return request;
}

} // namespace vigie::client
