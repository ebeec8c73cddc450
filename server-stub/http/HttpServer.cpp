#include "http/HttpServer.h"

#include "AddressRecognition.h"
#include "Log.h"
#include "core/ErrorCodes.h"
#include "http/OutgoingStream.h"
#include "http/RequestParser.h"
#include "http/WorkerPool.h"

#include <atomic>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <mutex>
#include <thread>
#include <unordered_map>

namespace vigie::server {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

namespace {

constexpr auto kNoThrow = asio::as_tuple(asio::use_awaitable);

template <class Body> void setHead(http::response<Body>& res, HttpResponse& r)
{
    res.set(http::field::server, "vigie-server");
    for (auto& [name, value] : r.headers)
        res.insert(name, value);
    if (!r.contentType.empty())
        res.set(http::field::content_type, r.contentType);
}

http::response<http::string_body> toBeast(HttpResponse&& r, bool close)
{
    http::response<http::string_body> res{static_cast<http::status>(r.status), 11};
    setHead(res, r);
    res.body() = std::move(r.body);
    res.keep_alive(!close);
    res.prepare_payload();
    return res;
}

std::string canonicalPeer(const tcp::endpoint& endpoint)
{
    auto address = endpoint.address();
    if (address.is_v6() && address.to_v6().is_v4_mapped())
        address = asio::ip::make_address_v4(asio::ip::v4_mapped, address.to_v6());
    return address.to_string();
}

} // namespace

// One accepted connection, as the server's registry sees it: enough to close it from the
// stop() path while its coroutine owns the stream.
struct Connection : std::enable_shared_from_this<Connection>
{
    explicit Connection(asio::any_io_executor executor) : executor(std::move(executor)) {}

    asio::any_io_executor executor;           // the connection's strand
    beast::tcp_stream* stream = nullptr;      // only touched on the strand
    bool busy = false;                        // a request is being served; only on the strand
    std::string group;                        // the client address key it counts against
    std::shared_ptr<OutgoingStream> outgoing; // a long-lived response; only on the strand

    // Closes the connection unless it is serving a request (which closes it when done); a
    // stream is ended at once: it never finishes by itself.
    void closeIfIdle()
    {
        asio::post(executor, [self = shared_from_this()] {
            if (self->outgoing)
                self->outgoing->finish();
            else if (self->stream && !self->busy)
                self->stream->socket().close();
        });
    }
};

struct HttpServer::Impl
{
    Impl(const ServerConfig& config, HttpHandler& handler)
        : config(config), limits(config.http), handler(handler), threads(ioThreads(config)), io(threads)
    {}

    static int ioThreads(const ServerConfig& config)
    {
        if (config.threads > 0)
            return config.threads;
        return int(std::max(1u, std::thread::hardware_concurrency()));
    }

    std::shared_ptr<Connection> admit(const tcp::socket& socket, asio::any_io_executor executor);
    void release(Connection* connection);
    void beginDrain();

    asio::awaitable<void> acceptLoop();
    asio::awaitable<void> serveConnection(tcp::socket socket, std::shared_ptr<Connection> connection);
    template <class Stream>
    asio::awaitable<void> serveRequests(Stream& stream, Connection& connection, const std::string& peer);
    template <class Stream> asio::awaitable<bool> respond(Stream& stream, HttpResponse response, bool close);
    template <class Stream> asio::awaitable<void> lingeringClose(Stream& stream);
    template <class Stream, class Chunk> asio::awaitable<bool> writeChunk(Stream& stream, Chunk chunk);
    template <class Stream>
    asio::awaitable<void> streamResponse(Stream& stream, Connection& connection, HttpResponse response);
    asio::awaitable<std::optional<HttpResponse>> runOn(WorkerPool& pool, HttpRequest& request,
                                                       const void* route);

    const ServerConfig& config;
    const HttpLimits& limits;
    HttpHandler& handler;
    const int threads;
    std::optional<asio::ssl::context> tls;

    std::mutex mutex; // guards the registry below
    size_t open = 0;
    std::unordered_map<std::string, size_t> perGroup;
    std::unordered_map<Connection*, std::weak_ptr<Connection>> connections;
    std::atomic<bool> draining = false;

