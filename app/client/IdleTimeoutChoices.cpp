#include "client/IdleTimeoutChoices.h"

#include "client/Plural.h"

#include <algorithm>

namespace vigie::client {

namespace {

constexpr long long kHour = 3600;
constexpr long long kDay = 24 * kHour;
constexpr long long kWeek = 7 * kDay;
constexpr long long kPresets[] = {kDay, 3 * kDay, kWeek, 2 * kWeek};

} // namespace

QString IdleTimeoutChoices::periodText(long long seconds)
{
    if (seconds > 0 && seconds % kWeek == 0) {
        const int n = int(seconds / kWeek);
        return resolvePlural(tr("%n week(s)", nullptr, n), n);
    }
    if (seconds > 0 && seconds % kDay == 0) {
        const int n = int(seconds / kDay);
        return resolvePlural(tr("%n day(s)", nullptr, n), n);
    }
    if (seconds > 0 && seconds % kHour == 0) {
        const int n = int(seconds / kHour);
        return resolvePlural(tr("%n hour(s)", nullptr, n), n);
    }
    const int n = int((seconds + 59) / 60);
    return resolvePlural(tr("%n minute(s)", nullptr, n), n);
}

QList<IdleTimeoutChoices::Choice> IdleTimeoutChoices::choices(const vigie::AccountSettings& settings)
{
    const long long max = settings.maxIdleTimeoutSeconds;
    QList<long long> values;
    for (const long long preset : kPresets)
        if (preset >= vigie::kMinIdleTimeoutSeconds && preset <= max)
            values.append(preset);
    if (max > 0 && !values.contains(max))
        values.append(max);
    const long long current = settings.idleTimeoutSeconds;
    if (current > 0 && current <= max && !values.contains(current))
        values.append(current);
    std::sort(values.begin(), values.end());
    QList<Choice> out;
    for (const long long value : values) {
        QString label = periodText(value);
        if (value == max)
            label = tr("%1 (the server's maximum)", "an idle period").arg(label);
        out.append({value, label});
    }
    return out;
}

} // namespace vigie::client
