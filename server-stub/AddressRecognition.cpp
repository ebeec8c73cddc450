#include "AddressRecognition.h"

namespace vigie::server {

AddressRecognition::AddressRecognition(const Options& options) : m_options(options) {}

AddressRecognition::~AddressRecognition() = default;

// X-Forwarded-For is ignored until trusted proxies are implemented (issue "Know the device
// and the place"): trusting it from anyone would let clients choose their own address.
std::string AddressRecognition::clientAddress(std::string_view peerAddress, std::string_view) const
{
    return std::string(peerAddress);
}

std::optional<LocationData> AddressRecognition::locate(std::string_view) const
{
    return std::nullopt;
}

} // namespace vigie::server
