#pragma once

#include <QByteArray>
#include <QList>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPair>
#include <QQueue>

// A scripted answer for FakeNetworkAccessManager: what a real server (ours) cannot be made to
// send: garbage, wrong types, cut-off bodies, a proxy's HTML page, silence, a reset.
struct FakeResponse
{
    int status = 200; // 0: no HTTP answer at all
    QList<QPair<QByteArray, QByteArray>> headers{{"Content-Type", "application/json"}};
    QByteArray body;
    QNetworkReply::NetworkError error = QNetworkReply::NoError; // set after the body
    QString errorString;
    bool hang = false; // never answers (until aborted)
    int delayMs = 0;

    static FakeResponse json(int status, const QByteArray& body)
    {
        FakeResponse r;
        r.status = status;
        r.body = body;
        return r;
    }
};

class FakeReply : public QNetworkReply
{
    Q_OBJECT

public:
    FakeReply(const FakeResponse& response, QNetworkAccessManager::Operation operation,
              const QNetworkRequest& request, QObject* parent);

    void abort() override;
    qint64 bytesAvailable() const override;
    bool isSequential() const override { return true; }

protected:
    qint64 readData(char* data, qint64 maxSize) override;

private:
    void deliver();
    void end(QNetworkReply::NetworkError error, const QString& text);

    FakeResponse m_response;
    QByteArray m_data;
    qint64 m_offset = 0;
    bool m_ended = false;
};

struct FakeRequest
{
    QByteArray verb;
    QNetworkRequest request;
    QByteArray body;
};

// Answers every request with the next scripted FakeResponse (a 599 when the script is empty)
// and remembers what was asked.
class FakeNetworkAccessManager : public QNetworkAccessManager
{
    Q_OBJECT

public:
    using QNetworkAccessManager::QNetworkAccessManager;

    void enqueue(const FakeResponse& response) { m_script.enqueue(response); }
    QList<FakeRequest> requests;

protected:
    QNetworkReply* createRequest(Operation op, const QNetworkRequest& request,
                                 QIODevice* outgoingData) override;

private:
    QQueue<FakeResponse> m_script;
};
