// The command line (README.md), restarts and durability, signals, and the cleanup job.
#include "HttpClient.h"
#include "TestCertificate.h"
#include "TestServer.h"

#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QtTest>
#include <csignal>
#include <sys/stat.h>

namespace {
// How many of the named tables exist, on either database.
QString tableCount(const QString& names)
{
    return TestServer::onPostgres() ? "SELECT count(*) FROM information_schema.tables WHERE table_schema = "
                                      "'public' AND table_name "
                                      "IN (" +
                                          names + ")"
                                    : "SELECT count(*) FROM sqlite_master WHERE name IN (" + names + ")";
}
} // namespace

class TestCli final : public QObject
{
    Q_OBJECT
private slots:
    void versionAndHelp();
    void migrateIsIdempotent();
    void aFailedMigrationLeavesNothingHalfApplied();
    void userAddRefusesDuplicatesCaseInsensitively();
    void userAddValidatesItsArguments();
    void userDisableEndsSessions();
    void badServeArgumentsExitWith2_data();
    void badServeArgumentsExitWith2();
    void jwtSecretFileIsCreatedPrivate();
    void badJwtSecretsExitWith2_data();
    void badJwtSecretsExitWith2();
    void aJwtSecretOthersCanReadExitsWith2();
    void serversStartingTogetherAgreeOnOneSecret();
    void sqliteFilesArePrivateWhateverTheUmask();
    void demoRefusesAPublicAddressUnlessAskedTo();
    void remotePostgresqlWithoutTlsIsWarnedAbout();
    void environmentConfiguresTheServer();
    void sessionsSurviveSigkillAndRestart();
    void sigtermFinishesInFlightRequestsAndExits0();
    void cleanupPurgesEndedSessionsAfterRetention();
    void parseUaPrintsOneObjectPerLine();
    void parseUaPrintsWhatTheServerStores();
    void tlsServesHttpsWithTheGivenCertificate();
};

void TestCli::versionAndHelp()
{
    TestServer s;
    QString out;
    QCOMPARE(s.runCli({"--version"}, {}, &out), 0);
    QVERIFY(out.startsWith("vigie-server "));
    QCOMPARE(s.runCli({"--help"}, {}, &out), 0);
    QVERIFY(out.contains("user add"));
    QCOMPARE(s.runCli({"serve", "--help"}, {}, &out), 0);
    QVERIFY(out.contains("--access-token-ttl"));
    QCOMPARE(s.runCli({"frobnicate"}, {}, &out), 2);
    QCOMPARE(s.runCli({}, {}, &out), 2);
}

void TestCli::migrateIsIdempotent()
{
    TestServer s;
    QString out;
    const int files = QDir(qEnvironmentVariable("VIGIE_SOURCE_DIR") + "/server-stub/migrations/" +
                           (TestServer::onPostgres() ? "postgresql" : "sqlite"))
                          .entryList({"*.sql"}, QDir::Files)
                          .size();
    QVERIFY(files >= 2);
    QCOMPARE(s.runCli({"migrate", "--database", s.databaseUrl()}, {}, &out), 0);
    QVERIFY2(out.contains(QString("applied %1").arg(files)), qPrintable(out));
    QCOMPARE(s.runCli({"migrate", "--database", s.databaseUrl()}, {}, &out), 0);
    QVERIFY2(out.contains("applied 0"), qPrintable(out));
    QCOMPARE(s.sqlInt("SELECT count(*) FROM schema_migrations"), files);
    QCOMPARE(s.sqlInt(tableCount("'user_sessions'")), 1);
}

void TestCli::aFailedMigrationLeavesNothingHalfApplied()
{
    TestServer s;
    // A database that already has a conflicting "audit_events" object: the first migration
    // creates several tables before it fails on that one.
    QVERIFY(s.sqlExec("CREATE VIEW audit_events AS SELECT 1"));
    QString out;
    QCOMPARE(s.runCli({"migrate", "--database", s.databaseUrl()}, {}, &out), 2);
    QVERIFY2(out.contains("migration"), qPrintable(out));
    QVERIFY(!out.contains("CREATE")); // no SQL in messages
    QCOMPARE(s.sqlInt("SELECT count(*) FROM schema_migrations"), 0);
    QCOMPARE(s.sqlInt(tableCount("'users', 'user_sessions'")), 0);
}

