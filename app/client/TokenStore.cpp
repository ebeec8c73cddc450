#include "client/TokenStore.h"

#include "client/ClientLogging.h"

#include <QPointer>
#include <qt6keychain/keychain.h>

namespace vigie::client {

struct TokenStore::Request
{
    Operation operation = Operation::Read;
    QString key;
    QString secret;
    QPointer<QObject> context;
    bool hasContext = false;
    Callback done;
};

namespace {

TokenStore::Status statusFor(QKeychain::Error error)
{
    switch (error) {
    case QKeychain::NoError:
        return TokenStore::Status::Ok;
    case QKeychain::EntryNotFound:
        return TokenStore::Status::NotFound;
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
    // QtKeychain reports a missing D-Bus session or Secret Service as OtherError on Linux.
    case QKeychain::OtherError:
        return TokenStore::Status::Unavailable;
    case QKeychain::CouldNotDeleteEntry:
        break;
    }
    return TokenStore::Status::Failed;
}

const char* operationName(int operation)
{
    static const char* const names[] = {"read", "write", "delete"};
    return names[operation];
}

} // namespace

TokenStore::TokenStore(QString service, QObject* parent) : QObject(parent), m_service(std::move(service)) {}

TokenStore::~TokenStore()
{
    qDeleteAll(m_queue);
    delete m_current;
}

QString TokenStore::keyFor(const QUrl& server, const QString& email)
{
    QUrl url = server.adjusted(QUrl::RemoveQuery | QUrl::RemoveFragment | QUrl::RemoveUserInfo);
    QString path = url.path();
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    url.setPath(path);
    return email.trimmed().toLower() + QStringLiteral(" @ ") + url.toString();
}

void TokenStore::read(const QString& key, QObject* context, Callback done)
{
    enqueue({Operation::Read, key, {}, context, context != nullptr, std::move(done)});
}

void TokenStore::write(const QString& key, const QString& secret, QObject* context, Callback done)
{
    enqueue({Operation::Write, key, secret, context, context != nullptr, std::move(done)});
}

void TokenStore::remove(const QString& key, QObject* context, Callback done)
{
    enqueue({Operation::Remove, key, {}, context, context != nullptr, std::move(done)});
}

void TokenStore::enqueue(Request request)
{
    m_queue.enqueue(new Request(std::move(request)));
    if (!m_running)
        runNext();
}

void TokenStore::runNext()
{
    if (m_queue.isEmpty()) {
        const bool wasRunning = m_running;
        m_running = false;
        if (wasRunning)
            Q_EMIT idle();
        return;
    }
    m_running = true;
    Request* request = m_queue.dequeue();
    m_current = request;

    QKeychain::Job* job = nullptr;
    switch (request->operation) {
    case Operation::Read:
        job = new QKeychain::ReadPasswordJob(m_service, this);
        break;
    case Operation::Write: {
        auto* write = new QKeychain::WritePasswordJob(m_service, this);
        write->setTextData(request->secret);
        job = write;
        break;
    }
    case Operation::Remove:
        job = new QKeychain::DeletePasswordJob(m_service, this);
        break;
    }
    job->setKey(request->key);
    job->setInsecureFallback(false);
    job->setAutoDelete(true);
    connect(job, &QKeychain::Job::finished, this, [this, request](QKeychain::Job* finished) {
        Result result;
        result.status = statusFor(finished->error());
        // Deleting what is not there is what the caller wanted.
        if (request->operation == Operation::Remove && result.status == Status::NotFound)
            result.status = Status::Ok;
        if (result.status != Status::Ok) {
            result.errorText = finished->errorString();
            qCInfo(lcClient).nospace() << "keychain " << operationName(int(request->operation)) << " failed ("
                                       << int(finished->error()) << "): " << result.errorText;
        }
        if (request->operation == Operation::Read && result.status == Status::Ok)
            result.secret = static_cast<QKeychain::ReadPasswordJob*>(finished)->textData();
        const bool deliver = request->done && (!request->hasContext || request->context);
        Callback done = std::move(request->done);
        m_current = nullptr;
        delete request;
        // The next operation starts before the callback, which may enqueue more.
        runNext();
        if (deliver)
            done(result);
    });
    job->start();
}

} // namespace vigie::client
