// Fills a migrated vigie-server SQLite database with many sessions for the server
// benchmarks (bench/server.sh): N active sessions for one user, and M sessions of that
// user that ended long ago (the cleanup job's backlog). One transaction: seeding a million
// rows through the API would take an hour of Argon2id.
//   seed_sessions DB_PATH EMAIL ACTIVE EXPIRED
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <sqlite3.h>
#include <string>

namespace {
std::string uuid(std::mt19937_64& rng)
{
    char buf[37];
    const auto a = rng(), b = rng();
    std::snprintf(buf, sizeof buf, "%08llx-%04llx-4%03llx-a%03llx-%012llx", (unsigned long long)(a >> 32),
                  (unsigned long long)((a >> 16) & 0xffff), (unsigned long long)(a & 0xfff),
                  (unsigned long long)(b >> 52), (unsigned long long)(b & 0xffffffffffffULL));
    return buf;
}

bool exec(sqlite3* db, const char* sql)
{
    if (sqlite3_exec(db, sql, nullptr, nullptr, nullptr) == SQLITE_OK)
        return true;
    std::fprintf(stderr, "seed_sessions: %s\n", sqlite3_errmsg(db));
    return false;
}
} // namespace

int main(int argc, char** argv)
{
    if (argc != 5) {
        std::fprintf(stderr, "usage: seed_sessions DB_PATH EMAIL ACTIVE EXPIRED\n");
        return 2;
    }
    const long active = std::atol(argv[3]);
    const long expired = std::atol(argv[4]);
    sqlite3* db = nullptr;
    if (sqlite3_open(argv[1], &db) != SQLITE_OK)
        return 1;
    sqlite3_busy_timeout(db, 10000);
    sqlite3_stmt* find = nullptr;
    sqlite3_prepare_v2(db, "SELECT id FROM users WHERE email_key = lower(?1)", -1, &find, nullptr);
    sqlite3_bind_text(find, 1, argv[2], -1, SQLITE_STATIC);
    if (sqlite3_step(find) != SQLITE_ROW) {
        std::fprintf(stderr, "seed_sessions: no user %s\n", argv[2]);
        return 1;
    }
    const std::string userId = reinterpret_cast<const char*>(sqlite3_column_text(find, 0));
    sqlite3_finalize(find);

    const long long now = std::chrono::duration_cast<std::chrono::milliseconds>(
                              std::chrono::system_clock::now().time_since_epoch())
                              .count();
    const long long day = 86'400'000;
    std::mt19937_64 rng(std::random_device{}());
    const char* device =
        R"({"browser":"Firefox","browser_version":"128.0","os":"Windows","os_version":"10/11",)"
        R"("device_type":"desktop","device_brand":null,"device_model":null,)"
        R"("user_agent":"Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0"})";
    const char* place = R"({"city":"Paris","region":"Île-de-France","country":"France","country_code":"FR"})";
    if (!exec(db, "BEGIN"))
        return 1;
    sqlite3_stmt* insert = nullptr;
    sqlite3_prepare_v2(
        db,
        "INSERT INTO user_sessions (id, user_id, device_info, ip_address, location_data, created_at, "
        "last_activity, expires_at, authenticated_at, is_active, refresh_token_hash) "
        "VALUES (?1, ?2, ?3, '203.0.113.7', ?4, ?5, ?6, ?7, ?5, 1, ?8)",
        -1, &insert, nullptr);
    for (long i = 0; i < active + expired; ++i) {
        const bool isActive = i < active;
        // Ended sessions: created 90 days ago with a 30-day lifetime, so they are past any
        // retention up to 60 days.
        const long long created = isActive ? now - (i % 20) * day - 1000 : now - 90 * day;
        const long long last = isActive ? now - (i % 1000) * 60'000 : created + day;
        const std::string id = uuid(rng), hash = uuid(rng) + uuid(rng);
        sqlite3_bind_text(insert, 1, id.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(insert, 2, userId.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(insert, 3, device, -1, SQLITE_STATIC);
        sqlite3_bind_text(insert, 4, place, -1, SQLITE_STATIC);
        sqlite3_bind_int64(insert, 5, created);
        sqlite3_bind_int64(insert, 6, last);
        sqlite3_bind_int64(insert, 7, created + 30 * day);
        sqlite3_bind_text(insert, 8, hash.c_str(), -1, SQLITE_TRANSIENT);
        if (sqlite3_step(insert) != SQLITE_DONE) {
            std::fprintf(stderr, "seed_sessions: %s\n", sqlite3_errmsg(db));
            return 1;
        }
        sqlite3_reset(insert);
    }
    sqlite3_finalize(insert);
    if (!exec(db, "COMMIT"))
        return 1;
    sqlite3_close(db);
    std::printf("seeded %ld active and %ld ended sessions for %s\n", active, expired, argv[2]);
    return 0;
}