void TestCli::userAddRefusesDuplicatesCaseInsensitively()
{
    TestServer s;
    QVERIFY(s.start());
    QVERIFY(!s.addUser("Zed@Example.test", "pw").isEmpty()); // while serve runs
    QString out;
    QCOMPARE(s.runCli({"user", "add", "--database", s.databaseUrl(), "--email", "zed@example.TEST",
                       "--display-name", "Z", "--role", "user", "--password-stdin"},
                      "pw\n", &out),
             2);
    QVERIFY(out.contains("already exists"));
    HttpClient http(s.url());
    QCOMPARE(http.login("zed@example.test", "pw").status, 200);
}

void TestCli::userAddValidatesItsArguments()
{
    TestServer s;
    const QString db = s.databaseUrl();
    QCOMPARE(s.runCli({"user", "add", "--database", db, "--email", "a@b.test", "--display-name", "A",
                       "--role", "root", "--password-stdin"},
                      "pw\n"),
             2);
    QCOMPARE(s.runCli({"user", "add", "--database", db, "--email", "a@b.test", "--display-name", "A",
                       "--password-stdin"},
                      "\n"),
             2);
    QCOMPARE(s.runCli({"user", "add", "--database", db, "--display-name", "A", "--password-stdin"}, "pw\n"),
             2);
    QCOMPARE(
        s.runCli({"user", "add", "--database", db, "--email", "a@b.test", "--display-name", "A"}, "pw\n"), 2);
    QVERIFY(s.sqlInt("SELECT count(*) FROM users") <= 0); // no table, or no row
}

void TestCli::userDisableEndsSessions()
{
    TestServer s;
    QVERIFY(s.start());
    s.addUser("yan@example.test", "pw");
    HttpClient http(s.url());
    const QString token = http.login("yan@example.test", "pw").json().value("access_token").toString();
    QCOMPARE(http.get("/api/users/me", token).status, 200);
    QCOMPARE(s.runCli({"user", "disable", "--database", s.databaseUrl(), "--email", "YAN@example.test"}), 0);
    QCOMPARE(http.get("/api/users/me", token).status, 401);
    QCOMPARE(http.login("yan@example.test", "pw").status, 401);
    QCOMPARE(s.runCli({"user", "disable", "--database", s.databaseUrl(), "--email", "nobody@example.test"}),
             2);
}

void TestCli::badServeArgumentsExitWith2_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::newRow("unknown option") << QStringList{"--frobnicate"};
    QTest::newRow("bad duration") << QStringList{"--access-token-ttl", "soon"};
    QTest::newRow("zero lifetime") << QStringList{"--session-lifetime", "0s"};
    QTest::newRow("bad listen") << QStringList{"--listen", "nowhere"};
    QTest::newRow("missing value") << QStringList{"--idle-timeout"};
    QTest::newRow("bad cidr") << QStringList{"--trusted-proxy", "10.0.0.0/99"};
    QTest::newRow("missing geoip") << QStringList{"--geoip-db", "/nonexistent/city.mmdb"};
    QTest::newRow("unreachable database") << QStringList{"--database", "sqlite:/nonexistent/dir/vigie.db"};
    QTest::newRow("unreachable postgresql") << QStringList{
        "--database", "postgresql://vigie@127.0.0.1:1/vigie", "--jwt-secret-file", "/dev/null"};
    QTest::newRow("unsupported database") << QStringList{"--database", "mysql://x"};
    QTest::newRow("tls cert without key") << QStringList{"--tls-cert", "/etc/hostname"};
    QTest::newRow("tls files missing")
        << QStringList{"--tls-cert", "/nonexistent.pem", "--tls-key", "/nonexistent.key"};
}

void TestCli::badServeArgumentsExitWith2()
{
    QFETCH(QStringList, args);
    TestServer s;
    QStringList full{"serve", "--database", s.databaseUrl(), "--listen", "127.0.0.1:0"};
    full += args;
    QString out;
    QCOMPARE(s.runCli(full, {}, &out), 2);
    QVERIFY2(out.trimmed().count('\n') == 0 && out.startsWith("vigie-server: "), qPrintable(out));
}

void TestCli::jwtSecretFileIsCreatedPrivate()
{
    TestServer s;
    QVERIFY(s.start());
    struct stat st
    {
    };
    QCOMPARE(::stat(s.secretPath().toUtf8().constData(), &st), 0);
    QCOMPARE(int(st.st_mode & 0777), 0600);
    QFile f(s.secretPath());
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray hex = f.readAll().trimmed();
    QCOMPARE(hex.size(), 64);
    QCOMPARE(QByteArray::fromHex(hex).toHex(), hex);
}

void TestCli::badJwtSecretsExitWith2_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::newRow("too short") << QByteArray(62, 'a');
    QTest::newRow("odd digits") << QByteArray(65, 'a');
    QTest::newRow("not hex") << QByteArray(64, 'z');
    QTest::newRow("empty") << QByteArray();
}

