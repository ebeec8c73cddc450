#include "http/HttpMessage.h"

#include "core/ApiTypes.h"

#include <nlohmann/json.hpp>

namespace vigie::server {

namespace {

bool sameName(std::string_view a, std::string_view b)
{
    if (a.size() != b.size())
        return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i])))
            return false;
    return true;
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

} // namespace

std::optional<std::string> HttpRequest::header(std::string_view name) const
{
    for (const auto& [n, v] : headers)
        if (sameName(n, name))
            return v;
    return std::nullopt;
}

std::string HttpRequest::headerList(std::string_view name) const
{
    std::string joined;
    for (const auto& [n, v] : headers) {
        if (!sameName(n, name))
            continue;
        if (!joined.empty())
            joined += ", ";
        joined += v;
    }
    return joined;
}

std::optional<std::string> HttpRequest::queryParam(std::string_view name) const
{
    std::string_view rest = query;
    while (!rest.empty()) {
        const size_t amp = rest.find('&');
        const std::string_view pair = rest.substr(0, amp);
        rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
        const size_t eq = pair.find('=');
        const auto key = percentDecode(pair.substr(0, eq), true);
        if (!key || *key != name)
            continue;
        if (eq == std::string_view::npos)
            return std::string();
        return percentDecode(pair.substr(eq + 1), true);
    }
    return std::nullopt;
}

std::optional<std::string> percentDecode(std::string_view text, bool plusIsSpace)
{
    std::string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '%') {
            if (i + 2 >= text.size())
                return std::nullopt;
            const int hi = hexValue(text[i + 1]);
            const int lo = hexValue(text[i + 2]);
            if (hi < 0 || lo < 0)
                return std::nullopt;
            out += char(hi * 16 + lo);
            i += 2;
        } else if (c == '+' && plusIsSpace) {
            out += ' ';
        } else {
            out += c;
        }
    }
    return out;
}

HttpResponse HttpResponse::error(int status, std::string_view code, std::string_view message)
{
    return json(status, dumpJson(nlohmann::json{{"error", code}, {"message", message}}));
}

HttpResponse HttpResponse::json(int status, std::string body)
{
    HttpResponse r;
    r.status = status;
    r.contentType = "application/json";
    r.body = std::move(body);
    r.headers.emplace_back("Cache-Control", "no-store");
    return r;
}

HttpResponse HttpResponse::noContent()
{
    HttpResponse r;
    r.status = 204;
    r.headers.emplace_back("Cache-Control", "no-store");
    return r;
}

} // namespace vigie::server
