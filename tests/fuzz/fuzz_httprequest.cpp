// The server's HTTP request reading (server-stub/http/RequestParser): Beast's parser with the
// server's limits, the checks made after the header (framing, request line, field lines and
// count), and the request as the routes then read it (headers, query parameters, escapes).
// Small limits, so that every limit is reached by inputs of a few kilobytes.
#include "http/RequestParser.h"

#include <cstdint>
#include <cstdlib>
#include <string_view>

using namespace vigie::server;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    static const HttpLimits limits = [] {
        HttpLimits l;
        l.maxRequestLine = 512;
        l.maxHeaderLine = 256;
        l.maxHeaderBytes = 1024;
        l.maxHeaderFields = 16;
        l.maxBody = 1024;
        return l;
    }();
    const ParsedRequest parsed =
        parseRequest(std::string_view(reinterpret_cast<const char*>(data), size), limits);
    if (parsed.refusal) {
        const int status = parsed.refusal->status;
        if (status != 400 && status != 413 && status != 414 && status != 431)
            std::abort();
        if (parsed.request)
            std::abort();
        return 0;
    }
    if (!parsed.request)
        return 0;
    const HttpRequest& r = *parsed.request;
    // What passed every check is within the limits.
    if (r.method.size() + r.path.size() + r.query.size() + 11 > limits.maxRequestLine + 1 ||
        r.headers.size() > limits.maxHeaderFields || r.body.size() > limits.maxBody)
        std::abort();
    for (const auto& [name, value] : r.headers) {
        if (name.size() + value.size() + 4 > limits.maxHeaderLine)
            std::abort();
        (void)r.headerList(name);
    }
    (void)r.header("Authorization");
    (void)r.queryParam("email");
    (void)r.queryParam("limit");
    (void)percentDecode(r.path);
    return 0;
}
