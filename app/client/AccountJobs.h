#pragma once

#include "client/ApiJob.h"
#include "client/ClientTypes.h"

// The account controls of API v1.1: naming a session, the idle timeout, changing the password.
namespace vigie::client {

// PATCH /api/users/me/sessions/{id} {"name": …}: an empty name clears it.
class RenameSessionJob : public ApiJob
{
    Q_OBJECT

public:
    RenameSessionJob(const ApiClient& client, const QString& sessionId, const QString& name,
                     QObject* parent = nullptr);
    QString sessionId() const { return m_sessionId; }

Q_SIGNALS:
    // The session as the server now lists it.
    void finished(const vigie::Session& session);

protected:
    void handleJson(const nlohmann::json& body) override;

private:
    QString m_sessionId;
};

// GET /api/users/me/settings, or PUT it with a new idle timeout.
class AccountSettingsJob : public ApiJob
{
    Q_OBJECT

public:
    explicit AccountSettingsJob(const ApiClient& client, QObject* parent = nullptr);
    AccountSettingsJob(const ApiClient& client, long long idleTimeoutSeconds, QObject* parent = nullptr);

Q_SIGNALS:
    void finished(const vigie::AccountSettings& settings);

protected:
    void handleJson(const nlohmann::json& body) override;
};

// POST /api/users/me/password
class ChangePasswordJob : public ApiJob
{
    Q_OBJECT

public:
    ChangePasswordJob(const ApiClient& client, const QString& currentPassword, const QString& newPassword,
                      bool signOutOtherSessions, QObject* parent = nullptr);

Q_SIGNALS:
    // How many other sessions the server signed out.
    void finished(int revokedCount);

protected:
    void handleJson(const nlohmann::json& body) override;
};

} // namespace vigie::client
