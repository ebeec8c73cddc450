// What the server reads back about places (API.md v1.1): chooseLanguage() on any
// Accept-Language header, and Place::fromJson() on any stored location text (a damaged row,
// a row from before v1.1). Beyond the sanitizers' checks: neither throws; the language chosen
// is one the database has, or none; a place read back writes and reads again to itself, and
// names itself in any language without throwing.
#include "recognition/Place.h"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

namespace {

void require(bool condition)
{
    if (!condition)
        std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    static const std::vector<std::string> available{"en", "fr", "pt-BR", "zh-CN"};

    const std::string chosen = vigie::chooseLanguage(text, available);
    require(chosen.empty() || std::find(available.begin(), available.end(), chosen) != available.end());

    if (const auto place = vigie::Place::fromJson(text)) {
        const auto again = vigie::Place::fromJson(place->toJson());
        require(again.has_value());
        // Names stored under "" (a row from before v1.1) are written back under "" too.
        require(*again == *place);
        for (const std::string& language : available)
            (void)place->in(language);
        (void)place->in(chosen);
    }
    return 0;
}
