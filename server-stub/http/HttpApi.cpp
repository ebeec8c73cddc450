#include "http/HttpApi.h"

#include "Log.h"
#include "Uuid.h"
#include "core/TimeFormat.h"
#include "services/ApiError.h"

#include <charconv>
#include <httplib.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <nlohmann/json.hpp>
#include <sys/socket.h>

namespace vigie::server {

using nlohmann::json;

namespace {

constexpr size_t kMaxBodyBytes = 64 * 1024;
constexpr const char* kJson = "application/json";

std::vector<std::string> splitPath(const std::string& path)
{
    std::vector<std::string> out;
    size_t start = 1;
    while (start <= path.size()) {
        const size_t slash = path.find('/', start);
        const size_t end = slash == std::string::npos ? path.size() : slash;
        out.push_back(path.substr(start, end - start));
        if (slash == std::string::npos)
            break;
        start = slash + 1;
    }
    return out;
}

void sendJson(httplib::Response& res, int status, std::string body)
{
    res.status = status;
    res.set_header("Cache-Control", "no-store");
    res.set_content(std::move(body), kJson);
}

void sendError(httplib::Response& res, int status, const std::string& code, const std::string& message)
{
    sendJson(res, status, dumpJson(json{{"error", code}, {"message", message}}));
}

void sendNoContent(httplib::Response& res)
{
    res.status = 204;
    res.set_header("Cache-Control", "no-store");
}

std::string requireUuid(const std::string& text, const char* what)
{
    auto id = canonicalUuid(text);
    if (!id)
        throw ApiError::invalidRequest(std::string(what) + " is not a valid UUID.");
    return *id;
}

json parseBodyObject(const std::string& body)
{
    json j = json::parse(body, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded() || !j.is_object())
        throw ApiError::invalidRequest("The request body must be a JSON object.");
    return j;
}

std::string requireString(const json& body, const char* field)
{
    auto it = body.find(field);
    if (it == body.end() || !it->is_string())
        throw ApiError::invalidRequest(std::string("Field '") + field +
                                       "' is required and must be a string.");
    return it->get<std::string>();
}

int parseLimit(const httplib::Request& req)
{
    if (!req.has_param("limit"))
        return 100;
    const std::string v = req.get_param_value("limit");
    int n = 0;
    auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
    if (ec != std::errc() || p != v.data() + v.size() || n < 1 || n > 1000)
        throw ApiError::invalidRequest("'limit' must be an integer from 1 to 1000.");
    return n;
}

// Sessions are serialised by hand: their device_info and location_data are stored as JSON
// text already, and splicing it in avoids re-parsing every row on the hottest endpoint.
void appendSession(std::string& out, const SessionRecord& s, bool isCurrent)
{
    out += "{\"id\":";
    appendJsonString(out, s.id);
    out += ",\"device_info\":";
    out += s.deviceInfoJson;
    out += ",\"ip_address\":";
    if (s.ipAddress)
        appendJsonString(out, *s.ipAddress);
    else
        out += "null";
    out += ",\"location_data\":";
    out += s.locationDataJson ? *s.locationDataJson : std::string("null");
    out += ",\"created_at\":\"" + formatRfc3339(s.createdAt);
    out += "\",\"last_activity\":\"" + formatRfc3339(s.lastActivity);
    out += "\",\"expires_at\":\"" + formatRfc3339(s.expiresAt);
    out += "\",\"is_active\":";
    out += s.isActive ? "true" : "false";
    out += ",\"is_current\":";
    out += isCurrent ? "true}" : "false}";
}

std::string sessionsJson(const std::vector<SessionRecord>& sessions, const std::string* currentId)
{
    std::string out;
    out.reserve(64 + sessions.size() * 640);
    out += "{\"sessions\":[";
    for (size_t i = 0; i < sessions.size(); ++i) {
        if (i)
            out += ',';
        appendSession(out, sessions[i], currentId && sessions[i].id == *currentId);
    }
    out += ']';
    if (currentId) {
        out += ",\"current_session_id\":";
        appendJsonString(out, *currentId);
    }
    out += '}';
    return out;
}

std::string eventsJson(const std::vector<AuditRecord>& events)
{
    json list = json::array();
    for (const auto& e : events)
        list.push_back(e);
    return dumpJson(json{{"events", std::move(list)}});
}

// Several X-Forwarded-For headers form one list, in order (RFC 7230 section 3.2.2).
std::string forwardedFor(const httplib::Request& req)
{
    const size_t count = req.get_header_value_count("X-Forwarded-For");
    std::string joined;
    for (size_t i = 0; i < count; ++i) {
        if (i)
            joined += ", ";
        joined += req.get_header_value("X-Forwarded-For", i);
    }
    return joined;
}

std::optional<std::string> headerValue(const httplib::Request& req, const char* name)
{
    if (!req.has_header(name))
        return std::nullopt;
    return req.get_header_value(name);
}

} // namespace

struct HttpApi::Request
{
    const httplib::Request& http;
    httplib::Response& res;
    std::vector<std::string> params;
    std::string clientAddress;
    std::optional<Caller> caller;

