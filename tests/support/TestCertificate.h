#pragma once

#include <QString>

// Makes a self-signed P-256 certificate (valid two days) and its key with Debian's openssl,
// for vigie-server --tls-cert/--tls-key in tests. subjectAltName as openssl writes it:
// "subjectAltName=IP:127.0.0.1" or "subjectAltName=DNS:vigie.example.org". False when openssl
// failed.
bool makeTestCertificate(const QString& certPath, const QString& keyPath, const QString& commonName,
                         const QString& subjectAltName);
