#include "DeviceRecognition.h"

namespace vigie::server {

DeviceRecognition::DeviceRecognition(const Options& options) : m_options(options) {}

DeviceRecognition::~DeviceRecognition() = default;

// Until the user-agent parser lands (issue "Know the device and the place"), only the raw
// string is stored and every parsed field stays null.
DeviceInfo DeviceRecognition::describe(std::string_view userAgent, const ClientHints&) const
{
    DeviceInfo info;
    info.userAgent = std::string(userAgent);
    return info;
}

} // namespace vigie::server