    json body() const { return parseBodyObject(http.body); }
};

HttpApi::HttpApi(const ServerConfig& config, Services services) : m_config(config), m_services(services)
{
    if (config.tlsCert.empty()) {
        m_server = std::make_unique<httplib::Server>();
    } else {
        auto tls = std::make_unique<httplib::SSLServer>(config.tlsCert.c_str(), config.tlsKey.c_str());
        if (!tls->is_valid())
            throw std::runtime_error("cannot use the TLS certificate " + config.tlsCert + " with the key " +
                                     config.tlsKey + " (missing, unreadable, or not a matching PEM pair)");
        m_server = std::move(tls);
    }
    setUpRoutes();
    auto& svr = *m_server;
    const int threads = config.threads;
    svr.new_task_queue = [threads] { return new httplib::ThreadPool(size_t(threads)); };
    // Debian's cpp-httplib is built without TCP_NODELAY: without it every keep-alive response
    // waits for the peer's delayed ACK.
    svr.set_socket_options([](socket_t sock) {
        int yes = 1;
        setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
        setsockopt(sock, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);
    });
    svr.set_payload_max_length(kMaxBodyBytes);
    const auto io = std::chrono::duration_cast<std::chrono::seconds>(config.ioTimeout).count();
    svr.set_read_timeout(io, 0);
    svr.set_write_timeout(io, 0);
    svr.set_keep_alive_timeout(5);
    svr.set_keep_alive_max_count(10000);

    // Unknown routes and wrong methods are answered before any body is read, and requests
    // without a body are served from here without httplib's regex routing.
    svr.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
        std::vector<std::string> params;
        if (!match(req, res, params))
            return httplib::Server::HandlerResponse::Handled;
        const bool hasBody = req.has_header("Content-Length") || req.has_header("Transfer-Encoding");
        if (!hasBody) {
            dispatch(req, res);
            return httplib::Server::HandlerResponse::Handled;
        }
        return httplib::Server::HandlerResponse::Unhandled;
    });
    auto handler = [this](const httplib::Request& req, httplib::Response& res) { dispatch(req, res); };
    svr.Get(".*", handler);
    svr.Post(".*", handler);
    svr.Delete(".*", handler);

    // Statuses httplib produces itself (413 for a large body, 400 for a malformed request)
    // get the JSON error body too.
    svr.set_error_handler([](const httplib::Request&, httplib::Response& res) {
        if (!res.body.empty())
            return;
        switch (res.status) {
        case 413:
            sendError(res, 413, "payload_too_large", "The request body is larger than 64 KiB.");
            break;
        case 404:
            sendError(res, 404, "not_found", "No such resource.");
            break;
        case 500:
            sendError(res, 500, "internal", "Internal server error.");
            break;
        default:
            if (res.status >= 400 && res.status < 500)
                sendError(res, res.status, "invalid_request", "The request could not be understood.");
        }
    });
    svr.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
        Log::error("unhandled exception in a request handler");
        sendError(res, 500, "internal", "Internal server error.");
    });
}

HttpApi::~HttpApi() = default;

void HttpApi::addRoute(const std::string& method, const std::string& pattern, bool authenticated,
                       Handler handler)
{
    m_routes.push_back(Route{method, splitPath(pattern), std::move(handler), authenticated});
}

const HttpApi::Route* HttpApi::match(const httplib::Request& req, httplib::Response& res,
                                     std::vector<std::string>& params) const
{
    const auto segments = splitPath(req.path);
    std::string allow;
    for (const auto& route : m_routes) {
        if (route.segments.size() != segments.size())
            continue;
        bool same = true;
        for (size_t i = 0; i < segments.size() && same; ++i)
            same = route.segments[i] == "{}" ? !segments[i].empty() : route.segments[i] == segments[i];
        if (!same)
            continue;
        if (route.method == req.method) {
            params.clear();
            for (size_t i = 0; i < segments.size(); ++i)
                if (route.segments[i] == "{}")
                    params.push_back(segments[i]);
            return &route;
        }
        allow += (allow.empty() ? "" : ", ") + route.method;
    }
    if (allow.empty()) {
        sendError(res, 404, "not_found", "No such resource.");
    } else {
        res.set_header("Allow", allow);
        sendError(res, 405, "method_not_allowed", "Method not allowed here; allowed: " + allow + ".");
    }
    return nullptr;
}

