#pragma once

#include "services/ServerClock.h"

#include <atomic>
#include <chrono>

// A ServerClock that stands still until a test moves it (KeePassXC's MockClock is the model):
// expiry, idle time and throttling windows are tested by setting the time, not by sleeping.
// Header-only, for the tests that link the server library.
class ManualClock final : public vigie::server::ServerClock
{
public:
    explicit ManualClock(vigie::TimePoint start = vigie::TimePoint(std::chrono::hours(24 * 365 * 56)))
        : m_ms(start.time_since_epoch().count())
    {}

    vigie::TimePoint now() const override { return vigie::TimePoint(std::chrono::milliseconds(m_ms.load())); }
    void set(vigie::TimePoint t) { m_ms = t.time_since_epoch().count(); }
    void advance(std::chrono::milliseconds d) { m_ms += d.count(); }

private:
    std::atomic<long long> m_ms;
};
