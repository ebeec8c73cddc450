// UserAgentParser::parse() on any User-Agent and client hints. The input is up to six lines:
// User-Agent, then Sec-CH-UA, -Platform, -Platform-Version, -Mobile and -Model; a missing line
// is a header not sent. Beyond the sanitizers' checks: parse() must not throw, must answer one
// of the API's device types, and must store storedUserAgent() of its input, valid UTF-8.
#include "core/ApiTypes.h"
#include "recognition/UserAgentParser.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace {

const vigie::UserAgentParser& parser()
{
    static const auto instance = vigie::UserAgentParser::load();
    return *instance;
}

void require(bool condition)
{
    if (!condition)
        std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    std::string_view input(reinterpret_cast<const char*>(data), size);
    std::array<std::optional<std::string>, 6> fields;
    for (auto& field : fields) {
        if (input.data() == nullptr)
            break;
        const size_t end = input.find('\n');
        field = std::string(input.substr(0, end));
        input = end == std::string_view::npos ? std::string_view() : input.substr(end + 1);
    }
    const std::string userAgent = fields[0].value_or("");
    const vigie::ClientHints hints{fields[1], fields[2], fields[3], fields[4], fields[5]};

    const vigie::DeviceInfo info = parser().parse(userAgent, hints);
    static constexpr std::array<std::string_view, 6> kTypes = {"desktop", "mobile", "tablet",
                                                               "bot",     "app",    "unknown"};
    require(std::find(kTypes.begin(), kTypes.end(), info.deviceType) != kTypes.end());
    require(info.userAgent == vigie::UserAgentParser::storedUserAgent(userAgent));
    // Stored text is valid UTF-8: serialising it strictly must not throw.
    (void)nlohmann::json(info).dump();
    // Unknown parts are null, never empty.
    for (const auto* part : {&info.browser, &info.browserVersion, &info.os, &info.osVersion,
                             &info.deviceBrand, &info.deviceModel})
        require(!*part || !(*part)->empty());
    return 0;
}
