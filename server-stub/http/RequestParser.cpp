#include "http/RequestParser.h"

#include "core/ErrorCodes.h"

#include <boost/asio/error.hpp>
#include <boost/beast/core/error.hpp>

namespace vigie::server {

namespace beast = boost::beast;
namespace http = beast::http;

void applyLimits(RequestParser& parser, const HttpLimits& limits)
{
    parser.header_limit(std::uint32_t(limits.maxRequestLine + limits.maxHeaderBytes + 4));
    parser.body_limit(limits.maxBody);
}

// Past Beast's header_limit: the parser has stored the request line once it had all of it,
// so a request line still missing (or too long) is a 414, anything else a 431.
HttpResponse headerTooLarge(const RequestParser& parser, const HttpLimits& limits)
{
    const auto& req = parser.get();
    if (req.target().empty() || req.method_string().size() + req.target().size() + 10 > limits.maxRequestLine)
        return HttpResponse::error(414, error_code::kUriTooLong, "The request line is too long.");
    return HttpResponse::error(431, error_code::kHeaderTooLarge, "The request headers are too large.");
}

// Checks what Beast's header_limit cannot say alone: the request line, each field line,
// all field lines together and the number of fields.
std::optional<HttpResponse> checkHeader(const RequestParser& parser, const HttpLimits& limits)
{
    const auto& req = parser.get();
    // RFC 9112 section 6.3: a body whose length cannot be known (a transfer coding that does
    // not end in chunked) is refused, and the connection closed.
    if (req.find(http::field::transfer_encoding) != req.end() && !parser.chunked())
        return HttpResponse::error(400, error_code::kInvalidRequest,
                                   "Transfer-Encoding must end with chunked.");
    // "METHOD SP target SP HTTP/1.1"
    if (req.method_string().size() + req.target().size() + 10 > limits.maxRequestLine)
        return HttpResponse::error(414, error_code::kUriTooLong, "The request line is too long.");
    size_t fields = 0;
    size_t total = 0;
    for (const auto& field : req) {
        const size_t line = field.name_string().size() + 2 + field.value().size() + 2;
        if (line > limits.maxHeaderLine)
            return HttpResponse::error(431, error_code::kHeaderTooLarge, "A request header is too large.");
        total += line;
        ++fields;
    }
    if (fields > limits.maxHeaderFields || total > limits.maxHeaderBytes)
        return HttpResponse::error(431, error_code::kHeaderTooLarge, "The request headers are too large.");
    return std::nullopt;
}

HttpRequest toRequest(const RequestParser& parser, const std::string& peerAddress)
{
    const auto& req = parser.get();
    HttpRequest r;
    r.method = std::string(req.method_string());
    const std::string_view target = req.target();
    const size_t q = target.find('?');
    r.path = std::string(target.substr(0, q));
    if (q != std::string_view::npos)
        r.query = std::string(target.substr(q + 1));
    r.headers.reserve(16);
    for (const auto& field : req)
        r.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
    r.peerAddress = peerAddress;
    return r;
}

std::optional<HttpResponse> readFailure(const beast::error_code& ec, const RequestParser& parser,
                                        const HttpLimits& limits)
{
    if (ec == http::error::header_limit)
        return headerTooLarge(parser, limits);
    if (ec == http::error::body_limit) // by Content-Length before any body byte, or as chunks cross it
        return HttpResponse::error(413, error_code::kPayloadTooLarge, "The request body is too large.");
    if (ec == beast::error::timeout || ec == http::error::end_of_stream ||
        ec == http::error::partial_message || ec == boost::asio::error::eof ||
        ec == boost::asio::error::operation_aborted || ec == boost::asio::error::connection_reset)
        return std::nullopt;
    return HttpResponse::error(400, error_code::kInvalidRequest, "Malformed HTTP request.");
}

bool declaresBody(const RequestParser& parser)
{
    return parser.chunked() || parser.content_length().value_or(0) > 0;
}

ParsedRequest parseRequest(std::string_view bytes, const HttpLimits& limits)
{
    RequestParser parser;
    applyLimits(parser, limits);
    beast::error_code ec;
    auto buffer = boost::asio::buffer(bytes.data(), bytes.size());
    // The header first, as a connection reads it: put() stops once it is complete.
    const size_t used = parser.put(buffer, ec);
    if (ec == http::error::need_more)
        return {};
    if (ec)
        return {std::nullopt, readFailure(ec, parser, limits)};
    if (auto refused = checkHeader(parser, limits))
        return {std::nullopt, std::move(refused)};
    HttpRequest request = toRequest(parser, "192.0.2.1");
    if (declaresBody(parser)) {
        parser.eager(true);
        parser.put(buffer + used, ec);
        if (ec == http::error::need_more || (!ec && !parser.is_done()))
            return {};
        if (ec)
            return {std::nullopt, readFailure(ec, parser, limits)};
        request.body = std::move(parser.get().body());
    }
    return {std::move(request), std::nullopt};
}

} // namespace vigie::server
