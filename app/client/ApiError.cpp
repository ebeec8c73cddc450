#include "client/ApiError.h"

#include "client/Plural.h"
#include "client/SessionDisplay.h"

#include <QLocale>
#include <QSslCertificate>

namespace vigie::client {

namespace {

ApiError make(ApiError::Kind kind, QString message, QString detail = {})
{
    ApiError e;
    e.kind = kind;
    e.message = std::move(message);
    e.detail = std::move(detail);
    return e;
}

QString kindName(ApiError::Kind kind)
{
    switch (kind) {
    case ApiError::Kind::None:
        return QStringLiteral("none");
    case ApiError::Kind::Network:
        return QStringLiteral("network");
    case ApiError::Kind::Timeout:
        return QStringLiteral("timeout");
    case ApiError::Kind::Tls:
        return QStringLiteral("tls");
    case ApiError::Kind::Http:
        return QStringLiteral("http");
    case ApiError::Kind::InvalidResponse:
        return QStringLiteral("invalid-response");
    case ApiError::Kind::NotVigie:
        return QStringLiteral("not-vigie");
    case ApiError::Kind::InvalidServerUrl:
        return QStringLiteral("invalid-server-url");
    case ApiError::Kind::SignedOut:
        return QStringLiteral("signed-out");
    case ApiError::Kind::KeychainUnavailable:
        return QStringLiteral("keychain-unavailable");
    case ApiError::Kind::Cancelled:
        return QStringLiteral("cancelled");
    }
    return QStringLiteral("unknown");
}

} // namespace

bool ApiError::isTransient() const
{
    return kind == Kind::Network || kind == Kind::Timeout ||
           (kind == Kind::Http && (httpStatus >= 500 || httpStatus == 429));
}

ApiError ApiError::network(const QString& detail)
{
    return make(Kind::Network,
                tr("Cannot reach the server. Check the address and your connection, then try again."),
                detail);
}

ApiError ApiError::timeout(int seconds)
{
    return make(
        Kind::Timeout,
        resolvePlural(tr("The server did not answer within %n second(s). Try again later.", nullptr, seconds),
                      seconds));
}

ApiError ApiError::tls(const QString& detail)
{
    return make(
        Kind::Tls,
        tr("A secure connection to the server could not be established: its certificate is not trusted "
           "or the connection was interfered with."),
        detail);
}

ApiError ApiError::tls(const QList<QSslError>& errors, const QString& host, const QString& detail)
{
    const auto has = [&errors](std::initializer_list<QSslError::SslError> kinds) -> const QSslError* {
        for (const QSslError& e : errors)
            for (const auto kind : kinds)
                if (e.error() == kind)
                    return &e;
        return nullptr;
    };
    const QString lead = tr("A secure connection to the server could not be established.");
    // The most fundamental problem first: an untrusted certificate makes the others moot.
    QString why;
    if (has({QSslError::SelfSignedCertificate, QSslError::SelfSignedCertificateInChain,
             QSslError::UnableToGetLocalIssuerCertificate, QSslError::UnableToGetIssuerCertificate,
             QSslError::UnableToVerifyFirstCertificate, QSslError::CertificateUntrusted,
             QSslError::CertificateRejected})) {
        why = tr("Its certificate is not signed by an authority this computer trusts (it may be "
                 "self-signed). If this is your organisation's server, ask its administrator to install "
                 "a trusted certificate, or install its certificate authority on this computer.");
    } else if (const QSslError* e = has({QSslError::HostNameMismatch})) {
        const QStringList names = e->certificate().subjectAlternativeNames().values();
        const QString issuedFor =
            names.isEmpty()
                ? e->certificate().subjectInfo(QSslCertificate::CommonName).join(QLatin1String(", "))
                : names.join(QLatin1String(", "));
        why = tr("Its certificate was issued for %1, not for %2: this may not be the server you meant.")
                  .arg(issuedFor.isEmpty() ? tr("another name") : issuedFor, host);
    } else if (const QSslError* e = has({QSslError::CertificateExpired})) {
        why = tr("Its certificate expired on %1.")
                  .arg(QLocale().toString(e->certificate().expiryDate().toLocalTime().date(),
                                          QLocale::LongFormat));
    } else if (const QSslError* e = has({QSslError::CertificateNotYetValid})) {
        why = tr("Its certificate is only valid from %1: check this computer's date and time.")
                  .arg(QLocale().toString(e->certificate().effectiveDate().toLocalTime().date(),
                                          QLocale::LongFormat));
    } else if (has({QSslError::CertificateRevoked})) {
        why = tr("Its certificate has been revoked by the authority that issued it.");
    } else {
        return tls(detail);
    }
    QStringList details;
    for (const QSslError& e : errors)
        details << e.errorString();
    if (!detail.isEmpty())
        details << detail;
    return make(Kind::Tls, lead + QLatin1Char(' ') + why, details.join(QLatin1String("; ")));
}

ApiError ApiError::notVigie(const QString& detail)
{
    return make(Kind::NotVigie,
                tr("The server at this address does not look like a Vigie server. Check the address."),
                detail);
}

ApiError ApiError::invalidResponse(const QString& detail)
{
    return make(Kind::InvalidResponse,
                tr("The server sent an answer this version of Vigie does not understand. Try again later, or "
                   "check that the server is up to date."),
                detail);
}

ApiError ApiError::cancelled()
{
    return make(Kind::Cancelled, tr("The request was cancelled."));
}

ApiError ApiError::signedOut(const QString& message)
{
    return make(Kind::SignedOut,
                message.isEmpty() ? tr("You are signed out. Please sign in again.") : message);
}

ApiError ApiError::keychainUnavailable(const QString& detail)
{
    return make(
        Kind::KeychainUnavailable,
        tr("Vigie cannot remember your sign-in on this computer because no system keychain is available. "
           "You will have to sign in again next time."),
        detail);
}

ApiError ApiError::http(int status, const QString& code, const QString& serverMessage, int retryAfterSeconds)
{
    ApiError e;
    e.kind = Kind::Http;
    e.httpStatus = status;
    e.code = code;
    e.detail = serverMessage;
    e.retryAfterSeconds = retryAfterSeconds;
    if (code == QLatin1String(error_code::kInvalidCredentials))
        e.message = tr("The email address or password is incorrect.");
    else if (code == QLatin1String(error_code::kTooManyRequests) || status == 429)
        e.message = retryAfterSeconds > 0 ? tr("Too many attempts. Please try again in %1.")
                                                .arg(SessionDisplay::waitDuration(retryAfterSeconds))
                                          : tr("Too many attempts. Please wait a moment and try again.");
    else if (code == QLatin1String(error_code::kInvalidGrant))
        e.message = tr("Your sign-in has expired or was ended from another device. Please sign in again.");
    else if (code == QLatin1String(error_code::kUnauthorized))
        e.message = tr("Your session has ended. Please sign in again.");
    else if (code == QLatin1String(error_code::kReauthenticationRequired))
        e.message = tr("For your security, enter your password again to continue.");
    else if (code == QLatin1String(error_code::kForbidden))
        e.message = tr("Your account is not allowed to do this.");
    else if (code == QLatin1String(error_code::kNotFound))
        e.message = tr("It no longer exists; it may already have been removed.");
    else if (code == QLatin1String(error_code::kWeakPassword))
        // The server's message says which rule the password broke; there is no code for each.
        e.message = serverMessage.trimmed().isEmpty()
                        ? tr("The server refused this password as too weak.")
                        : tr("The server refused this password: %1").arg(serverMessage.trimmed());
    else if (code == QLatin1String(error_code::kInvalidRequest))
        e.message = tr("The server refused the request as invalid.");
    else if (code == QLatin1String(error_code::kPayloadTooLarge))
        e.message = tr("The request was too large for the server.");
    else if (code == QLatin1String(error_code::kMethodNotAllowed))
        e.message =
            tr("The server does not support this request; it may run an incompatible version of Vigie.");
    else if (status >= 500)
        e.message = tr("The server ran into a problem (HTTP %1). Please try again later.").arg(status);
    else
        e.message = tr("The server refused the request (HTTP %1).").arg(status);
    return e;
}

ApiError ApiError::httpWithoutBody(int status)
{
    ApiError e = http(status, QString(), QString());
    e.detail = QStringLiteral("HTTP %1 without an API error body").arg(status);
    return e;
}

QString ApiError::toLogString() const
{
    QString out = kindName(kind);
    if (httpStatus)
        out += QStringLiteral(" %1").arg(httpStatus);
    if (!code.isEmpty())
        out += QStringLiteral(" ") + code;
    if (retryAfterSeconds)
        out += QStringLiteral(" retry-after=%1s").arg(retryAfterSeconds);
    if (!detail.isEmpty())
        out += QStringLiteral(" (") + detail + QStringLiteral(")");
    return out;
}

} // namespace vigie::client
