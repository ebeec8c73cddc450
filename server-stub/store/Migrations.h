#pragma once

#include <string_view>
#include <vector>

namespace vigie::server {

struct Migration
{
    int version;
    std::string_view name;
    std::string_view sql;
};

// The numbered SQL files of migrations/sqlite, compiled in at build time, in order.
const std::vector<Migration>& sqliteMigrations();
// The same numbers and names from migrations/postgresql, in PostgreSQL's dialect.
const std::vector<Migration>& postgresqlMigrations();

} // namespace vigie::server
