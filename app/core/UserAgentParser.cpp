#include "core/UserAgentParser.h"

#include "core/ua/ClientHintsReader.h"
#include "core/ua/ResultCache.h"
#include "core/ua/UapCore.h"
#include "core/ua/Utf8.h"

#include <cstdlib>

namespace vigie {

using ua::UapCore;

UserAgentParser::UserAgentParser(std::unique_ptr<UapCore> core)
    : m_core(std::move(core)), m_cache(std::make_unique<ua::ResultCache>())
{
}

UserAgentParser::~UserAgentParser() = default;

std::unique_ptr<UserAgentParser> UserAgentParser::load(const std::string& regexesYamlPath)
{
    std::string path = regexesYamlPath;
    if (path.empty()) {
        const char* env = std::getenv("VIGIE_UAP_REGEXES");
        path = env && *env ? env : VIGIE_UAP_REGEXES_DEFAULT;
    }
    return std::unique_ptr<UserAgentParser>(new UserAgentParser(UapCore::load(path)));
}

void UserAgentParser::setCacheEnabled(bool on)
{
    m_cacheEnabled = on;
    if (!on)
        m_cache->clear();
}

int UserAgentParser::compileAll() const
{
    return m_core->compileAll();
}

UserAgentParser::UaResult UserAgentParser::parseUa(std::string_view userAgent) const
{
    std::string storage;
    const auto f = m_core->match(UapCore::Section::UserAgent,
                                 ua::validUtf8Prefix(userAgent, kMaxParsedLength, storage));
    return {f[0] ? f[0] : "Other", f[1], f[2], f[3], f[4]};
}

UserAgentParser::OsResult UserAgentParser::parseOs(std::string_view userAgent) const
{
    std::string storage;
    const auto f = m_core->match(UapCore::Section::Os, ua::validUtf8Prefix(userAgent, kMaxParsedLength, storage));
    return {f[0] ? f[0] : "Other", f[1], f[2], f[3], f[4]};
}

UserAgentParser::DeviceResult UserAgentParser::parseDevice(std::string_view userAgent) const
{
    std::string storage;
    const auto f =
        m_core->match(UapCore::Section::Device, ua::validUtf8Prefix(userAgent, kMaxParsedLength, storage));
    return {f[0] ? f[0] : "Other", f[1], f[2]};
}

DeviceInfo UserAgentParser::parse(std::string_view userAgent, const ClientHints& hints) const
{
    return parseUncached(userAgent, hints);
}

DeviceInfo UserAgentParser::parseUncached(std::string_view text, const ClientHints&) const
{
    DeviceInfo d;
    auto u = parseUa(text);
    d.browser = u.family;
    return d;
}

} // namespace vigie
