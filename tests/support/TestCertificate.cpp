#include "TestCertificate.h"

#include <QProcess>
#include <QStringList>

bool makeTestCertificate(const QString& certPath, const QString& keyPath, const QString& commonName,
                         const QString& subjectAltName)
{
    QProcess openssl;
    openssl.start("openssl", {"req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
                              "-nodes", "-days", "2", "-subj", "/CN=" + commonName, "-addext", subjectAltName,
                              "-keyout", keyPath, "-out", certPath});
    return openssl.waitForFinished(30000) && openssl.exitStatus() == QProcess::NormalExit &&
           openssl.exitCode() == 0;
}
