#pragma once

#include "core/ApiTypes.h"

#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace vigie::server {

// The Sec-CH-UA-* request headers, verbatim (absent = nullopt).
struct ClientHints
{
    std::optional<std::string> ua;              // Sec-CH-UA
    std::optional<std::string> platform;        // Sec-CH-UA-Platform
    std::optional<std::string> platformVersion; // Sec-CH-UA-Platform-Version
    std::optional<std::string> mobile;          // Sec-CH-UA-Mobile
    std::optional<std::string> model;           // Sec-CH-UA-Model
};

// Turns a request's User-Agent (and client hints) into API.md's device_info.
// Thread-safe: one instance serves every request.
class DeviceRecognition
{
public:
    struct Options
    {
        bool cache = true;
    };

    explicit DeviceRecognition(const Options& options);
    ~DeviceRecognition();

    DeviceInfo describe(std::string_view userAgent, const ClientHints& hints = {}) const;

private:
    Options m_options;
};

} // namespace vigie::server
