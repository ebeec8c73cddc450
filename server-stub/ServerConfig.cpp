#include "ServerConfig.h"

#include "Duration.h"

#include <charconv>
#include <cstdlib>
#include <functional>
#include <map>

namespace vigie::server {

namespace {

struct Option
{
    bool takesValue;
    std::function<bool(const std::string&, ServerConfig&)> apply;
    const char* help;
};

std::function<bool(const std::string&, ServerConfig&)> duration(milliseconds ServerConfig::*field)
{
    return [field](const std::string& v, ServerConfig& c) {
        auto d = parseDuration(v);
        if (!d)
            return false;
        c.*field = *d;
        return true;
    };
}

std::function<bool(const std::string&, ServerConfig&)> text(std::string ServerConfig::*field)
{
    return [field](const std::string& v, ServerConfig& c) {
        c.*field = v;
        return !v.empty();
    };
}

std::function<bool(const std::string&, ServerConfig&)> positiveInt(int ServerConfig::*field)
{
    return [field](const std::string& v, ServerConfig& c) {
        int n = 0;
        auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
        if (ec != std::errc() || p != v.data() + v.size() || n <= 0)
            return false;
        c.*field = n;
        return true;
    };
}

std::function<bool(const std::string&, ServerConfig&)> httpDuration(milliseconds HttpLimits::*field)
{
    return [field](const std::string& v, ServerConfig& c) {
        auto d = parseDuration(v);
        if (!d || d->count() <= 0)
            return false;
        c.http.*field = *d;
        return true;
    };
}

std::function<bool(const std::string&, ServerConfig&)> httpCount(size_t HttpLimits::*field)
{
    return [field](const std::string& v, ServerConfig& c) {
        size_t n = 0;
        auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
        if (ec != std::errc() || p != v.data() + v.size() || n == 0)
            return false;
        c.http.*field = n;
        return true;
    };
}

bool parseListen(const std::string& v, ServerConfig& c)
{
    std::string host;
    std::string port;
    if (!v.empty() && v.front() == '[') {
        const auto close = v.find(']');
        if (close == std::string::npos || close + 1 >= v.size() || v[close + 1] != ':')
            return false;
        host = v.substr(1, close - 1);
        port = v.substr(close + 2);
    } else {
        const auto colon = v.rfind(':');
        if (colon == std::string::npos)
            return false;
        host = v.substr(0, colon);
        port = v.substr(colon + 1);
    }
    int n = -1;
    auto [p, ec] = std::from_chars(port.data(), port.data() + port.size(), n);
    if (host.empty() || ec != std::errc() || p != port.data() + port.size() || n < 0 || n > 65535)
        return false;
    c.listenHost = host;
    c.listenPort = n;
    return true;
}

const std::map<std::string, Option>& options()
{
    static const std::map<std::string, Option> table{
        {"database",
         {true, text(&ServerConfig::database),
          "URL  sqlite:PATH (default sqlite:vigie.db) or postgresql://…"}},
        {"listen",
         {true, parseListen, "HOST:PORT  address to listen on (default 127.0.0.1:8080; port 0 = any)"}},
        {"access-token-ttl",
         {true, duration(&ServerConfig::accessTokenTtl), "DURATION  access token lifetime (15m)"}},
        {"session-lifetime",
         {true, duration(&ServerConfig::sessionLifetime), "DURATION  absolute session lifetime (30d)"}},
        {"idle-timeout",
         {true, duration(&ServerConfig::idleTimeout), "DURATION  end sessions idle this long (14d)"}},
        {"activity-write-interval",
         {true, duration(&ServerConfig::activityWriteInterval),
          "DURATION  coalesce last_activity writes (60s; 0 = every request)"}},
        {"cleanup-interval",
         {true, duration(&ServerConfig::cleanupInterval),
          "DURATION  how often expired sessions are purged (10m)"}},
        {"reauth-window",
         {true, duration(&ServerConfig::reauthWindow),
          "DURATION  freshness needed to revoke other sessions (10m)"}},
        {"retention",
         {true, duration(&ServerConfig::retention),
          "DURATION  keep revoked/expired sessions this long (30d)"}},
        {"login-max-failures",
         {true, positiveInt(&ServerConfig::loginMaxFailures), "N  failed logins before throttling (5)"}},
        {"max-sessions-per-account",
         {true, positiveInt(&ServerConfig::maxSessionsPerAccount),
          "N  live sessions per account; a sign-in past it ends the one idle the longest (1000)"}},
        {"login-failure-window",
         {true, duration(&ServerConfig::loginFailureWindow), "DURATION  window for counting failures (15m)"}},
        {"trusted-proxy",
         {true,
          [](const std::string& v, ServerConfig& c) {
              c.trustedProxies.push_back(v);
              return !v.empty();
          },
          "CIDR  proxy whose X-Forwarded-For is believed (repeatable)"}},
        {"password-dictionary",
         {true, text(&ServerConfig::passwordDictionary),
          "PATH  cracklib dictionary of common passwords, without .pwd (cracklib-runtime's)"}},
        {"geoip-db", {true, text(&ServerConfig::geoipDb), "PATH  MaxMind-format city database (.mmdb)"}},
        {"geoip-language",
         {true,
          [](const std::string& v, ServerConfig& c) {
              c.geoipLanguage = v;
              return v == "en" || v == "fr";
          },
          "en|fr  language of place names (en)"}},
        {"jwt-secret-file",
         {true, text(&ServerConfig::jwtSecretFile),
          "PATH  HS256 secret, hex (default <database file>.jwt-secret, created when missing)"}},
        {"threads", {true, positiveInt(&ServerConfig::threads), "N  I/O threads (one per core)"}},
        {"workers",
         {true, positiveInt(&ServerConfig::workers),
          "N  threads for database work (--db-pool-size on PostgreSQL, 2 per core on SQLite)"}},
        {"hash-workers",
         {true, positiveInt(&ServerConfig::hashWorkers),
          "N  threads hashing passwords (one per core, at most 4; 19 MiB each)"}},
        {"queue-limit",
         {true, positiveInt(&ServerConfig::queueLimit),
          "N  requests waiting for a worker before new ones get 503 (1024)"}},
        {"max-request-line",
         {true, httpCount(&HttpLimits::maxRequestLine), "BYTES  longest request line; 414 past it (8192)"}},
        {"max-header-line",
         {true, httpCount(&HttpLimits::maxHeaderLine), "BYTES  longest header line; 431 past it (32768)"}},
        {"max-header-bytes",
         {true, httpCount(&HttpLimits::maxHeaderBytes), "BYTES  all header lines; 431 past it (65536)"}},
        {"max-header-fields",
         {true, httpCount(&HttpLimits::maxHeaderFields), "N  header fields; 431 past it (100)"}},
        {"max-body",
         {true, httpCount(&HttpLimits::maxBody), "BYTES  request body, any framing; 413 past it (65536)"}},
        {"header-timeout",
         {true, httpDuration(&HttpLimits::headerTimeout),
          "DURATION  whole header from its first byte, else closed (10s)"}},
        {"body-timeout",
         {true, httpDuration(&HttpLimits::bodyTimeout), "DURATION  whole request body (10s)"}},
        {"keep-alive-timeout",
         {true, httpDuration(&HttpLimits::keepAliveTimeout), "DURATION  idle connection closed after (5s)"}},
        {"write-timeout",
         {true, httpDuration(&HttpLimits::writeTimeout), "DURATION  sending one response (10s)"}},
        {"max-connections",
         {true, httpCount(&HttpLimits::maxConnections),
          "N  open connections; more are closed at once (10000)"}},
        {"max-connections-per-address",
         {true, httpCount(&HttpLimits::maxConnectionsPerAddress),
          "N  open connections per client address, IPv6 per /64 (256)"}},
        {"drain-timeout",
         {true, httpDuration(&HttpLimits::drainTimeout),
          "DURATION  on SIGTERM, how long in-flight requests may finish (10s)"}},
        {"db-pool-size",
         {true, positiveInt(&ServerConfig::dbPoolSize),
          "N  PostgreSQL connections of this server (10; SQLite ignores it)"}},
        {"tls-cert",
         {true, text(&ServerConfig::tlsCert), "PATH  PEM certificate (chain): serve HTTPS instead of HTTP"}},
        {"tls-key", {true, text(&ServerConfig::tlsKey), "PATH  PEM private key of --tls-cert"}},
        {"demo",
         {false,
          [](const std::string&, ServerConfig& c) {
              c.demo = true;
              return true;
          },
          "create the demo user and a realistic set of sessions"}},
        {"demo-public",
         {false,
          [](const std::string&, ServerConfig& c) {
              c.demoPublic = true;
              return true;
          },
          "let --demo listen on an address other machines can reach"}},
    };
    return table;
}

std::string envName(const std::string& option)
{
    std::string name = "VIGIE_";
    for (char ch : option)
        name += ch == '-' ? '_' : char(std::toupper(static_cast<unsigned char>(ch)));
    return name;
}

} // namespace

bool parseServeArguments(const std::vector<std::string>& args, ServerConfig& config, std::string& error)
{
    // Environment first, so that the command line overrides it.
    for (const auto& [name, option] : options()) {
        const char* value = std::getenv(envName(name).c_str());
        if (!value)
            continue;
        std::string v = value;
        if (!option.takesValue) {
            if (v == "1" || v == "true" || v == "yes")
                option.apply(v, config);
            continue;
        }
        if (!option.apply(v, config)) {
            error = "invalid value for " + envName(name) + ": '" + v + "'";
            return false;
        }
    }
    for (size_t i = 0; i < args.size(); ++i) {
        std::string arg = args[i];
        if (arg.rfind("--", 0) != 0) {
            error = "unexpected argument '" + arg + "'";
            return false;
        }
        std::string name = arg.substr(2);
        std::optional<std::string> inlineValue;
        if (auto eq = name.find('='); eq != std::string::npos) {
            inlineValue = name.substr(eq + 1);
            name = name.substr(0, eq);
        }
        auto it = options().find(name);
        if (it == options().end()) {
            error = "unknown option '--" + name + "'";
            return false;
        }
        std::string value;
        if (it->second.takesValue) {
            if (inlineValue) {
                value = *inlineValue;
            } else if (i + 1 < args.size()) {
                value = args[++i];
            } else {
                error = "option '--" + name + "' needs a value";
                return false;
            }
        }
        if (!it->second.apply(value, config)) {
            error = "invalid value for --" + name + ": '" + value + "'";
            return false;
        }
    }
    if (config.sessionLifetime.count() == 0 || config.idleTimeout.count() == 0 ||
        config.accessTokenTtl.count() == 0) {
        error = "--session-lifetime, --idle-timeout and --access-token-ttl must be greater than zero";
        return false;
    }
    if (config.tlsCert.empty() != config.tlsKey.empty()) {
        error = "--tls-cert and --tls-key go together";
        return false;
    }
    if (config.cleanupInterval.count() == 0) {
        error = "--cleanup-interval must be greater than zero";
        return false;
    }
    if (config.demo && !config.demoPublic && !isLoopbackHost(config.listenHost)) {
        error = "--demo publishes its passwords: listen on 127.0.0.1 (or ::1), or add --demo-public to serve "
                "the demo to other machines";
        return false;
    }
    return true;
}

bool isLoopbackHost(const std::string& host)
{
    return host == "localhost" || host == "::1" || host == "[::1]" || host.rfind("127.", 0) == 0;
}

std::string serveUsage()
{
    std::string out =
        "vigie-server serve [options]\n\nOptions (each also VIGIE_<NAME> in the environment):\n";
    for (const auto& [name, option] : options()) {
        std::string line = "  --" + name;
        std::string help = option.help;
        if (option.takesValue) {
            const auto space = help.find("  ");
            line += " " + help.substr(0, space);
            help = help.substr(space + 2);
        }
        line.resize(std::max<size_t>(line.size() + 1, 36), ' ');
        out += line + help + "\n";
    }
    out += "\nDurations: 900ms, 3s, 15m, 2h, 14d.\n";
    return out;
}

} // namespace vigie::server
