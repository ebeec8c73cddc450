#pragma once

#include "ServerConfig.h"
#include "http/HttpMessage.h"

#include <memory>
#include <string>

namespace vigie::server {

class WorkerPool;

// What the transport asks of the application, in two steps: plan() right after the header
// (on an I/O thread: it must not block), then handle() on the pool the plan names.
class HttpHandler
{
public:
    struct Plan
    {
        // Set: answer with this at once, without reading a body.
        std::optional<HttpResponse> response;
        // Where handle() runs; null runs it on the I/O thread (for work that never blocks).
        WorkerPool* pool = nullptr;
        // Whether the route reads a body; a body that is not read closes the connection.
        bool readsBody = false;
        const void* route = nullptr; // handed back to handle()
    };

    virtual ~HttpHandler() = default;
    virtual Plan plan(const HttpRequest& head) = 0;
    virtual HttpResponse handle(HttpRequest& request, const void* route) = 0;
};

// HTTP/1.1 (and HTTPS with --tls-cert) on Boost.Beast: one coroutine per connection on a few
// I/O threads, every limit and deadline of ServerConfig::http enforced whatever the framing,
// no desync (a body left unread closes the connection), and a bounded graceful drain.
class HttpServer
{
public:
    // Throws std::runtime_error when the TLS certificate or key cannot be used.
    HttpServer(const ServerConfig& config, HttpHandler& handler);
    ~HttpServer();

    // Binds the listening socket; returns the port (useful with port 0), or -1 with error set.
    int bind(std::string& error);
    // Serves until stop() has drained the connections (or the drain timeout has passed).
    void serve();
    // Stops accepting, closes idle and half-received connections, lets in-flight requests
    // finish. Safe from any thread.
    void stop();

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace vigie::server
