#include "client/ApiJob.h"

#include "client/ClientLogging.h"

#include <QLocale>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <nlohmann/json.hpp>

namespace vigie::client {

namespace {

// Readable reply bodies are small; anything bigger is not an answer of this API.
constexpr qint64 kMaxBodyBytes = 64 * 1024 * 1024;

int retryAfterSeconds(const QByteArray& header)
{
    const QByteArray value = header.trimmed();
    bool ok = false;
    const int seconds = value.toInt(&ok);
    if (ok)
        return qMax(0, seconds);
    // The HTTP-date form: "Wed, 21 Oct 2026 07:28:00 GMT".
    const QDateTime at = QLocale::c().toDateTime(QString::fromLatin1(value),
                                                 QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"));
    if (!at.isValid())
        return 0;
    QDateTime utc = at;
    utc.setTimeSpec(Qt::UTC);
    return int(qMax<qint64>(0, QDateTime::currentDateTimeUtc().secsTo(utc)));
}

bool isJsonContentType(const QByteArray& contentType)
{
    const QByteArray type = contentType.split(';').first().trimmed().toLower();
    return type == "application/json" || type.endsWith("+json");
}

} // namespace

ApiJob::ApiJob(const ApiClient& client, QObject* parent) : QObject(parent), m_client(client)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &ApiJob::onTimeout);
}

ApiJob::~ApiJob()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
}

void ApiJob::setRequest(const QByteArray& verb, const QString& path, const QUrlQuery& query,
                        const QByteArray& jsonBody)
{
    m_verb = verb;
    m_path = path;
    m_query = query;
    m_body = jsonBody;
}

void ApiJob::setRawHeader(const QByteArray& name, const QByteArray& value)
{
    for (auto& header : m_rawHeaders) {
        if (header.first.compare(name, Qt::CaseInsensitive) == 0) {
            header.second = value;
            return;
        }
    }
    m_rawHeaders.append({name, value});
}

QByteArray ApiJob::toJsonBody(const nlohmann::json& body)
{
    return QByteArray::fromStdString(body.dump());
}

void ApiJob::start()
{
    if (m_started)
        return;
    m_started = true;
    if (m_needsAuthentication) {
        if (!m_authenticator) {
            finishWithError(ApiError::signedOut({}));
            return;
        }
        if (!m_authenticator->admit(this))
            return;
    }
    if (!m_client.isValid()) {
        finishWithError(ApiError::network(QStringLiteral("no network manager or server address")));
        return;
    }
    sendNow();
}

void ApiJob::abort()
{
    if (m_done)
        return;
    m_cancelled = true;
    if (m_reply)
        m_reply->abort(); // finishes through onReplyFinished
    else
        finishWithError(ApiError::cancelled());
}

void ApiJob::sendNow()
{
    if (m_done)
        return;
    if (m_cancelled) {
        finishWithError(ApiError::cancelled());
        return;
    }
    QNetworkRequest request = m_client.request(m_path, m_query);
    if (m_needsAuthentication && m_authenticator) {
        m_sentToken = m_authenticator->accessToken();
        request.setRawHeader("Authorization", "Bearer " + m_sentToken);
    }
    for (const auto& [name, value] : std::as_const(m_rawHeaders))
        request.setRawHeader(name, value);
    QNetworkAccessManager* network = m_client.network();
    if (!m_body.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    if (m_verb == "GET")
        m_reply = network->get(request);
    else if (m_verb == "POST")
        m_reply = network->post(request, m_body);
    else if (m_verb == "DELETE" && m_body.isEmpty())
        m_reply = network->deleteResource(request);
    else
        m_reply = network->sendCustomRequest(request, m_verb, m_body);

    qCDebug(lcClient) << "->" << m_verb << m_path;
    m_timedOut = false;
    m_sslErrors.clear();
    connect(m_reply, &QNetworkReply::sslErrors, this,
            [this](const QList<QSslError>& errors) { m_sslErrors = errors; });
    connect(m_reply, &QNetworkReply::finished, this, &ApiJob::onReplyFinished);
    m_streamOpened = false;
    if (m_streaming)
        connect(m_reply, &QNetworkReply::readyRead, this, &ApiJob::onStreamReadyRead);
    // The timeout counts inactivity: a slow but moving transfer is not cut off.
    const auto restartTimer = [this] { m_timer.start(m_client.timeout()); };
    connect(m_reply, &QNetworkReply::downloadProgress, this, restartTimer);
    connect(m_reply, &QNetworkReply::uploadProgress, this, restartTimer);
    restartTimer();
}

void ApiJob::onTimeout()
{
    if (!m_reply)
        return;
    qCInfo(lcClient) << m_verb << m_path << "timed out";
    m_timedOut = true;
    m_reply->abort();
}

void ApiJob::onStreamReadyRead()
{
    QNetworkReply* reply = m_reply;
    if (!reply || m_done)
        return;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status < 200 || status >= 300)
        return; // an error body, read whole when the reply finishes
    if (!m_streamOpened) {
        m_streamOpened = true;
        handleStreamOpened(reply);
        if (m_done || m_reply != reply)
            return;
    }
    handleStreamData(reply->readAll());
}

