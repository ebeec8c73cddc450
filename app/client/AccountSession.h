#pragma once

#include "client/AccountJobs.h"
#include "client/AdminJobs.h"
#include "client/ApiClient.h"
#include "client/ApiError.h"
#include "client/AuthJobs.h"
#include "client/ClientTypes.h"
#include "client/SessionJobs.h"

#include <QDeadlineTimer>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <chrono>
#include <string_view>

class QNetworkAccessManager;

namespace vigie::client {

class EventStreamJob;
class TokenStore;

// The signed-in account: sign-in, the tokens and their refresh, "keep me signed in", sign-out,
// and the calls made on the user's behalf.
//
// The access token lives in memory only. The refresh token lives in memory and, when the user
// asked to stay signed in, in the system keychain (TokenStore), keyed by server and email;
// QSettings only remembers the last server, email and that choice. The access token is
// refreshed at about 80% of its lifetime and after a 401, once; calls made meanwhile wait for
// that one refresh. A refresh refused with invalid_grant ends the session (signedOut()).
class AccountSession : public QObject
{
    Q_OBJECT

public:
    enum class State { SignedOut, SigningIn, SignedIn, SigningOut };
    Q_ENUM(State)

    enum class SignOutReason {
        UserRequested,     // signOut()
        SessionEnded,      // revoked from elsewhere, expired or idle: the server refused the refresh
        ThisDeviceRevoked, // revokeSession() on the current session
    };
    Q_ENUM(SignOutReason)

    enum class KeychainStatus {
        Unknown,    // not used yet
        Available,  // the last keychain operation worked
        Unavailable // no keychain: the sign-in cannot be remembered (the running session works)
    };
    Q_ENUM(KeychainStatus)

    explicit AccountSession(QNetworkAccessManager* network, QObject* parent = nullptr);
    ~AccountSession() override;

    // Signs in with a password. serverUrl is checked by ServerUrlPolicy (with the user's saved
    // choice about plain http://). Ends in signedIn() or signInFailed().
    void signIn(const QString& serverUrl, const QString& email, const QString& password, bool keepSignedIn);
    // Whether the last account asked to stay signed in (QSettings); no keychain access.
    bool canRestore() const;
    // Signs the last account in again with the refresh token from the keychain, without a
    // password. False when there is nothing to restore; otherwise ends in signedIn() or
    // signInFailed().
    bool restoreSession();
    // Stops a sign-in or restore in progress (signInFailed() with a Cancelled error).
    void cancelSignIn();
    // Revokes this session on the server, then deletes the keychain entry; both happen even
    // when the server cannot be reached. Ends in signedOut(UserRequested, …).
    void signOut();

    // Calls on behalf of the signed-in user. Each returns a started job: connect to its
    // finished() and failed() (always emitted later, never during the call). The session
    // owns the jobs; they delete themselves when done.
    GetSessionsJob* getSessions();
    // Revoking another session may fail with error.isReauthenticationRequired(): ask for the
    // password, reauthenticate(), then call again. Revoking the current session signs out
    // (signedOut(ThisDeviceRevoked, …)).
    RevokeSessionJob* revokeSession(const QString& sessionId);
    RevokeOtherSessionsJob* revokeAllOtherSessions();
    ReauthenticateJob* reauthenticate(const QString& password);
    CurrentUserJob* currentUser();
    OwnAuditJob* ownAudit(int limit = 0);
    // API v1.1 (check supports() first). An empty name clears it; the finished() session is the
    // renamed one as the server lists it.
    RenameSessionJob* renameSession(const QString& sessionId, const QString& name);
    AccountSettingsJob* accountSettings();
    AccountSettingsJob* setIdleTimeout(long long seconds);
    // A wrong current password fails with isInvalidCredentials() and counts like a failed
    // sign-in; a refused new one with isWeakPassword().
    ChangePasswordJob* changePassword(const QString& currentPassword, const QString& newPassword,
                                      bool signOutOtherSessions);
    // Support staff only (role support or admin).
    FindUserJob* findUser(const QString& email);
    UserSessionsJob* userSessions(const QString& userId);
    AdminRevokeSessionJob* adminRevokeSession(const QString& userId, const QString& sessionId,
                                              const QString& reason = {});
    AuditJob* audit(const QString& userId = {}, int limit = 0);
    // The account's event stream (v1.1, feature::kEvents), resumed after lastEventId when
    // given. EventStream keeps one open; it waits for keep-alives, not for the usual timeout.
    EventStreamJob* openEventStream(const QByteArray& lastEventId);

