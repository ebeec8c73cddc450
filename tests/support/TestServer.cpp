#include "TestServer.h"

#include <QElapsedTimer>
#include <QFile>
#include <QRegularExpression>
#include <QtTest>
#include <csignal>

TestServer::TestServer(QStringList extraArgs)
    : m_dir(std::make_shared<QTemporaryDir>()), m_process(std::make_unique<QProcess>()),
      m_extraArgs(std::move(extraArgs))
{}

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
    m_process = std::make_unique<QProcess>();
    m_stdout.clear();
    m_stderr.clear();
    QStringList args{"serve", "--database", databaseUrl(), "--listen", "127.0.0.1:0"};
    args += m_extraArgs;
    m_process->start(serverBinary(), args);
    if (!m_process->waitForStarted(timeoutMs))
        return false;
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
