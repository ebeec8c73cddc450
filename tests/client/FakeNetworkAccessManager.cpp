#include "FakeNetworkAccessManager.h"

#include <QTimer>

FakeReply::FakeReply(const FakeResponse& response, QNetworkAccessManager::Operation operation,
                     const QNetworkRequest& request, QObject* parent)
    : QNetworkReply(parent), m_response(response)
{
    setRequest(request);
    setUrl(request.url());
    setOperation(operation);
    open(QIODevice::ReadOnly | QIODevice::Unbuffered);
    if (!response.hang)
        QTimer::singleShot(response.delayMs, this, &FakeReply::deliver);
}

void FakeReply::deliver()
{
    if (m_ended)
        return;
    if (m_response.status > 0) {
        setAttribute(QNetworkRequest::HttpStatusCodeAttribute, m_response.status);
        for (const auto& [name, value] : m_response.headers)
            setRawHeader(name, value);
        Q_EMIT metaDataChanged();
    }
    m_data = m_response.body;
    if (!m_data.isEmpty()) {
        Q_EMIT readyRead();
        Q_EMIT downloadProgress(m_data.size(), m_data.size());
    }
    if (m_response.error != QNetworkReply::NoError) {
        end(m_response.error, m_response.errorString);
        return;
    }
    if (m_response.status >= 400)
        setError(QNetworkReply::UnknownContentError, QStringLiteral("HTTP %1").arg(m_response.status));
    m_ended = true;
    setFinished(true);
    Q_EMIT finished();
}

void FakeReply::end(QNetworkReply::NetworkError error, const QString& text)
{
    if (m_ended)
        return;
    m_ended = true;
    setError(error, text);
    Q_EMIT errorOccurred(error);
    setFinished(true);
    Q_EMIT finished();
}

void FakeReply::abort()
{
    end(QNetworkReply::OperationCanceledError, QStringLiteral("Operation canceled"));
}

qint64 FakeReply::bytesAvailable() const
{
    return m_data.size() - m_offset + QNetworkReply::bytesAvailable();
}

qint64 FakeReply::readData(char* data, qint64 maxSize)
{
    const qint64 n = qMin(maxSize, m_data.size() - m_offset);
    if (n <= 0)
        return m_ended ? -1 : 0;
    memcpy(data, m_data.constData() + m_offset, size_t(n));
    m_offset += n;
    return n;
}

QNetworkReply* FakeNetworkAccessManager::createRequest(Operation op, const QNetworkRequest& request,
                                                       QIODevice* outgoingData)
{
    FakeRequest recorded;
    switch (op) {
    case GetOperation:
        recorded.verb = "GET";
        break;
    case PostOperation:
        recorded.verb = "POST";
        break;
    case DeleteOperation:
        recorded.verb = "DELETE";
        break;
    case CustomOperation:
        recorded.verb = request.attribute(QNetworkRequest::CustomVerbAttribute).toByteArray();
        break;
    default:
        recorded.verb = "OTHER";
    }
    recorded.request = request;
    if (outgoingData)
        recorded.body = outgoingData->readAll();
    requests.append(recorded);
    const FakeResponse response = m_script.isEmpty() ? FakeResponse::json(599, "{}") : m_script.dequeue();
    return new FakeReply(response, op, request, this);
}
