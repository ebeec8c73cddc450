#include "DeviceRecognition.h"

namespace vigie::server {

DeviceRecognition::DeviceRecognition(const Options& options)
    : m_options(options), m_parser(UserAgentParser::load(""))
{
    m_parser->setCacheEnabled(options.cache);
}

DeviceRecognition::~DeviceRecognition() = default;

DeviceInfo DeviceRecognition::describe(std::string_view userAgent, const ClientHints& hints) const
{
    return m_parser->parse(userAgent, hints);
}

} // namespace vigie::server
