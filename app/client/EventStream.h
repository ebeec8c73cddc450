#pragma once

#include "client/ApiJob.h"
#include "client/ClientTypes.h"
#include "client/SseParser.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <chrono>

namespace vigie::client {

class AccountSession;

// GET /api/users/me/events (API.md v1.1): one connection of the account's event stream. Emits
// event() for each message, in order, and ends like any job: finished() when the server
// closes the stream (token expired, session ended), failed() otherwise. A line or message
// over SseParser's limits, or a body that is not an event stream, fails with InvalidResponse.
class EventStreamJob : public ApiJob
{
    Q_OBJECT

public:
    // lastEventId: the cursor of the last message handled, to replay what came after it.
    EventStreamJob(const ApiClient& client, const QByteArray& lastEventId, QObject* parent = nullptr);

Q_SIGNALS:
    void opened();
    // cursor: the message's id (its Last-Event-ID for a later reconnection).
    void event(const QByteArray& cursor, const vigie::AccountEvent& event);
    // A message whose data is not an account event: skipped, cursor and all.
    void skipped(const QByteArray& cursor, const QString& why);
    void finished();

protected:
    void handleStreamOpened(QNetworkReply* reply) override;
    void handleStreamData(const QByteArray& bytes) override;
    void handleStreamEnd() override;

private:
    SseParser m_parser;
};

// Keeps the account's event stream open while signed in to a server that offers it
// (feature::kEvents): connects with the current access token (refreshed first when it has
// expired, through AccountSession), resumes with Last-Event-ID after a drop or an end so that
// nothing is missed, and waits longer after each failure (1 s doubling to 60 s, with jitter;
// Retry-After or at least 60 s after a 429; 5 min after another 4xx) so that a broken server
// never gets a storm of reconnections. Stops on sign-out.
class EventStream : public QObject
{
    Q_OBJECT

public:
    explicit EventStream(AccountSession* session, QObject* parent = nullptr);
    ~EventStream() override;

    bool isConnected() const { return m_connected; }
    // Whether the stream is wanted: signed in to a server with the events feature.
    bool isActive() const { return m_active; }
    QByteArray lastEventId() const { return m_lastEventId; }
    // How long until the next attempt, when one is scheduled.
    std::chrono::milliseconds nextRetry() const { return m_retryDelay; }

    // For tests: the first back-off step (default 1 s).
    void setInitialRetryDelay(std::chrono::milliseconds delay) { m_initialDelay = delay; }

Q_SIGNALS:
    void event(const vigie::AccountEvent& event);
    // Connected, or lost (a reconnection is then scheduled while active).
    void connectedChanged(bool connected);
    // Active or not (the app polls instead when not).
    void activeChanged(bool active);
    // The stream (re)opened without a cursor the server could resume from: what happened
    // meanwhile is not replayed, so a list shown should be read again.
    void resyncNeeded();

private:
    void update();
    void connectNow();
    void onEnded(const ApiError* error);
    void scheduleRetry(std::chrono::milliseconds delay);
    std::chrono::milliseconds backoffDelay();
    void setConnected(bool connected);
    void stop();

    AccountSession* m_session;
    QPointer<EventStreamJob> m_job;
    QTimer m_retryTimer;
    QElapsedTimer m_openedAt;
    QByteArray m_lastEventId;
    std::chrono::milliseconds m_initialDelay{1000};
    std::chrono::milliseconds m_retryDelay{0};
    int m_failures = 0;
    bool m_active = false;
    bool m_connected = false;
};

} // namespace vigie::client
