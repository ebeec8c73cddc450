#pragma once

#include "AddressRecognition.h"
#include "DeviceRecognition.h"
#include "ServerConfig.h"
#include "http/SessionListCache.h"
#include "services/AuthService.h"
#include "services/SessionService.h"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace httplib {
class Server;
struct Request;
struct Response;
} // namespace httplib

namespace vigie::server {

// The HTTP face of API.md on cpp-httplib: routing (with 404 and 405 as JSON), limits,
// authentication, and the mapping of service results and errors to responses.
class HttpApi
{
public:
    struct Services
    {
        AuthService& auth;
        SessionService& sessions;
        const DeviceRecognition& devices;
        const AddressRecognition& addresses;
    };

    // Throws std::runtime_error when the TLS certificate or key cannot be used.
    HttpApi(const ServerConfig& config, Services services);
    ~HttpApi();

    // Binds the listening socket; returns the port (useful with port 0), or -1.
    int bind();
    // Serves until stop() is called; in-flight requests finish first.
    bool serve();
    void stop();

private:
    struct Request;
    using Handler = std::function<void(Request&)>;
    struct Route
    {
        std::string method;
        std::vector<std::string> segments; // "{}" matches any one segment
        Handler handler;
        bool authenticated;
    };

    void addRoute(const std::string& method, const std::string& pattern, bool authenticated, Handler handler);
    void setUpRoutes();
    // Finds the route for a request; sets a 404/405 JSON response and returns null otherwise.
    const Route* match(const httplib::Request& req, httplib::Response& res,
                       std::vector<std::string>& params) const;
    void dispatch(const httplib::Request& req, httplib::Response& res);

    const ServerConfig& m_config;
    Services m_services;
    std::vector<Route> m_routes;
    SessionListCache m_sessionLists;
    std::unique_ptr<httplib::Server> m_server;
};

} // namespace vigie::server
