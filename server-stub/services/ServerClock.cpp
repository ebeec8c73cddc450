#include "services/ServerClock.h"

#include "core/TimeFormat.h"

namespace vigie::server {

namespace {

class SystemClock final : public ServerClock
{
public:
    TimePoint now() const override { return nowMs(); }
};

} // namespace

const ServerClock& systemClock()
{
    static const SystemClock clock;
    return clock;
}

} // namespace vigie::server
