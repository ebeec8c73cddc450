#include "http/HttpApi.h"

#include "Log.h"
#include "Uuid.h"
#include "core/ErrorCodes.h"
#include "core/TimeFormat.h"
#include "http/ApiJson.h"
#include "services/ApiError.h"
#include "services/TextRules.h"

#include <algorithm>
#include <charconv>
#include <climits>
#include <nlohmann/json.hpp>
#include <thread>

namespace vigie::server {

using nlohmann::json;

namespace {

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

HttpResponse errorResponse(const ApiError& e)
{
    HttpResponse res = HttpResponse::error(e.status, e.code, e.what());
    if (e.status == 429 || e.status == 503)
        res.headers.emplace_back("Retry-After", std::to_string(std::max(1LL, e.retryAfter)));
    if (e.status == 401)
        res.headers.emplace_back("WWW-Authenticate", "Bearer");
    return res;
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

int parseLimit(const HttpRequest& req)
{
    const auto param = req.queryParam("limit");
    if (!param)
        return 100;
    const std::string& v = *param;
    int n = 0;
    auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
    if (ec != std::errc() || p != v.data() + v.size() || n < 1 || n > 1000)
        throw ApiError::invalidRequest("'limit' must be an integer from 1 to 1000.");
    return n;
}

std::optional<std::string> bearerToken(const HttpRequest& req)
{
    // The token is read from the Authorization header only, never from the URL.
    const std::string header = req.header("Authorization").value_or(std::string());
    const auto space = header.find(' ');
    std::string scheme = header.substr(0, space);
    for (auto& ch : scheme)
        ch = char(std::tolower(static_cast<unsigned char>(ch)));
    if (space == std::string::npos || scheme != "bearer")
        return std::nullopt;
    return header.substr(space + 1);
}

HttpResponse healthyResponse()
{
    return HttpResponse::json(200, R"({"status":"ok"})");
}

// GET /api/version: the v1.1 features this server offers, one line each.
HttpResponse versionResponse()
{
    static const std::string body = dumpJson(json(ServerVersion{"1.1",
                                                                {
                                                                    feature::kFlags,
                                                                    feature::kSessionNames,
                                                                    feature::kSettings,
                                                                    feature::kPasswordChange,
                                                                }}));
    return HttpResponse::json(200, body);
}

// A request body holds only the fields its route knows: a misspelt field is an error, not
// silently ignored.
void rejectUnknownFields(const json& body, std::initializer_list<std::string_view> known)
{
    for (const auto& [key, value] : body.items())
        if (std::find(known.begin(), known.end(), key) == known.end())
            throw ApiError::invalidRequest("Unknown field '" + key + "'.");
}

long long steadyMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

int defaultWorkers(const ServerConfig& config)
{
    if (config.workers > 0)
        return config.workers;
    if (!sqlitePath(config.database))
        return config.dbPoolSize;
    return 2 * int(std::max(1u, std::thread::hardware_concurrency()));
}

int defaultHashWorkers(const ServerConfig& config)
{
    if (config.hashWorkers > 0)
        return config.hashWorkers;
    return int(std::clamp(std::thread::hardware_concurrency(), 1u, 4u));
}

} // namespace

struct HttpApi::Request
{
    const HttpRequest& http;
    std::vector<std::string> params;
    std::string clientAddress;
    std::optional<Caller> caller;

