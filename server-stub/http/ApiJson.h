#pragma once

#include "store/SessionStore.h"

#include <string>
#include <vector>

// The JSON bodies that carry sessions and audit events (API.md), written in one place for every
// route and the event stream, so that a session reads the same wherever it appears.
namespace vigie::server {

// Appends one session object. isCurrent: whether it is the caller's own session.
void appendSession(std::string& out, const SessionRecord& s, bool isCurrent);
// {"sessions": [...], "current_session_id": ...}; currentId null for the staff view (no
// current session, no current_session_id).
std::string sessionsJson(const std::vector<SessionRecord>& sessions, const std::string* currentId);
// One event object, as in {"events": [...]}.
std::string eventJson(const AuditRecord& event);
// {"events": [...]}
std::string eventsJson(const std::vector<AuditRecord>& events);

} // namespace vigie::server
