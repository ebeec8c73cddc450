// The desktop app's figures for docs/benchmarks.md (run by bench/app.sh, which starts the
// server and a throw-away keychain):
//
//   bench_app prime   --server URL --email E --password P
//       signs in through the real window with "Keep me signed in", so the keychain holds a
//       refresh token, and exits.
//   bench_app startup --server URL
//       what `vigie` does for a returning user: the window restores the sign-in from the
//       keychain, refreshes, loads the list; exits as soon as the session table has painted
//       rows, printing the time from main() (bench/app.sh times the whole process too).
//   bench_app list    --server URL --email E --password P [--runs N]
//       fetches that account's (large) session list once, then, N times, parses those bytes
//       with the app's own code into the sessions tab of the real widget and paints it: the
//       time "from the response to the list painted". Then scrolls the whole list page by page,
//       painting each frame, and prints the frame times and the process's RSS.
#include "client/AccountSession.h"
#include "client/SessionJobs.h"
#include "client/TokenStore.h"
#include "widgets/Application.h"
#include "widgets/MainWindow.h"
#include "widgets/SessionTableView.h"
#include "widgets/SessionsWidget.h"
#include "widgets/SignInWidget.h"

#include <QApplication>
#include <QCheckBox>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QScrollBar>
#include <QTimer>
#include <algorithm>
#include <cstdio>
#include <functional>
#include <nlohmann/json.hpp>
#include <vector>

using namespace vigie::widgets;

namespace {

QElapsedTimer g_sinceMain;

[[noreturn]] void fail(const QString& message)
{
    std::fprintf(stderr, "bench_app: %s\n", qPrintable(message));
    std::exit(1);
}

bool waitUntil(const std::function<bool()>& done, int timeoutMs = 20000)
{
    QElapsedTimer timer;
    timer.start();
    while (!done()) {
        if (timer.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    }
    return true;
}

long rssKiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : status.readAll().split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLong();
    return -1;
}

double percentile(std::vector<double> values, double p)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    return values[std::min(values.size() - 1, size_t(p * double(values.size() - 1) + 0.5))];
}

// Fires once the widget has painted (a Paint event delivered while rows were there).
class PaintWatcher : public QObject
{
public:
    explicit PaintWatcher(QWidget* widget, std::function<bool()> ready) : m_ready(std::move(ready))
    {
        widget->installEventFilter(this);
    }
    bool painted = false;

protected:
    bool eventFilter(QObject*, QEvent* event) override
    {
        if (event->type() == QEvent::Paint && m_ready())
            painted = true; // the paint itself runs right after this filter returns
        return false;
    }

private:
    std::function<bool()> m_ready;
};

MainWindow::Options windowOptions(const QString& server)
{
    MainWindow::Options options;
    options.serverUrl = server;
    return options;
}

int prime(const QString& server, const QString& email, const QString& password)
{
    MainWindow window(windowOptions(server));
    window.show();
    window.start();
    auto* signIn = window.signInWidget();
    signIn->setEmail(email);
    signIn->findChild<QLineEdit*>(QStringLiteral("passwordEdit"))->setText(password);
    signIn->findChild<QCheckBox*>(QStringLiteral("keepSignedInCheck"))->setChecked(true);
    signIn->submit();
    if (!waitUntil([&] { return window.sessionsWidget()->model()->rowCount() > 0; }))
        fail(QStringLiteral("could not sign in as %1").arg(email));
    // The refresh token is written to the keychain asynchronously; give it a moment.
    waitUntil([] { return false; }, 1000);
    std::printf("signed in as %s, refresh token in the keychain\n", qPrintable(email));
    return 0;
}

int startup(const QString& server)
{
    MainWindow window(windowOptions(server));
    auto* table = window.sessionsWidget()->findChild<SessionTableView*>(QStringLiteral("sessionTable"));
    PaintWatcher watcher(table->viewport(), [&] { return window.sessionsWidget()->model()->rowCount() > 0; });
    window.show();
    window.start();
    if (!waitUntil([&] { return watcher.painted; }))
        fail(QStringLiteral("the session list was not painted (is the keychain primed?)"));
    QCoreApplication::processEvents(); // let that paint finish
    std::printf("main() to session list painted: %.1f ms, %d sessions, RSS %ld KiB\n",
                double(g_sinceMain.nsecsElapsed()) / 1e6, window.sessionsWidget()->model()->rowCount(),
                rssKiB());
    // The rotated refresh token must reach the keychain before exit, as the app's own quit
    // waits for it; otherwise the next start presents a used token (reuse: session revoked).
    if (!waitUntil([&] { return !window.account()->tokenStore()->isBusy(); }))
        fail(QStringLiteral("the keychain write did not finish"));
    return 0;
}

QByteArray httpJson(QNetworkAccessManager& network, const QString& method, const QUrl& url,
                    const QByteArray& body = {}, const QByteArray& token = {})
{
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    if (!token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + token);
    QNetworkReply* reply = network.sendCustomRequest(request, method.toLatin1(), body);
    waitUntil([reply] { return reply->isFinished(); }, 60000);
    const QByteArray bytes = reply->readAll();
    if (reply->error() != QNetworkReply::NoError)
        fail(QStringLiteral("%1 %2: %3").arg(method, url.toString(), reply->errorString()));
    reply->deleteLater();
    return bytes;
}

