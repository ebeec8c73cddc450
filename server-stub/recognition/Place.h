#pragma once

#include "core/ApiTypes.h"

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace vigie {

// Where an address is, with every name the GeoIP database has for it, so that a place stored
// with a session can be named again in each reader's language (API.md v1.1, "Places in the
// reader's language") long after the database that named it has changed.
struct Place
{
    // A field's names by language tag as the database writes them ("en", "fr", "pt-BR").
    // Rows written before v1.1 held one name in the server's language: it is kept under "".
    using Names = std::vector<std::pair<std::string, std::string>>;

    Names city;
    Names region;
    Names country;
    std::optional<std::string> countryCode;

    // location_data in `language`: field by field that language's name, else English, else
    // the name an older row kept. Nullopt when no field is known.
    std::optional<LocationData> in(std::string_view language) const;

    // The stored form: {"city": {"en": "Paris", …}, "region": {…}, "country": {…},
    // "country_code": "FR"}. Empty fields are left out.
    std::string toJson() const;
    // Reads the stored form and the v1 form (location_data with one name per field). Nullopt
    // for text that is neither (a damaged row reads as an unknown place, never as an error).
    static std::optional<Place> fromJson(std::string_view text);

    bool operator==(const Place&) const = default;
};

// The language a reader asked for in Accept-Language (RFC 9110 §12.5.4: by weight, then order;
// q=0 refuses) that is among `available` (matched case-insensitively, "fr-CH" also matching
// "fr"), as `available` spells it; empty when none is.
std::string chooseLanguage(std::string_view acceptLanguage, const std::vector<std::string>& available);

} // namespace vigie
