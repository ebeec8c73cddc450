#pragma once

// Readers for the Sec-CH-UA* headers, which are RFC 8941 structured fields. They are lenient
// (a bare token is accepted where a string is due) and never throw: what cannot be read is
// treated as absent.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vigie::ua {

struct Brand
{
    std::string name;
    std::string version; // Sec-CH-UA carries the major version only
};

// Sec-CH-UA: `"Chromium";v="128", "Google Chrome";v="128", "Not;A=Brand";v="99"`. GREASE
// brands are left out. Stops at the first malformed member, keeping the ones before it.
std::vector<Brand> readBrandList(std::string_view header);

// Sec-CH-UA-Platform, -Platform-Version, -Model: one string. Empty strings are absent.
std::optional<std::string> readString(std::string_view header);

// Sec-CH-UA-Mobile: ?1 or ?0.
std::optional<bool> readBoolean(std::string_view header);

// Chromium's made-up brands ("Not;A=Brand", "Not A(Brand", " Not A;Brand", …) that exist so
// that servers do not depend on the list's exact content.
bool isGreaseBrand(std::string_view name);

} // namespace vigie::ua
