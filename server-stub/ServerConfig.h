#pragma once

#include <chrono>
#include <string>
#include <vector>

namespace vigie::server {

using std::chrono::milliseconds;

// The HTTP transport's limits and deadlines (each a serve option; see serveUsage()).
struct HttpLimits
{
    size_t maxRequestLine = 8 * 1024;                      // 414 past it
    size_t maxHeaderLine = 32 * 1024;                      // one field line; 431 past it
    size_t maxHeaderBytes = 64 * 1024;                     // all field lines; 431 past it
    size_t maxHeaderFields = 100;                          // 431 past it
    size_t maxBody = 64 * 1024;                            // 413 past it, whatever the framing
    milliseconds headerTimeout = std::chrono::seconds(10); // from the request's first byte
    milliseconds bodyTimeout = std::chrono::seconds(10);
    milliseconds keepAliveTimeout = std::chrono::seconds(5); // waiting for the next request
    milliseconds writeTimeout = std::chrono::seconds(10);
    size_t maxConnections = 10000;
    size_t maxConnectionsPerAddress = 256;                // an IPv6 client counts by its /64
    milliseconds drainTimeout = std::chrono::seconds(10); // SIGTERM: in-flight requests get this long
};

// Settings of `vigie-server serve`. Every option is also read from VIGIE_<NAME> in the
// environment (upper case, '-' → '_'); the command line wins.
struct ServerConfig
{
    std::string database = "sqlite:vigie.db";
    std::string listenHost = "127.0.0.1";
    int listenPort = 8080;
    milliseconds accessTokenTtl = std::chrono::minutes(15);
    milliseconds sessionLifetime = std::chrono::hours(24 * 30);
    milliseconds idleTimeout = std::chrono::hours(24 * 14);
    milliseconds activityWriteInterval = std::chrono::seconds(60);
    milliseconds cleanupInterval = std::chrono::minutes(10);
    milliseconds reauthWindow = std::chrono::minutes(10);
    milliseconds retention = std::chrono::hours(24 * 30);
    int loginMaxFailures = 5;
    // Live sessions one account may hold; a sign-in past it ends the one idle the longest.
    int maxSessionsPerAccount = 1000;
    milliseconds loginFailureWindow = std::chrono::minutes(15);
    std::vector<std::string> trustedProxies;
    std::string geoipDb;
    std::string passwordDictionary; // empty: cracklib's own (cracklib-runtime)
    std::string geoipLanguage = "en";
    std::string jwtSecretFile; // empty: <database file>.jwt-secret
    std::string tlsCert;       // PEM certificate chain; with tlsKey, serve HTTPS
    std::string tlsKey;
    bool demo = false;
    bool demoPublic = false; // --demo on a non-loopback --listen
    int threads = 0;         // I/O threads; 0: one per core
    int workers = 0;       // threads for database work; 0: --db-pool-size on PostgreSQL, 2 per core on SQLite
    int hashWorkers = 0;   // threads for password hashing; 0: one per core, at most 4
    int queueLimit = 1024; // requests waiting for a worker before new ones get 503
    int dbPoolSize = 10;   // PostgreSQL connections per server; SQLite opens one per busy thread
    HttpLimits http;

    std::chrono::seconds accessTokenSeconds() const
    {
        // Sub-second settings round up to one second (docs/openapi.yaml).
        return std::chrono::seconds((accessTokenTtl.count() + 999) / 1000);
    }
};

// Parses `serve` arguments (after the verb) and the environment. On error, returns false and
// sets error to a one-line message naming the problem.
bool parseServeArguments(const std::vector<std::string>& args, ServerConfig& config, std::string& error);

std::string serveUsage();

// 127.0.0.0/8, ::1 or localhost.
bool isLoopbackHost(const std::string& host);

} // namespace vigie::server
