#pragma once

#include "core/ApiTypes.h"

namespace vigie::server {

// Where the services and the cleanup job read the time: the server runs on systemClock(), and
// tests pass a clock they set, so that expiry and idle time need no sleeping.
class ServerClock
{
public:
    virtual ~ServerClock() = default;
    virtual TimePoint now() const = 0;
};

// The wall clock, in milliseconds.
const ServerClock& systemClock();

} // namespace vigie::server
