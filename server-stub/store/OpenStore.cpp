#include "Log.h"
#include "store/PostgresStore.h"
#include "store/SessionStore.h"
#include "store/SqliteStore.h"

namespace vigie::server {

std::optional<std::string> sqlitePath(const std::string& url)
{
    if (url.rfind("sqlite:", 0) == 0)
        return url.substr(7);
    if (url.find("://") == std::string::npos)
        return url;
    return std::nullopt;
}

std::unique_ptr<SessionStore> openStore(const std::string& url, int poolSize)
{
    if (auto path = sqlitePath(url)) {
        if (path->empty())
            throw StoreError("the database URL names no file (expected sqlite:PATH)");
        return std::make_unique<SqliteStore>(*path);
    }
    if (url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0) {
        if (const auto warning = postgresTransportWarning(url))
            Log::warning(*warning);
        return std::make_unique<PostgresStore>(url, poolSize);
    }
    throw StoreError("unsupported database URL (expected sqlite:PATH or postgresql://…)");
}

} // namespace vigie::server
