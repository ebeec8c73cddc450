#pragma once

#include "core/ErrorCodes.h"

#include <QCoreApplication>
#include <QList>
#include <QMetaType>
#include <QSslError>
#include <QString>

class QNetworkReply;

namespace vigie::client {

// Every way a call to the API can fail, as one value. The UI shows message(); kind, httpStatus
// and code let it react (ask for the password, count down a throttle, offer a retry).
struct ApiError
{
    Q_DECLARE_TR_FUNCTIONS(ApiError)

public:
    enum class Kind {
        None,
        Network,             // unreachable, refused, connection lost
        Timeout,             // no answer within the job's timeout
        Tls,                 // certificate or handshake failure
        Http,                // the API answered with an error status (see code)
        InvalidResponse,     // a Vigie-like answer that does not match the contract
        NotVigie,            // the address does not serve the Vigie API
        InvalidServerUrl,    // refused before sending (malformed, or plain http:// not allowed)
        SignedOut,           // no usable session: never signed in, or it ended
        KeychainUnavailable, // the system keychain cannot be used (the running session still works)
        Cancelled,
    };

    Kind kind = Kind::None;
    int httpStatus = 0;        // 0 when no HTTP answer arrived
    QString code;              // core/ErrorCodes.h ("invalid_grant"), empty when none
    QString message;           // one human sentence, translated
    int retryAfterSeconds = 0; // from Retry-After on 429, else 0
    QString detail;            // technical detail for logs and a details view (no secrets)

    bool isError() const { return kind != Kind::None; }
    bool isInvalidCredentials() const { return code == QLatin1String(error_code::kInvalidCredentials); }
    bool isReauthenticationRequired() const
    {
        return code == QLatin1String(error_code::kReauthenticationRequired);
    }
    bool isWeakPassword() const { return code == QLatin1String(error_code::kWeakPassword); }
    bool isThrottled() const { return httpStatus == 429; }
    bool isNotFound() const { return httpStatus == 404 && kind == Kind::Http; }
    // The session is over and only signing in again helps.
    bool isSignedOut() const
    {
        return kind == Kind::SignedOut || code == QLatin1String(error_code::kInvalidGrant);
    }
    // Trying the same call again later may work (network trouble, a busy server).
    bool isTransient() const;

    static ApiError network(const QString& detail);
    static ApiError timeout(int seconds);
    static ApiError tls(const QString& detail);
    // The certificate problem in plain words (untrusted or self-signed, issued for another
    // name than host, expired, not yet valid, revoked), from what the TLS handshake reported.
    static ApiError tls(const QList<QSslError>& errors, const QString& host, const QString& detail);
    static ApiError notVigie(const QString& detail);
    static ApiError invalidResponse(const QString& detail);
    static ApiError cancelled();
    static ApiError signedOut(const QString& message);
    static ApiError keychainUnavailable(const QString& detail);
    // An error status with the API's {"error","message"} body; the sentence shown is the
    // client's own translation of the code, the server's text goes to detail.
    static ApiError http(int status, const QString& code, const QString& serverMessage,
                         int retryAfterSeconds = 0);
    // An error status without the API's error body (a proxy's page, a bare 502).
    static ApiError httpWithoutBody(int status);

    // "Network error (…)", for logs; never contains a token.
    QString toLogString() const;
};

} // namespace vigie::client

Q_DECLARE_METATYPE(vigie::client::ApiError)
