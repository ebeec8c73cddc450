#pragma once

#include <QObject>
#include <QQueue>
#include <QString>
#include <QUrl>
#include <functional>

namespace vigie::client {

// The refresh token in the operating system's keychain (Secret Service, macOS Keychain, Windows
// Credential Manager) through QtKeychain, never in a plain file: the insecure fallback is off.
// Operations are asynchronous and run one at a time in the order they were asked for, so a
// write followed by a delete cannot land the other way round.
class TokenStore : public QObject
{
    Q_OBJECT

public:
    enum class Status {
        Ok,
        NotFound,    // no entry: sign in again
        Unavailable, // no keychain backend (or it refused us): cannot remember the sign-in
        Failed,      // the backend answered with another error
    };
    Q_ENUM(Status)

    struct Result
    {
        Status status = Status::Ok;
        QString secret;    // for reads
        QString errorText; // the backend's message, for logs
    };
    using Callback = std::function<void(const Result&)>;

    explicit TokenStore(QString service = QStringLiteral("Vigie"), QObject* parent = nullptr);
    ~TokenStore() override;

    QString service() const { return m_service; }

    // "<email, lower case> @ <server URL>", so that two accounts or two servers never share an entry.
    static QString keyFor(const QUrl& server, const QString& email);

    // Each callback runs later, on this thread, unless context has been destroyed by then.
    void read(const QString& key, QObject* context, Callback done);
    void write(const QString& key, const QString& secret, QObject* context, Callback done = {});
    void remove(const QString& key, QObject* context, Callback done = {});

    bool isBusy() const { return m_running || !m_queue.isEmpty(); }

Q_SIGNALS:
    // Every operation asked for has finished.
    void idle();

private:
    enum class Operation { Read, Write, Remove };
    struct Request;

    void enqueue(Request request);
    void runNext();

    QString m_service;
    QQueue<Request*> m_queue;
    Request* m_current = nullptr;
    bool m_running = false;
};

} // namespace vigie::client
