#pragma once

#include <chrono>
#include <string>
#include <vector>

namespace vigie::server {

using std::chrono::milliseconds;

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
    std::string geoipLanguage = "en";
    std::string jwtSecretFile; // empty: <database file>.jwt-secret
    std::string tlsCert;       // PEM certificate chain; with tlsKey, serve HTTPS
    std::string tlsKey;
    bool demo = false;
    bool demoPublic = false; // --demo on a non-loopback --listen
    int threads = 64;
    int dbPoolSize = 10; // PostgreSQL connections per server; SQLite opens one per busy thread
    milliseconds ioTimeout = std::chrono::seconds(10);

    std::chrono::seconds accessTokenSeconds() const
    {
        // Sub-second settings round up to one second (API.md).
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
