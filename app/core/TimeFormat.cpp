#include "core/TimeFormat.h"

#include <charconv>
#include <cstdio>

namespace vigie {

using namespace std::chrono;

std::string formatRfc3339(TimePoint t)
{
    const auto secs = floor<seconds>(t);
    const auto days = floor<std::chrono::days>(secs);
    const year_month_day ymd{days};
    const hh_mm_ss hms{secs - days};
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02dZ", int(ymd.year()), unsigned(ymd.month()),
                  unsigned(ymd.day()), int(hms.hours().count()), int(hms.minutes().count()),
                  int(hms.seconds().count()));
    return buf;
}

namespace {

bool readInt(std::string_view text, size_t pos, size_t len, int& out)
{
    if (pos + len > text.size())
        return false;
    for (size_t i = pos; i < pos + len; ++i)
        if (text[i] < '0' || text[i] > '9')
            return false;
    std::from_chars(text.data() + pos, text.data() + pos + len, out);
    return true;
}

} // namespace

std::optional<TimePoint> parseRfc3339(std::string_view text)
{
    int y, mo, d, h, mi, s;
    if (!readInt(text, 0, 4, y) || text.size() < 20 || text[4] != '-' || !readInt(text, 5, 2, mo) ||
        text[7] != '-' || !readInt(text, 8, 2, d) || (text[10] != 'T' && text[10] != 't') ||
        !readInt(text, 11, 2, h) || text[13] != ':' || !readInt(text, 14, 2, mi) || text[16] != ':' ||
        !readInt(text, 17, 2, s))
        return std::nullopt;
    const year_month_day ymd{year{y}, month{unsigned(mo)}, day{unsigned(d)}};
    if (!ymd.ok() || h > 23 || mi > 59 || s > 60)
        return std::nullopt;
    size_t pos = 19;
    milliseconds frac{0};
    if (pos < text.size() && text[pos] == '.') {
        ++pos;
        int digits = 0, value = 0;
        while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
            if (digits < 3)
                value = value * 10 + (text[pos] - '0');
            ++digits;
            ++pos;
        }
        if (digits == 0)
            return std::nullopt;
        for (int i = digits; i < 3; ++i)
            value *= 10;
        frac = milliseconds{value};
    }
    minutes offset{0};
    if (pos < text.size() && (text[pos] == 'Z' || text[pos] == 'z')) {
        ++pos;
    } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
        int oh, om;
        if (!readInt(text, pos + 1, 2, oh) || pos + 3 >= text.size() || text[pos + 3] != ':' ||
            !readInt(text, pos + 4, 2, om) || oh > 23 || om > 59)
            return std::nullopt;
        offset = hours{oh} + minutes{om};
        if (text[pos] == '-')
            offset = -offset;
        pos += 6;
    } else {
        return std::nullopt;
    }
    if (pos != text.size())
        return std::nullopt;
    const auto tp = sys_days{ymd} + hours{h} + minutes{mi} + seconds{s} + frac - offset;
    return time_point_cast<milliseconds>(tp);
}

TimePoint nowMs()
{
    return time_point_cast<milliseconds>(Clock::now());
}

} // namespace vigie