void ApiJob::onReplyFinished()
{
    m_timer.stop();
    QNetworkReply* reply = m_reply;
    m_reply = nullptr;
    if (!reply || m_done)
        return;
    reply->deleteLater();

    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QNetworkReply::NetworkError netError = reply->error();
    // Errors below 200 are the transport's (refused, reset, TLS, timeout, cancelled, proxy);
    // from 200 on Qt only echoes the HTTP status, which is handled below.
    const bool transportFailed = netError != QNetworkReply::NoError && int(netError) < 200;
    if (status == 0 || transportFailed) {
        finishWithError(errorFromReply(reply, status, {}));
        return;
    }
    if (m_streaming && status >= 200 && status < 300) {
        if (!m_streamOpened) {
            m_streamOpened = true;
            handleStreamOpened(reply);
        }
        if (!m_done)
            handleStreamData(reply->readAll());
        if (!m_done)
            handleStreamEnd();
        return;
    }
    const QByteArray body = reply->read(kMaxBodyBytes);
    qCDebug(lcClient) << "<-" << status << m_verb << m_path << body.size() << "bytes";

    if (status == 401 && m_needsAuthentication && m_authenticator && !m_recoveryTried) {
        const ApiError error = errorFromReply(reply, status, body);
        if (error.code == QLatin1String(error_code::kUnauthorized)) {
            m_recoveryTried = true;
            if (m_authenticator->recover(this, m_sentToken))
                return;
        }
        finishWithError(error);
        return;
    }
    if (status >= 400 && handleErrorStatus(status))
        return;
    if (status >= 400 || status < 200) {
        finishWithError(errorFromReply(reply, status, body));
        return;
    }
    handleAnswer(status, body, reply->header(QNetworkRequest::ContentTypeHeader).toByteArray());
}

void ApiJob::handleAnswer(int status, const QByteArray& body, const QByteArray& contentType)
{
    if (!m_expectsJson) {
        handleNoContent();
        if (!m_done)
            finishWithError(ApiError::invalidResponse(QStringLiteral("no result")));
        return;
    }
    if (!contentType.isEmpty() && !isJsonContentType(contentType)) {
        finishWithError(ApiError::notVigie(QStringLiteral("HTTP %1 with Content-Type %2")
                                               .arg(status)
                                               .arg(QString::fromLatin1(contentType.left(100)))));
        return;
    }
    const nlohmann::json json =
        nlohmann::json::parse(body.constData(), body.constData() + body.size(), nullptr,
                              /*allow_exceptions=*/false);
    if (json.is_discarded() || !json.is_object()) {
        finishWithError(
            ApiError::invalidResponse(QStringLiteral("HTTP %1: the body (%2 bytes) is not a JSON object")
                                          .arg(status)
                                          .arg(body.size())));
        return;
    }
    try {
        handleJson(json);
    } catch (const std::exception& e) {
        // nlohmann's messages name the field and the type, never a value.
        finishWithError(ApiError::invalidResponse(QString::fromUtf8(e.what())));
        return;
    }
    if (!m_done)
        finishWithError(ApiError::invalidResponse(QStringLiteral("no result")));
}

