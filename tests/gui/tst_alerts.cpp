// Live alerts against the real vigie-server, on a private D-Bus session bus (with-keyring.sh):
// a sign-in from elsewhere makes its row appear without a refresh and a Notify call reach the
// freedesktop notification service (a small one of our own, registered on that bus, that
// records the calls and answers with ActionInvoked); "Not me – sign it out" ends that session
// on the server. Against a v1 server (a proxy in front of the real one that answers 404 to
// /api/version and the event stream) the app still signs in, lists, polls and revokes.
#include "GuiTestSupport.h"
#include "HttpClient.h"
#include "TestServer.h"
#include "client/EventStream.h"
#include "client/SessionListModel.h"
#include "widgets/DesktopNotifier.h"

#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusMessage>
#include <QTcpServer>
#include <QTcpSocket>
#include <memory>

using vigie::widgets::Dialogs;
using vigie::widgets::MainWindow;

namespace {

const QString kEmail = QStringLiteral("ada@example.com");
const QString kPassword = QStringLiteral("correct horse battery staple");
const QByteArray kChrome =
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 "
    "Safari/537.36";

} // namespace

// org.freedesktop.Notifications as a desktop provides it, reduced to what a test checks.
class TestNotificationService : public QObject
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.freedesktop.Notifications")

public:
    struct Call
    {
        uint id;
        QString summary;
        QString body;
        QStringList actions;
        QVariantMap hints;
    };
    QList<Call> calls;

    bool registerOnSessionBus()
    {
        m_bus =
            QDBusConnection::connectToBus(QDBusConnection::SessionBus, QStringLiteral("test-notifications"));
        return m_bus.isConnected() &&
               m_bus.registerObject(QStringLiteral("/org/freedesktop/Notifications"), this,
                                    QDBusConnection::ExportAllSlots) &&
               m_bus.registerService(QStringLiteral("org.freedesktop.Notifications"));
    }
    void unregister()
    {
        m_bus.unregisterService(QStringLiteral("org.freedesktop.Notifications"));
        m_bus.unregisterObject(QStringLiteral("/org/freedesktop/Notifications"));
        QDBusConnection::disconnectFromBus(QStringLiteral("test-notifications"));
    }
    // What the desktop sends when the user presses one of the notification's buttons.
    void invoke(uint id, const QString& action)
    {
        QDBusMessage signal = QDBusMessage::createSignal(QStringLiteral("/org/freedesktop/Notifications"),
                                                         QStringLiteral("org.freedesktop.Notifications"),
                                                         QStringLiteral("ActionInvoked"));
        signal << id << action;
        m_bus.send(signal);
    }

public Q_SLOTS:
    uint Notify(const QString&, uint, const QString&, const QString& summary, const QString& body,
                const QStringList& actions, const QVariantMap& hints, int)
    {
        const uint id = uint(calls.size()) + 1;
        calls.append({id, summary, body, actions, hints});
        return id;
    }
    QStringList GetCapabilities() { return {QStringLiteral("actions"), QStringLiteral("body")}; }
    void CloseNotification(uint) {}

private:
    QDBusConnection m_bus{QString()};
};

// A v1 server: the real one behind a proxy that knows no /api/version and no event stream.
// Every forwarded request gets "Connection: close", so that each request is looked at.
class VersionOneProxy : public QObject
{
    Q_OBJECT

public:
    explicit VersionOneProxy(QUrl upstream) : m_upstream(std::move(upstream))
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket* client = m_server.nextPendingConnection())
                serve(client);
        });
    }
    bool listen() { return m_server.listen(QHostAddress::LocalHost); }
    QUrl url() const { return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_server.serverPort())); }
    int refused = 0;

private:
    void serve(QTcpSocket* client)
    {
        auto buffer = std::make_shared<QByteArray>();
        connect(client, &QTcpSocket::disconnected, client, &QObject::deleteLater);
        connect(client, &QTcpSocket::readyRead, this, [this, client, buffer] {
            buffer->append(client->readAll());
            const qsizetype headEnd = buffer->indexOf("\r\n\r\n");
            if (headEnd < 0)
                return;
            QList<QByteArray> lines = buffer->left(headEnd).split('\n');
            qsizetype length = 0;
            QByteArray head = lines.takeFirst().trimmed() + "\r\n";
            const QByteArray path = head.split(' ').value(1);
            for (const QByteArray& raw : std::as_const(lines)) {
                const QByteArray line = raw.trimmed();
                if (line.toLower().startsWith("content-length:"))
                    length = line.mid(15).trimmed().toLongLong();
                if (!line.toLower().startsWith("connection:"))
                    head += line + "\r\n";
            }
            if (buffer->size() < headEnd + 4 + length)
                return;
            client->disconnect(this);
            if (path.startsWith("/api/version") || path.startsWith("/api/users/me/events")) {
                ++refused;
                client->write(
                    "HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nContent-Length: 22\r\n"
                    "Connection: close\r\n\r\n{\"detail\":\"Not Found\"}");
                client->disconnectFromHost();
                return;
            }
            auto* upstream = new QTcpSocket(client);
            const QByteArray request = head + "Connection: close\r\n\r\n" + buffer->mid(headEnd + 4, length);
            connect(upstream, &QTcpSocket::connected, upstream,
                    [upstream, request] { upstream->write(request); });
            connect(upstream, &QTcpSocket::readyRead, client,
                    [upstream, client] { client->write(upstream->readAll()); });
            connect(upstream, &QTcpSocket::disconnected, client, [client] { client->disconnectFromHost(); });
            upstream->connectToHost(QHostAddress::LocalHost, quint16(m_upstream.port()));
        });
    }

    QUrl m_upstream;
    QTcpServer m_server;
};

