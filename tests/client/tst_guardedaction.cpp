// How an action the server guards with a recent password runs: the server's
// reauthentication_required leads to the password prompt, then to the action again, once; any
// other failure is reported as it is; without a prompt the refusal is an ordinary failure.
#include "FakeNetworkAccessManager.h"
#include "client/GuardedAction.h"
#include "client/SessionJobs.h"

#include <QtTest>

using namespace vigie::client;

namespace {

FakeResponse apiError(int status, const char* code)
{
    return FakeResponse::json(status, QByteArray(R"({"error":")") + code + R"(","message":"text"})");
}

FakeResponse noContent()
{
    FakeResponse r;
    r.status = 204;
    r.headers.clear();
    return r;
}

class Authenticator : public JobAuthenticator
{
public:
    QByteArray accessToken() const override { return "token"; }
    bool admit(ApiJob*) override { return true; }
    bool recover(ApiJob*, const QByteArray&) override { return false; }
};

} // namespace

class TestGuardedAction final : public QObject
{
    Q_OBJECT

private:
    struct Run
    {
        int started = 0;
        int asked = 0;
        int succeeded = 0;
        int done = 0;
        QList<ApiError> failures;
    };

    GuardedAction revoke(Run& run, bool withPrompt, bool confirm = true)
    {
        GuardedAction action;
        action.start = [this, &run]() -> ApiJob* {
            ++run.started;
            auto* job =
                new RevokeSessionJob(ApiClient(&m_nam, QUrl(QStringLiteral("https://vigie.example.com"))),
                                     QStringLiteral("00000000-0000-4000-8000-000000000001"));
            job->setAuthenticator(&m_auth);
            connect(job, &RevokeSessionJob::finished, this, [&run] { ++run.succeeded; });
            job->start();
            return job;
        };
        if (withPrompt)
            action.askPassword = [&run, confirm](std::function<void()> confirmed) {
                ++run.asked;
                if (confirm)
                    confirmed();
            };
        action.failed = [&run](const ApiError& error) { run.failures.append(error); };
        action.done = [&run] { ++run.done; };
        return action;
    }

    FakeNetworkAccessManager m_nam;
    Authenticator m_auth;

private Q_SLOTS:
    void passwordThenTheActionAgain()
    {
        m_nam.enqueue(apiError(403, "reauthentication_required"));
        m_nam.enqueue(noContent());
        Run run;
        revoke(run, true).run(this);
        QTRY_COMPARE(run.done, 2);
        QCOMPARE(run.asked, 1);
        QCOMPARE(run.started, 2);
        QCOMPARE(run.succeeded, 1);
        QVERIFY(run.failures.isEmpty());
    }

    void otherFailuresAreReported()
    {
        m_nam.enqueue(apiError(404, "not_found"));
        Run run;
        revoke(run, true).run(this);
        QTRY_COMPARE(run.done, 1);
        QCOMPARE(run.asked, 0);
        QCOMPARE(run.failures.size(), 1);
        QVERIFY(run.failures.first().isNotFound());
    }

    void cancelledPromptEndsIt()
    {
        m_nam.enqueue(apiError(403, "reauthentication_required"));
        Run run;
        revoke(run, true, /*confirm=*/false).run(this);
        QTRY_COMPARE(run.done, 1);
        QCOMPARE(run.asked, 1);
        QCOMPARE(run.started, 1);
        QVERIFY(run.failures.isEmpty());
    }

    void withoutPromptTheRefusalIsAFailure()
    {
        m_nam.enqueue(apiError(403, "reauthentication_required"));
        Run run;
        revoke(run, false).run(this);
        QTRY_COMPARE(run.done, 1);
        QCOMPARE(run.failures.size(), 1);
        QVERIFY(run.failures.first().isReauthenticationRequired());
    }
};

QTEST_GUILESS_MAIN(TestGuardedAction)
#include "tst_guardedaction.moc"
