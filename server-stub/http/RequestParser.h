#pragma once

#include "ServerConfig.h"
#include "http/HttpMessage.h"

#include <boost/beast/http.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace vigie::server {

// How the transport reads a request: Beast's parser with the limits of HttpLimits, and the
// checks Beast cannot make alone. HttpServer uses these on its connections; parseRequest()
// runs the same steps on bytes in memory (the fuzzer's way in).
using RequestParser = boost::beast::http::request_parser<boost::beast::http::string_body>;

void applyLimits(RequestParser& parser, const HttpLimits& limits);
// The answer when Beast's header_limit was crossed: 414 while the request line is missing
// or too long, 431 otherwise.
HttpResponse headerTooLarge(const RequestParser& parser, const HttpLimits& limits);
// After a complete header: the refusal (400, 414, 431), or nullopt when it may be served.
std::optional<HttpResponse> checkHeader(const RequestParser& parser, const HttpLimits& limits);
HttpRequest toRequest(const RequestParser& parser, const std::string& peerAddress);
// When reading a request failed: the answer (413, 414, 431 or 400), or nullopt when the
// connection is only to be closed (a deadline passed, the client left or cut it short).
std::optional<HttpResponse> readFailure(const boost::beast::error_code& ec, const RequestParser& parser,
                                        const HttpLimits& limits);
bool declaresBody(const RequestParser& parser);

struct ParsedRequest
{
    std::optional<HttpRequest> request;  // a whole request, body included
    std::optional<HttpResponse> refusal; // what the server would answer instead
};
// Neither set: the bytes end before the request does.
ParsedRequest parseRequest(std::string_view bytes, const HttpLimits& limits);

} // namespace vigie::server
