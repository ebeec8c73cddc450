#include "client/AccountSession.h"

#include "client/ClientLogging.h"
#include "client/EventStream.h"
#include "client/ServerUrlPolicy.h"
#include "client/Settings.h"
#include "client/TokenStore.h"

#include <QNetworkAccessManager>
#include <utility>

namespace vigie::client {

namespace {

// A failed proactive refresh (offline, server busy) is tried again after this long; a call
// made meanwhile with an expired token refreshes at once anyway.
constexpr std::chrono::seconds kRefreshRetry{30};
// Signing out should not hang on a server that does not answer.
constexpr std::chrono::seconds kLogoutTimeout{5};
// GET /api/version that could not be answered (offline, 5xx, 429) is asked again after this
// long, doubled each time up to the maximum; meanwhile the app behaves as with a v1 server.
constexpr std::chrono::seconds kVersionRetryFirst{15};
constexpr std::chrono::seconds kVersionRetryMax{600};
// The server sends a keep-alive comment after 25 s of silence: a stream silent for longer than
// two of them is dead (a laptop that slept, a proxy that dropped it).
constexpr std::chrono::seconds kEventStreamSilence{60};

} // namespace

class AccountSession::Authenticator : public JobAuthenticator
{
public:
    explicit Authenticator(AccountSession* session) : JobAuthenticator(session), m_session(session) {}

