#pragma once

// Small helpers shared by the client tests: isolated settings, and waiting for a job's end.

#include "client/ApiJob.h"

#include <QCoreApplication>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QtTest>

namespace testsupport {

// Settings in QStandardPaths' test location, emptied, so that no test reads another's choices
// or the user's own.
inline void isolateSettings(const char* application)
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("vigie-tests"));
    QCoreApplication::setApplicationName(QString::fromLatin1(application));
    QSettings().clear();
}

// What became of a job: finished (with the finished() arguments) or failed.
struct Outcome
{
    bool finished = false;
    bool ended = false;
    QList<QVariant> arguments;
    vigie::client::ApiError error;
};

// Watches a job from the moment it is created (before the event loop runs: a job that ends
// deletes itself), then waits for its end.
template <typename Job> class JobWatch
{
public:
    explicit JobWatch(Job* job)
        : m_finished(job, &Job::finished), m_failed(job, &vigie::client::ApiJob::failed)
    {}

    Outcome wait(int timeoutMs = 10000)
    {
        Outcome out;
        out.ended = QTest::qWaitFor([&] { return !m_finished.isEmpty() || !m_failed.isEmpty(); }, timeoutMs);
        if (!m_finished.isEmpty()) {
            out.finished = true;
            out.arguments = m_finished.first();
        } else if (!m_failed.isEmpty()) {
            out.error = m_failed.first().first().value<vigie::client::ApiError>();
        }
        return out;
    }

private:
    QSignalSpy m_finished;
    QSignalSpy m_failed;
};

// Waits for job, just started, to end.
template <typename Job> Outcome await(Job* job, int timeoutMs = 10000)
{
    return JobWatch<Job>(job).wait(timeoutMs);
}

} // namespace testsupport

#include <QHash>
#include <QNetworkAccessManager>
#include <QNetworkReply>

namespace testsupport {

// The real network, counted: how many requests went to each path, and how many came back 401.
class CountingNetworkAccessManager : public QNetworkAccessManager
{
public:
    using QNetworkAccessManager::QNetworkAccessManager;

    int requestsTo(const QString& path) const { return m_requests.value(path); }
    int unauthorizedAnswers() const { return m_unauthorized; }

protected:
    QNetworkReply* createRequest(Operation op, const QNetworkRequest& request,
                                 QIODevice* outgoingData) override
    {
        ++m_requests[request.url().path()];
        QNetworkReply* reply = QNetworkAccessManager::createRequest(op, request, outgoingData);
        connect(reply, &QNetworkReply::finished, this, [this, reply] {
            if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 401)
                ++m_unauthorized;
        });
        return reply;
    }

private:
    QHash<QString, int> m_requests;
    int m_unauthorized = 0;
};

} // namespace testsupport
