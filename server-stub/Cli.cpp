#include "Cli.h"

#include "AddressRecognition.h"
#include "Demo.h"
#include "DeviceRecognition.h"
#include "Log.h"
#include "ServerConfig.h"
#include "core/ApiTypes.h"
#include "core/AuditActions.h"
#include "core/TimeFormat.h"
#include "core/Version.h"
#include "crypto/PasswordHasher.h"
#include "crypto/Random.h"
#include "crypto/TokenSigner.h"
#include "http/HttpApi.h"
#include "services/AuthService.h"
#include "services/CleanupJob.h"
#include "services/PasswordPolicy.h"
#include "services/SessionService.h"
#include "store/SessionStore.h"

#include <chrono>
#include <csignal>
#include <filesystem>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <pthread.h>
#include <string>
#include <sys/resource.h>
#include <thread>
#include <vector>

namespace vigie::server {

namespace {

constexpr int kUsageError = 2;

const char* kUsage = R"(Usage: vigie-server <command> [options]

Commands:
  serve       --database URL --listen HOST:PORT [options]   run the API server
  migrate     --database URL                                apply pending schema migrations
  user add    --database URL --email E --display-name N --role user|support|admin --password-stdin
  user disable --database URL --email E                     disable an account and end its sessions
  user password --database URL --email E --password-stdin   set a new password and end every session
  parse-ua    [--stats] [--no-cache]    one User-Agent a line on stdin -> device_info JSON lines

  --help, --version

URL is sqlite:PATH (default sqlite:vigie.db) or postgresql://...
`vigie-server serve --help` lists the server's options.
)";

int fail(const std::string& message)
{
    std::cerr << "vigie-server: " << message << "\n";
    return kUsageError;
}

// --name value pairs and bare --flags of the small verbs.
struct Arguments
{
    std::map<std::string, std::string> values;
    std::vector<std::string> flags;
    std::string error;

    bool has(const std::string& flag) const
    {
        return std::find(flags.begin(), flags.end(), flag) != flags.end();
    }
};

Arguments parseArguments(const std::vector<std::string>& args, const std::vector<std::string>& valued,
                         const std::vector<std::string>& flags)
{
    Arguments out;
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        const std::string name = a.rfind("--", 0) == 0 ? a.substr(2) : std::string();
        if (std::find(flags.begin(), flags.end(), name) != flags.end()) {
            out.flags.push_back(name);
        } else if (std::find(valued.begin(), valued.end(), name) != valued.end()) {
            if (i + 1 >= args.size()) {
                out.error = "option '" + a + "' needs a value";
                return out;
            }
            out.values[name] = args[++i];
        } else {
            out.error = "unknown argument '" + a + "'";
            return out;
        }
    }
    return out;
}

std::unique_ptr<SessionStore> openMigrated(const std::string& url, int poolSize = 1)
{
    auto store = openStore(url, poolSize);
    store->migrate();
    return store;
}

int runMigrate(const std::vector<std::string>& args)
{
    const auto a = parseArguments(args, {"database"}, {});
    if (!a.error.empty())
        return fail(a.error);
    try {
        auto store = openStore(a.values.count("database") ? a.values.at("database") : "sqlite:vigie.db", 1);
        const int applied = store->migrate();
        std::cout << "applied " << applied << " migration(s); the schema is up to date\n";
        return 0;
    } catch (const std::exception& e) {
        return fail(e.what());
    }
}

// One line of standard input, without its line ending.
std::string readPasswordLine()
{
    std::string password;
    std::getline(std::cin, password);
    if (!password.empty() && password.back() == '\r')
        password.pop_back();
    return password;
}

std::string databaseUrl(const Arguments& a)
{
    return a.values.count("database") ? a.values.at("database") : "sqlite:vigie.db";
}

int runUserAdd(const std::vector<std::string>& args)
{
    const auto a = parseArguments(args, {"database", "email", "display-name", "role"}, {"password-stdin"});
    if (!a.error.empty())
        return fail(a.error);
    for (const char* required : {"email", "display-name"})
        if (!a.values.count(required) || a.values.at(required).empty())
            return fail(std::string("user add needs --") + required);
    if (!a.has("password-stdin"))
        return fail("user add needs --password-stdin (the password is read from standard input)");
    const std::string email = a.values.at("email");
    if (email.find('@') == std::string::npos)
        return fail("'" + email + "' is not an email address");
    const auto role = roleFromString(a.values.count("role") ? a.values.at("role") : "user");
    if (!role)
        return fail("--role must be user, support or admin");
    const std::string password = readPasswordLine();
    if (password.empty())
        return fail("the password read from standard input is empty");
    try {
        auto store = openMigrated(databaseUrl(a));
        PasswordHasher hasher;
        const UserRecord user{
            newUuid(), email, a.values.at("display-name"), *role, hasher.hash(password), false, std::nullopt};
        if (!store->insertUser(user))
            return fail("a user with the email '" + email + "' already exists");
        std::cout << "created " << toString(*role) << " " << email << " (" << user.id << ")\n";
        return 0;
    } catch (const std::exception& e) {
        return fail(e.what());
    }
}

