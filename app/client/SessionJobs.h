#pragma once

#include "client/ApiJob.h"
#include "client/ClientTypes.h"

namespace vigie::client {

// GET /api/users/me/sessions
class GetSessionsJob : public ApiJob
{
    Q_OBJECT

public:
    explicit GetSessionsJob(const ApiClient& client, QObject* parent = nullptr);

Q_SIGNALS:
    void finished(const vigie::client::SessionList& result);

protected:
    void handleJson(const nlohmann::json& body) override;
};

// DELETE /api/users/me/sessions/{id}
class RevokeSessionJob : public ApiJob
{
    Q_OBJECT

public:
    RevokeSessionJob(const ApiClient& client, const QString& sessionId, QObject* parent = nullptr);
    QString sessionId() const { return m_sessionId; }

Q_SIGNALS:
    void finished(const QString& sessionId);

protected:
    void handleNoContent() override;

private:
    QString m_sessionId;
};

// DELETE /api/users/me/sessions: every other session of the caller.
class RevokeOtherSessionsJob : public ApiJob
{
    Q_OBJECT

public:
    explicit RevokeOtherSessionsJob(const ApiClient& client, QObject* parent = nullptr);

Q_SIGNALS:
    void finished(int revokedCount);

protected:
    void handleJson(const nlohmann::json& body) override;
};

// GET /api/users/me/audit
class OwnAuditJob : public ApiJob
{
    Q_OBJECT

public:
    // limit 1–1000; 0 leaves the server's default (100).
    explicit OwnAuditJob(const ApiClient& client, int limit = 0, QObject* parent = nullptr);

Q_SIGNALS:
    void finished(const QList<vigie::AuditEvent>& events);

protected:
    void handleJson(const nlohmann::json& body) override;
};

// Reads {"sessions": [...]} and {"events": [...]}; shared with the staff jobs.
QList<vigie::Session> parseSessionArray(const nlohmann::json& body);
QList<vigie::AuditEvent> parseAuditArray(const nlohmann::json& body);
// Reads {"revoked": n}: how many sessions an answer says were signed out.
int parseRevokedCount(const nlohmann::json& body);

} // namespace vigie::client
