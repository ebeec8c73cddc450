// Closing the app while a rotated refresh token is on its way to the keychain must not lose
// the sign-in: with "Keep me signed in", the closing window waits (hidden) until the keychain
// holds the new token, so the next start signs in again instead of presenting the used token
// (which the server would take for theft and answer by ending the session).
// Runs against the real vigie-server and a real Secret Service (with-keyring.sh).
#include "GuiTestSupport.h"
#include "TestServer.h"
#include "client/AccountSession.h"
#include "client/TokenStore.h"

#include <QCheckBox>

using namespace vigie::widgets;

namespace {
const QString kEmail = QStringLiteral("kept@example.com");
const QString kPassword = QStringLiteral("kept signed in password");
} // namespace

class TestQuitWhileRefreshing final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { guitest::setUpTestApplication("tst_quitwhilerefreshing"); }

    void closingWaitsForTheKeychain()
    {
        // Access tokens of 3 s: the app refreshes them on its own after about 2.4 s.
        TestServer server({QStringLiteral("--access-token-ttl"), QStringLiteral("3s")});
        QVERIFY2(server.start(), qPrintable(server.errorOutput()));
        QVERIFY(!server.addUser(kEmail, kPassword).isEmpty());

        auto options = guitest::options(server.url());
        options.keychainService = QStringLiteral("vigie-quit-test");
        {
            MainWindow window(options);
            window.show();
            window.start();
            window.signInWidget()
                ->findChild<QCheckBox*>(QStringLiteral("keepSignedInCheck"))
                ->setChecked(true);
            QVERIFY(guitest::signIn(window, kEmail, kPassword));
            auto* account = window.account();
            QVERIFY(account->keepSignedIn());
            QTRY_VERIFY(!account->tokenStore()->isBusy());

            // The user closes the window just as the app has refreshed its tokens: the new
            // refresh token is on its way to the keychain (the moment is caught by signal, not
            // by polling, so a loaded machine cannot miss it).
            bool attempted = false;
            bool closed = true;
            connect(account, &vigie::client::AccountSession::accessTokenRefreshed, &window, [&] {
                if (!attempted) {
                    attempted = true;
                    QVERIFY(account->tokenStore()->isBusy());
                    closed = window.close();
                }
            });
            QTRY_VERIFY_WITH_TIMEOUT(attempted, 15000);
            QVERIFY2(!closed, "the window closed with the new refresh token not yet stored");
            QVERIFY(!window.isVisible());
            QTRY_VERIFY_WITH_TIMEOUT(!account->isRefreshing() && !account->tokenStore()->isBusy(), 10000);
            QVERIFY(account->isSignedIn());
        }

        // The next start finds the current token and is signed in without a password.
        MainWindow next(options);
        next.show();
        next.start();
        QTRY_COMPARE_WITH_TIMEOUT(next.page(), MainWindow::Page::Account, 10000);
        QCOMPARE(next.account()->user().email, kEmail.toStdString());
    }
};

QTEST_MAIN(TestQuitWhileRefreshing)
#include "tst_quitwhilerefreshing.moc"