int runUserDisable(const std::vector<std::string>& args)
{
    const auto a = parseArguments(args, {"database", "email"}, {});
    if (!a.error.empty())
        return fail(a.error);
    if (!a.values.count("email"))
        return fail("user disable needs --email");
    try {
        auto store = openMigrated(databaseUrl(a));
        if (!store->disableUser(a.values.at("email"), nowMs()))
            return fail("no user with the email '" + a.values.at("email") + "'");
        std::cout << "disabled " << a.values.at("email") << " and ended its sessions\n";
        return 0;
    } catch (const std::exception& e) {
        return fail(e.what());
    }
}

// The operator's reset: the same rules as POST /api/users/me/password (but no current
// password to know), and the account is signed out everywhere.
int runUserPassword(const std::vector<std::string>& args)
{
    const auto a = parseArguments(args, {"database", "email"}, {"password-stdin"});
    if (!a.error.empty())
        return fail(a.error);
    if (!a.values.count("email"))
        return fail("user password needs --email");
    if (!a.has("password-stdin"))
        return fail("user password needs --password-stdin (the password is read from standard input)");
    const std::string email = a.values.at("email");
    const std::string password = readPasswordLine();
    try {
        const PasswordPolicy policy;
        if (const auto weakness = policy.weakness(password))
            return fail(*weakness);
        auto store = openMigrated(databaseUrl(a));
        PasswordHasher hasher;
        const TimePoint now = nowMs();
        const auto ended = store->resetPassword(
            email, hasher.hash(password), now,
            auditEvent(audit_action::kPasswordChanged, now, std::nullopt, std::nullopt, std::nullopt,
                       std::nullopt, std::string("set by an operator")),
            auditEvent(audit_action::kSessionRevoked, now, std::nullopt, std::nullopt, std::nullopt,
                       std::nullopt, std::string("password set by an operator")));
        if (!ended)
            return fail("no user with the email '" + email + "'");
        std::cout << "set a new password for " << email << " and ended its " << *ended << " session(s)\n";
        return 0;
    } catch (const std::exception& e) {
        return fail(e.what());
    }
}

int runParseUa(const std::vector<std::string>& args)
{
    const auto a = parseArguments(args, {}, {"stats", "no-cache"});
    if (!a.error.empty())
        return fail(a.error);
    std::unique_ptr<DeviceRecognition> devices;
    try {
        devices = std::make_unique<DeviceRecognition>(DeviceRecognition::Options{!a.has("no-cache")});
    } catch (const std::exception& e) {
        return fail(e.what());
    }
    std::ios::sync_with_stdio(false);
    std::string line;
    std::string out;
    std::chrono::nanoseconds spent{0};
    long long count = 0;
    while (std::getline(std::cin, line)) {
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        const auto start = std::chrono::steady_clock::now();
        const DeviceInfo info = storedDeviceInfo(devices->describe(line));
        spent += std::chrono::steady_clock::now() - start;
        ++count;
        out = dumpJson(nlohmann::json(info));
        out += '\n';
        std::cout << out;
    }
    std::cout.flush();
    if (a.has("stats"))
        std::cerr << "parse_seconds=" << std::chrono::duration<double>(spent).count() << " n=" << count
                  << "\n";
    return 0;
}

// The bundled demo database: from the source tree in a build, from the package once installed.
std::string demoGeoIpDatabase()
{
    for (const char* path : {VIGIE_DEMO_GEOIP_DB, VIGIE_INSTALLED_DEMO_GEOIP_DB})
        if (std::filesystem::exists(path))
            return path;
    return {};
}

std::string hostForUrl(const std::string& host)
{
    return host.find(':') != std::string::npos ? "[" + host + "]" : host;
}

bool isLoopbackHost(const std::string& host)
{
    if (host == "localhost")
        return true;
    const auto ip = IpAddress::parse(host);
    return ip && Cidr::parse(ip->isV4() ? "127.0.0.0/8" : "::1/128")->contains(*ip);
}

// Each connection is a file descriptor: let the server hold as many as it is allowed to.
void raiseOpenFileLimit(size_t connections)
{
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0)
        return;
    const rlim_t wanted = std::min<rlim_t>(limit.rlim_max, rlim_t(connections) + 256);
    if (limit.rlim_cur < wanted) {
        limit.rlim_cur = wanted;
        setrlimit(RLIMIT_NOFILE, &limit);
    }
    if (limit.rlim_cur < rlim_t(connections) + 64)
        Log::warning("the open file limit (" + std::to_string(limit.rlim_cur) +
                     ") is below --max-connections (" + std::to_string(connections) +
                     "); raise it (ulimit -n, LimitNOFILE=)");
}