void TestCli::badJwtSecretsExitWith2()
{
    QFETCH(QByteArray, content);
    TestServer s;
    QFile f(s.secretPath());
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(content);
    f.close();
    QVERIFY(f.setPermissions(QFile::ReadOwner | QFile::WriteOwner)); // only the content is wrong
    QString out;
    QCOMPARE(s.runCli({"serve", "--database", s.databaseUrl(), "--listen", "127.0.0.1:0"}, {}, &out), 2);
    QVERIFY2(out.contains("secret"), qPrintable(out));
}

void TestCli::aJwtSecretOthersCanReadExitsWith2()
{
    TestServer s;
    QFile f(s.secretPath());
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QByteArray(64, 'a'));
    f.close();
    QVERIFY(f.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther));
    QString out;
    QCOMPARE(s.runCli({"serve", "--database", s.databaseUrl(), "--listen", "127.0.0.1:0"}, {}, &out), 2);
    QVERIFY2(out.contains("chmod 600 " + s.secretPath()), qPrintable(out));
}

void TestCli::serversStartingTogetherAgreeOnOneSecret()
{
    if (TestServer::onPostgres())
        QSKIP("the SQLite run covers it: the secret file is the same code on both");
    for (int round = 0; round < 5; ++round) {
        TestServer a;
        TestServer b(a, {});
        QVERIFY(a.launch());
        QVERIFY(b.launch());
        QVERIFY2(a.waitUntilListening(), qPrintable(a.errorOutput()));
        QVERIFY2(b.waitUntilListening(), qPrintable(b.errorOutput()));
        a.addUser("kim@example.test", "kim password");
        HttpClient httpA(a.url()), httpB(b.url());
        const QString token =
            httpA.login("kim@example.test", "kim password").json().value("access_token").toString();
        QCOMPARE(httpB.get("/api/users/me", token).status, 200);
        QCOMPARE(QDir(QFileInfo(a.secretPath()).path()).entryList({"*.tmp.*"}, QDir::Files | QDir::Hidden),
                 QStringList());
    }
}

void TestCli::sqliteFilesArePrivateWhateverTheUmask()
{
    if (TestServer::onPostgres())
        QSKIP("SQLite files only");
    const mode_t previous = ::umask(002);
    TestServer s;
    const bool started = s.start();
    ::umask(previous);
    QVERIFY(started);
    s.addUser("lou@example.test", "lou password"); // a write: the WAL exists
    for (const QString& path : {s.databasePath(), s.databasePath() + "-wal", s.databasePath() + "-shm"}) {
        struct stat st
        {
        };
        QVERIFY2(::stat(path.toUtf8().constData(), &st) == 0, qPrintable(path));
        QCOMPARE(int(st.st_mode & 0777), 0600);
    }
}

void TestCli::demoRefusesAPublicAddressUnlessAskedTo()
{
    TestServer s;
    QString out;
    QCOMPARE(s.runCli({"serve", "--database", s.databaseUrl(), "--listen", "0.0.0.0:0", "--demo"}, {}, &out),
             2);
    QVERIFY2(out.contains("--demo-public"), qPrintable(out));
}

void TestCli::remotePostgresqlWithoutTlsIsWarnedAbout()
{
    TestServer s;
    const QString remote = "postgresql://vigie@192.0.2.1:5432/vigie?connect_timeout=1";
    QString out;
    QCOMPARE(s.runCli({"migrate", "--database", remote}, {}, &out), 2);
    QVERIFY2(out.contains("sslmode=verify-full"), qPrintable(out));
    QCOMPARE(s.runCli({"migrate", "--database", remote + "&sslmode=verify-full"}, {}, &out), 2);
    QVERIFY2(!out.contains("sslmode=verify-full"), qPrintable(out));
    // A local database needs no TLS.
    if (TestServer::onPostgres()) {
        QCOMPARE(s.runCli({"migrate", "--database", s.databaseUrl()}, {}, &out), 0);
        QVERIFY2(!out.contains("sslmode"), qPrintable(out));
    }
}