    json body() const { return parseBodyObject(http.body); }
};

HttpApi::HttpApi(const ServerConfig& config, Services services)
    : m_config(config), m_services(services), m_server(std::make_unique<HttpServer>(config, *this)),
      m_storePool("store", defaultWorkers(config), size_t(config.queueLimit)),
      m_hashPool("hashing", defaultHashWorkers(config), size_t(config.queueLimit))
{
    setUpRoutes();
}

HttpApi::~HttpApi() = default;

void HttpApi::addRoute(const std::string& method, const std::string& pattern, Access access, Work work,
                       Handler handler)
{
    auto segments = splitPath(pattern);
    const bool hasParams = std::find(segments.begin(), segments.end(), "{}") != segments.end();
    m_routes.push_back(Route{method, std::move(segments), hasParams, access, work, std::move(handler)});
}

HttpHandler::Plan HttpApi::plan(const HttpRequest& head)
{
    // Constant: answered at once, without a worker.
    if (head.path == "/api/version" && head.method == "GET") {
        Plan plan;
        plan.response = versionResponse();
        return plan;
    }
    if (head.path == "/healthz" && head.method == "GET" &&
        steadyMs() - m_databaseCheckedAt < kHealthFreshnessMs) {
        Plan plan;
        plan.response = m_databaseUp ? healthyResponse() : errorResponse(ApiError::serviceUnavailable());
        return plan;
    }
    const auto segments = splitPath(head.path);
    std::string allow;
    for (const auto& route : m_routes) {
        if (route.segments.size() != segments.size())
            continue;
        bool same = true;
        for (size_t i = 0; i < segments.size() && same; ++i)
            same = route.segments[i] == "{}" ? !segments[i].empty() : route.segments[i] == segments[i];
        if (!same)
            continue;
        if (route.method == head.method) {
            Plan plan;
            plan.route = &route;
            plan.pool = route.work == Work::Hashing ? &m_hashPool : &m_storePool;
            plan.readsBody = route.method != "GET";
            return plan;
        }
        allow += (allow.empty() ? "" : ", ") + route.method;
    }
    Plan plan;
    if (allow.empty()) {
        plan.response = HttpResponse::error(404, error_code::kNotFound, "No such resource.");
    } else {
        plan.response = HttpResponse::error(405, error_code::kMethodNotAllowed,
                                            "Method not allowed here; allowed: " + allow + ".");
        plan.response->headers.emplace_back("Allow", allow);
    }
    return plan;
}

HttpResponse HttpApi::handle(HttpRequest& http, const void* matched)
{
    const Route& route = *static_cast<const Route*>(matched);
    Request r{http, {}, {}, std::nullopt};
    try {
        const auto segments = route.hasParams ? splitPath(http.path) : std::vector<std::string>();
        for (size_t i = 0; i < segments.size(); ++i) {
            if (route.segments[i] != "{}")
                continue;
            auto decoded = percentDecode(segments[i]);
            if (!decoded)
                throw ApiError::invalidRequest("The path has a malformed %-escape.");
            r.params.push_back(std::move(*decoded));
        }
        r.clientAddress =
            m_services.addresses.clientAddress(http.peerAddress, http.headerList("X-Forwarded-For"));
        if (route.access != Access::Public) {
            const auto token = bearerToken(http);
            if (!token)
                throw ApiError::unauthorized();
            r.caller = m_services.auth.authenticate(*token, r.clientAddress);
            if (route.access == Access::Staff && !r.caller->isStaff())
                throw ApiError::forbidden();
        }
        return route.handler(r);
    } catch (const ApiError& e) {
        return errorResponse(e);
    } catch (const json::exception&) {
        return HttpResponse::error(400, error_code::kInvalidRequest,
                                   "The request body has a field of the wrong type.");
    } catch (const StoreUnavailable& e) {
        // The database is down or restarting: the client may retry, nothing is wrong with
        // its request. Health checks say so at once too.
        m_databaseUp = false;
        m_databaseCheckedAt = steadyMs();
        Log::warning(http.method + " " + http.path + ": " + e.what());
        return errorResponse(ApiError::serviceUnavailable());
    } catch (const StoreError& e) {
        Log::error(http.method + " " + http.path + ": " + e.what());
        return HttpResponse::error(500, error_code::kInternal, "Internal server error.");
    } catch (const std::exception&) {
        Log::error(http.method + " " + http.path + ": unexpected failure");
        return HttpResponse::error(500, error_code::kInternal, "Internal server error.");
    }
}

void HttpApi::setUpRoutes()
{
    auto& auth = m_services.auth;
    auto& sessions = m_services.sessions;
    constexpr auto Public = Access::Public;
    constexpr auto User = Access::User;
    constexpr auto Staff = Access::Staff;
    constexpr auto Store = Work::Store;
    constexpr auto Hashing = Work::Hashing;

    // Healthy means able to serve: a load balancer takes a server whose database is out of
    // reach out of rotation (the 503 comes from StoreUnavailable in handle()).
    // A load balancer polls this often: a check of the database younger than
    // kHealthFreshness is answered at once from plan(); an older one is redone here.
    addRoute("GET", "/healthz", Public, Store, [this, &sessions](Request&) {
        try {
            sessions.checkDatabase();
        } catch (const StoreUnavailable&) {
            m_databaseUp = false;
            m_databaseCheckedAt = steadyMs();
            throw;
        }
        m_databaseUp = true;
        m_databaseCheckedAt = steadyMs();
        return healthyResponse();
    });

    addRoute("GET", "/api/version", Public, Store, [](Request&) { return versionResponse(); });

    addRoute("POST", "/api/auth/login", Public, Hashing, [this, &auth](Request& r) {
        const json body = r.body();
        const std::string email = requireString(body, "email");
        const std::string password = requireString(body, "password");
        ClientContext client;
        client.ipAddress = r.clientAddress;
        client.userAgent = r.http.header("User-Agent").value_or(std::string());
        ClientHints hints{r.http.header("Sec-CH-UA"), r.http.header("Sec-CH-UA-Platform"),
                          r.http.header("Sec-CH-UA-Platform-Version"), r.http.header("Sec-CH-UA-Mobile"),
                          r.http.header("Sec-CH-UA-Model")};
        client.deviceInfo = m_services.devices.describe(client.userAgent, hints);
        client.location = m_services.addresses.locate(client.ipAddress);
        return HttpResponse::json(200, dumpJson(json(auth.login(email, password, client))));
    });

    addRoute("POST", "/api/auth/refresh", Public, Store, [&auth](Request& r) {
        const std::string token = requireString(r.body(), "refresh_token");
        return HttpResponse::json(200, dumpJson(json(auth.refresh(token, r.clientAddress))));
    });

    addRoute("POST", "/api/auth/reauthenticate", User, Hashing, [&auth](Request& r) {
        auth.reauthenticate(*r.caller, requireString(r.body(), "password"));
        return HttpResponse::noContent();
    });

    addRoute("POST", "/api/auth/logout", User, Store, [&auth](Request& r) {
        auth.logout(*r.caller);
        return HttpResponse::noContent();
    });

    addRoute("GET", "/api/users/me", User, Store, [&auth](Request& r) {
        return HttpResponse::json(200, dumpJson(json(auth.currentUser(*r.caller))));
    });

    addRoute("GET", "/api/users/me/sessions", User, Store, [this, &sessions](Request& r) {
        const Caller& caller = *r.caller;
        const TimePoint now = nowMs();
        if (auto body = m_sessionLists.find(caller.userId, caller.sessionId, caller.sessionsVersion, now))
            return HttpResponse::json(200, std::move(*body));
        const auto list = sessions.listOwn(caller);
        // The list changes by itself when a session reaches its end or its idle limit.
        TimePoint validUntil = TimePoint::max();
        for (const auto& s : list)
            validUntil = std::min({validUntil, s.expiresAt, s.lastActivity + caller.idleTimeout});
        std::string body = sessionsJson(list, &caller.sessionId);
        m_sessionLists.store(caller.userId, caller.sessionId, caller.sessionsVersion, validUntil, body);
        return HttpResponse::json(200, std::move(body));
    });

    addRoute("DELETE", "/api/users/me/sessions", User, Store, [&sessions](Request& r) {
        return HttpResponse::json(200, dumpJson(json{{"revoked", sessions.revokeOtherOwn(*r.caller)}}));
    });

    addRoute("DELETE", "/api/users/me/sessions/{}", User, Store, [&sessions](Request& r) {
        sessions.revokeOwn(*r.caller, requireUuid(r.params[0], "The session id"));
        return HttpResponse::noContent();
    });

    addRoute("PATCH", "/api/users/me/sessions/{}", User, Store, [&sessions](Request& r) {
        const std::string sessionId = requireUuid(r.params[0], "The session id");
        const json body = r.body();
        rejectUnknownFields(body, {"name"});
        const auto it = body.find("name");
        if (it == body.end() || !(it->is_null() || it->is_string()))
            throw ApiError::invalidRequest("Field 'name' is required and must be a string or null.");
        const auto name =
            it->is_null() ? std::nullopt : checkedSessionName(it->get_ref<const std::string&>());
        const auto session = sessions.renameOwn(*r.caller, sessionId, name);
        std::string out;
        appendSession(out, session, session.id == r.caller->sessionId);
        return HttpResponse::json(200, std::move(out));
    });

    addRoute("GET", "/api/users/me/settings", User, Store, [&sessions](Request& r) {
        return HttpResponse::json(200, dumpJson(json(sessions.settings(*r.caller))));
    });

    addRoute("PUT", "/api/users/me/settings", User, Store, [&sessions](Request& r) {
        const json body = r.body();
        rejectUnknownFields(body, {"idle_timeout_seconds"});
        const auto it = body.find("idle_timeout_seconds");
        if (it == body.end() || !it->is_number_integer())
            throw ApiError::invalidRequest(
                "Field 'idle_timeout_seconds' is required and must be an integer.");
        // A number past the 64-bit range reads as out of range, not as another number.
        const long long seconds =
            it->is_number_unsigned() && it->get<unsigned long long>() > LLONG_MAX ? -1 : it->get<long long>();
        return HttpResponse::json(200, dumpJson(json(sessions.updateSettings(*r.caller, seconds))));
    });

    addRoute("POST", "/api/users/me/password", User, Hashing, [&auth](Request& r) {
        const json body = r.body();
        rejectUnknownFields(body, {"current_password", "new_password", "sign_out_other_sessions"});
        bool signOutOthers = true;
        if (const auto it = body.find("sign_out_other_sessions"); it != body.end()) {
            if (!it->is_boolean())
                throw ApiError::invalidRequest("Field 'sign_out_other_sessions' must be true or false.");
            signOutOthers = it->get<bool>();
        }
        const int revoked = auth.changePassword(*r.caller, requireString(body, "current_password"),
                                                requireString(body, "new_password"), signOutOthers);
        return HttpResponse::json(200, dumpJson(json{{"revoked", revoked}}));
    });

    addRoute("GET", "/api/users/me/audit", User, Store, [&sessions](Request& r) {
        return HttpResponse::json(200, eventsJson(sessions.ownAudit(*r.caller, parseLimit(r.http))));
    });

    addRoute("GET", "/api/admin/users", Staff, Store, [&sessions](Request& r) {
        const auto email = r.http.queryParam("email");
        if (!email || email->empty())
            throw ApiError::invalidRequest("Query parameter 'email' is required.");
        json users = sessions.findUsers(*r.caller, *email);
        return HttpResponse::json(200, dumpJson(json{{"users", std::move(users)}}));
    });

    addRoute("GET", "/api/admin/users/{}/sessions", Staff, Store, [&sessions](Request& r) {
        const std::string userId = requireUuid(r.params[0], "The user id");
        return HttpResponse::json(200, sessionsJson(sessions.listForUser(*r.caller, userId), nullptr));
    });

    addRoute("DELETE", "/api/admin/users/{}/sessions/{}", Staff, Store, [&sessions](Request& r) {
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
        return HttpResponse::noContent();
    });

    addRoute("GET", "/api/admin/audit", Staff, Store, [&sessions](Request& r) {
        std::optional<std::string> userId;
        if (const auto param = r.http.queryParam("user_id"))
            userId = requireUuid(*param, "'user_id'");
        return HttpResponse::json(200, eventsJson(sessions.audit(*r.caller, userId, parseLimit(r.http))));
    });
}

} // namespace vigie::server
