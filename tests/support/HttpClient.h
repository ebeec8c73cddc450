#pragma once

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QNetworkAccessManager>
#include <QPair>
#include <QUrl>

// What a sign-in answered: its tokens and session (empty when it failed).
struct SignedIn
{
    QString access;
    QString refresh;
    QString sessionId;
};

struct HttpReply
{
    int status = 0; // 0: no HTTP answer (connection failed)
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;

    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    QString error() const { return json().value("error").toString(); }
    QByteArray header(const QByteArray& name) const;
};

// A blocking HTTP client for tests: each call runs its own event loop until the reply ends.
class HttpClient
{
public:
    explicit HttpClient(QUrl base) : m_base(std::move(base)) {}

    using Headers = QList<QPair<QByteArray, QByteArray>>;

    HttpReply send(const QByteArray& method, const QString& path, const QByteArray& body = {},
                   const Headers& headers = {});
    HttpReply get(const QString& path, const QString& token = {});
    HttpReply post(const QString& path, const QJsonObject& body, const QString& token = {},
                   const Headers& headers = {});
    HttpReply del(const QString& path, const QString& token = {}, const QByteArray& body = {});

    // POST /api/auth/login; the reply's JSON holds the tokens.
    HttpReply login(const QString& email, const QString& password, const Headers& headers = {});
    // login(), reduced to its tokens and session.
    SignedIn signIn(const QString& email, const QString& password);

    // Sends raw bytes over a fresh TCP connection and returns what came back; closeWrite
    // half-closes the connection after sending, like a client that gives up on its upload.
    QByteArray raw(const QByteArray& request, int timeoutMs = 10000, bool closeWrite = false);

    QUrl base() const { return m_base; }

private:
    QUrl m_base;
    QNetworkAccessManager m_nam;
};

// An HS256 JWT over arbitrary header and claims, for forging tokens in security tests.
QString makeJwt(const QJsonObject& header, const QJsonObject& claims, const QByteArray& key);
