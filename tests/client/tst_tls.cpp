// The app's client against vigie-server serving HTTPS (--tls-cert/--tls-key): certificates are
// verified normally (nothing is ignored), and a failure says what is wrong in plain words.
#include "TestCertificate.h"
#include "TestServer.h"
#include "client/ApiClient.h"
#include "client/AuthJobs.h"

#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QTemporaryDir>
#include <QtTest>

using namespace vigie::client;

class TestTls final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(makeCertificate("own", "subjectAltName=IP:127.0.0.1"));
        QVERIFY(makeCertificate("other", "subjectAltName=DNS:vigie.example.org"));
        m_defaultSsl = QSslConfiguration::defaultConfiguration();
    }

    void cleanup() { QSslConfiguration::setDefaultConfiguration(m_defaultSsl); }

    void untrustedCertificateIsRefusedInPlainWords()
    {
        TestServer server(tlsArgs("own"));
        QVERIFY2(server.start(), qPrintable(server.errorOutput()));
        const ApiError error = healthFails(server.url());
        QCOMPARE(error.kind, ApiError::Kind::Tls);
        QVERIFY2(error.message.contains("not signed by an authority this computer trusts"),
                 qPrintable(error.message));
        QVERIFY2(error.detail.contains("self-signed", Qt::CaseInsensitive), qPrintable(error.detail));
    }

    void trustedCertificateIsAccepted()
    {
        TestServer server(tlsArgs("own"));
        QVERIFY2(server.start(), qPrintable(server.errorOutput()));
        trust("own");
        QNetworkAccessManager network;
        auto* job = new HealthCheckJob(ApiClient(&network, server.url()));
        QSignalSpy finished(job, &HealthCheckJob::finished);
        job->start();
        QVERIFY(finished.wait(10000));
    }

    void certificateForAnotherNameIsRefused()
    {
        TestServer server(tlsArgs("other"));
        QVERIFY2(server.start(), qPrintable(server.errorOutput()));
        trust("other"); // trusted, but issued for vigie.example.org, reached as 127.0.0.1
        const ApiError error = healthFails(server.url());
        QCOMPARE(error.kind, ApiError::Kind::Tls);
        QVERIFY2(error.message.contains("issued for vigie.example.org, not for 127.0.0.1"),
                 qPrintable(error.message));
    }

    void datesAreSaid()
    {
        // Expired and not-yet-valid certificates cannot be made with openssl req on Debian 12,
        // so the handshake's report is built here from a real certificate.
        const QSslCertificate cert = QSslCertificate::fromPath(m_dir.filePath("own.pem")).value(0);
        QVERIFY(!cert.isNull());
        const QString expiry =
            QLocale().toString(cert.expiryDate().toLocalTime().date(), QLocale::LongFormat);
        const QString effective =
            QLocale().toString(cert.effectiveDate().toLocalTime().date(), QLocale::LongFormat);
        QVERIFY(ApiError::tls({QSslError(QSslError::CertificateExpired, cert)}, "127.0.0.1", {})
                    .message.endsWith("Its certificate expired on " + expiry + "."));
        QVERIFY(ApiError::tls({QSslError(QSslError::CertificateNotYetValid, cert)}, "127.0.0.1", {})
                    .message.contains("only valid from " + effective + ": check this computer's date"));
        // Untrusted wins over the rest: it is the problem to fix first.
        QVERIFY(ApiError::tls({QSslError(QSslError::CertificateExpired, cert),
                               QSslError(QSslError::SelfSignedCertificate, cert)},
                              "127.0.0.1", {})
                    .message.contains("not signed by an authority"));
        // Nothing recognisable: the general sentence, still of kind Tls.
        QCOMPARE(ApiError::tls({}, "127.0.0.1", "handshake failed").kind, ApiError::Kind::Tls);
    }

private:
    bool makeCertificate(const QString& name, const QString& altName)
    {
        return makeTestCertificate(m_dir.filePath(name + ".pem"), m_dir.filePath(name + ".key"), name,
                                   altName);
    }

    QStringList tlsArgs(const QString& name) const
    {
        return {"--tls-cert", m_dir.filePath(name + ".pem"), "--tls-key", m_dir.filePath(name + ".key")};
    }

    void trust(const QString& name)
    {
        QSslConfiguration ssl = m_defaultSsl;
        ssl.setCaCertificates(QSslCertificate::fromPath(m_dir.filePath(name + ".pem")));
        QSslConfiguration::setDefaultConfiguration(ssl);
    }

    static ApiError healthFails(const QUrl& url)
    {
        QNetworkAccessManager network;
        auto* job = new HealthCheckJob(ApiClient(&network, url));
        QSignalSpy failed(job, &ApiJob::failed);
        job->start();
        if (!failed.wait(10000))
            return {};
        return failed.first().first().value<ApiError>();
    }

    QTemporaryDir m_dir;
    QSslConfiguration m_defaultSsl;
};

QTEST_GUILESS_MAIN(TestTls)
#include "tst_tls.moc"
