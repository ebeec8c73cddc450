#pragma once

#include "store/SessionStore.h"

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>
#include <vector>

// The JSON bodies that carry sessions and audit events (API.md), written in one place for every
// route and the event stream, so that a session reads the same wherever it appears.
namespace vigie::server {

// Places (location_data, last_location_data, a target session's) are named in `language`
// (AddressRecognition::placeLanguage of the request), field by field English where it has no name.

// Appends one session object. isCurrent: whether it is the caller's own session.
void appendSession(std::string& out, const SessionRecord& s, bool isCurrent, std::string_view language);
// {"sessions": [...], "current_session_id": ...}; currentId null for the staff view (no
// current session, no current_session_id).
std::string sessionsJson(const std::vector<SessionRecord>& sessions, const std::string* currentId,
                         std::string_view language);
// One audit event as /api/users/me/audit and the event stream write it.
nlohmann::json auditEventJson(const AuditRecord& e, std::string_view language);
// {"events": [...]}
std::string eventsJson(const std::vector<AuditRecord>& events, std::string_view language);

} // namespace vigie::server