void TestCli::environmentConfiguresTheServer()
{
    qputenv("VIGIE_ACCESS_TOKEN_TTL", "2s");
    TestServer s;
    const bool started = s.start();
    qunsetenv("VIGIE_ACCESS_TOKEN_TTL");
    QVERIFY(started);
    s.addUser("env@example.test", "pw");
    HttpClient http(s.url());
    QCOMPARE(http.login("env@example.test", "pw").json().value("expires_in").toInt(), 2);
    s.stop();
    // The command line wins over the environment.
    qputenv("VIGIE_ACCESS_TOKEN_TTL", "2s");
    s.setExtraArgs({"--access-token-ttl", "7s"});
    const bool restarted = s.start();
    qunsetenv("VIGIE_ACCESS_TOKEN_TTL");
    QVERIFY(restarted);
    HttpClient http2(s.url());
    QCOMPARE(http2.login("env@example.test", "pw").json().value("expires_in").toInt(), 7);
}

void TestCli::sessionsSurviveSigkillAndRestart()
{
    TestServer s({"--activity-write-interval", "0"});
    QVERIFY(s.start());
    s.addUser("kay@example.test", "pw");
    HttpClient http(s.url());
    const auto login = http.login("kay@example.test", "pw").json();
    const auto other = http.login("kay@example.test", "pw").json();
    const QString token = login.value("access_token").toString();
    QCOMPARE(http.del("/api/users/me/sessions/" + other.value("session_id").toString(), token).status, 204);
    s.kill();

    QVERIFY(s.start());
    HttpClient again(s.url());
    // Same secret, same rows: the access token still works, the revocation still holds.
    QCOMPARE(again.get("/api/users/me", token).status, 200);
    QCOMPARE(again.get("/api/users/me", other.value("access_token").toString()).status, 401);
    const auto list = again.get("/api/users/me/sessions", token).json().value("sessions").toArray();
    QCOMPARE(list.size(), 1);
    QCOMPARE(again.post("/api/auth/refresh", {{"refresh_token", login.value("refresh_token")}}).status, 200);
}

void TestCli::sigtermFinishesInFlightRequestsAndExits0()
{
    TestServer s;
    QVERIFY(s.start());
    s.addUser("lou@example.test", "pw");
    // A request whose body is still arriving when SIGTERM comes.
    QTcpSocket socket;
    socket.connectToHost("127.0.0.1", quint16(s.url().port()));
    QVERIFY(socket.waitForConnected());
    const QByteArray body = R"({"email":"lou@example.test","password":"pw"})";
    socket.write("POST /api/auth/login HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: " +
                 QByteArray::number(body.size()) + "\r\n\r\n" + body.left(10));
    socket.waitForBytesWritten();
    QTest::qWait(200);
    ::kill(pid_t(s.process().processId()), SIGTERM);
    QTest::qWait(200);
    socket.write(body.mid(10));
    socket.waitForBytesWritten();
    QByteArray reply;
    while (socket.waitForReadyRead(5000))
        reply += socket.readAll();
    QVERIFY2(reply.startsWith("HTTP/1.1 200"), reply.left(100).constData());
    QVERIFY(s.process().waitForFinished(10000));
    QCOMPARE(s.process().exitStatus(), QProcess::NormalExit);
    QCOMPARE(s.process().exitCode(), 0);
}

void TestCli::cleanupPurgesEndedSessionsAfterRetention()
{
    TestServer s({"--retention", "1s", "--cleanup-interval", "300ms"});
    QVERIFY(s.start());
    s.addUser("max@example.test", "pw");
    HttpClient http(s.url());
    const auto keep = http.login("max@example.test", "pw").json();
    const auto gone = http.login("max@example.test", "pw").json();
    const QString goneId = gone.value("session_id").toString();
    // Rotate once, so the purged session also has a used refresh token to take with it.
    QCOMPARE(http.post("/api/auth/refresh", {{"refresh_token", gone.value("refresh_token")}}).status, 200);
    QCOMPARE(http.del("/api/users/me/sessions/" + goneId, keep.value("access_token").toString()).status, 204);
    QCOMPARE(s.sqlInt("SELECT count(*) FROM user_sessions WHERE id = ?1", goneId), 1);
    QTRY_COMPARE_WITH_TIMEOUT(s.sqlInt("SELECT count(*) FROM user_sessions WHERE id = ?1", goneId), 0, 5000);
    QCOMPARE(s.sqlInt("SELECT count(*) FROM used_refresh_tokens WHERE session_id = ?1", goneId), 0);
    QCOMPARE(
        s.sqlInt("SELECT count(*) FROM user_sessions WHERE id = ?1", keep.value("session_id").toString()), 1);
    // The audit trail keeps the history.
    QVERIFY(s.sqlInt("SELECT count(*) FROM audit_events WHERE target_session_id = ?1", goneId) >= 2);
}

