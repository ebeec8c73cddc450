#pragma once

#include "client/ApiJob.h"
#include "client/ClientTypes.h"

// The support staff's calls (role support or admin); everyone else gets 403 forbidden.

namespace vigie::client {

// GET /api/admin/users?email=
class FindUserJob : public ApiJob
{
    Q_OBJECT

public:
    FindUserJob(const ApiClient& client, const QString& email, QObject* parent = nullptr);

Q_SIGNALS:
    void finished(const QList<vigie::User>& users);

protected:
    void handleJson(const nlohmann::json& body) override;
};

// GET /api/admin/users/{user_id}/sessions
class UserSessionsJob : public ApiJob
{
    Q_OBJECT

public:
    UserSessionsJob(const ApiClient& client, const QString& userId, QObject* parent = nullptr);

Q_SIGNALS:
    void finished(const QList<vigie::Session>& sessions);

protected:
    void handleJson(const nlohmann::json& body) override;
};

// DELETE /api/admin/users/{user_id}/sessions/{session_id} with an optional {"reason"}
class AdminRevokeSessionJob : public ApiJob
{
    Q_OBJECT

public:
    AdminRevokeSessionJob(const ApiClient& client, const QString& userId, const QString& sessionId,
                          const QString& reason = {}, QObject* parent = nullptr);
    QString sessionId() const { return m_sessionId; }

Q_SIGNALS:
    void finished(const QString& sessionId);

protected:
    void handleNoContent() override;

private:
    QString m_sessionId;
};

// GET /api/admin/audit?user_id=&limit=
class AuditJob : public ApiJob
{
    Q_OBJECT

public:
    // An empty userId lists every event; limit 0 leaves the server's default.
    AuditJob(const ApiClient& client, const QString& userId = {}, int limit = 0, QObject* parent = nullptr);

Q_SIGNALS:
    void finished(const QList<vigie::AuditEvent>& events);

protected:
    void handleJson(const nlohmann::json& body) override;
};

} // namespace vigie::client
