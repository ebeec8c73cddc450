#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace vigie::server {

class OutgoingStream;

// A request as the routes see it: the transport has already checked its framing and limits.
struct HttpRequest
{
    std::string method;
    std::string path;  // the target before '?', as sent (not percent-decoded)
    std::string query; // after '?', as sent
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    std::string peerAddress; // the TCP peer, canonical text

    // The first header of that name (case-insensitive), or nullopt.
    std::optional<std::string> header(std::string_view name) const;
    // Every header of that name joined with ", ", in order (RFC 9110 section 5.3).
    std::string headerList(std::string_view name) const;
    // The percent-decoded value of a query parameter ('+' is a space), or nullopt.
    std::optional<std::string> queryParam(std::string_view name) const;
};

struct HttpResponse
{
    int status = 200;
    std::string contentType; // empty: no body
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;
    // Set: the body is this stream, written as it comes until it ends (the connection then
    // closes); contentType and headers are sent first, body is unused.
    std::shared_ptr<OutgoingStream> stream;

    // API.md's error body: {"error": code, "message": message}.
    static HttpResponse error(int status, std::string_view code, std::string_view message);
    static HttpResponse json(int status, std::string body);
    static HttpResponse noContent();
};

// Decodes %XX escapes; nullopt when an escape is malformed. '+' stays '+' unless plusIsSpace.
std::optional<std::string> percentDecode(std::string_view text, bool plusIsSpace = false);

} // namespace vigie::server