class TestAlerts final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { guitest::setUpTestApplication("tst_alerts"); }
    void init() { guitest::resetState(); }

    void signInElsewhereIsNotifiedAndNotMeSignsItOut()
    {
        TestServer server;
        QVERIFY2(server.start(), qPrintable(server.errorOutput()));
        server.addUser(kEmail, kPassword, "user", "Ada Lovelace");
        HttpClient http(server.url());
        if (!http.get("/api/version").json().value("features").toArray().contains(QStringLiteral("events")))
            QSKIP("this vigie-server has no event stream yet");
        QVERIFY2(QDBusConnection::sessionBus().isConnected(), "run through tests/client/with-keyring.sh");
        TestNotificationService notifications;
        QVERIFY(notifications.registerOnSessionBus());

        auto options = guitest::options(server.url());
        options.trayIcon = false;
        MainWindow window(options);
        QVERIFY(guitest::showAndSignIn(window, kEmail, kPassword));
        QTRY_VERIFY(window.eventStream()->isConnected());
        QVERIFY(window.sessionsWidget()->hasLiveUpdates());
        QCOMPARE(window.sessionsWidget()->model()->rowCount(), 1);

        // Someone signs in from a browser: the row appears without a refresh, and the desktop
        // is asked to show it, with both answers.
        const QJsonObject other = http.login(kEmail, kPassword, {{"User-Agent", kChrome}}).json();
        const QString otherId = other.value("session_id").toString();
        QVERIFY(!otherId.isEmpty());
        QTRY_COMPARE(window.sessionsWidget()->model()->rowCount(), 2);
        QVERIFY(window.sessionsWidget()->model()->rowOf(otherId) >= 0);
        QTRY_COMPARE(notifications.calls.size(), 1);
        const auto call = notifications.calls.first();
        QCOMPARE(call.summary, "New sign-in");
        QVERIFY2(call.body.startsWith(QStringLiteral("Chrome 131 on Windows, Local network — ")),
                 qPrintable(call.body));
        QVERIFY(call.actions.contains(QStringLiteral("not-me")));
        QVERIFY(call.actions.contains(QStringLiteral("It was me")));
        QVERIFY(call.actions.contains(QString::fromUtf8("Not me – sign it out")));
        // This device's own doings are not news: nothing for its own sign-in.
        QCOMPARE(notifications.calls.size(), 1);

        // "Not me": sign it out (confirmed), no password change now.
        Dialogs::setNextAnswer(QMessageBox::Ok);
        Dialogs::setNextAnswer(QMessageBox::Cancel);
        notifications.invoke(call.id, QStringLiteral("not-me"));
        QTRY_COMPARE(window.sessionsWidget()->model()->rowCount(), 1);
        QTRY_COMPARE(http.get("/api/users/me", other.value("access_token").toString()).status, 401);
        notifications.unregister();
    }

    void versionOneServerSignsInListsAndRevokes()
    {
        TestServer server;
        QVERIFY2(server.start(), qPrintable(server.errorOutput()));
        server.addUser(kEmail, kPassword);
        VersionOneProxy proxy(server.url());
        QVERIFY(proxy.listen());
        HttpClient http(proxy.url());
        const QJsonObject other = http.login(kEmail, kPassword, {{"User-Agent", kChrome}}).json();
        const QString otherId = other.value("session_id").toString();

        MainWindow window(guitest::options(proxy.url()));
        window.sessionsWidget()->setAutoRefreshInterval(300);
        QVERIFY(guitest::showAndSignIn(window, kEmail, kPassword));
        QTRY_COMPARE(QString::fromStdString(window.account()->serverVersion().version), "1.0");
        QVERIFY(!window.eventStream()->isActive());
        QVERIFY(!window.sessionsWidget()->hasLiveUpdates());
        QCOMPARE(window.sessionsWidget()->model()->rowCount(), 2);
        // Polling still finds a new sign-in.
        http.login(kEmail, kPassword);
        QTRY_COMPARE(window.sessionsWidget()->model()->rowCount(), 3);
        // And revoking works as before.
        Dialogs::setNextAnswer(QMessageBox::Ok);
        window.sessionsWidget()->requestRevoke(otherId);
        QTRY_COMPARE(http.get("/api/users/me", other.value("access_token").toString()).status, 401);
        QVERIFY(proxy.refused >= 1);
    }
};

QTEST_MAIN(TestAlerts)
#include "tst_alerts.moc"