void HttpApi::dispatch(const httplib::Request& req, httplib::Response& res)
{
    std::vector<std::string> params;
    const Route* route = match(req, res, params);
    if (!route)
        return;
    Request r{req, res, std::move(params), {}, std::nullopt};
    try {
        r.clientAddress = m_services.addresses.clientAddress(req.remote_addr, forwardedFor(req));
        if (route->authenticated) {
            // The token is read from the Authorization header only, never from the URL.
            const std::string header = req.get_header_value("Authorization");
            const auto space = header.find(' ');
            std::string scheme = header.substr(0, space);
            for (auto& ch : scheme)
                ch = char(std::tolower(static_cast<unsigned char>(ch)));
            if (space == std::string::npos || scheme != "bearer")
                throw ApiError::unauthorized();
            r.caller = m_services.auth.authenticate(header.substr(space + 1), r.clientAddress);
        }
        route->handler(r);
    } catch (const ApiError& e) {
        if (e.status == 429)
            res.set_header("Retry-After", std::to_string(e.retryAfter));
        if (e.status == 401)
            res.set_header("WWW-Authenticate", "Bearer");
        sendError(res, e.status, e.code, e.what());
    } catch (const json::exception&) {
        sendError(res, 400, "invalid_request", "The request body has a field of the wrong type.");
    } catch (const StoreUnavailable& e) {
        // The database is down or restarting: the client may retry, nothing is wrong with
        // its request.
        Log::warning(std::string(req.method) + " " + req.path + ": " + e.what());
        const ApiError error = ApiError::serviceUnavailable();
        res.set_header("Retry-After", "1");
        sendError(res, error.status, error.code, error.what());
    } catch (const StoreError& e) {
        Log::error(std::string(req.method) + " " + req.path + ": " + e.what());
        sendError(res, 500, "internal", "Internal server error.");
    } catch (const std::exception& e) {
        Log::error(std::string(req.method) + " " + req.path + ": unexpected failure");
        sendError(res, 500, "internal", "Internal server error.");
    }
}

