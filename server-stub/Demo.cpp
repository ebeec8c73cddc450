#include "Demo.h"

#include "core/TimeFormat.h"
#include "crypto/Random.h"

#include <cstdlib>
#include <sodium.h>

namespace vigie::server {

namespace {

using namespace std::chrono_literals;

struct DemoDevice
{
    const char* userAgent;
    const char* address;
    std::chrono::minutes signedInAgo;
    std::chrono::minutes activeAgo;
};

// Addresses are in the documentation ranges that the bundled demo GeoIP database maps to
// real cities (resources/geoip/README.md).
const DemoDevice kDevices[] = {
    {"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/128.0.0.0 "
     "Safari/537.36",
     "203.0.113.7", 60 * 24 * 12min, 3min},
    {"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 "
     "Safari/605.1.15",
     "198.51.100.23", 60 * 24 * 3min, 47min},
    {"Mozilla/5.0 (iPhone; CPU iPhone OS 17_5_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
     "Version/17.5 Mobile/15E148 Safari/604.1",
     "203.0.113.66", 60 * 24 * 20min, 60 * 5min},
    {"Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/127.0.6533.103 "
     "Mobile Safari/537.36",
     "192.0.2.45", 60 * 24 * 6min, 60 * 26min},
    {"Mozilla/5.0 (iPad; CPU OS 16_7_8 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.6 "
     "Mobile/15E148 Safari/604.1",
     "198.51.100.140", 60 * 24 * 25min, 60 * 24 * 4min},
    {"Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0", "2001:db8:4::5",
     60 * 24 * 2min, 12min},
    {"Mozilla/5.0 (Linux; Android 13; SM-S911B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/25.0 "
     "Chrome/121.0.0.0 Mobile Safari/537.36",
     "192.0.2.200", 60 * 24 * 9min, 60 * 24 * 2min},
    {"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/128.0.0.0 "
     "Safari/537.36 Edg/128.0.2739.42",
     "203.0.113.130", 60 * 24 * 1min, 60 * 3min},
};

std::string readablePassword()
{
    static const char* alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
    std::string out;
    for (int group = 0; group < 3; ++group) {
        if (group)
            out += '-';
        for (int i = 0; i < 4; ++i)
            out += alphabet[randombytes_uniform(31)];
    }
    return out;
}

std::string passwordFrom(const char* env)
{
    const char* value = std::getenv(env);
    return value && *value ? std::string(value) : readablePassword();
}

UserRecord ensureUser(SessionStore& store, PasswordHasher& hasher, const std::string& email,
                      const std::string& name, Role role, const std::string& password)
{
    const std::string hash = hasher.hash(password);
    if (auto existing = store.findUserByEmail(email)) {
        store.updatePassword(existing->id, hash);
        existing->passwordHash = hash;
        return *existing;
    }
    UserRecord u{newUuid(), email, name, role, hash, false, std::nullopt};
    store.insertUser(u);
    return u;
}

} // namespace

DemoAccounts seedDemo(SessionStore& store, PasswordHasher& hasher, AuthService& auth,
                      const DeviceRecognition& devices, const AddressRecognition& addresses)
{
    DemoAccounts accounts;
    accounts.userEmail = "demo@vigie.test";
    accounts.userPassword = passwordFrom("VIGIE_DEMO_PASSWORD");
    accounts.supportEmail = "support@vigie.test";
    accounts.supportPassword = passwordFrom("VIGIE_DEMO_SUPPORT_PASSWORD");

    const UserRecord user =
        ensureUser(store, hasher, accounts.userEmail, "Camille Martin", Role::User, accounts.userPassword);
    ensureUser(store, hasher, accounts.supportEmail, "Sam Support", Role::Support, accounts.supportPassword);

    // A restarted demo starts from the same picture instead of piling up sessions.
    const TimePoint now = nowMs();
    store.revokeAllSessions(user.id, now, std::nullopt, "demo_reset",
                            AuditRecord{{},
                                        now,
                                        std::nullopt,
                                        "session_revoked",
                                        user.id,
                                        std::nullopt,
                                        std::nullopt,
                                        std::string("demo reset"),
                                        std::nullopt});
    for (const auto& device : kDevices) {
        ClientContext client;
        client.ipAddress = device.address;
        client.userAgent = device.userAgent;
        client.deviceInfo = devices.describe(device.userAgent);
        client.location = addresses.locate(device.address);
        auth.createSession(user, client, now - device.signedInAgo, now - device.activeAgo);
        ++accounts.sessions;
    }
    return accounts;
}

} // namespace vigie::server
