#include "TestServer.h"

#include <QElapsedTimer>
#include <QFile>
#include <QRegularExpression>
#include <QUuid>
#include <QtTest>
#include <csignal>
#include <libpq-fe.h>
#include <sqlite3.h>

namespace {

struct PgConnectionDeleter
{
    void operator()(PGconn* c) const { PQfinish(c); }
};
using PgConnection = std::unique_ptr<PGconn, PgConnectionDeleter>;

PgConnection pgConnect(const QString& url)
{
    PgConnection c(PQconnectdb(url.toUtf8().constData()));
    if (PQstatus(c.get()) != CONNECTION_OK)
        qWarning() << "cannot connect to" << url << ":" << PQerrorMessage(c.get());
    return c;
}

bool pgExec(PGconn* c, const QByteArray& sql)
{
    PGresult* r = PQexec(c, sql.constData());
    const bool ok = PQresultStatus(r) == PGRES_COMMAND_OK || PQresultStatus(r) == PGRES_TUPLES_OK;
    if (!ok)
        qWarning() << "PostgreSQL:" << PQresultErrorMessage(r);
    PQclear(r);
    return ok;
}

} // namespace

// A database of its own in the test cluster, dropped when the last server using it goes.
class PgTestDatabase
{
public:
    PgTestDatabase()
        : m_name("vigie_" + QUuid::createUuid().toString(QUuid::Id128)),
          m_server(qEnvironmentVariable("VIGIE_TEST_PG_URL"))
    {
        if (m_server.isEmpty())
            qFatal("VIGIE_TEST_DATABASE=postgresql needs VIGIE_TEST_PG_URL (run under with-postgres.sh)");
        auto c = pgConnect(m_server + "/postgres");
        if (!pgExec(c.get(), "CREATE DATABASE " + m_name.toUtf8()))
            qFatal("cannot create a test database");
    }
    ~PgTestDatabase()
    {
        auto c = pgConnect(m_server + "/postgres");
        pgExec(c.get(), "DROP DATABASE IF EXISTS " + m_name.toUtf8() + " WITH (FORCE)");
    }
    QString url() const { return m_server + "/" + m_name; }

private:
    QString m_name;
    QString m_server;
};

TestServer::TestServer(QStringList extraArgs)
    : m_dir(std::make_shared<QTemporaryDir>()), m_process(std::make_unique<QProcess>()),
      m_extraArgs(std::move(extraArgs))
{}

TestServer::TestServer(const TestServer& sameDatabase, QStringList extraArgs)
    : m_dir(sameDatabase.m_dir), m_process(std::make_unique<QProcess>()), m_extraArgs(std::move(extraArgs))
{
    sameDatabase.databaseUrl(); // creates the PostgreSQL database if it does not exist yet
    m_pg = sameDatabase.m_pg;
}

bool TestServer::onPostgres()
{
    return qEnvironmentVariable("VIGIE_TEST_DATABASE") == "postgresql";
}

QString TestServer::databaseUrl() const
{
    if (!onPostgres())
        return "sqlite:" + databasePath();
    if (!m_pg)
        m_pg = std::make_shared<PgTestDatabase>();
    return m_pg->url();
}

QProcessEnvironment TestServer::environment() const
{
    auto env = QProcessEnvironment::systemEnvironment();
    if (onPostgres() && !env.contains("VIGIE_JWT_SECRET_FILE"))
        env.insert("VIGIE_JWT_SECRET_FILE", secretPath());
    return env;
}

qint64 TestServer::sqlInt(const QString& sql, const QString& param) const
{
    qint64 value = -1;
    const QByteArray p = param.toUtf8();
    if (onPostgres()) {
        auto c = pgConnect(databaseUrl());
        const char* values[] = {p.constData()};
        PGresult* r = PQexecParams(c.get(), QString(sql).replace("?1", "$1").toUtf8().constData(),
                                   param.isEmpty() ? 0 : 1, nullptr, values, nullptr, nullptr, 0);
        if (PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) > 0)
            value = QByteArray(PQgetvalue(r, 0, 0)).toLongLong();
        PQclear(r);
        return value;
    }
    sqlite3* db = nullptr;
    sqlite3_open_v2(databasePath().toUtf8().constData(), &db, SQLITE_OPEN_READONLY, nullptr);
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db, sql.toUtf8().constData(), -1, &stmt, nullptr) == SQLITE_OK) {
        if (!param.isEmpty())
            sqlite3_bind_text(stmt, 1, p.constData(), int(p.size()), SQLITE_TRANSIENT);
        if (sqlite3_step(stmt) == SQLITE_ROW)
            value = sqlite3_column_int64(stmt, 0);
    }
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return value;
}

