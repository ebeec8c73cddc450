#pragma once

#include "client/ApiClient.h"
#include "client/ApiError.h"

#include <QByteArray>
#include <QObject>
#include <QPointer>
#include <QSslError>
#include <QTimer>
#include <QUrlQuery>
#include <chrono>
#include <nlohmann/json_fwd.hpp>

class QNetworkReply;

namespace vigie::client {

class ApiJob;

// Supplies the bearer token and repairs an expired one. AccountSession implements it so that
// jobs wait for a refresh in flight and are sent again, once, after a 401.
class JobAuthenticator : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;

    virtual QByteArray accessToken() const = 0;
    // True to send now; false when the authenticator keeps the job and will later call
    // ApiJob::sendNow() or ApiJob::finishWithError().
    virtual bool admit(ApiJob* job) = 0;
    // The server answered 401 unauthorized to a request sent with sentToken. True when the
    // authenticator takes the job over (refresh, then sendNow()); false lets the job fail.
    virtual bool recover(ApiJob* job, const QByteArray& sentToken) = 0;
};

// One HTTP call to the API. The base owns the reply, the timeout, the redirect policy, JSON
// parsing and the mapping of every failure to one ApiError; a subclass per endpoint describes
// its request and turns the answer into a typed finished() signal. A job emits exactly one of
// its finished() or failed(), always asynchronously, then deletes itself (unless
// setAutoDelete(false)).
class ApiJob : public QObject
{
    Q_OBJECT

public:
    explicit ApiJob(const ApiClient& client, QObject* parent = nullptr);
    ~ApiJob() override;

    void start();
    // Ends the job with a Cancelled error.
    void abort();

    bool isRunning() const { return m_started && !m_done; }
    bool isDone() const { return m_done; }
    ApiError error() const { return m_error; }
    const ApiClient& client() const { return m_client; }

    void setTimeout(std::chrono::milliseconds timeout) { m_client.setTimeout(timeout); }
    void setAuthenticator(JobAuthenticator* authenticator) { m_authenticator = authenticator; }
    bool needsAuthentication() const { return m_needsAuthentication; }
    void setAutoDelete(bool autoDelete) { m_autoDelete = autoDelete; }

    // For JobAuthenticator: send with its current token, or end the job with an error.
    void sendNow();
    void finishWithError(const ApiError& error);

Q_SIGNALS:
    void failed(const vigie::client::ApiError& error);
    // After finished() or failed(), for bookkeeping.
    void done();

protected:
    // Called from a subclass constructor. An empty body sends none; a JSON body is sent as
    // application/json.
    void setRequest(const QByteArray& verb, const QString& path, const QUrlQuery& query = {},
                    const QByteArray& jsonBody = {});
    void setNeedsAuthentication(bool needed) { m_needsAuthentication = needed; }
    // Whether a 2xx answer carries a JSON object (200) or nothing (204).
    void setExpectsJson(bool expects) { m_expectsJson = expects; }
    // A streamed answer (text/event-stream): a 2xx body goes to handleStreamData() as it
    // arrives, and its end to handleStreamEnd(); an error status is handled as usual.
    void setStreaming(bool streaming) { m_streaming = streaming; }
    // Sent with every attempt, replacing the default of that name (Accept).
    void setRawHeader(const QByteArray& name, const QByteArray& value);

    // Parse the answer and emit the subclass's finished(). Any std::exception thrown here
    // (nlohmann's type errors, a bad timestamp) becomes an InvalidResponse error instead.
    virtual void handleJson(const nlohmann::json& body);
    virtual void handleNoContent();
    // An error status (4xx/5xx, after any 401 recovery): true when the subclass turned it into
    // its own result (a route that an older server lacks), false for the usual ApiError.
    virtual bool handleErrorStatus(int status);
    // For a streaming job: the answer's status and headers (once per attempt), then its bytes.
    virtual void handleStreamOpened(QNetworkReply* reply);
    virtual void handleStreamData(const QByteArray& bytes);
    // The server ended a 2xx stream normally; the default succeeds with no signal.
    virtual void handleStreamEnd();

    // Marks the job successful; call right after emitting finished().
    void succeed();

    static QByteArray toJsonBody(const nlohmann::json& body);

private:
    void onReplyFinished();
    void onStreamReadyRead();
    void onTimeout();
    void handleAnswer(int status, const QByteArray& body, const QByteArray& contentType);
    ApiError errorFromReply(QNetworkReply* reply, int status, const QByteArray& body) const;
    void finish();

    ApiClient m_client;
    QByteArray m_verb = "GET";
    QString m_path;
    QUrlQuery m_query;
    QByteArray m_body;
    bool m_needsAuthentication = true;
    bool m_expectsJson = true;
    bool m_autoDelete = true;
    bool m_streaming = false;
    bool m_streamOpened = false;
    QList<QPair<QByteArray, QByteArray>> m_rawHeaders;

    QPointer<JobAuthenticator> m_authenticator;
    QPointer<QNetworkReply> m_reply;
    QList<QSslError> m_sslErrors; // what the handshake reported (never ignored), for the message
    QByteArray m_sentToken;
    QTimer m_timer;
    bool m_started = false;
    bool m_done = false;
    bool m_timedOut = false;
    bool m_cancelled = false;
    bool m_recoveryTried = false;
    ApiError m_error;
};

} // namespace vigie::client