int list(const QString& server, const QString& email, const QString& password, int runs)
{
    QNetworkAccessManager network;
    const QByteArray login = httpJson(
        network, QStringLiteral("POST"), QUrl(server + QStringLiteral("/api/auth/login")),
        QJsonDocument(QJsonObject{{QStringLiteral("email"), email}, {QStringLiteral("password"), password}})
            .toJson(QJsonDocument::Compact));
    const QByteArray token =
        QJsonDocument::fromJson(login).object().value(QStringLiteral("access_token")).toString().toLatin1();
    QElapsedTimer fetch;
    fetch.start();
    const QByteArray bytes = httpJson(network, QStringLiteral("GET"),
                                      QUrl(server + QStringLiteral("/api/users/me/sessions")), {}, token);
    const double fetchMs = double(fetch.nsecsElapsed()) / 1e6;

    SessionsWidget sessions; // the real Sessions tab, at the app's default window size
    sessions.resize(1180, 640);
    sessions.show();
    auto* table = sessions.findChild<SessionTableView*>(QStringLiteral("sessionTable"));
    waitUntil([] { return false; }, 200);

    std::vector<double> loads;
    int rows = 0;
    for (int run = 0; run < runs; ++run) {
        sessions.model()->clear();
        QCoreApplication::processEvents();
        QElapsedTimer timer;
        timer.start();
        // What GetSessionsJob and SessionsWidget do with a response, then one paint.
        const nlohmann::json body =
            nlohmann::json::parse(bytes.constData(), bytes.constData() + bytes.size());
        vigie::client::SessionList parsed;
        parsed.sessions = vigie::client::parseSessionArray(body);
        parsed.currentSessionId = QString::fromStdString(body.value("current_session_id", std::string()));
        sessions.model()->setSessions(parsed);
        table->fitColumns();
        table->viewport()->repaint();
        loads.push_back(double(timer.nsecsElapsed()) / 1e6);
        rows = sessions.model()->rowCount();
    }

    // Scrolling: one page per frame through the whole list, each frame painted.
    std::vector<double> frames;
    QScrollBar* bar = table->verticalScrollBar();
    bar->setValue(0);
    QCoreApplication::processEvents();
    while (bar->value() < bar->maximum()) {
        QElapsedTimer timer;
        timer.start();
        bar->setValue(bar->value() + bar->pageStep());
        table->viewport()->repaint();
        frames.push_back(double(timer.nsecsElapsed()) / 1e6);
    }
    const long over =
        long(std::count_if(frames.begin(), frames.end(), [](double ms) { return ms > 1000.0 / 60; }));

    std::printf("%d sessions, %lld bytes of JSON (GET took %.1f ms)\n", rows, (long long)bytes.size(),
                fetchMs);
    std::printf("response to list painted: median %.1f ms, p90 %.1f ms, max %.1f ms (%d runs)\n",
                percentile(loads, 0.5), percentile(loads, 0.9), percentile(loads, 1.0), runs);
    std::printf("scrolling %zu pages: frame median %.2f ms, p99 %.2f ms, max %.2f ms, %ld over 16.7 ms\n",
                frames.size(), percentile(frames, 0.5), percentile(frames, 0.99), percentile(frames, 1.0),
                over);
    std::printf("RSS with the list loaded: %ld KiB\n", rssKiB());
    return 0;
}

} // namespace

int main(int argc, char* argv[])
{
    g_sinceMain.start();
    QApplication app(argc, argv);
    setUpApplication();
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("mode"), QStringLiteral("prime, startup or list"));
    const QCommandLineOption server(QStringLiteral("server"), QStringLiteral("Server URL."),
                                    QStringLiteral("url"));
    const QCommandLineOption email(QStringLiteral("email"), QStringLiteral("Account."),
                                   QStringLiteral("email"));
    const QCommandLineOption password(QStringLiteral("password"), QStringLiteral("Password."),
                                      QStringLiteral("password"));
    const QCommandLineOption runs(QStringLiteral("runs"), QStringLiteral("Repetitions."), QStringLiteral("n"),
                                  QStringLiteral("10"));
    parser.addOptions({server, email, password, runs});
    parser.process(app);
    const QString mode = parser.positionalArguments().value(0);
    if (!parser.isSet(server))
        fail(QStringLiteral("--server is required"));
    if (mode == QLatin1String("prime"))
        return prime(parser.value(server), parser.value(email), parser.value(password));
    if (mode == QLatin1String("startup"))
        return startup(parser.value(server));
    if (mode == QLatin1String("list"))
        return list(parser.value(server), parser.value(email), parser.value(password),
                    std::max(1, parser.value(runs).toInt()));
    fail(QStringLiteral("unknown mode '%1' (prime, startup or list)").arg(mode));
}
