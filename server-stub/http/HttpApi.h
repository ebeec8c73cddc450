#pragma once

#include "AddressRecognition.h"
#include "DeviceRecognition.h"
#include "ServerConfig.h"
#include "http/HttpServer.h"
#include "http/SessionListCache.h"
#include "http/WorkerPool.h"
#include "services/AuthService.h"
#include "services/SessionService.h"

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace vigie::server {

class EventHub;

// The HTTP face of API.md: the route table (method, path, who may call it, where its work
// runs), authentication done once in dispatch, and the mapping of service results and
// errors to responses. The transport underneath is HttpServer.
class HttpApi final : public HttpHandler
{
public:
    struct Services
    {
        AuthService& auth;
        SessionService& sessions;
        const DeviceRecognition& devices;
        const AddressRecognition& addresses;
        EventHub& events;
    };

    // Throws std::runtime_error when the TLS certificate or key cannot be used.
    HttpApi(const ServerConfig& config, Services services);
    ~HttpApi() override;

    // Binds the listening socket; returns the port (useful with port 0), or -1 with error set.
    int bind(std::string& error) { return m_server->bind(error); }
    // Serves until stop() has drained the connections.
    void serve() { m_server->serve(); }
    void stop() { m_server->stop(); }

    Plan plan(const HttpRequest& head) override;
    HttpResponse handle(HttpRequest& request, const void* route) override;

private:
    enum class Access { Public, User, Staff };
    // Which pool runs a route: password hashing has its own, so a burst of sign-ins cannot
    // take the threads that every other request (health checks included) needs.
    enum class Work { Store, Hashing };
    struct Request;
    using Handler = std::function<HttpResponse(Request&)>;
    struct Route
    {
        std::string method;
        std::vector<std::string> segments; // "{}" matches any one non-empty segment
        bool hasParams;                    // any "{}": only then is the path split again
        Access access;
        Work work;
        Handler handler;
    };

    void addRoute(const std::string& method, const std::string& pattern, Access access, Work work,
                  Handler handler);
    void setUpRoutes();

    const ServerConfig& m_config;
    Services m_services;
    std::vector<Route> m_routes;
    SessionListCache m_sessionLists;
    // The last database check (steady clock, ms) and what it found. A request that finds the
    // database unreachable counts as a check.
    static constexpr long long kHealthFreshnessMs = 250;
    std::atomic<long long> m_databaseCheckedAt = -kHealthFreshnessMs;
    std::atomic<bool> m_databaseUp = true;
    std::unique_ptr<HttpServer> m_server;
    // After m_server, so that they are joined before it goes: their jobs post to its threads.
    WorkerPool m_storePool;
    WorkerPool m_hashPool;
};

} // namespace vigie::server
