// The sign-in screen of the real main window against the real vigie-server: the default
// server, plain http:// refused unless explicitly allowed, and each failure said specifically
// (wrong password, throttled with a live countdown, unreachable, TLS, not a Vigie server, no
// keychain to restore from).
#include "GuiTestSupport.h"
#include "HttpClient.h"
#include "TestCertificate.h"
#include "TestServer.h"
#include "client/AccountSession.h"
#include "client/ServerUrlPolicy.h"
#include "widgets/MessageBanner.h"

#include <QRegularExpression>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>

using namespace vigie::widgets;
using vigie::client::AccountSession;
using vigie::client::ServerUrlPolicy;

namespace {

const QString kEmail = QStringLiteral("ada@example.com");
const QString kPassword = QStringLiteral("correct horse battery staple");

// Some other web server (not ours): answers every request with `reply` and closes.
class OtherWebServer : public QTcpServer
{
public:
    explicit OtherWebServer(QByteArray reply) : m_reply(std::move(reply))
    {
        connect(this, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket* socket = nextPendingConnection()) {
                connect(socket, &QTcpSocket::readyRead, socket, [this, socket] {
                    socket->readAll();
                    socket->write(m_reply);
                    socket->disconnectFromHost();
                });
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
        listen(QHostAddress::LocalHost);
    }

private:
    QByteArray m_reply;
};

QString bannerText(MainWindow& window)
{
    auto* banner = window.signInWidget()->findChild<MessageBanner*>(QStringLiteral("messageBanner"));
    return banner && banner->isVisible() ? banner->text() : QString();
}

int secondsIn(const QString& text)
{
    static const QRegularExpression number(QStringLiteral("(\\d+) second"));
    return number.match(text).captured(1).toInt();
}

} // namespace

class TestSignInWidget final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        // No Secret Service at all: the keychain is certainly unavailable, never a prompt.
        qunsetenv("DBUS_SESSION_BUS_ADDRESS");
        guitest::setUpTestApplication("tst_signinwidget");
    }
    void init() { guitest::resetState(); }

    void defaultsToTheBundledServer()
    {
        MainWindow window(guitest::options({}));
        window.show();
        window.start();
        auto* server = guitest::child<QLineEdit>(window.signInWidget(), "serverEdit");
        QCOMPARE(server->text(), QStringLiteral("http://127.0.0.1:8080"));
        QVERIFY(!guitest::child<QCheckBox>(window.signInWidget(), "allowInsecureCheck")->isVisible());
        QVERIFY(!guitest::child<QCheckBox>(window.signInWidget(), "keepSignedInCheck")->isChecked());
        QVERIFY(!guitest::child<QPushButton>(window.signInWidget(), "signInButton")->isEnabled());
        QCOMPARE(window.page(), MainWindow::Page::SignIn);
    }

    void keyboardOrderAndNames()
    {
        MainWindow window(guitest::options(QUrl(QStringLiteral("http://127.0.0.1:8080"))));
        window.show();
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        window.start();
        auto* signIn = window.signInWidget();
        guitest::child<QLineEdit>(signIn, "serverEdit")->setFocus();
        const QStringList expected{QStringLiteral("serverEdit"), QStringLiteral("emailEdit"),
                                   QStringLiteral("passwordEdit"), QStringLiteral("keepSignedInCheck")};
        QCOMPARE(QApplication::focusWidget()->objectName(), expected.first());
        for (qsizetype i = 1; i < expected.size(); ++i) {
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
            QCOMPARE(QApplication::focusWidget()->objectName(), expected.at(i));
        }
        // Every control a keyboard or a screen reader reaches has a name.
        QVERIFY2(guitest::unnamedControls(&window).isEmpty(),
                 qPrintable(guitest::unnamedControls(&window).join(QStringLiteral(", "))));
    }

    void plainHttpNeedsExplicitConsent()
    {
        MainWindow window(guitest::options(QUrl(QStringLiteral("http://vigie.example.com"))));
        window.show();
        window.start();
        auto* signIn = window.signInWidget();
        auto* allow = guitest::child<QCheckBox>(signIn, "allowInsecureCheck");
        QVERIFY(allow->isVisible());
        QVERIFY(
            guitest::child<QLabel>(signIn, "insecureLabel")->text().contains(QStringLiteral("unencrypted")));
        QVERIFY(!allow->isChecked());

        guitest::typeSignIn(window, kEmail, kPassword);
        QTRY_VERIFY(bannerText(window).contains(QStringLiteral("unencrypted")));
        QCOMPARE(window.account()->state(), AccountSession::State::SignedOut);

        // Ticked: the choice is remembered for that server, and the sign-in goes ahead.
        allow->setChecked(true);
        QTest::mouseClick(guitest::child<QPushButton>(signIn, "signInButton"), Qt::LeftButton);
        QVERIFY(ServerUrlPolicy::isInsecureAllowed(QUrl(QStringLiteral("http://vigie.example.com"))));
        if (window.account()->state() == AccountSession::State::SigningIn) {
            auto* cancel = guitest::child<QPushButton>(signIn, "cancelButton");
            QVERIFY(cancel->isVisible());
            QTest::mouseClick(cancel, Qt::LeftButton);
        }
        QTRY_COMPARE(window.account()->state(), AccountSession::State::SignedOut);

        // Unticked again: refused, and forgotten.
        allow->setChecked(false);
        QTest::mouseClick(guitest::child<QPushButton>(signIn, "signInButton"), Qt::LeftButton);
        QTRY_VERIFY(bannerText(window).contains(QStringLiteral("unencrypted")));
        QVERIFY(!ServerUrlPolicy::isInsecureAllowed(QUrl(QStringLiteral("http://vigie.example.com"))));
    }

    void wrongPasswordThenThrottledWithCountdown()
    {
        TestServer server({QStringLiteral("--login-max-failures"), QStringLiteral("2"),
                           QStringLiteral("--login-failure-window"), QStringLiteral("3s")});
        QVERIFY(server.start());
        QVERIFY(!server.addUser(kEmail, kPassword).isEmpty());
        MainWindow window(guitest::options(server.url()));
        window.show();
        window.start();
        auto* signIn = window.signInWidget();
        auto* button = guitest::child<QPushButton>(signIn, "signInButton");
        auto* password = guitest::child<QLineEdit>(signIn, "passwordEdit");

        guitest::typeSignIn(window, kEmail, QStringLiteral("wrong password"));
        QTRY_COMPARE(bannerText(window), QStringLiteral("The email address or password is incorrect."));
        QCOMPARE(password->selectedText(), QStringLiteral("wrong password"));

        guitest::typeSignIn(window, kEmail, QStringLiteral("wrong again"));
        QTRY_VERIFY(!bannerText(window).isEmpty() &&
                    window.account()->state() == AccountSession::State::SignedOut);
        guitest::typeSignIn(window, kEmail, kPassword);
        QTRY_VERIFY(bannerText(window).startsWith(QStringLiteral("Too many sign-in attempts.")));
        QVERIFY(!button->isEnabled());
        const int first = secondsIn(bannerText(window));
        QVERIFY2(first >= 1 && first <= 4, qPrintable(bannerText(window)));
        if (first > 1)
            QTRY_VERIFY_WITH_TIMEOUT(secondsIn(bannerText(window)) < first, 2500);
        QVERIFY(!button->isEnabled());

        // The wait is over: the button comes back, and the right password works.
        QTRY_VERIFY_WITH_TIMEOUT(button->isEnabled(), 6000);
        QCOMPARE(bannerText(window), QStringLiteral("You can try to sign in again now."));
        QTest::mouseClick(button, Qt::LeftButton);
        QTRY_COMPARE(window.page(), MainWindow::Page::Account);
    }

    void serverUnreachable()
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        const QUrl url(QStringLiteral("http://127.0.0.1:%1").arg(probe.serverPort()));
        probe.close();
        MainWindow window(guitest::options(url));
        window.show();
        window.start();
        guitest::typeSignIn(window, kEmail, kPassword);
        QTRY_VERIFY(bannerText(window).startsWith(QStringLiteral("Cannot reach the server at ")));
        QCOMPARE(QApplication::focusWidget(),
                 window.signInWidget()->findChild<QWidget*>(QStringLiteral("serverEdit")));
    }

    void serverFaultKeepsThePassword()
    {
        // A 500 is the server's fault, not the user's: what they typed stays, ready to resend.
        const QByteArray body = R"({"error":"internal","message":"boom"})";
        OtherWebServer faulty("HTTP/1.1 500 Internal Server Error\r\nContent-Type: application/json\r\n"
                              "Content-Length: " +
                              QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
        QVERIFY(faulty.isListening());
        MainWindow window(
            guitest::options(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(faulty.serverPort()))));
        window.show();
        window.start();
        guitest::typeSignIn(window, kEmail, kPassword);
        QTRY_VERIFY(bannerText(window).contains(QStringLiteral("HTTP 500")));
        QCOMPARE(guitest::child<QLineEdit>(window.signInWidget(), "passwordEdit")->text(), kPassword);
        QVERIFY(guitest::child<QPushButton>(window.signInWidget(), "signInButton")->isEnabled());
    }

    void enterFromTheCheckBoxAndTheChoiceIsKept()
    {
        TestServer server;
        QVERIFY(server.start());
        QVERIFY(!server.addUser(kEmail, kPassword).isEmpty());
        MainWindow window(guitest::options(server.url()));
        window.show();
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        window.start();
        auto* signIn = window.signInWidget();
        auto* keep = guitest::child<QCheckBox>(signIn, "keepSignedInCheck");
        QTest::keyClicks(guitest::child<QLineEdit>(signIn, "emailEdit"), kEmail);
        QTest::keyClicks(guitest::child<QLineEdit>(signIn, "passwordEdit"), kPassword);
        // Tick "Keep me signed in" with the keyboard, then Enter from the box itself submits.
        keep->setFocus();
        QTest::keyClick(keep, Qt::Key_Space);
        QVERIFY(keep->isChecked());
        QTest::keyClick(keep, Qt::Key_Return);
        QTRY_COMPARE(window.page(), MainWindow::Page::Account);

        // Signed out from elsewhere: the sign-in screen comes back with the box as the user left it.
        HttpClient http(server.url());
        const QString token =
            http.login(kEmail, kPassword).json().value(QStringLiteral("access_token")).toString();
        QCOMPARE(
            http.del(QStringLiteral("/api/users/me/sessions/") + window.account()->sessionId(), token).status,
            204);
        window.findChild<QAction*>(QStringLiteral("refreshAction"))->trigger();
        QTRY_COMPARE(window.page(), MainWindow::Page::SignIn);
        QVERIFY(keep->isChecked());
    }

    void notAVigieServer()
    {
        OtherWebServer other("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 19\r\n"
                             "Connection: close\r\n\r\n<html>hello</html>\n");
        QVERIFY(other.isListening());
        MainWindow window(
            guitest::options(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(other.serverPort()))));
        window.show();
        window.start();
        guitest::typeSignIn(window, kEmail, kPassword);
        QTRY_VERIFY(bannerText(window).contains(QStringLiteral("does not look like a Vigie server")));
    }

    void tlsFailure()
    {
        // A plain-text server where TLS is expected: the handshake fails.
        OtherWebServer plain("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        MainWindow window(
            guitest::options(QUrl(QStringLiteral("https://127.0.0.1:%1").arg(plain.serverPort()))));
        window.show();
        window.start();
        guitest::typeSignIn(window, kEmail, kPassword);
        QTRY_VERIFY(
            bannerText(window).startsWith(QStringLiteral("A secure connection to the server could not")));
    }

    void selfSignedServerIsExplainedInPlainWords()
    {
        // A real vigie-server on HTTPS with a self-signed certificate: refused, and said so.
        QTemporaryDir dir;
        QVERIFY(makeTestCertificate(dir.filePath("cert.pem"), dir.filePath("key.pem"), "127.0.0.1",
                                    "subjectAltName=IP:127.0.0.1"));
        TestServer server({"--tls-cert", dir.filePath("cert.pem"), "--tls-key", dir.filePath("key.pem")});
        QVERIFY2(server.start(), qPrintable(server.errorOutput()));
        QVERIFY(!server.addUser(kEmail, kPassword).isEmpty());
        MainWindow window(guitest::options(server.url()));
        window.show();
        window.start();
        guitest::typeSignIn(window, kEmail, kPassword);
        QTRY_VERIFY(
            bannerText(window).contains(QStringLiteral("not signed by an authority this computer trusts")));
        QCOMPARE(window.page(), MainWindow::Page::SignIn);
        if (const QString shots = qEnvironmentVariable("VIGIE_TEST_GRAB_DIR"); !shots.isEmpty())
            window.grab().save(shots + "/signin-tls-untrusted.png");
    }

    void restoreWithoutKeychainSaysSo()
    {
        TestServer server;
        QVERIFY(server.start());
        // What a previous "Keep me signed in" left in the settings.
        QSettings settings;
        settings.setValue(QStringLiteral("account/server"), server.url().toString());
        settings.setValue(QStringLiteral("account/email"), kEmail);
        settings.setValue(QStringLiteral("account/keepSignedIn"), true);
        settings.sync();
        MainWindow::Options options = guitest::options({});
        MainWindow window(options);
        window.show();
        QVERIFY(window.account()->canRestore());
        window.start();
        QTRY_VERIFY(bannerText(window).contains(QStringLiteral("no system keychain is available")));
        QCOMPARE(window.page(), MainWindow::Page::SignIn);
        QVERIFY(guitest::child<QLineEdit>(window.signInWidget(), "passwordEdit")->isEnabled());
        QCOMPARE(guitest::child<QLineEdit>(window.signInWidget(), "emailEdit")->text(), kEmail);
    }
};

QTEST_MAIN(TestSignInWidget)
#include "tst_signinwidget.moc"
