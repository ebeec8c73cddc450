#pragma once

#include "core/ApiTypes.h"
#include "store/StoreValues.h"

#include <array>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>

// The thin per-dialect layer under SqlStore: a connection that runs one statement with
// positional parameters, and the rows it returns. SQLite and PostgreSQL each implement these
// two classes and write their own SQL text; everything else is written once in SqlStore.
namespace vigie::server {

// A bound parameter: NULL, text or an integer. Text is only viewed: a connection consumes it
// (copies or sends it) before query() or execute() returns.
using SqlValue = std::variant<std::monostate, std::string_view, long long>;

inline SqlValue sqlValue(const std::string& v)
{
    return std::string_view(v);
}
inline SqlValue sqlValue(const char* v)
{
    return std::string_view(v);
}
inline SqlValue sqlValue(const std::optional<std::string>& v)
{
    return v ? SqlValue(std::string_view(*v)) : SqlValue();
}
inline SqlValue sqlValue(long long v)
{
    return v;
}
inline SqlValue sqlValue(int v)
{
    return (long long)v;
}
inline SqlValue sqlValue(TimePoint t)
{
    return storevalues::toMs(t);
}
inline SqlValue sqlValue(std::optional<std::chrono::milliseconds> d)
{
    return d ? SqlValue((long long)d->count()) : SqlValue();
}

// The rows of one statement, read forward: next() moves to the first row, then the following.
class SqlRows
{
public:
    virtual ~SqlRows() = default;
    virtual bool next() = 0;
    virtual bool isNull(int col) const = 0;
    virtual std::string text(int col) const = 0;
    virtual long long integer(int col) const = 0;
    virtual bool boolean(int col) const = 0;

    std::optional<std::string> optText(int col) const
    {
        return isNull(col) ? std::nullopt : std::optional(text(col));
    }
    TimePoint time(int col) const { return storevalues::fromMs(integer(col)); }
    std::optional<TimePoint> optTime(int col) const
    {
        return isNull(col) ? std::nullopt : std::optional(time(col));
    }
    std::optional<std::chrono::milliseconds> optDuration(int col) const
    {
        return isNull(col) ? std::nullopt : std::optional(std::chrono::milliseconds(integer(col)));
    }
};

// One database connection, used by one thread at a time. Failures throw StoreError (or
// StoreUnavailable) with a message that holds no SQL and no values.
class SqlConnection
{
public:
    virtual ~SqlConnection() = default;
    virtual std::unique_ptr<SqlRows> query(const char* sql, std::span<const SqlValue> params) = 0;
    // Runs a statement to its end; returns the rows it changed.
    virtual int execute(const char* sql, std::span<const SqlValue> params) = 0;
    // A write transaction: SQLite takes the write lock up front (BEGIN IMMEDIATE).
    virtual void begin() = 0;
    virtual void commit() = 0;
    virtual void rollback() noexcept = 0;
};

template <typename... Args>
std::unique_ptr<SqlRows> query(SqlConnection& c, const char* sql, const Args&... args)
{
    const std::array<SqlValue, sizeof...(Args)> params{sqlValue(args)...};
    return c.query(sql, params);
}

template <typename... Args> int execute(SqlConnection& c, const char* sql, const Args&... args)
{
    const std::array<SqlValue, sizeof...(Args)> params{sqlValue(args)...};
    return c.execute(sql, params);
}

// Anything but commit() rolls back.
class SqlTransaction
{
public:
    explicit SqlTransaction(SqlConnection& c) : m_c(c) { m_c.begin(); }
    ~SqlTransaction()
    {
        if (!m_done)
            m_c.rollback();
    }
    SqlTransaction(const SqlTransaction&) = delete;
    SqlTransaction& operator=(const SqlTransaction&) = delete;
    void commit()
    {
        m_c.commit();
        m_done = true;
    }

private:
    SqlConnection& m_c;
    bool m_done = false;
};

} // namespace vigie::server