    QByteArray accessToken() const override { return m_session->m_accessToken; }
    bool admit(ApiJob* job) override { return m_session->admit(job); }
    bool recover(ApiJob* job, const QByteArray& sentToken) override
    {
        return m_session->recover(job, sentToken);
    }

private:
    AccountSession* m_session;
};

AccountSession::AccountSession(QNetworkAccessManager* network, QObject* parent)
    : QObject(parent), m_network(network), m_authenticator(new Authenticator(this)),
      m_tokenStore(new TokenStore(QStringLiteral("Vigie"), this))
{
    m_refreshTimer.setSingleShot(true);
    connect(&m_refreshTimer, &QTimer::timeout, this, [this] {
        if (m_state == State::SignedIn)
            startRefresh();
    });
    m_versionRetryTimer.setSingleShot(true);
    connect(&m_versionRetryTimer, &QTimer::timeout, this, &AccountSession::askServerVersion);
}

AccountSession::~AccountSession() = default;

void AccountSession::setTimeout(std::chrono::milliseconds timeout)
{
    m_timeout = timeout;
    m_client.setTimeout(timeout);
}

void AccountSession::setKeychainService(const QString& service)
{
    delete m_tokenStore;
    m_tokenStore = new TokenStore(service, this);
}

QString AccountSession::keychainStatusMessage() const
{
    if (m_keychainStatus != KeychainStatus::Unavailable)
        return {};
    return ApiError::keychainUnavailable({}).message;
}

QString AccountSession::lastServerUrl() const
{
    return Settings::value(Settings::Key::LastServer).toString();
}

QString AccountSession::lastEmail() const
{
    return Settings::value(Settings::Key::LastEmail).toString();
}

bool AccountSession::canRestore() const
{
    return Settings::value(Settings::Key::KeepSignedIn).toBool() && !lastServerUrl().isEmpty() &&
           !lastEmail().isEmpty();
}

QString AccountSession::storeKey() const
{
    return TokenStore::keyFor(m_client.serverUrl(), m_email);
}

bool AccountSession::keepSignedInChoice() const
{
    return Settings::value(Settings::Key::KeepSignedInChoice).toBool();
}

void AccountSession::setRememberedKeep(bool keep)
{
    Settings::setValue(Settings::Key::KeepSignedIn, keep);
}

void AccountSession::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

void AccountSession::setKeychainStatus(KeychainStatus status)
{
    if (m_keychainStatus == status)
        return;
    m_keychainStatus = status;
    Q_EMIT keychainStatusChanged(status);
}

void AccountSession::beginSignIn(const QUrl& server, const QString& email)
{
    m_client = ApiClient(m_network, server);
    m_client.setTimeout(m_timeout);
    m_email = email.trimmed();
    ++m_signInAttempt;
    setState(State::SigningIn);
}

void AccountSession::signIn(const QString& serverUrl, const QString& email, const QString& password,
                            bool keepSignedIn)
{
    if (m_state != State::SignedOut) {
        ApiError error;
        error.kind = ApiError::Kind::Cancelled;
        error.message = tr("Wait until the current sign-in or sign-out has finished, then try again.");
        QMetaObject::invokeMethod(
            this, [this, error] { Q_EMIT signInFailed(error); }, Qt::QueuedConnection);
        return;
    }
    const auto check = ServerUrlPolicy::checkWithSavedChoice(serverUrl);
    if (!check.isOk()) {
        ApiError error;
        error.kind = ApiError::Kind::InvalidServerUrl;
        error.message = check.message;
        QMetaObject::invokeMethod(
            this, [this, error] { Q_EMIT signInFailed(error); }, Qt::QueuedConnection);
        return;
    }
    beginSignIn(check.url, email);
    qCInfo(lcClient) << "signing in to" << check.url.toString();
    auto* job = new LoginJob(m_client, m_email, password, this);
    m_signInJob = job;
    connect(job, &LoginJob::finished, this,
            [this, keepSignedIn](const TokenResponse& tokens) { completeSignIn(tokens, keepSignedIn); });
    connect(job, &ApiJob::failed, this, &AccountSession::failSignIn);
    job->start();
}

bool AccountSession::restoreSession()
{
    if (m_state != State::SignedOut || !canRestore())
        return false;
    const auto check = ServerUrlPolicy::checkWithSavedChoice(lastServerUrl());
    if (!check.isOk()) {
        qCInfo(lcClient) << "not restoring the last sign-in: the server address is no longer accepted";
        return false;
    }
    beginSignIn(check.url, lastEmail());
    qCInfo(lcClient) << "restoring the sign-in to" << check.url.toString();
    const quint64 attempt = m_signInAttempt;
    m_tokenStore->read(storeKey(), this, [this, attempt](const TokenStore::Result& stored) {
        if (attempt != m_signInAttempt || m_state != State::SigningIn)
            return; // cancelled meanwhile
        switch (stored.status) {
        case TokenStore::Status::Ok:
            break;
        case TokenStore::Status::NotFound:
            setKeychainStatus(KeychainStatus::Available);
            setRememberedKeep(false);
            failSignIn(ApiError::signedOut(tr("Your saved sign-in was not found. Please sign in again.")));
            return;
        case TokenStore::Status::Unavailable:
        case TokenStore::Status::Failed:
            setKeychainStatus(KeychainStatus::Unavailable);
            failSignIn(ApiError::keychainUnavailable(stored.errorText));
            return;
        }
        setKeychainStatus(KeychainStatus::Available);
        auto* job = new RefreshJob(m_client, stored.secret.toUtf8(), this);
        m_signInJob = job;
        connect(job, &RefreshJob::finished, this,
                [this](const TokenResponse& tokens) { completeSignIn(tokens, /*keepSignedIn=*/true); });
        connect(job, &ApiJob::failed, this, [this](const ApiError& error) {
            if (error.httpStatus == 401) {
                // The stored token is dead for good (revoked, expired, replayed): forget it.
                setRememberedKeep(false);
                m_tokenStore->remove(storeKey(), this);
            }
            failSignIn(error);
        });
        job->start();
    });
    return true;
}

void AccountSession::cancelSignIn()
{
    if (m_state != State::SigningIn)
        return;
    ++m_signInAttempt;
    if (m_signInJob) {
        m_signInJob->disconnect(this);
        m_signInJob->abort();
    }
    failSignIn(ApiError::cancelled());
}

void AccountSession::failSignIn(const ApiError& error)
{
    if (m_state != State::SigningIn)
        return;
    m_signInJob = nullptr;
    clearSession();
    setState(State::SignedOut);
    Q_EMIT signInFailed(error);
}

void AccountSession::completeSignIn(const TokenResponse& tokens, bool keepSignedIn)
{
    if (m_state != State::SigningIn)
        return;
    m_signInJob = nullptr;
    const QString previousKey = Settings::value(Settings::Key::KeepSignedIn).toBool()
                                    ? TokenStore::keyFor(QUrl(lastServerUrl()), lastEmail())
                                    : QString();

    applyTokens(tokens);
    m_user = tokens.user;
    m_sessionId = qs(tokens.sessionId).toLower();
    m_keepSignedIn = keepSignedIn;
    Settings::setValue(Settings::Key::LastServer, m_client.serverUrl().toString());
    Settings::setValue(Settings::Key::LastEmail, m_email);
    // The user's choice outlives this session: signed out from elsewhere, the box comes back
    // as they left it.
    Settings::setValue(Settings::Key::KeepSignedInChoice, keepSignedIn);
    if (!previousKey.isEmpty() && (previousKey != storeKey() || !keepSignedIn)) {
        // Another account was remembered, or this one no longer wants to be.
        setRememberedKeep(false);
        m_tokenStore->remove(previousKey, this);
    }
    if (keepSignedIn)
        storeRefreshToken();
    qCInfo(lcClient) << "signed in; session" << m_sessionId;
    setState(State::SignedIn);
    Q_EMIT signedIn();
    m_versionRetryDelay = kVersionRetryFirst;
    askServerVersion();
}

void AccountSession::askServerVersion()
{
    if (m_state != State::SignedIn || m_versionJob)
        return;
    auto* job = new VersionJob(m_client, this);
    m_versionJob = job;
    connect(job, &VersionJob::finished, this, [this](const ServerVersion& version) {
        QStringList features;
        for (const std::string& feature : version.features)
            features.append(qs(feature));
        qCInfo(lcClient) << "server version" << qs(version.version) << "features" << features;
        setServerVersion(version);
    });
    connect(job, &ApiJob::failed, this, [this](const ApiError& error) {
        if (!error.isTransient()) {
            // Not a version object and not a passing fault (a catch-all page, a proxy's
            // answer): an older server that knows nothing of v1.1.
            setServerVersion(VersionJob::versionOne());
            return;
        }
        m_versionRetryTimer.start(m_versionRetryDelay);
        m_versionRetryDelay = std::min(m_versionRetryDelay * 2, kVersionRetryMax);
    });
    job->start();
}

void AccountSession::setServerVersion(const ServerVersion& version)
{
    if (m_serverVersion == version)
        return;
    m_serverVersion = version;
    Q_EMIT serverVersionChanged();
}

void AccountSession::applyTokens(const TokenResponse& tokens)
{
    m_accessToken = QByteArray::fromStdString(tokens.accessToken);
    m_refreshToken = QByteArray::fromStdString(tokens.refreshToken);
    const qint64 lifetimeMs = qMax<qint64>(1000, tokens.expiresIn * 1000);
    // The token's exp has whole seconds and the clocks may differ a little: count it as
    // expired slightly early. A 401 is still handled if that was not enough (or the machine
    // slept: the monotonic clock stands still during suspend).
    m_accessDeadline.setRemainingTime(lifetimeMs - qMin<qint64>(lifetimeMs / 10, 30000));
    m_refreshTimer.start(std::chrono::milliseconds(qMax<qint64>(500, lifetimeMs * 8 / 10)));
}

void AccountSession::storeRefreshToken()
{
    if (!m_keepSignedIn)
        return;
    const QString key = storeKey();
    m_tokenStore->write(key, QString::fromUtf8(m_refreshToken), this,
                        [this, key](const TokenStore::Result& result) {
                            const bool current = m_keepSignedIn && key == storeKey() &&
                                                 (m_state == State::SignedIn || m_state == State::SigningIn);
                            if (result.status == TokenStore::Status::Ok) {
                                setKeychainStatus(KeychainStatus::Available);
                                if (current)
                                    setRememberedKeep(true);
                                return;
                            }
                            qCWarning(lcClient) << "cannot keep the sign-in: the keychain is unavailable";
                            setKeychainStatus(KeychainStatus::Unavailable);
                            if (current) {
                                // Stop trying at every refresh; this session goes on in memory.
                                m_keepSignedIn = false;
                                setRememberedKeep(false);
                            }
                        });
}

template <typename Job, typename... Args> Job* AccountSession::startJob(Args&&... args)
{
    auto* job = new Job(m_client, std::forward<Args>(args)..., this);
    job->setAuthenticator(m_authenticator);
    job->start();
    return job;
}

GetSessionsJob* AccountSession::getSessions()
{
    return startJob<GetSessionsJob>();
}

RevokeSessionJob* AccountSession::revokeSession(const QString& sessionId)
{
    auto* job = startJob<RevokeSessionJob>(sessionId);
    connect(job, &RevokeSessionJob::finished, this, [this](const QString& id) {
        if (m_state == State::SignedIn && id.compare(m_sessionId, Qt::CaseInsensitive) == 0)
            endSession(SignOutReason::ThisDeviceRevoked, tr("You signed out this device."));
    });
    return job;
}

RevokeOtherSessionsJob* AccountSession::revokeAllOtherSessions()
{
    return startJob<RevokeOtherSessionsJob>();
}

RenameSessionJob* AccountSession::renameSession(const QString& sessionId, const QString& name)
{
    return startJob<RenameSessionJob>(sessionId, name);
}

AccountSettingsJob* AccountSession::accountSettings()
{
    return startJob<AccountSettingsJob>();
}

AccountSettingsJob* AccountSession::setIdleTimeout(long long seconds)
{
    return startJob<AccountSettingsJob>(seconds);
}

ChangePasswordJob* AccountSession::changePassword(const QString& currentPassword, const QString& newPassword,
                                                  bool signOutOtherSessions)
{
    return startJob<ChangePasswordJob>(currentPassword, newPassword, signOutOtherSessions);
}

ReauthenticateJob* AccountSession::reauthenticate(const QString& password)
{
    return startJob<ReauthenticateJob>(password);
}

CurrentUserJob* AccountSession::currentUser()
{
    auto* job = startJob<CurrentUserJob>();
    connect(job, &CurrentUserJob::finished, this, [this](const User& user) {
        if (m_state == State::SignedIn && user.id == m_user.id)
            m_user = user;
    });
    return job;
}

OwnAuditJob* AccountSession::ownAudit(int limit)
{
    return startJob<OwnAuditJob>(limit);
}

FindUserJob* AccountSession::findUser(const QString& email)
{
    return startJob<FindUserJob>(email);
}

UserSessionsJob* AccountSession::userSessions(const QString& userId)
{
    return startJob<UserSessionsJob>(userId);
}

AdminRevokeSessionJob* AccountSession::adminRevokeSession(const QString& userId, const QString& sessionId,
                                                          const QString& reason)
{
    return startJob<AdminRevokeSessionJob>(userId, sessionId, reason);
}

AuditJob* AccountSession::audit(const QString& userId, int limit)
{
    return startJob<AuditJob>(userId, limit);
}

EventStreamJob* AccountSession::openEventStream(const QByteArray& lastEventId)
{
    auto* job = new EventStreamJob(m_client, lastEventId, this);
    job->setTimeout(kEventStreamSilence);
    job->setAuthenticator(m_authenticator);
    job->start();
    return job;
}

bool AccountSession::admit(ApiJob* job)
{
    const bool signingOut = m_state == State::SigningOut && job == m_logoutJob;
    if (m_state != State::SignedIn && !signingOut) {
        job->finishWithError(ApiError::signedOut({}));
        return false;
    }
    if (m_refreshJob || m_accessDeadline.hasExpired()) {
        m_waiting.append(job);
        startRefresh();
        return false;
    }
    return true;
}

bool AccountSession::recover(ApiJob* job, const QByteArray& sentToken)
{
    if (m_state != State::SignedIn && !(m_state == State::SigningOut && job == m_logoutJob))
        return false;
    if (!m_refreshJob && sentToken != m_accessToken) {
        // Another call refreshed the token while this one was on its way.
        job->sendNow();
        return true;
    }
    m_waiting.append(job);
    startRefresh();
    return true;
}

void AccountSession::startRefresh()
{
    if (m_refreshJob)
        return;
    m_refreshTimer.stop();
    qCDebug(lcClient) << "refreshing the access token";
    auto* job = new RefreshJob(m_client, m_refreshToken, this);
    m_refreshJob = job;
    connect(job, &RefreshJob::finished, this, &AccountSession::onRefreshed);
    connect(job, &ApiJob::failed, this, &AccountSession::onRefreshFailed);
    job->start();
}

void AccountSession::onRefreshed(const TokenResponse& tokens)
{
    m_refreshJob = nullptr;
    if (m_state != State::SignedIn && m_state != State::SigningOut)
        return;
    applyTokens(tokens);
    m_user = tokens.user;
    // Rotation killed the previous refresh token: the keychain must hold the new one.
    storeRefreshToken();
    Q_EMIT accessTokenRefreshed();
    releaseWaitingJobs(nullptr);
}

void AccountSession::onRefreshFailed(const ApiError& error)
{
    m_refreshJob = nullptr;
    if (m_state != State::SignedIn && m_state != State::SigningOut)
        return;
    if (error.httpStatus == 401) {
        endSession(SignOutReason::SessionEnded,
                   tr("You were signed out: this session was ended from another device, or it expired."));
        return;
    }
    // Offline or a server problem: the session may still be fine. The waiting calls fail
    // with that error (the UI offers a retry), and the refresh is tried again later.
    releaseWaitingJobs(&error);
    if (m_state == State::SignedIn)
        m_refreshTimer.start(kRefreshRetry);
}

void AccountSession::releaseWaitingJobs(const ApiError* error)
{
    const auto waiting = std::exchange(m_waiting, {});
    for (const QPointer<ApiJob>& job : waiting) {
        if (!job)
            continue;
        if (error)
            job->finishWithError(*error);
        else
            job->sendNow();
    }
}

void AccountSession::clearSession()
{
    m_refreshTimer.stop();
    if (m_refreshJob) {
        m_refreshJob->disconnect(this);
        m_refreshJob->abort();
        m_refreshJob = nullptr;
    }
    m_versionRetryTimer.stop();
    if (m_versionJob) {
        m_versionJob->disconnect(this);
        m_versionJob->abort();
        m_versionJob = nullptr;
    }
    setServerVersion({});
    m_accessToken.clear();
    m_refreshToken.clear();
    m_accessDeadline = QDeadlineTimer();
    m_user = {};
    m_sessionId.clear();
}

void AccountSession::endSession(SignOutReason reason, const QString& message)
{
    if (m_state == State::SignedOut || m_state == State::SigningIn)
        return;
    if (m_state == State::SigningOut) {
        // The refresh the logout needed failed: the session is over either way.
        reason = SignOutReason::UserRequested;
    }
    qCInfo(lcClient) << "session ended:" << reason;
    const bool stored = m_keepSignedIn || canRestore();
    const QString key = storeKey();
    clearSession();
    m_keepSignedIn = false;
    setRememberedKeep(false);
    setState(State::SignedOut);
    const ApiError signedOutError = ApiError::signedOut(message);
    releaseWaitingJobs(&signedOutError);
    if (!stored) {
        Q_EMIT signedOut(reason, message);
        return;
    }
    m_tokenStore->remove(
        key, this, [this, reason, message](const TokenStore::Result&) { Q_EMIT signedOut(reason, message); });
}

void AccountSession::signOut()
{
    if (m_state == State::SigningIn) {
        cancelSignIn();
        return;
    }
    if (m_state != State::SignedIn)
        return;
    qCInfo(lcClient) << "signing out";
    setState(State::SigningOut);
    m_refreshTimer.stop();
    auto* job = new LogoutJob(m_client, this);
    job->setTimeout(std::min<std::chrono::milliseconds>(m_timeout, kLogoutTimeout));
    job->setAuthenticator(m_authenticator);
    m_logoutJob = job;
    connect(job, &LogoutJob::finished, this, [this] { finishSignOut({}); });
    connect(job, &ApiJob::failed, this, &AccountSession::finishSignOut);
    job->start();
}

void AccountSession::finishSignOut(const ApiError& logoutError)
{
    if (m_state != State::SigningOut)
        return;
    QString message;
    if (logoutError.isError() && logoutError.httpStatus != 401 && !logoutError.isSignedOut())
        message =
            tr("You are signed out on this computer, but the server could not be told. The session will "
               "end when it expires, or revoke it from another device.");
    // endSession() deletes the keychain entry even though the server was not reached.
    endSession(SignOutReason::UserRequested, message);
}

} // namespace vigie::client