    State state() const { return m_state; }
    bool isSignedIn() const { return m_state == State::SignedIn; }
    QUrl serverUrl() const { return m_client.serverUrl(); }
    QString email() const { return m_email; }
    vigie::User user() const { return m_user; }
    QString sessionId() const { return m_sessionId; }
    bool keepSignedIn() const { return m_keepSignedIn; }
    // "Keep me signed in" as the user last chose it, kept across sign-outs.
    bool keepSignedInChoice() const;
    // A refresh is on its way to the server (its new refresh token then goes to the keychain).
    bool isRefreshing() const { return !m_refreshJob.isNull(); }
    ApiClient apiClient() const { return m_client; }

    // What the server offers (GET /api/version), asked after every sign-in and restore without
    // holding them up. Empty features while unknown (not asked yet, or the server could not be
    // reached: asked again with back-off while signed in) and for a v1 server (version "1.0").
    // serverVersionChanged() follows signedIn() once the answer is in, and every change.
    const vigie::ServerVersion& serverVersion() const { return m_serverVersion; }
    bool supports(std::string_view feature) const { return m_serverVersion.has(feature); }

    KeychainStatus keychainStatus() const { return m_keychainStatus; }
    // A sentence for the UI when the keychain is unavailable, else empty.
    QString keychainStatusMessage() const;

    // The last server and email signed in with, to fill in the sign-in form.
    QString lastServerUrl() const;
    QString lastEmail() const;

    // Applies to the calls started afterwards (default 15 s).
    void setTimeout(std::chrono::milliseconds timeout);
    // The keychain service name (default "Vigie"); tests use their own.
    void setKeychainService(const QString& service);
    TokenStore* tokenStore() const { return m_tokenStore; }

Q_SIGNALS:
    void stateChanged(vigie::client::AccountSession::State state);
    void signedIn();
    void signInFailed(const vigie::client::ApiError& error);
    // message: one translated sentence saying why (may be empty for a plain sign-out).
    void signedOut(vigie::client::AccountSession::SignOutReason reason, const QString& message);
    void accessTokenRefreshed();
    void keychainStatusChanged(vigie::client::AccountSession::KeychainStatus status);
    void serverVersionChanged();

private:
    class Authenticator;
    friend class Authenticator;

    template <typename Job, typename... Args> Job* startJob(Args&&... args);

    bool admit(ApiJob* job);
    bool recover(ApiJob* job, const QByteArray& sentToken);
    void startRefresh();
    void onRefreshed(const vigie::TokenResponse& tokens);
    void onRefreshFailed(const ApiError& error);
    void beginSignIn(const QUrl& server, const QString& email);
    void completeSignIn(const vigie::TokenResponse& tokens, bool keepSignedIn);
    void failSignIn(const ApiError& error);
    void applyTokens(const vigie::TokenResponse& tokens);
    void storeRefreshToken();
    void endSession(SignOutReason reason, const QString& message);
    void finishSignOut(const ApiError& logoutError);
    void clearSession();
    void releaseWaitingJobs(const ApiError* error);
    void setState(State state);
    void askServerVersion();
    void setServerVersion(const vigie::ServerVersion& version);
    void setKeychainStatus(KeychainStatus status);
    QString storeKey() const;
    void setRememberedKeep(bool keep);

    QPointer<QNetworkAccessManager> m_network;
    ApiClient m_client;
    std::chrono::milliseconds m_timeout = ApiClient::kDefaultTimeout;
    Authenticator* m_authenticator = nullptr;
    TokenStore* m_tokenStore = nullptr;

    State m_state = State::SignedOut;
    KeychainStatus m_keychainStatus = KeychainStatus::Unknown;
    QString m_email;
    vigie::User m_user;
    QString m_sessionId;
    bool m_keepSignedIn = false;
    quint64 m_signInAttempt = 0;

    QByteArray m_accessToken;
    QByteArray m_refreshToken;
    QDeadlineTimer m_accessDeadline;
    QTimer m_refreshTimer;
    QPointer<RefreshJob> m_refreshJob;
    QPointer<ApiJob> m_signInJob;
    QPointer<LogoutJob> m_logoutJob;
    vigie::ServerVersion m_serverVersion;
    QPointer<VersionJob> m_versionJob;
    QTimer m_versionRetryTimer;
    std::chrono::seconds m_versionRetryDelay{0};
    QList<QPointer<ApiJob>> m_waiting;
};

} // namespace vigie::client
