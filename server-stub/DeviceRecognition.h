#pragma once

#include "core/ApiTypes.h"
#include "recognition/UserAgentParser.h"

#include <memory>
#include <string>
#include <string_view>

namespace vigie::server {

// The Sec-CH-UA-* request headers, verbatim (absent = nullopt).
using ClientHints = vigie::ClientHints;

// Turns a request's User-Agent (and client hints) into docs/openapi.yaml's DeviceInfo.
// Thread-safe: one instance serves every request.
class DeviceRecognition
{
public:
    struct Options
    {
        bool cache = true;
    };

    // Loads uap-core's regexes.yaml once: $VIGIE_UAP_REGEXES when set, else the build's
    // default (CMake's VIGIE_UAP_REGEXES). Throws std::runtime_error (one line) if it cannot.
    explicit DeviceRecognition(const Options& options);
    ~DeviceRecognition();

    DeviceInfo describe(std::string_view userAgent, const ClientHints& hints = {}) const;

private:
    Options m_options;
    std::unique_ptr<UserAgentParser> m_parser;
};

} // namespace vigie::server