int runServe(const std::vector<std::string>& args)
{
    if (!args.empty() && (args[0] == "--help" || args[0] == "-h")) {
        std::cout << serveUsage();
        return 0;
    }
    ServerConfig config;
    std::string error;
    if (!parseServeArguments(args, config, error))
        return fail(error);

    // Signals are taken by one thread with sigwait, so block them before any thread starts.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGTERM);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGUSR1);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    std::signal(SIGPIPE, SIG_IGN);

    std::unique_ptr<SessionStore> store;
    std::vector<unsigned char> secret;
    std::unique_ptr<DeviceRecognition> devices;
    std::unique_ptr<AddressRecognition> addresses;
    std::unique_ptr<PasswordPolicy> passwords;
    try {
        passwords = std::make_unique<PasswordPolicy>();
        store = openMigrated(config.database, config.dbPoolSize);
        std::string secretPath = config.jwtSecretFile;
        if (secretPath.empty()) {
            const auto dbPath = sqlitePath(config.database);
            if (!dbPath)
                return fail("--jwt-secret-file is required with a PostgreSQL database");
            secretPath = *dbPath + ".jwt-secret";
        }
        secret = loadOrCreateJwtSecret(secretPath);
        devices = std::make_unique<DeviceRecognition>(DeviceRecognition::Options{});
        std::string geoip = config.geoipDb;
        if (geoip.empty() && config.demo)
            geoip = demoGeoIpDatabase();
        addresses = std::make_unique<AddressRecognition>(
            AddressRecognition::Options{config.trustedProxies, geoip, config.geoipLanguage});
    } catch (const std::exception& e) {
        return fail(e.what());
    }

    PasswordHasher hasher;
    TokenSigner signer(std::move(secret));
    AuthService auth(*store, config, hasher, signer, *passwords);
    SessionService sessions(*store, config);

    if (config.demo) {
        try {
            const auto demo = seedDemo(*store, hasher, auth, *devices, *addresses);
            std::cout << "demo: sign in as " << demo.userEmail << " with password " << demo.userPassword
                      << " (" << demo.sessions << " other sessions on several devices)\n"
                      << "demo: support staff: " << demo.supportEmail << " with password "
                      << demo.supportPassword << "\n";
        } catch (const std::exception& e) {
            return fail(std::string("cannot create the demo data: ") + e.what());
        }
    }

    std::unique_ptr<HttpApi> http;
    try {
        http = std::make_unique<HttpApi>(config, HttpApi::Services{auth, sessions, *devices, *addresses});
    } catch (const std::exception& e) {
        return fail(e.what());
    }
    HttpApi& api = *http;
    std::string bindError;
    const int port = api.bind(bindError);
    if (port < 0)
        return fail("cannot listen on " + config.listenHost + ":" + std::to_string(config.listenPort) + ": " +
                    bindError);
    if (config.tlsCert.empty() && !isLoopbackHost(config.listenHost))
        Log::warning("serving plain HTTP on " + config.listenHost +
                     ": tokens and passwords cross the network unencrypted; use --tls-cert and --tls-key, "
                     "or a TLS proxy in front");
    raiseOpenFileLimit(config.http.maxConnections);
    std::cout << "listening on " << (config.tlsCert.empty() ? "http" : "https") << "://"
              << hostForUrl(config.listenHost) << ":" << port << std::endl;

    CleanupJob cleanup(*store, config);
    cleanup.start();
    std::thread signalThread([&] {
        int received = 0;
        sigwait(&signals, &received);
        if (received == SIGUSR1)
            return; // serve() ended on its own
        Log::info(received == SIGTERM ? "SIGTERM: finishing in-flight requests"
                                      : "SIGINT: finishing in-flight requests");
        api.stop();
    });
    api.serve();
    cleanup.stop();
    pthread_kill(signalThread.native_handle(), SIGUSR1);
    signalThread.join();
    return 0;
}

} // namespace

int runCli(int argc, char** argv)
{
    initCrypto();
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty())
        return fail(std::string("no command given\n") + kUsage);
    const std::string verb = args[0];
    const std::vector<std::string> rest(args.begin() + 1, args.end());
    if (verb == "--version" || verb == "version") {
        std::cout << "vigie-server " << kVersion << "\n";
        return 0;
    }
    if (verb == "--help" || verb == "-h" || verb == "help") {
        std::cout << kUsage;
        return 0;
    }
    if (verb == "serve")
        return runServe(rest);
    if (verb == "migrate")
        return runMigrate(rest);
    if (verb == "parse-ua")
        return runParseUa(rest);
    if (verb == "user" && !rest.empty() && rest[0] == "add")
        return runUserAdd({rest.begin() + 1, rest.end()});
    if (verb == "user" && !rest.empty() && rest[0] == "disable")
        return runUserDisable({rest.begin() + 1, rest.end()});
    if (verb == "user" && !rest.empty() && rest[0] == "password")
        return runUserPassword({rest.begin() + 1, rest.end()});
    return fail("unknown command '" + verb + "' (see --help)");
}

} // namespace vigie::server