void ApiJob::handleJson(const nlohmann::json&)
{
    throw std::runtime_error("unexpected JSON body");
}

bool ApiJob::handleErrorStatus(int)
{
    return false;
}

void ApiJob::handleStreamOpened(QNetworkReply*) {}

void ApiJob::handleStreamData(const QByteArray&) {}

void ApiJob::handleStreamEnd()
{
    succeed();
}

void ApiJob::handleNoContent()
{
    throw std::logic_error("handleNoContent not implemented");
}

ApiError ApiJob::errorFromReply(QNetworkReply* reply, int status, const QByteArray& body) const
{
    const QNetworkReply::NetworkError netError = reply->error();
    const QString detail = reply->errorString();
    if (status == 0 || (netError != QNetworkReply::NoError && int(netError) < 200)) {
        switch (netError) {
        case QNetworkReply::OperationCanceledError:
            if (m_timedOut)
                return ApiError::timeout(int((m_client.timeout().count() + 999) / 1000));
            if (m_cancelled)
                return ApiError::cancelled();
            return ApiError::network(detail);
        case QNetworkReply::TimeoutError:
            return ApiError::timeout(int((m_client.timeout().count() + 999) / 1000));
        case QNetworkReply::SslHandshakeFailedError:
            return ApiError::tls(m_sslErrors, reply->url().host(), detail);
        case QNetworkReply::InsecureRedirectError:
        case QNetworkReply::TooManyRedirectsError: {
            ApiError e = ApiError::notVigie(detail);
            const QUrl location = reply->header(QNetworkRequest::LocationHeader).toUrl();
            if (location.isValid())
                e.message = ApiError::tr("The server redirects to another address (%1). If you trust it, "
                                         "use that address instead.")
                                .arg(reply->url().resolved(location).toDisplayString(QUrl::RemovePath |
                                                                                     QUrl::RemoveQuery));
            return e;
        }
        case QNetworkReply::ProtocolUnknownError:
        case QNetworkReply::ProtocolInvalidOperationError:
        case QNetworkReply::ProtocolFailure:
            return ApiError::notVigie(detail);
        default:
            return ApiError::network(detail);
        }
    }

    // An error status: the API's {"error","message"} body, or someone else's page.
    const nlohmann::json json = nlohmann::json::parse(body.constData(), body.constData() + body.size(),
                                                      nullptr, /*allow_exceptions=*/false);
    const bool vigieError = json.is_object() && json.contains("error") && json["error"].is_string();
    const int retryAfter = retryAfterSeconds(reply->rawHeader("Retry-After"));
    if (vigieError) {
        const auto message = json.find("message");
        const QString serverMessage = message != json.end() && message->is_string()
                                          ? QString::fromStdString(message->get<std::string>())
                                          : QString();
        return ApiError::http(status, QString::fromStdString(json["error"].get<std::string>()), serverMessage,
                              retryAfter);
    }
    if (status == 429)
        return ApiError::http(status, QString(), QString(), retryAfter);
    if (status >= 500)
        return ApiError::httpWithoutBody(status);
    return ApiError::notVigie(QStringLiteral("HTTP %1 without the API's error body").arg(status));
}

void ApiJob::succeed()
{
    if (m_done)
        return;
    m_done = true;
    m_error = {};
    Q_EMIT done();
    finish();
}

void ApiJob::finishWithError(const ApiError& error)
{
    if (m_done)
        return;
    m_done = true;
    m_error = error;
    m_timer.stop();
    if (m_reply) {
        QNetworkReply* reply = m_reply;
        m_reply = nullptr;
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
    if (error.kind != ApiError::Kind::Cancelled)
        qCInfo(lcClient) << m_verb << m_path << "failed:" << error.toLogString();
    // Always asynchronous, so that a caller can connect after start() even when the job fails
    // at once.
    QMetaObject::invokeMethod(
        this,
        [this] {
            Q_EMIT failed(m_error);
            Q_EMIT done();
            finish();
        },
        Qt::QueuedConnection);
}

void ApiJob::finish()
{
    if (m_autoDelete)
        deleteLater();
}

} // namespace vigie::client
