#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QProcess>
#include <QStringList>
#include <QTemporaryDir>
#include <QUrl>
#include <memory>

class PgTestDatabase;

// A real vigie-server process on 127.0.0.1 with a free port and a database in a temporary
// folder that lives as long as this object (or is handed to the next instance to test
// restarts). The binary comes from VIGIE_SERVER_BIN, which CTest sets.
// With VIGIE_TEST_DATABASE=postgresql (the *_pg tests, run by tests/support/with-postgres.sh)
// the database is a fresh PostgreSQL database of the cluster at VIGIE_TEST_PG_URL instead,
// and the JWT secret file (which PostgreSQL has no file to sit beside) is in the folder.
class TestServer
{
public:
    explicit TestServer(QStringList extraArgs = {});
    // A second server on the same database and JWT secret, as when scaling out.
    TestServer(const TestServer& sameDatabase, QStringList extraArgs);
    ~TestServer();

    static bool onPostgres();

    // Starts serve and waits for its "listening on" line; false (with the output in
    // errorOutput()) when it did not start within the timeout.
    bool start(int timeoutMs = 15000);
    // start() in two halves, to start several servers at once.
    bool launch(int timeoutMs = 15000);
    bool waitUntilListening(int timeoutMs = 15000);
    // SIGTERM, then waits; returns the exit code (-1 if it had to be killed).
    int stop(int timeoutMs = 10000);
    void kill();

    QUrl url() const { return m_url; }
    QString databaseUrl() const;
    // The SQLite file (on PostgreSQL: where it would be; the secret file sits beside it).
    QString databasePath() const { return m_dir->filePath("vigie.db"); }
    QString secretPath() const { return databasePath() + ".jwt-secret"; }
    QByteArray jwtSecret() const; // the decoded key bytes
    QString standardOutput() const { return m_stdout; }
    QString errorOutput() const { return m_stderr; }
    QProcess& process() { return *m_process; }
    void setExtraArgs(const QStringList& args) { m_extraArgs = args; }

    // Runs `vigie-server <args>` on this server's database, feeding stdin; returns the exit code.
    int runCli(const QStringList& args, const QByteArray& stdinData = {}, QString* output = nullptr);
    // user add with --password-stdin; returns the new user's id, or an empty string.
    QString addUser(const QString& email, const QString& password, const QString& role = "user",
                    const QString& displayName = "Test User");

    static QString serverBinary();

    // One integer from a query on the server's database (SQLite or PostgreSQL; a parameter
    // is written ?1), or -1 when the query fails.
    qint64 sqlInt(const QString& sql, const QString& param = {}) const;
    // Runs statements on the server's database; false when they fail.
    bool sqlExec(const QString& sql) const;

private:
    QProcessEnvironment environment() const;

    std::shared_ptr<QTemporaryDir> m_dir;
    mutable std::shared_ptr<PgTestDatabase> m_pg; // created on first use

    std::unique_ptr<QProcess> m_process;
    QStringList m_extraArgs;
    QUrl m_url;
    QString m_stdout;
    QString m_stderr;
};