void TestCli::parseUaPrintsOneObjectPerLine()
{
    QProcess p;
    p.start(TestServer::serverBinary(), {"parse-ua", "--stats"});
    p.write("Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0\n"
            "curl/8.4.0\n"
            "\n");
    p.closeWriteChannel();
    QVERIFY(p.waitForFinished(30000));
    QCOMPARE(p.exitCode(), 0);
    const QList<QByteArray> lines = p.readAllStandardOutput().trimmed().split('\n');
    QCOMPARE(lines.size(), 3);
    const auto first = QJsonDocument::fromJson(lines[0]).object();
    QVERIFY(first.value("user_agent").toString().endsWith("Firefox/128.0"));
    QVERIFY(first.contains("device_type"));
    // An empty User-Agent is stored and listed as null, never "".
    const auto empty = QJsonDocument::fromJson(lines[2]).object();
    QVERIFY(empty.contains("user_agent"));
    QVERIFY(empty.value("user_agent").isNull());
    QCOMPARE(empty.value("device_type").toString(), QString("unknown"));
    QVERIFY(QString::fromUtf8(p.readAllStandardError())
                .contains(QRegularExpression("parse_seconds=[0-9.e-]+ n=3")));
}

// parse-ua's promise: for a line, exactly the device_info the server stores for that User-Agent.
// Here a long one (past the parsed prefix) with a byte that is not UTF-8 and spaces around it,
// which the server's HTTP layer drops and parse-ua's input line keeps.
void TestCli::parseUaPrintsWhatTheServerStores()
{
    TestServer s;
    QVERIFY(s.start());
    s.addUser("ua@example.test", "pw");
    const QByteArray ua = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
                          "Chrome/126.0.0.0 Safari/537.36 " +
                          QByteArray(3000, 'x') + " \xff end  ";
    const QByteArray body = R"({"email":"ua@example.test","password":"pw"})";
    HttpClient http(s.url());
    const QByteArray reply =
        http.raw("POST /api/auth/login HTTP/1.1\r\nHost: localhost\r\nUser-Agent:  " + ua +
                 "\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size()) +
                 "\r\nConnection: close\r\n\r\n" + body);
    const QString token = QJsonDocument::fromJson(reply.mid(reply.indexOf("\r\n\r\n") + 4))
                              .object()
                              .value("access_token")
                              .toString();
    QVERIFY2(!token.isEmpty(), reply.left(200).constData());
    const QJsonArray sessions = http.get("/api/users/me/sessions", token).json().value("sessions").toArray();
    QCOMPARE(sessions.size(), 1);
    const QJsonObject stored = sessions[0].toObject().value("device_info").toObject();

    QProcess p;
    p.start(TestServer::serverBinary(), {"parse-ua"});
    p.write(ua + "\n");
    p.closeWriteChannel();
    QVERIFY(p.waitForFinished(30000));
    QCOMPARE(p.exitCode(), 0);
    const QJsonObject printed = QJsonDocument::fromJson(p.readAllStandardOutput().trimmed()).object();
    QCOMPARE(printed, stored);
    QVERIFY(stored.value("user_agent").toString().endsWith(QString::fromUtf8("\uFFFD end")));
    QCOMPARE(stored.value("browser").toString(), QString("Chrome"));
}

void TestCli::tlsServesHttpsWithTheGivenCertificate()
{
    QTemporaryDir dir;
    const QString cert = dir.filePath("cert.pem"), key = dir.filePath("key.pem");
    QVERIFY(makeTestCertificate(cert, key, "127.0.0.1", "subjectAltName=IP:127.0.0.1"));

    TestServer s({"--tls-cert", cert, "--tls-key", key});
    QVERIFY2(s.start(), qPrintable(s.errorOutput()));
    QCOMPARE(s.url().scheme(), QString("https"));

    auto get = [&](bool trustCert) {
        QNetworkAccessManager nam; // a fresh one each time: no reused connection
        QNetworkRequest request(QUrl(s.url().toString() + "/healthz"));
        if (trustCert) {
            QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
            ssl.setCaCertificates(QSslCertificate::fromPath(cert));
            request.setSslConfiguration(ssl);
        }
        QNetworkReply* reply = nam.get(request);
        QSignalSpy done(reply, &QNetworkReply::finished);
        done.wait(10000);
        const auto result = std::make_pair(reply->error(), reply->readAll());
        reply->deleteLater();
        return result;
    };
    const auto trusted = get(true);
    QCOMPARE(trusted.first, QNetworkReply::NoError);
    QVERIFY(trusted.second.contains("ok"));
    // An unknown certificate is refused by a normal client: no silent fallback to trust.
    QCOMPARE(get(false).first, QNetworkReply::SslHandshakeFailedError);
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