    // Last, so that it is destroyed first: the coroutines it still holds release their
    // connections into the registry above.
    asio::io_context io;
    std::optional<tcp::acceptor> acceptor;
    std::optional<asio::steady_timer> drainTimer;
};

std::shared_ptr<Connection> HttpServer::Impl::admit(const tcp::socket& socket, asio::any_io_executor executor)
{
    boost::system::error_code ec;
    const auto endpoint = socket.remote_endpoint(ec);
    if (ec)
        return nullptr;
    std::string group = AddressRecognition::clientGroup(canonicalPeer(endpoint));
    std::lock_guard lock(mutex);
    if (draining || open >= limits.maxConnections)
        return nullptr;
    size_t& count = perGroup[group];
    if (count >= limits.maxConnectionsPerAddress)
        return nullptr;
    ++count;
    ++open;
    auto connection = std::make_shared<Connection>(std::move(executor));
    connection->group = std::move(group);
    connections.emplace(connection.get(), connection);
    return connection;
}

void HttpServer::Impl::release(Connection* connection)
{
    std::lock_guard lock(mutex);
    if (connections.erase(connection) == 0)
        return;
    --open;
    if (auto it = perGroup.find(connection->group); it != perGroup.end() && --it->second == 0)
        perGroup.erase(it);
    if (draining && open == 0)
        io.stop();
}

void HttpServer::Impl::beginDrain()
{
    if (draining.exchange(true))
        return;
    boost::system::error_code ec;
    if (acceptor)
        acceptor->close(ec);
    std::vector<std::shared_ptr<Connection>> all;
    {
        std::lock_guard lock(mutex);
        if (open == 0) {
            io.stop();
            return;
        }
        for (auto& [raw, weak] : connections)
            if (auto c = weak.lock())
                all.push_back(std::move(c));
    }
    for (auto& c : all)
        c->closeIfIdle();
    drainTimer.emplace(io, limits.drainTimeout);
    drainTimer->async_wait([this](boost::system::error_code e) {
        if (e)
            return;
        Log::warning("drain timeout: closing the connections still open");
        io.stop();
    });
}

asio::awaitable<void> HttpServer::Impl::acceptLoop()
{
    for (;;) {
        auto executor = asio::any_io_executor(asio::make_strand(io));
        auto [ec, socket] = co_await acceptor->async_accept(executor, kNoThrow);
        if (ec) {
            if (draining || ec == asio::error::operation_aborted)
                co_return;
            // Out of file descriptors, most likely: let some close before trying again.
            asio::steady_timer pause(io, std::chrono::milliseconds(50));
            co_await pause.async_wait(kNoThrow);
            continue;
        }
        auto connection = admit(socket, executor);
        if (!connection) {
            socket.close(ec);
            continue;
        }
        socket.set_option(tcp::no_delay(true), ec);
        asio::co_spawn(executor, serveConnection(std::move(socket), std::move(connection)), asio::detached);
    }
}

asio::awaitable<void> HttpServer::Impl::serveConnection(tcp::socket socket,
                                                        std::shared_ptr<Connection> connection)
{
    struct Release
    {
        Impl& impl;
        Connection& connection;
        ~Release()
        {
            connection.stream = nullptr;
            impl.release(&connection);
        }
    };
    boost::system::error_code ec;
    const auto endpoint = socket.remote_endpoint(ec);
    const std::string peer = ec ? std::string() : canonicalPeer(endpoint);
    if (!tls) {
        beast::tcp_stream stream(std::move(socket));
        connection->stream = &stream;
        Release release{*this, *connection};
        co_await serveRequests(stream, *connection, peer);
    } else {
        beast::ssl_stream<beast::tcp_stream> stream(std::move(socket), *tls);
        connection->stream = &beast::get_lowest_layer(stream);
        Release release{*this, *connection};
        beast::get_lowest_layer(stream).expires_after(limits.headerTimeout);
        auto [handshakeError] = co_await stream.async_handshake(asio::ssl::stream_base::server, kNoThrow);
        if (!handshakeError)
            co_await serveRequests(stream, *connection, peer);
    }
}

template <class Stream>
asio::awaitable<bool> HttpServer::Impl::respond(Stream& stream, HttpResponse response, bool close)
{
    auto res = toBeast(std::move(response), close);
    beast::get_lowest_layer(stream).expires_after(limits.writeTimeout);
    auto [ec, n] = co_await http::async_write(stream, res, kNoThrow);
    co_return !ec;
}

template <class Stream, class Chunk>
asio::awaitable<bool> HttpServer::Impl::writeChunk(Stream& stream, Chunk chunk)
{
    auto& tcpStream = beast::get_lowest_layer(stream);
    tcpStream.expires_after(limits.writeTimeout);
    auto [ec, n] = co_await asio::async_write(stream, chunk, kNoThrow);
    // Between writes the stream waits on its own timer, for as long as it stays open.
    tcpStream.expires_never();
    co_return !ec;
}

// Chunked transfer coding rather than a close-delimited body: the client (and any proxy) can
// tell a stream the server ended on purpose (the last chunk) from a connection cut short,
// and the framing stays HTTP/1.1's own. The connection closes after the stream.
template <class Stream>
asio::awaitable<void> HttpServer::Impl::streamResponse(Stream& stream, Connection& connection,
                                                       HttpResponse response)
{
    using Clock = std::chrono::steady_clock;
    const std::shared_ptr<OutgoingStream> out = std::move(response.stream);
    struct Closed
    {
        Connection& connection;
        OutgoingStream& out;
        ~Closed()
        {
            connection.outgoing.reset();
            out.closed();
        }
    } closed{connection, *out};
    connection.outgoing = out;
    auto& tcpStream = beast::get_lowest_layer(stream);
    auto& signal = out->attach(connection.executor);
    const auto& options = out->options();

    // A client that goes away (or sends anything: it has no more requests on this
    // connection) ends the stream now, not at the next heartbeat.
    // A reset connection completes the wait with an error: that ends the stream too.
    tcpStream.socket().async_wait(tcp::socket::wait_read, [out](boost::system::error_code ec) {
        if (ec != asio::error::operation_aborted)
            out->finish();
    });

    http::response<http::empty_body> head{static_cast<http::status>(response.status), 11};
    setHead(head, response);
    head.chunked(true);
    head.keep_alive(false);
    http::response_serializer<http::empty_body> serializer{head};
    tcpStream.expires_after(limits.writeTimeout);
    if (auto [ec, n] = co_await http::async_write_header(stream, serializer, kNoThrow); ec)
        co_return;
    tcpStream.expires_never();

    auto lastWrite = Clock::now();
    for (;;) {
        auto taken = out->take();
        if (!taken.data.empty()) {
            if (!co_await writeChunk(stream, http::make_chunk(asio::buffer(taken.data))))
                co_return;
            lastWrite = Clock::now();
            // A wake-up during the write found no wait to end: look at the queue again.
            if (!taken.end)
                continue;
        }
        const auto now = Clock::now();
        if (taken.end || draining || now >= options.endAt)
            break;
        if (now - lastWrite >= options.heartbeatAfter) {
            if (!co_await writeChunk(stream, http::make_chunk(asio::buffer(options.heartbeat))))
                co_return;
            lastWrite = Clock::now();
            continue;
        }
        signal.expires_at(std::min(lastWrite + options.heartbeatAfter, options.endAt));
        co_await signal.async_wait(kNoThrow);
    }
    if (co_await writeChunk(stream, http::make_chunk_last())) {
        boost::system::error_code ec;
        tcpStream.socket().shutdown(tcp::socket::shutdown_send, ec);
    }
}

template <class Stream> asio::awaitable<void> HttpServer::Impl::lingeringClose(Stream& stream)
{
    auto& tcpStream = beast::get_lowest_layer(stream);
    boost::system::error_code ec;
    tcpStream.socket().shutdown(tcp::socket::shutdown_send, ec);
    if (ec)
        co_return;
    // Plain TCP only: under TLS the records cannot be skipped unread, and closing is enough.
    if constexpr (std::is_same_v<Stream, beast::tcp_stream>) {
        // What the client still sends is read and dropped (never kept) for as long as a body
        // may take, so that closing does not reset the connection and destroy our answer
        // before the client reads it (a 413 reaches a client that is still uploading).
        tcpStream.expires_after(limits.bodyTimeout);
        char discard[4096];
        for (;;) {
            auto [e, n] = co_await tcpStream.async_read_some(asio::buffer(discard), kNoThrow);
            if (e)
                break;
        }
    }
}

asio::awaitable<std::optional<HttpResponse>> HttpServer::Impl::runOn(WorkerPool& pool, HttpRequest& request,
                                                                     const void* route)
{
    // The coroutine waits while the job runs on the pool; its completion is posted back to
    // the connection's strand. A full queue answers at once with nullopt.
    co_return co_await asio::async_initiate<decltype(asio::use_awaitable), void(std::optional<HttpResponse>)>(
        [&](auto completion) {
            using Completion = decltype(completion);
            struct Job final : WorkerPool::Job
            {
                Job(Completion c, HttpHandler& h, HttpRequest& r, const void* route)
                    : completion(std::move(c)), handler(h), request(r), route(route)
                {}
                void run() override { finish(handler.handle(request, route)); }
                void finish(std::optional<HttpResponse> response)
                {
                    auto executor = asio::get_associated_executor(completion);
                    asio::post(executor, [c = std::move(completion), r = std::move(response)]() mutable {
                        std::move(c)(std::move(r));
                    });
                }
                Completion completion;
                HttpHandler& handler;
                HttpRequest& request;
                const void* route;
            };
            Job* raw = new Job(std::move(completion), handler, request, route);
            std::unique_ptr<WorkerPool::Job> job(raw);
            if (!pool.tryPost(job))
                raw->finish(std::nullopt); // not taken: still ours
        },
        asio::use_awaitable);
}

template <class Stream>
asio::awaitable<void> HttpServer::Impl::serveRequests(Stream& stream, Connection& connection,
                                                      const std::string& peer)
{
    auto& tcpStream = beast::get_lowest_layer(stream);
    beast::flat_buffer buffer;
    char firstBytes[1024];
    for (;;) {
        connection.busy = false;
        if (draining)
            co_return;
        // Waiting for the first byte of a request is the keep-alive wait; from it on, the
        // whole header has its own deadline (slow headers cannot hold a connection longer).
        if (buffer.size() == 0) {
            // An idle connection keeps no buffer of its own: ten thousand of them cost their
            // coroutine frames and little else.
            buffer.shrink_to_fit();
            tcpStream.expires_after(limits.keepAliveTimeout);
            auto [ec, n] = co_await stream.async_read_some(asio::buffer(firstBytes), kNoThrow);
            if (ec)
                co_return;
            buffer.commit(asio::buffer_copy(buffer.prepare(n), asio::buffer(firstBytes, n)));
        }
        tcpStream.expires_after(limits.headerTimeout);
        RequestParser parser;
        applyLimits(parser, limits);
        {
            auto [ec, n] = co_await http::async_read_header(stream, buffer, parser, kNoThrow);
            if (ec) {
                connection.busy = true;
                if (auto refusal = readFailure(ec, parser, limits)) {
                    co_await respond(stream, std::move(*refusal), true);
                    co_await lingeringClose(stream);
                }
                co_return;
            }
        }
        connection.busy = true;
        if (auto refused = checkHeader(parser, limits)) {
            co_await respond(stream, std::move(*refused), true);
            co_await lingeringClose(stream);
            co_return;
        }

        HttpRequest request = toRequest(parser, peer);
        const HttpHandler::Plan plan = handler.plan(request);
        const bool hasBody = declaresBody(parser);
        bool close = !parser.keep_alive();
        if (hasBody && plan.readsBody && !plan.response) {
            if (parser.get()[http::field::expect] == "100-continue") {
                http::response<http::empty_body> proceed{http::status::continue_, 11};
                tcpStream.expires_after(limits.writeTimeout);
                auto [ec, n] = co_await http::async_write(stream, proceed, kNoThrow);
                if (ec)
                    co_return;
            }
            tcpStream.expires_after(limits.bodyTimeout);
            auto [ec, n] = co_await http::async_read(stream, buffer, parser, kNoThrow);
            if (ec) {
                if (auto refusal = readFailure(ec, parser, limits)) {
                    co_await respond(stream, std::move(*refusal), true);
                    co_await lingeringClose(stream);
                }
                co_return;
            }
            request.body = std::move(parser.get().body());
        } else if (hasBody) {
            // The body stays unread, so what follows it on this connection cannot be told
            // apart from a next request: answer, then close (no desync, no smuggling).
            close = true;
        }

        std::optional<HttpResponse> response = plan.response;
        if (!response) {
            if (plan.pool) {
                response = co_await runOn(*plan.pool, request, plan.route);
                if (!response) {
                    response = HttpResponse::error(503, error_code::kServiceUnavailable,
                                                   "The server is busy. Try again in a moment.");
                    response->headers.emplace_back("Retry-After", "1");
                }
            } else {
                response = handler.handle(request, plan.route);
            }
        }
        if (response->stream) {
            if (!draining)
                co_await streamResponse(stream, connection, std::move(*response));
            else
                response->stream->closed();
            co_return;
        }
        close = close || draining;
        if (!co_await respond(stream, std::move(*response), close))
            co_return;
        if (close) {
            if (hasBody && !parser.is_done())
                co_await lingeringClose(stream);
            else {
                boost::system::error_code ec;
                tcpStream.socket().shutdown(tcp::socket::shutdown_send, ec);
            }
            co_return;
        }
    }
}

HttpServer::HttpServer(const ServerConfig& config, HttpHandler& handler)
    : d(std::make_unique<Impl>(config, handler))
{
    if (config.tlsCert.empty())
        return;
    auto& ctx = d->tls.emplace(asio::ssl::context::tls_server);
    // TLS 1.2 and later only.
    SSL_CTX_set_min_proto_version(ctx.native_handle(), TLS1_2_VERSION);
    ctx.set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_compression |
                    asio::ssl::context::single_dh_use);
    try {
        ctx.use_certificate_chain_file(config.tlsCert);
        ctx.use_private_key_file(config.tlsKey, asio::ssl::context::pem);
    } catch (const std::exception&) {
        throw std::runtime_error("cannot use the TLS certificate " + config.tlsCert + " with the key " +
                                 config.tlsKey + " (missing, unreadable, or not a matching PEM pair)");
    }
    if (SSL_CTX_check_private_key(ctx.native_handle()) != 1)
        throw std::runtime_error("cannot use the TLS certificate " + config.tlsCert + " with the key " +
                                 config.tlsKey + " (missing, unreadable, or not a matching PEM pair)");
}

