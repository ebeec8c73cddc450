#include "core/TimeFormat.h"

#include <charconv>

namespace vigie {

using namespace std::chrono;

std::string formatRfc3339(TimePoint t)
{
    // By hand rather than snprintf: the session list formats three of these per row.
    const auto secs = floor<seconds>(t);
    const auto days = floor<std::chrono::days>(secs);
    const year_month_day ymd{days};
    const hh_mm_ss hms{secs - days};
    std::string out = "0000-00-00T00:00:00Z";
    const auto put = [&out](size_t pos, unsigned value, int width) {
        for (int i = width - 1; i >= 0; --i, value /= 10)
            out[pos + size_t(i)] = char('0' + value % 10);
    };
    put(0, unsigned(int(ymd.year())), 4);
    put(5, unsigned(ymd.month()), 2);
    put(8, unsigned(ymd.day()), 2);
    put(11, unsigned(hms.hours().count()), 2);
    put(14, unsigned(hms.minutes().count()), 2);
    put(17, unsigned(hms.seconds().count()), 2);
    return out;
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
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
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
    // The instant in UTC must have a year RFC 3339 can write (0000 to 9999): an offset or a leap
    // second may carry it outside, and formatRfc3339 would then write another instant.
    if (tp < sys_days{year{0} / January / 1} || tp >= sys_days{year{10000} / January / 1})
        return std::nullopt;
    return time_point_cast<milliseconds>(tp);
}

TimePoint nowMs()
{
    return time_point_cast<milliseconds>(Clock::now());
}

} // namespace vigie
