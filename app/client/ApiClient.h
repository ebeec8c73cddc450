#pragma once

#include <QNetworkAccessManager>
#include <QNetworkRequest>
#include <QPointer>
#include <QString>
#include <QUrl>
#include <QUrlQuery>
#include <chrono>

namespace vigie::client {

// Where and how to reach one Vigie server: the one injected QNetworkAccessManager, the server's
// base URL, the User-Agent and the timeout. A small value that every job copies, so a job never
// outlives the settings it was started with. The network manager must outlive the jobs.
class ApiClient
{
public:
    static constexpr std::chrono::milliseconds kDefaultTimeout{15000};

    ApiClient() = default;
    ApiClient(QNetworkAccessManager* network, QUrl serverUrl);

    QNetworkAccessManager* network() const { return m_network; }
    QUrl serverUrl() const { return m_serverUrl; }
    bool isValid() const { return m_network && m_serverUrl.isValid(); }

    std::chrono::milliseconds timeout() const { return m_timeout; }
    void setTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }

    QString userAgent() const { return m_userAgent; }
    void setUserAgent(const QString& userAgent) { m_userAgent = userAgent; }

    // serverUrl's path + path ("/api/users/me"), with the query.
    QUrl url(const QString& path, const QUrlQuery& query = {}) const;
    // A request with the User-Agent, JSON Accept header, the interface language as
    // Accept-Language, same-origin redirects only and no cache.
    QNetworkRequest request(const QString& path, const QUrlQuery& query = {}) const;

    // The language of the translation in use ("fr"), "en" without one: a v1.1 server names
    // places in it (API.md, "Places in the reader's language").
    static QString interfaceLanguage();
    // "fr, en;q=0.5": the interface language first, English (which every server has) after.
    static QByteArray acceptLanguage();

private:
    QPointer<QNetworkAccessManager> m_network;
    QUrl m_serverUrl;
    QString m_userAgent;
    std::chrono::milliseconds m_timeout = kDefaultTimeout;
};

} // namespace vigie::client
