#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QProcess>
#include <QStringList>
#include <QTemporaryDir>
#include <QUrl>
#include <memory>

// A real vigie-server process on 127.0.0.1 with a free port and a database in a temporary
// folder that lives as long as this object (or is handed to the next instance to test
// restarts). The binary comes from VIGIE_SERVER_BIN, which CTest sets.
class TestServer
{
public:
    explicit TestServer(QStringList extraArgs = {});
    ~TestServer();

    // Starts serve and waits for its "listening on" line; false (with the output in
    // errorOutput()) when it did not start within the timeout.
    bool start(int timeoutMs = 15000);
    // SIGTERM, then waits; returns the exit code (-1 if it had to be killed).
    int stop(int timeoutMs = 10000);
    void kill();

    QUrl url() const { return m_url; }
    QString databaseUrl() const { return "sqlite:" + databasePath(); }
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

private:
    std::shared_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<QProcess> m_process;
    QStringList m_extraArgs;
    QUrl m_url;
    QString m_stdout;
    QString m_stderr;
};