bool TestServer::sqlExec(const QString& sql) const
{
    if (onPostgres()) {
        auto c = pgConnect(databaseUrl());
        return pgExec(c.get(), sql.toUtf8());
    }
    sqlite3* db = nullptr;
    sqlite3_open(databasePath().toUtf8().constData(), &db);
    const bool ok = sqlite3_exec(db, sql.toUtf8().constData(), nullptr, nullptr, nullptr) == SQLITE_OK;
    sqlite3_close(db);
    return ok;
}

TestServer::~TestServer()
{
    if (m_process->state() != QProcess::NotRunning)
        stop(5000);
}

QString TestServer::serverBinary()
{
    return qEnvironmentVariable("VIGIE_SERVER_BIN", "vigie-server");
}

bool TestServer::start(int timeoutMs)
{
    return launch(timeoutMs) && waitUntilListening(timeoutMs);
}

bool TestServer::launch(int timeoutMs)
{
    m_process = std::make_unique<QProcess>();
    m_process->setProcessEnvironment(environment());
    m_stdout.clear();
    m_stderr.clear();
    QStringList args{"serve", "--database", databaseUrl(), "--listen", "127.0.0.1:0"};
    args += m_extraArgs;
    m_process->start(serverBinary(), args);
    return m_process->waitForStarted(timeoutMs);
}

bool TestServer::waitUntilListening(int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    static const QRegularExpression listening("listening on (https?://\\S+)");
    while (timer.elapsed() < timeoutMs) {
        m_process->waitForReadyRead(100);
        m_stdout += QString::fromUtf8(m_process->readAllStandardOutput());
        m_stderr += QString::fromUtf8(m_process->readAllStandardError());
        const auto match = listening.match(m_stdout);
        if (match.hasMatch()) {
            m_url = QUrl(match.captured(1));
            return true;
        }
        if (m_process->state() == QProcess::NotRunning)
            return false;
    }
    return false;
}

int TestServer::stop(int timeoutMs)
{
    if (m_process->state() == QProcess::NotRunning)
        return m_process->exitCode();
    ::kill(pid_t(m_process->processId()), SIGTERM);
    if (!m_process->waitForFinished(timeoutMs)) {
        m_process->kill();
        m_process->waitForFinished(2000);
        return -1;
    }
    m_stdout += QString::fromUtf8(m_process->readAllStandardOutput());
    m_stderr += QString::fromUtf8(m_process->readAllStandardError());
    return m_process->exitStatus() == QProcess::NormalExit ? m_process->exitCode() : -1;
}

void TestServer::kill()
{
    m_process->kill();
    m_process->waitForFinished(5000);
}

QByteArray TestServer::jwtSecret() const
{
    QFile f(secretPath());
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QByteArray::fromHex(f.readAll().trimmed());
}

int TestServer::runCli(const QStringList& args, const QByteArray& stdinData, QString* output)
{
    QProcess p;
    p.setProcessEnvironment(environment());
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(serverBinary(), args);
    p.waitForStarted();
    if (!stdinData.isEmpty())
        p.write(stdinData);
    p.closeWriteChannel();
    p.waitForFinished(60000);
    if (output)
        *output = QString::fromUtf8(p.readAll());
    return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
}

QString TestServer::addUser(const QString& email, const QString& password, const QString& role,
                            const QString& displayName)
{
    QString out;
    const int rc = runCli({"user", "add", "--database", databaseUrl(), "--email", email, "--display-name",
                           displayName, "--role", role, "--password-stdin"},
                          password.toUtf8() + "\n", &out);
    if (rc != 0) {
        qWarning() << "user add failed:" << out;
        return {};
    }
    static const QRegularExpression id("\\(([0-9a-f-]{36})\\)");
    return id.match(out).captured(1);
}
