#include "HttpClient.h"

#include <QEventLoop>
#include <QMessageAuthenticationCode>
#include <QNetworkReply>
#include <QTcpSocket>
#include <QTimer>
#include <sys/socket.h>

QByteArray HttpReply::header(const QByteArray& name) const
{
    for (const auto& [key, value] : headers)
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    return {};
}

HttpReply HttpClient::send(const QByteArray& method, const QString& path, const QByteArray& body,
                           const Headers& headers)
{
    QUrl url = m_base;
    const int q = path.indexOf('?');
    url.setPath(q < 0 ? path : path.left(q));
    if (q >= 0)
        url.setQuery(path.mid(q + 1));
    QNetworkRequest request(url);
    request.setTransferTimeout(30000);
    if (!body.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
    for (const auto& [key, value] : headers)
        request.setRawHeader(key, value);
    QNetworkReply* reply = m_nam.sendCustomRequest(request, method, body);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    HttpReply out;
    out.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    out.body = reply->readAll();
    out.headers = reply->rawHeaderPairs();
    reply->deleteLater();
    return out;
}

HttpReply HttpClient::get(const QString& path, const QString& token)
{
    Headers h;
    if (!token.isEmpty())
        h.append({"Authorization", "Bearer " + token.toUtf8()});
    return send("GET", path, {}, h);
}

HttpReply HttpClient::post(const QString& path, const QJsonObject& body, const QString& token,
                           const Headers& headers)
{
    Headers h = headers;
    if (!token.isEmpty())
        h.append({"Authorization", "Bearer " + token.toUtf8()});
    return send("POST", path, QJsonDocument(body).toJson(QJsonDocument::Compact), h);
}

HttpReply HttpClient::del(const QString& path, const QString& token, const QByteArray& body)
{
    Headers h;
    if (!token.isEmpty())
        h.append({"Authorization", "Bearer " + token.toUtf8()});
    return send("DELETE", path, body, h);
}

HttpReply HttpClient::login(const QString& email, const QString& password, const Headers& headers)
{
    return post("/api/auth/login", QJsonObject{{"email", email}, {"password", password}}, {}, headers);
}

QByteArray HttpClient::raw(const QByteArray& request, int timeoutMs, bool closeWrite)
{
    QTcpSocket socket;
    socket.connectToHost(m_base.host(), quint16(m_base.port()));
    if (!socket.waitForConnected(timeoutMs))
        return {};
    socket.write(request);
    while (socket.bytesToWrite() > 0 && socket.waitForBytesWritten(timeoutMs)) {
    }
    if (closeWrite)
        ::shutdown(int(socket.socketDescriptor()), SHUT_WR);
    // A server may answer before the upload ends (a 413 at the limit): what arrived while
    // writing is already in the socket's buffer.
    QByteArray out;
    while (socket.bytesAvailable() > 0 || socket.waitForReadyRead(timeoutMs)) {
        out += socket.readAll();
        // One response is enough: stop at the end of its body when the length is known.
        const int headerEnd = out.indexOf("\r\n\r\n");
        if (headerEnd >= 0) {
            const int cl = out.toLower().indexOf("content-length:");
            if (cl >= 0 && cl < headerEnd) {
                const int eol = out.indexOf("\r\n", cl);
                const int length = out.mid(cl + 15, eol - cl - 15).trimmed().toInt();
                if (out.size() >= headerEnd + 4 + length)
                    break;
            }
        }
    }
    return out;
}

SignedIn HttpClient::signIn(const QString& email, const QString& password)
{
    const auto j = login(email, password).json();
    return {j.value("access_token").toString(), j.value("refresh_token").toString(),
            j.value("session_id").toString()};
}

QString makeJwt(const QJsonObject& header, const QJsonObject& claims, const QByteArray& key)
{
    const auto enc = [](const QByteArray& b) {
        return b.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    };
    const QByteArray signingInput = enc(QJsonDocument(header).toJson(QJsonDocument::Compact)) + "." +
                                    enc(QJsonDocument(claims).toJson(QJsonDocument::Compact));
    QCryptographicHash::Algorithm alg = QCryptographicHash::Sha256;
    if (header.value("alg").toString() == "HS512")
        alg = QCryptographicHash::Sha512;
    if (header.value("alg").toString() == "none")
        return QString::fromLatin1(signingInput + ".");
    const QByteArray sig = QMessageAuthenticationCode::hash(signingInput, key, alg);
    return QString::fromLatin1(signingInput + "." + enc(sig));
}
