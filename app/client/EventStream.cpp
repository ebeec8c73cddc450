#include "client/EventStream.h"

#include "client/AccountSession.h"
#include "client/ClientLogging.h"

#include <QNetworkReply>
#include <QRandomGenerator>
#include <nlohmann/json.hpp>

namespace vigie::client {

namespace {

constexpr std::chrono::milliseconds kMaxRetryDelay{60000};
// After a 429 without Retry-After: the server holds too many streams of this session.
constexpr std::chrono::milliseconds kThrottledDelay{60000};
// After any other 4xx: something is wrong that reconnecting soon will not fix.
constexpr std::chrono::milliseconds kClientErrorDelay{300000};
// A stream that stayed open this long counts as healthy: the back-off starts over.
constexpr qint64 kHealthyMs = 30000;

QString describe(SseParser::Status status)
{
    return status == SseParser::Status::LineTooLong ? QStringLiteral("an event stream line is too long")
                                                    : QStringLiteral("an event stream message is too long");
}

} // namespace

EventStreamJob::EventStreamJob(const ApiClient& client, const QByteArray& lastEventId, QObject* parent)
    : ApiJob(client, parent)
{
    setStreaming(true);
    setRequest("GET", QStringLiteral("/api/users/me/events"));
    setRawHeader("Accept", "text/event-stream");
    if (!lastEventId.isEmpty())
        setRawHeader("Last-Event-ID", lastEventId);
}

void EventStreamJob::handleStreamOpened(QNetworkReply* reply)
{
    const QByteArray type = reply->header(QNetworkRequest::ContentTypeHeader)
                                .toByteArray()
                                .split(';')
                                .first()
                                .trimmed()
                                .toLower();
    if (type != "text/event-stream") {
        finishWithError(ApiError::notVigie(
            QStringLiteral("the event stream came as %1").arg(QString::fromLatin1(type.left(100)))));
        return;
    }
    Q_EMIT opened();
}

void EventStreamJob::handleStreamData(const QByteArray& bytes)
{
    QList<SseMessage> messages;
    const SseParser::Status status = m_parser.feed(bytes, messages);
    for (const SseMessage& message : std::as_const(messages)) {
        if (isDone())
            return;
        const nlohmann::json json =
            nlohmann::json::parse(message.data.constData(), message.data.constData() + message.data.size(),
                                  nullptr, /*allow_exceptions=*/false);
        try {
            if (!json.is_object())
                throw std::invalid_argument("the data is not a JSON object");
            const auto accountEvent = json.get<AccountEvent>();
            Q_EMIT event(message.lastEventId, accountEvent);
        } catch (const std::exception& e) {
            Q_EMIT skipped(message.lastEventId, QString::fromUtf8(e.what()));
        }
    }
    if (status != SseParser::Status::Ok && !isDone())
        finishWithError(ApiError::invalidResponse(describe(status)));
}

void EventStreamJob::handleStreamEnd()
{
    Q_EMIT finished();
    succeed();
}

EventStream::EventStream(AccountSession* session, QObject* parent) : QObject(parent), m_session(session)
{
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, &EventStream::connectNow);
    connect(session, &AccountSession::serverVersionChanged, this, &EventStream::update);
    connect(session, &AccountSession::stateChanged, this, &EventStream::update);
    update();
}

EventStream::~EventStream()
{
    if (m_job) {
        m_job->disconnect(this);
        m_job->abort();
    }
}

void EventStream::update()
{
    const bool wanted = m_session->isSignedIn() && m_session->supports(feature::kEvents);
    if (wanted == m_active)
        return;
    if (!wanted) {
        stop();
        return;
    }
    m_active = true;
    m_failures = 0;
    m_lastEventId.clear();
    Q_EMIT activeChanged(true);
    connectNow();
}

void EventStream::stop()
{
    m_active = false;
    m_retryTimer.stop();
    m_lastEventId.clear();
    if (m_job) {
        m_job->disconnect(this);
        m_job->abort();
        m_job = nullptr;
    }
    setConnected(false);
    Q_EMIT activeChanged(false);
}

void EventStream::connectNow()
{
    if (!m_active || m_job)
        return;
    m_retryTimer.stop();
    auto* job = m_session->openEventStream(m_lastEventId);
    m_job = job;
    const bool resuming = !m_lastEventId.isEmpty();
    connect(job, &EventStreamJob::opened, this, [this, resuming] {
        m_openedAt.start();
        setConnected(true);
        if (!resuming)
            Q_EMIT resyncNeeded();
    });
    connect(job, &EventStreamJob::event, this, [this](const QByteArray& cursor, const AccountEvent& e) {
        if (!cursor.isEmpty())
            m_lastEventId = cursor;
        Q_EMIT event(e);
    });
    connect(job, &EventStreamJob::skipped, this, [this](const QByteArray& cursor, const QString& why) {
        qCWarning(lcClient) << "skipped an event stream message:" << why;
        if (!cursor.isEmpty())
            m_lastEventId = cursor;
    });
    connect(job, &EventStreamJob::finished, this, [this] { onEnded(nullptr); });
    connect(job, &ApiJob::failed, this, [this](const ApiError& error) { onEnded(&error); });
}

void EventStream::onEnded(const ApiError* error)
{
    m_job = nullptr;
    const bool wasHealthy = m_connected && m_openedAt.isValid() && m_openedAt.elapsed() >= kHealthyMs;
    setConnected(false);
    if (!m_active)
        return;
    if (error && (error->isSignedOut() || error->kind == ApiError::Kind::Cancelled)) {
        // The session is over; AccountSession says so and update() stops the stream.
        return;
    }
    if (wasHealthy)
        m_failures = 0;
    if (!error) {
        // The server ended the stream (token expiry): come back at once with a fresh token;
        // a server that ends every stream at once still gets the back-off.
        if (m_failures == 0) {
            ++m_failures;
            scheduleRetry(std::chrono::milliseconds(0));
        } else {
            scheduleRetry(backoffDelay());
        }
        return;
    }
    qCInfo(lcClient) << "event stream lost:" << error->toLogString();
    if (error->httpStatus == 400 && !m_lastEventId.isEmpty()) {
        // A cursor this server does not know (another server, a restored database): start
        // afresh, and resyncNeeded() has the list read again.
        m_lastEventId.clear();
        scheduleRetry(backoffDelay());
        return;
    }
    if (error->isThrottled()) {
        scheduleRetry(qMax(kThrottledDelay, std::chrono::milliseconds(error->retryAfterSeconds * 1000LL)));
        return;
    }
    if (error->httpStatus >= 400 && error->httpStatus < 500) {
        scheduleRetry(kClientErrorDelay);
        return;
    }
    scheduleRetry(backoffDelay());
}

std::chrono::milliseconds EventStream::backoffDelay()
{
    const std::chrono::milliseconds base = m_initialDelay * (qint64(1) << qMin(m_failures, 6));
    ++m_failures;
    const std::chrono::milliseconds capped = qMin(base, kMaxRetryDelay);
    // Up to a quarter more, so that many clients dropped together do not return together.
    const qint64 jitter = QRandomGenerator::global()->bounded(qint64(capped.count() / 4 + 1));
    return capped + std::chrono::milliseconds(jitter);
}

void EventStream::scheduleRetry(std::chrono::milliseconds delay)
{
    m_retryDelay = delay;
    m_retryTimer.start(delay);
}

void EventStream::setConnected(bool connected)
{
    if (m_connected == connected)
        return;
    m_connected = connected;
    Q_EMIT connectedChanged(connected);
}

} // namespace vigie::client
