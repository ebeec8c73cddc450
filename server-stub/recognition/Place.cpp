#include "recognition/Place.h"

#include "recognition/HeaderText.h"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace vigie {

using nlohmann::json;

namespace {

const std::string* nameIn(const Place::Names& names, std::string_view language)
{
    for (const auto& [tag, name] : names)
        if (tag == language)
            return &name;
    return nullptr;
}

std::optional<std::string> pick(const Place::Names& names, std::string_view language)
{
    for (std::string_view tag : {language, std::string_view("en"), std::string_view("")})
        if (const auto* name = nameIn(names, tag))
            return *name;
    return std::nullopt;
}

void putNames(json& j, const char* key, const Place::Names& names)
{
    if (names.empty())
        return;
    json map = json::object();
    for (const auto& [tag, name] : names)
        map[tag] = name;
    j[key] = std::move(map);
}

// A field of the stored form (a map of names) or of the v1 form (one name).
bool readNames(const json& j, const char* key, Place::Names& out)
{
    const auto it = j.find(key);
    if (it == j.end() || it->is_null())
        return true;
    if (it->is_string()) {
        out.emplace_back("", it->get<std::string>());
        return true;
    }
    if (!it->is_object())
        return false;
    for (const auto& [tag, name] : it->items()) {
        if (!name.is_string())
            return false;
        out.emplace_back(tag, name.get<std::string>());
    }
    return true;
}

std::string lowerAscii(std::string_view text)
{
    std::string out(text);
    for (auto& c : out)
        if (c >= 'A' && c <= 'Z')
            c = char(c - 'A' + 'a');
    return out;
}

// The weight of one Accept-Language element's parameters ("q=0.8"); 1 when absent, -1 when
// malformed (the element is ignored).
int weightOf(std::string_view params)
{
    int weight = 1000;
    while (!params.empty()) {
        const auto semicolon = params.find(';');
        const std::string_view param = trimmedOws(params.substr(0, semicolon));
        params = semicolon == std::string_view::npos ? std::string_view{} : params.substr(semicolon + 1);
        if (param.size() < 2 || (param[0] != 'q' && param[0] != 'Q') || param[1] != '=')
            continue;
        const std::string_view value = param.substr(2);
        // qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] ), read in thousandths.
        if (value.empty() || value.size() > 5 || (value[0] != '0' && value[0] != '1'))
            return -1;
        weight = (value[0] - '0') * 1000;
        if (value.size() > 1) {
            if (value[1] != '.')
                return -1;
            int scale = 100;
            for (char c : value.substr(2)) {
                if (c < '0' || c > '9')
                    return -1;
                weight += (c - '0') * scale;
                scale /= 10;
            }
        }
        if (weight > 1000)
            return -1;
    }
    return weight;
}

} // namespace

std::optional<LocationData> Place::in(std::string_view language) const
{
    LocationData location;
    location.city = pick(city, language);
    location.region = pick(region, language);
    location.country = pick(country, language);
    location.countryCode = countryCode;
    if (!location.city && !location.region && !location.country && !location.countryCode)
        return std::nullopt;
    return location;
}

std::string Place::toJson() const
{
    json j = json::object();
    putNames(j, "city", city);
    putNames(j, "region", region);
    putNames(j, "country", country);
    if (countryCode)
        j["country_code"] = *countryCode;
    return dumpJson(j);
}

std::optional<Place> Place::fromJson(std::string_view text)
{
    const json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded() || !j.is_object())
        return std::nullopt;
    Place place;
    if (!readNames(j, "city", place.city) || !readNames(j, "region", place.region) ||
        !readNames(j, "country", place.country))
        return std::nullopt;
    if (const auto code = j.find("country_code"); code != j.end() && code->is_string())
        place.countryCode = code->get<std::string>();
    return place;
}

std::string chooseLanguage(std::string_view acceptLanguage, const std::vector<std::string>& available)
{
    struct Wanted
    {
        std::string tag;
        int weight;
        size_t order;
    };
    std::vector<Wanted> wanted;
    // Bounded: a header is at most --max-header-line bytes, and nobody reads past 32 tags.
    while (!acceptLanguage.empty() && wanted.size() < 32) {
        const auto comma = acceptLanguage.find(',');
        const std::string_view element = acceptLanguage.substr(0, comma);
        acceptLanguage =
            comma == std::string_view::npos ? std::string_view{} : acceptLanguage.substr(comma + 1);
        const auto semicolon = element.find(';');
        const std::string_view tag = trimmedOws(element.substr(0, semicolon));
        const int weight =
            semicolon == std::string_view::npos ? 1000 : weightOf(element.substr(semicolon + 1));
        if (tag.empty() || tag == "*" || weight <= 0)
            continue;
        wanted.push_back({lowerAscii(tag), weight, wanted.size()});
    }
    std::stable_sort(wanted.begin(), wanted.end(),
                     [](const Wanted& a, const Wanted& b) { return a.weight > b.weight; });
    for (const auto& w : wanted) {
        const std::string primary = w.tag.substr(0, w.tag.find('-'));
        const std::string* byPrimary = nullptr;
        for (const auto& tag : available) {
            const std::string lower = lowerAscii(tag);
            if (lower == w.tag)
                return tag;
            if (!byPrimary && lower == primary)
                byPrimary = &tag;
        }
        if (byPrimary)
            return *byPrimary;
    }
    return {};
}

} // namespace vigie
