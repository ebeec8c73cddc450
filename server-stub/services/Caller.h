#pragma once

#include "core/ApiTypes.h"

#include <string>

namespace vigie::server {

// Who is making an authenticated request, as the auth middleware established it.
struct Caller
{
    std::string userId;
    std::string sessionId;
    Role role = Role::User;
    TimePoint authenticatedAt;
    std::string ipAddress;
    long long sessionsVersion = 0; // as read when the request was authenticated
    // How long the caller's sessions may stay idle: effectiveIdleTimeout() of the account.
    std::chrono::milliseconds idleTimeout{0};

    bool isStaff() const { return role == Role::Support || role == Role::Admin; }
};

// What the server knows about a client when it signs in.
struct ClientContext
{
    std::string ipAddress;
    std::string userAgent;
    DeviceInfo deviceInfo;
    std::optional<LocationData> location;
};

} // namespace vigie::server