HttpServer::~HttpServer() = default;

int HttpServer::bind(std::string& error)
{
    boost::system::error_code ec;
    const auto address = asio::ip::make_address(d->config.listenHost, ec);
    tcp::endpoint endpoint;
    if (ec) {
        // A host name (localhost): the first address it resolves to.
        tcp::resolver resolver(d->io);
        auto results = resolver.resolve(d->config.listenHost, std::to_string(d->config.listenPort), ec);
        if (ec || results.empty()) {
            error = "cannot resolve " + d->config.listenHost;
            return -1;
        }
        endpoint = results.begin()->endpoint();
    } else {
        endpoint = tcp::endpoint(address, static_cast<unsigned short>(d->config.listenPort));
    }
    auto& acceptor = d->acceptor.emplace(d->io);
    acceptor.open(endpoint.protocol(), ec);
    if (!ec)
        acceptor.set_option(tcp::acceptor::reuse_address(true), ec);
    if (!ec)
        acceptor.bind(endpoint, ec);
    if (!ec)
        acceptor.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) {
        error = ec.message();
        d->acceptor.reset();
        return -1;
    }
    return acceptor.local_endpoint().port();
}

void HttpServer::serve()
{
    asio::co_spawn(d->io, d->acceptLoop(), asio::detached);
    std::vector<std::thread> workers;
    for (int i = 1; i < d->threads; ++i)
        workers.emplace_back([this] { d->io.run(); });
    d->io.run();
    for (auto& t : workers)
        t.join();
}

void HttpServer::stop()
{
    asio::post(d->io, [this] { d->beginDrain(); });
}

} // namespace vigie::server