void HttpApi::setUpRoutes()
{
    auto& auth = m_services.auth;
    auto& sessions = m_services.sessions;

    // Healthy means able to serve: a load balancer takes a server whose database is out of
    // reach out of rotation (the 503 comes from StoreUnavailable in dispatch()).
    addRoute("GET", "/healthz", false, [&sessions](Request& r) {
        sessions.checkDatabase();
        sendJson(r.res, 200, R"({"status":"ok"})");
    });

    addRoute("POST", "/api/auth/login", false, [this, &auth](Request& r) {
        const json body = r.body();
        const std::string email = requireString(body, "email");
        const std::string password = requireString(body, "password");
        ClientContext client;
        client.ipAddress = r.clientAddress;
        client.userAgent = r.http.get_header_value("User-Agent");
        ClientHints hints{headerValue(r.http, "Sec-CH-UA"), headerValue(r.http, "Sec-CH-UA-Platform"),
                          headerValue(r.http, "Sec-CH-UA-Platform-Version"),
                          headerValue(r.http, "Sec-CH-UA-Mobile"), headerValue(r.http, "Sec-CH-UA-Model")};
        client.deviceInfo = m_services.devices.describe(client.userAgent, hints);
        client.location = m_services.addresses.locate(client.ipAddress);
        sendJson(r.res, 200, dumpJson(json(auth.login(email, password, client))));
    });

    addRoute("POST", "/api/auth/refresh", false, [&auth](Request& r) {
        const std::string token = requireString(r.body(), "refresh_token");
        sendJson(r.res, 200, dumpJson(json(auth.refresh(token, r.clientAddress))));
    });

    addRoute("POST", "/api/auth/reauthenticate", true, [&auth](Request& r) {
        auth.reauthenticate(*r.caller, requireString(r.body(), "password"));
        sendNoContent(r.res);
    });

    addRoute("POST", "/api/auth/logout", true, [&auth](Request& r) {
        auth.logout(*r.caller);
        sendNoContent(r.res);
    });

    addRoute("GET", "/api/users/me", true,
             [&auth](Request& r) { sendJson(r.res, 200, dumpJson(json(auth.currentUser(*r.caller)))); });

    addRoute("GET", "/api/users/me/sessions", true, [this, &sessions](Request& r) {
        const Caller& caller = *r.caller;
        const TimePoint now = nowMs();
        if (auto body = m_sessionLists.find(caller.userId, caller.sessionId, caller.sessionsVersion, now)) {
            sendJson(r.res, 200, std::move(*body));
            return;
        }
        const auto list = sessions.listOwn(caller);
        // The list changes by itself when a session reaches its end or its idle limit.
        TimePoint validUntil = TimePoint::max();
        for (const auto& s : list)
            validUntil = std::min({validUntil, s.expiresAt, s.lastActivity + m_config.idleTimeout});
        std::string body = sessionsJson(list, &caller.sessionId);
        m_sessionLists.store(caller.userId, caller.sessionId, caller.sessionsVersion, validUntil, body);
        sendJson(r.res, 200, std::move(body));
    });

    addRoute("DELETE", "/api/users/me/sessions", true, [&sessions](Request& r) {
        sendJson(r.res, 200, dumpJson(json{{"revoked", sessions.revokeOtherOwn(*r.caller)}}));
    });

    addRoute("DELETE", "/api/users/me/sessions/{}", true, [&sessions](Request& r) {
        sessions.revokeOwn(*r.caller, requireUuid(r.params[0], "The session id"));
        sendNoContent(r.res);
    });

    addRoute("GET", "/api/users/me/audit", true, [&sessions](Request& r) {
        sendJson(r.res, 200, eventsJson(sessions.ownAudit(*r.caller, parseLimit(r.http))));
    });

    addRoute("GET", "/api/admin/users", true, [&sessions](Request& r) {
        if (!r.caller->isStaff())
            throw ApiError::forbidden();
        if (!r.http.has_param("email") || r.http.get_param_value("email").empty())
            throw ApiError::invalidRequest("Query parameter 'email' is required.");
        json users = sessions.findUsers(*r.caller, r.http.get_param_value("email"));
        sendJson(r.res, 200, dumpJson(json{{"users", std::move(users)}}));
    });

    addRoute("GET", "/api/admin/users/{}/sessions", true, [&sessions](Request& r) {
        if (!r.caller->isStaff())
            throw ApiError::forbidden();
        const std::string userId = requireUuid(r.params[0], "The user id");
        sendJson(r.res, 200, sessionsJson(sessions.listForUser(*r.caller, userId), nullptr));
    });

    addRoute("DELETE", "/api/admin/users/{}/sessions/{}", true, [&sessions](Request& r) {
        if (!r.caller->isStaff())
            throw ApiError::forbidden();
        const std::string userId = requireUuid(r.params[0], "The user id");
        const std::string sessionId = requireUuid(r.params[1], "The session id");
        std::optional<std::string> reason;
        if (!r.http.body.empty()) {
            const json body = r.body();
            if (auto it = body.find("reason"); it != body.end() && !it->is_null()) {
                if (!it->is_string())
                    throw ApiError::invalidRequest("Field 'reason' must be a string.");
                if (it->get_ref<const std::string&>().size() > 1000)
                    throw ApiError::invalidRequest("Field 'reason' is longer than 1000 bytes.");
                reason = it->get<std::string>();
            }
        }
        sessions.revokeForUser(*r.caller, userId, sessionId, reason);
        sendNoContent(r.res);
    });

    addRoute("GET", "/api/admin/audit", true, [&sessions](Request& r) {
        if (!r.caller->isStaff())
            throw ApiError::forbidden();
        std::optional<std::string> userId;
        if (r.http.has_param("user_id"))
            userId = requireUuid(r.http.get_param_value("user_id"), "'user_id'");
        sendJson(r.res, 200, eventsJson(sessions.audit(*r.caller, userId, parseLimit(r.http))));
    });
}

int HttpApi::bind()
{
    if (m_config.listenPort == 0)
        return m_server->bind_to_any_port(m_config.listenHost);
    return m_server->bind_to_port(m_config.listenHost, m_config.listenPort) ? m_config.listenPort : -1;
}

bool HttpApi::serve()
{
    return m_server->listen_after_bind();
}

void HttpApi::stop()
{
    m_server->stop();
}

} // namespace vigie::server
