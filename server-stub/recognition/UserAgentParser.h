#pragma once

// Turns a User-Agent (and, when the client sent them, its Sec-CH-UA-* client hints) into
// docs/openapi.yaml's DeviceInfo. uap-core's regexes do the bulk of the work; this class adds what they
// get wrong or lack (the Vigie desktop app, Windows 11, iPads posing as Macs, HTTP libraries,
// the device type, client hints). See docs/user-agent-parsing.md.

#include "core/ApiTypes.h"

#include <atomic>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#ifndef VIGIE_UAP_REGEXES_DEFAULT
#define VIGIE_UAP_REGEXES_DEFAULT "/usr/share/uap-core/regexes.yaml"
#endif

namespace vigie {

namespace ua {
class UapCore;
class ResultCache;
struct Supplements;
} // namespace ua

// The raw Sec-CH-UA* request header values (absent = nullopt).
struct ClientHints
{
    std::optional<std::string> ua;              // Sec-CH-UA
    std::optional<std::string> platform;        // Sec-CH-UA-Platform
    std::optional<std::string> platformVersion; // Sec-CH-UA-Platform-Version
    std::optional<std::string> mobile;          // Sec-CH-UA-Mobile
    std::optional<std::string> model;           // Sec-CH-UA-Model
};

class UserAgentParser
{
public:
    // Only this many leading bytes of a User-Agent are parsed (DeviceInfo::userAgent keeps the
    // whole string): real ones are under 500 bytes, and it bounds the work a hostile one causes.
    static constexpr size_t kMaxParsedLength = 2048;

    // Loads and compiles uap-core's regexes.yaml. An empty path means $VIGIE_UAP_REGEXES when
    // set, else the build's default. Throws std::runtime_error with a one-line message if the
    // file is missing or invalid.
    static std::unique_ptr<UserAgentParser>
    load(const std::string& regexesYamlPath = VIGIE_UAP_REGEXES_DEFAULT);
    ~UserAgentParser();

    // Thread-safe. Never throws for any input. The result's userAgent is
    // storedUserAgent(userAgent), whoever calls: the server for a request's header and
    // parse-ua for a line of its input store and print the same thing.
    DeviceInfo parse(std::string_view userAgent, const ClientHints& hints = {}) const;

    // The User-Agent as it is stored and shown: without the spaces and tabs around it (HTTP
    // does not count them as part of a header's value, and the HTTP layer may or may not have
    // removed them), and with each byte that is not UTF-8 replaced by U+FFFD.
    static std::string storedUserAgent(std::string_view userAgent);

    // A small thread-safe LRU of results, on by default.
    void setCacheEnabled(bool on);

    // uap-core's own answers, as its test suite expects them ("Other" when nothing matched).
    struct UaResult
    {
        std::optional<std::string> family, major, minor, patch, patchMinor;
    };
    struct OsResult
    {
        std::optional<std::string> family, major, minor, patch, patchMinor;
    };
    struct DeviceResult
    {
        std::optional<std::string> family, brand, model;
    };
    UaResult parseUa(std::string_view userAgent) const;
    OsResult parseOs(std::string_view userAgent) const;
    DeviceResult parseDevice(std::string_view userAgent) const;

    // Compiles every rule now rather than on first use (they are compiled lazily) and checks each
    // pattern as written; returns the number RE2 rejected. For tests, or a server that prefers a
    // slower start to slower first requests.
    int compileAll() const;

private:
    explicit UserAgentParser(std::unique_ptr<ua::UapCore> core);
    DeviceInfo describe(std::string_view text, const ClientHints& hints) const;
    std::optional<DeviceInfo> describeVigieApp(std::string_view text) const;

    std::unique_ptr<ua::UapCore> m_core;
    std::unique_ptr<const ua::Supplements> m_supplements;
    std::unique_ptr<ua::ResultCache> m_cache;
    std::atomic<bool> m_cacheEnabled{true};
};

} // namespace vigie
