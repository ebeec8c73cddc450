// UserAgentParser::parse(): what uap-core gets wrong or lacks, client hints, device types, and
// hostile input. uap-core's own cases are in tst_uapcore.

#include "recognition/UserAgentParser.h"
#include "recognition/ua/ClientHintsReader.h"

#include <QElapsedTimer>
#include <QtTest>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <stdexcept>
#include <thread>

using namespace vigie;

Q_DECLARE_METATYPE(ClientHints)

namespace {

constexpr char kChromeWindows[] = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like "
                                  "Gecko) Chrome/128.0.0.0 Safari/537.36";
constexpr char kChromeAndroidReduced[] =
    "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/128.0.0.0 Mobile Safari/537.36";
constexpr char kSafariMac[] =
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/17.4 Safari/605.1.15";
constexpr char kChromeBrands[] = R"("Chromium";v="128", "Google Chrome";v="128", "Not;A=Brand";v="99")";

QString str(const std::optional<std::string>& s)
{
    return s ? QString::fromStdString(*s) : QString();
}

// "browser|version|os|os version|type|brand|model", empty for null: one line per expectation.
QString summary(const DeviceInfo& d)
{
    return QStringList{str(d.browser),
                       str(d.browserVersion),
                       str(d.os),
                       str(d.osVersion),
                       QString::fromStdString(d.deviceType),
                       str(d.deviceBrand),
                       str(d.deviceModel)}
        .join('|');
}

ClientHints hints(std::optional<std::string> ua, std::optional<std::string> platform,
                  std::optional<std::string> platformVersion = {}, std::optional<std::string> mobile = {},
                  std::optional<std::string> model = {})
{
    return ClientHints{std::move(ua), std::move(platform), std::move(platformVersion), std::move(mobile),
                       std::move(model)};
}

} // namespace

class TestUserAgentParser final : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void recognises_data();
    void recognises();
    void clientHintsTakePrecedence_data();
    void clientHintsTakePrecedence();
    void greaseBrandsAreIgnored();
    void brandListsAreReadLeniently();
    void unknownPartsAreNullNeverOtherOrEmpty();
    void hostileInputIsHarmlessAndQuick_data();
    void hostileInputIsHarmlessAndQuick();
    void invalidUtf8IsRepairedForJson();
    void onlyTheFirstBytesAreParsed();
    void surroundingSpacesAreNotStored();
    void cacheGivesTheSameAnswers();
    void parsesConcurrently();
    void loadErrorsAreOneLine_data();
    void loadErrorsAreOneLine();

private:
    std::unique_ptr<UserAgentParser> m_parser;
    QTemporaryDir m_dir;
};

void TestUserAgentParser::initTestCase()
{
    m_parser = UserAgentParser::load();
    QVERIFY(m_dir.isValid());
}

void TestUserAgentParser::recognises_data()
{
    QTest::addColumn<QByteArray>("userAgent");
    QTest::addColumn<QString>("want");

    // The desktop app's own User-Agent (docs/openapi.yaml).
    QTest::newRow("vigie debian") << QByteArray("Vigie/0.1.0 (Debian GNU/Linux 12; Qt 6.4.2)")
                                  << "Vigie|0.1.0|Debian GNU/Linux|12|app||";
    QTest::newRow("vigie macos") << QByteArray("Vigie/0.1.0 (macOS 14.5; Qt 6.7.0)")
                                 << "Vigie|0.1.0|macOS|14.5|app||";
    QTest::newRow("vigie windows") << QByteArray("Vigie/0.1.0 (Windows 11; Qt 6.4.2)")
                                   << "Vigie|0.1.0|Windows|11|app||";
    QTest::newRow("vigie os without version")
        << QByteArray("Vigie/1.2.3 (Arch Linux; Qt 6.7.0)") << "Vigie|1.2.3|Arch Linux||app||";
    QTest::newRow("vigie without details") << QByteArray("Vigie/2.0.0") << "Vigie|2.0.0|||app||";

    // Windows 11 cannot be told from 10 without Sec-CH-UA-Platform-Version.
    QTest::newRow("chrome windows 10 or 11")
        << QByteArray(kChromeWindows) << "Chrome|128.0.0|Windows|10/11|desktop||";
    QTest::newRow("firefox windows 10 or 11")
        << QByteArray("Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:129.0) Gecko/20100101 Firefox/129.0")
        << "Firefox|129.0|Windows|10/11|desktop||";
    QTest::newRow("firefox windows 7")
        << QByteArray("Mozilla/5.0 (Windows NT 6.1; Win64; x64; rv:115.0) Gecko/20100101 Firefox/115.0")
        << "Firefox|115.0|Windows|7|desktop||";

    // iPads: a Mac's User-Agent with nothing else is a Mac; any iPad-only token makes it an iPad.
    QTest::newRow("safari mac") << QByteArray(kSafariMac) << "Safari|17.4|Mac OS X|10.15.7|desktop|Apple|Mac";
    QTest::newRow("ipad safari desktop mode")
        << QByteArray(
               "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) "
               "Version/17.4 Mobile/15E148 Safari/604.1")
        << "Mobile Safari|17.4|iPadOS|17.4|tablet|Apple|iPad";
    QTest::newRow("ipad chrome desktop mode")
        << QByteArray(
               "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) "
               "CriOS/128.0.6613.98 Mobile/15E148 Safari/604.1")
        << "Chrome Mobile iOS|128.0.6613|iPadOS||tablet|Apple|iPad";
    QTest::newRow("ipad safari")
        << QByteArray(
               "Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
               "Version/17.4 Mobile/15E148 Safari/604.1")
        << "Mobile Safari|17.4|iPadOS|17.4|tablet|Apple|iPad";
    QTest::newRow("ipad before ipados")
        << QByteArray(
               "Mozilla/5.0 (iPad; CPU OS 12_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
               "Version/12.1 Mobile/15E148 Safari/604.1")
        << "Mobile Safari|12.1|iOS|12.2|tablet|Apple|iPad";

    // Browsers uap-core knows, and one it gets wrong (Edge for iOS).
    QTest::newRow("edge") << QByteArray(std::string(kChromeWindows).append(" Edg/128.0.2739.42").c_str())
                          << "Edge|128.0.2739|Windows|10/11|desktop||";
    QTest::newRow("edge android")
        << QByteArray("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
                      "Chrome/128.0.0.0 Mobile Safari/537.36 EdgA/128.0.0.0")
        << "Edge Mobile|128.0.0|Android|14|mobile|Google|Pixel 8";
    QTest::newRow("edge ios")
        << QByteArray(
               "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like "
               "Gecko) Version/17.4 Mobile/15E148 Safari/604.1 EdgiOS/128.0.2739.60")
        << "Edge Mobile|128.0.2739|iOS|17.4|mobile|Apple|iPhone";
    QTest::newRow("samsung internet")
        << QByteArray(
               "Mozilla/5.0 (Linux; Android 14; SAMSUNG SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) "
               "SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36")
        << "Samsung Internet|25.0|Android|14|mobile|Samsung|SM-S918B";
    QTest::newRow("chrome ios")
        << QByteArray(
               "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like "
               "Gecko) CriOS/128.0.6613.98 Mobile/15E148 Safari/604.1")
        << "Chrome Mobile iOS|128.0.6613|iOS|17.4|mobile|Apple|iPhone";
    QTest::newRow("firefox ios")
        << QByteArray(
               "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like "
               "Gecko) FxiOS/129.0 Mobile/15E148 Safari/605.1.15")
        << "Firefox iOS|129.0|iOS|17.4|mobile|Apple|iPhone";

    // Native apps.
    QTest::newRow("electron app")
        << QByteArray("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
                      "Slack/4.33.73 Chrome/114.0.5735.289 Electron/25.8.1 Safari/537.36")
        << "Slack|4.33.73|Windows|10/11|app||";
    QTest::newRow("electron without app token")
        << QByteArray("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
                      "Chrome/120.0.6099.291 Electron/28.2.2 Safari/537.36")
        << "Electron|28.2.2|Linux||app||";

    // HTTP libraries and tools, and crawlers.
    QTest::newRow("curl") << QByteArray("curl/8.5.0") << "curl|8.5.0|||bot||";
    // Headless browsers are automation, not a person at a desktop (Puppeteer's default, on Linux
    // and on Windows): uap-core's family is kept, the type is bot.
    QTest::newRow("headless chrome linux")
        << QByteArray("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
                      "HeadlessChrome/126.0.6478.126 Safari/537.36")
        << "HeadlessChrome|126.0.6478|Linux||bot||";
    QTest::newRow("headless chrome windows")
        << QByteArray("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
                      "HeadlessChrome/120.0.0.0 Safari/537.36")
        << "HeadlessChrome|120.0.0|Windows|10/11|bot||";
    QTest::newRow("wget") << QByteArray("Wget/1.21.3") << "Wget|1.21.3|||bot||";
    QTest::newRow("python-requests") << QByteArray("python-requests/2.31.0")
                                     << "Python Requests|2.31.0|||bot||";
    QTest::newRow("go") << QByteArray("Go-http-client/2.0") << "Go-http-client|2.0|||bot||";
    QTest::newRow("okhttp") << QByteArray("okhttp/4.12.0") << "okhttp|4.12.0|||bot||";
    QTest::newRow("java") << QByteArray("Java/17.0.8") << "Java|17.0.8|||bot||";
    QTest::newRow("httpie") << QByteArray("HTTPie/3.2.2") << "HTTPie|3.2.2|||bot||";
    QTest::newRow("googlebot")
        << QByteArray("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)")
        << "Googlebot|2.1|||bot||";

    // Device types.
    QTest::newRow("chrome android phone")
        << QByteArray(kChromeAndroidReduced) << "Chrome Mobile|128.0.0|Android|10|mobile||";
    QTest::newRow("chrome android tablet")
        << QByteArray("Mozilla/5.0 (Linux; Android 13; SM-X700) AppleWebKit/537.36 (KHTML, like Gecko) "
                      "Chrome/128.0.0.0 Safari/537.36")
        << "Chrome|128.0.0|Android|13|tablet||SM-X700";
    QTest::newRow("kindle")
        << QByteArray("Mozilla/5.0 (Linux; Android 9; KFTRWI) AppleWebKit/537.36 (KHTML, like Gecko) "
                      "Silk/128.3.1 like Chrome/128.0.6613.127 Safari/537.36")
        << "Amazon Silk|128.3.1|Android|9|tablet|Amazon|Kindle";
    QTest::newRow("linux desktop")
        << QByteArray("Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0")
        << "Firefox|128.0|Ubuntu||desktop||";
    QTest::newRow("chromebook")
        << QByteArray("Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) "
                      "Chrome/128.0.0.0 Safari/537.36")
        << "Chrome|128.0.0|Chrome OS|14541.0.0|desktop||";
    QTest::newRow("console") << QByteArray("Mozilla/5.0 (Windows NT 10.0; Win64; x64; Xbox; Xbox One) "
                                           "AppleWebKit/537.36 (KHTML, like Gecko) Chrome/48.0.2564.82 "
                                           "Safari/537.36 Edge/20.02")
                             << "Edge|20.02|Windows|10/11|unknown||";
    QTest::newRow("empty") << QByteArray("") << "||||unknown||";
    QTest::newRow("nonsense") << QByteArray("hello there") << "||||unknown||";
}

void TestUserAgentParser::recognises()
{
    QFETCH(QByteArray, userAgent);
    QFETCH(QString, want);
    const DeviceInfo d = m_parser->parse(userAgent.toStdString());
    QCOMPARE(summary(d), want);
    QCOMPARE(QByteArray::fromStdString(d.userAgent), userAgent);
}

void TestUserAgentParser::clientHintsTakePrecedence_data()
{
    QTest::addColumn<QByteArray>("userAgent");
    QTest::addColumn<ClientHints>("hints");
    QTest::addColumn<QString>("want");

    QTest::newRow("windows 11") << QByteArray(kChromeWindows)
                                << hints(kChromeBrands, R"("Windows")", R"("15.0.0")", "?0")
                                << "Chrome|128.0.0|Windows|11|desktop||";
    QTest::newRow("windows 10") << QByteArray(kChromeWindows)
                                << hints(kChromeBrands, R"("Windows")", R"("10.0.0")", "?0")
                                << "Chrome|128.0.0|Windows|10|desktop||";
    QTest::newRow("windows 10, first release")
        << QByteArray(kChromeWindows) << hints(kChromeBrands, R"("Windows")", R"("1.0.0")")
        << "Chrome|128.0.0|Windows|10|desktop||";
    QTest::newRow("windows without version")
        << QByteArray(kChromeWindows) << hints(kChromeBrands, R"("Windows")")
        << "Chrome|128.0.0|Windows|10/11|desktop||";
    QTest::newRow("edge by its brand")
        << QByteArray(kChromeWindows)
        << hints(R"("Not)A;Brand";v="99", "Microsoft Edge";v="127", "Chromium";v="127")", R"("Windows")",
                 R"("13.0.0")")
        << "Edge|127|Windows|11|desktop||";
    QTest::newRow("android phone with model")
        << QByteArray(kChromeAndroidReduced)
        << hints(kChromeBrands, R"("Android")", R"("14.0.0")", "?1", R"("SM-S918B")")
        << "Chrome Mobile|128.0.0|Android|14|mobile|Samsung|SM-S918B";
    QTest::newRow("android unknown model")
        << QByteArray(kChromeAndroidReduced)
        << hints(kChromeBrands, R"("Android")", R"("14.0.0")", "?1", R"("Zz 9000")")
        << "Chrome Mobile|128.0.0|Android|14|mobile||Zz 9000";
    QTest::newRow("android tablet says not mobile")
        << QByteArray(kChromeAndroidReduced) << hints(kChromeBrands, R"("Android")", {}, "?0")
        << "Chrome|128.0.0|Android|10|tablet||";
    QTest::newRow("macos version")
        << QByteArray(
               "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) "
               "Chrome/128.0.0.0 Safari/537.36")
        << hints(kChromeBrands, R"("macOS")", R"("14.5.0")", "?0")
        << "Chrome|128.0.0|Mac OS X|14.5|desktop|Apple|Mac";
    QTest::newRow("platform overrides")
        << QByteArray(
               "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/128.0.0.0 "
               "Safari/537.36")
        << hints(kChromeBrands, R"("Chrome OS")", R"("14541.0.0")", "?0")
        << "Chrome|128.0.0|Chrome OS|14541|desktop||";
    QTest::newRow("ipad by hint") << QByteArray(kSafariMac) << hints({}, R"("iOS")", R"("17.4.1")")
                                  << "Mobile Safari|17.4|iPadOS|17.4.1|tablet|Apple|iPad";
    QTest::newRow("garbage hints are ignored")
        << QByteArray(kChromeWindows) << hints("\"unterminated", "", "x.y", "?2", "")
        << "Chrome|128.0.0|Windows|10/11|desktop||";
    QTest::newRow("hints alone") << QByteArray("") << hints(kChromeBrands, R"("Linux")", {}, "?0")
                                 << "Chrome|128|Linux||desktop||";
}

void TestUserAgentParser::clientHintsTakePrecedence()
{
    QFETCH(QByteArray, userAgent);
    QFETCH(ClientHints, hints);
    QFETCH(QString, want);
    QCOMPARE(summary(m_parser->parse(userAgent.toStdString(), hints)), want);
}

void TestUserAgentParser::greaseBrandsAreIgnored()
{
    for (const char* grease : {"Not;A=Brand", "Not A(Brand", " Not A;Brand", "Not)A;Brand", "Not/A)Brand",
                               "Not_A Brand", "Not.A/Brand", "Not?A_Brand"})
        QVERIFY2(ua::isGreaseBrand(grease), grease);
    for (const char* real :
         {"Google Chrome", "Chromium", "Microsoft Edge", "Brave", "Opera", "Not A Browser 2"})
        QVERIFY2(!ua::isGreaseBrand(real), real);

    const auto brands = ua::readBrandList(kChromeBrands);
    QCOMPARE(brands.size(), size_t(2));
    QCOMPARE(QString::fromStdString(brands[0].name), QString("Chromium"));
    QCOMPARE(QString::fromStdString(brands[1].name), QString("Google Chrome"));
    QCOMPARE(QString::fromStdString(brands[1].version), QString("128"));
}

void TestUserAgentParser::brandListsAreReadLeniently()
{
    QCOMPARE(ua::readBrandList(R"( "Spaced" ; v = "1" )").size(), size_t(1)); // not RFC 8941, still read
    const auto escaped = ua::readBrandList(R"("A \"quoted\" brand";v="1")");
    QCOMPARE(escaped.size(), size_t(1));
    QCOMPARE(QString::fromStdString(escaped[0].name), QString(R"(A "quoted" brand)"));
    QCOMPARE(ua::readBrandList(R"(Brave;v=128, "Chromium";v="128";x=1)").size(), size_t(2));
    QCOMPARE(ua::readBrandList("").size(), size_t(0));
    QCOMPARE(ua::readBrandList(",,,;;;===\"").size(), size_t(0));
    QCOMPARE(*ua::readString(R"( "Windows" )"), std::string("Windows"));
    QVERIFY(!ua::readString(R"("")"));
    QCOMPARE(*ua::readBoolean("?1"), true);
    QCOMPARE(*ua::readBoolean(" ?0"), false);
    QVERIFY(!ua::readBoolean("1"));
}

void TestUserAgentParser::unknownPartsAreNullNeverOtherOrEmpty()
{
    const QString path =
        qEnvironmentVariable("VIGIE_UAP_TESTS_DIR", "/usr/share/uap-core/tests") + "/test_device.yaml";
    std::ifstream in(path.toStdString());
    QVERIFY2(in, qPrintable(path));
    const QStringList types{"desktop", "mobile", "tablet", "bot", "app", "unknown"};
    std::string line;
    int checked = 0;
    while (std::getline(in, line)) {
        const auto at = line.find("user_agent_string: '");
        if (at == std::string::npos || line.back() != '\'')
            continue;
        const std::string ua = line.substr(at + 20, line.size() - at - 21);
        const DeviceInfo d = m_parser->parse(ua);
        for (const auto* field :
             {&d.browser, &d.browserVersion, &d.os, &d.osVersion, &d.deviceBrand, &d.deviceModel})
            if (*field && ((*field)->empty() || **field == "Other"))
                QFAIL(qPrintable(
                    QString("%1 in %2").arg(QString::fromStdString(**field), QString::fromStdString(ua))));
        QVERIFY2(types.contains(QString::fromStdString(d.deviceType)), ua.c_str());
        ++checked;
    }
    qInfo("%d User-Agents of test_device.yaml parsed", checked);
    QVERIFY(checked > 16000);
}

void TestUserAgentParser::hostileInputIsHarmlessAndQuick_data()
{
    QTest::addColumn<QByteArray>("userAgent");
    std::mt19937 random(42);
    QByteArray bytes(10 * 1024, '\0');
    for (char& b : bytes)
        b = static_cast<char>(random());
    QTest::newRow("10 KB of random bytes") << bytes;
    QTest::newRow("10 KB of one letter") << QByteArray(10 * 1024, 'a');
    QTest::newRow("10 KB of semicolons") << QByteArray(10 * 1024, ';');
    QByteArray nested =
        QByteArray("Mozilla/5.0 (") + QByteArray(5000, '(') + "Android 14; " + QByteArray(5000, ')');
    QTest::newRow("deep parentheses") << nested;
    QByteArray longReal = QByteArray(kChromeAndroidReduced).repeated(80);
    QTest::newRow("a real one, 80 times") << longReal;
    QTest::newRow("nul bytes") << QByteArray("Mozilla/5.0\0(Windows NT 10.0)\0\0", 32);
    QTest::newRow("control characters") << QByteArray("\x01\x02\x7f\x1b[31mcurl/8.0\r\n");
    QTest::newRow("only spaces") << QByteArray(300, ' ');
    QTest::newRow("lone utf-8 bytes") << QByteArray("\xc3\x28\xa0\xa1\xe2\x28\xa1\xf0\x28\x8c\xbc\xff\xfe");
    QTest::newRow("overlong and surrogates")
        << QByteArray("\xc0\xaf\xe0\x80\xaf\xed\xa0\x80\xf4\x90\x80\x80");
    QTest::newRow("regex syntax") << QByteArray("(?i)$1 \\d+ .{0,200} [^;] ^$ \\");
}

void TestUserAgentParser::hostileInputIsHarmlessAndQuick()
{
    QFETCH(QByteArray, userAgent);
    QElapsedTimer timer;
    timer.start();
    DeviceInfo d;
    for (int i = 0; i < 10; ++i)
        d = m_parser->parse(userAgent.toStdString(),
                            hints(userAgent.toStdString(), userAgent.toStdString(), userAgent.toStdString(),
                                  userAgent.toStdString(), userAgent.toStdString()));
    // Ten parses of 10 KB with the cache on: well under a millisecond each on any machine.
    QVERIFY2(timer.elapsed() < 500, qPrintable(QString::number(timer.elapsed()) + " ms"));
    const nlohmann::json j = d; // would throw on invalid UTF-8
    QVERIFY(!j.dump().empty());
}

void TestUserAgentParser::invalidUtf8IsRepairedForJson()
{
    const std::string bad = "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0 \xff\xfe caf\xc3\xa9 \xe2\x82";
    const DeviceInfo d = m_parser->parse(bad);
    QCOMPARE(summary(d), QString("Firefox|128.0|Linux||desktop||"));
    QCOMPARE(
        QString::fromStdString(d.userAgent),
        QString::fromUtf8("Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0 \uFFFD\uFFFD café \uFFFD\uFFFD"));
    const nlohmann::json j = d;
    QVERIFY(j.dump().find("caf\xc3\xa9") != std::string::npos);
}

void TestUserAgentParser::onlyTheFirstBytesAreParsed()
{
    // A token past the limit is not seen, but the stored User-Agent is whole.
    const std::string padded = "Mozilla/5.0 (X11; Linux x86_64) " +
                               std::string(UserAgentParser::kMaxParsedLength, 'x') + " Firefox/128.0";
    const DeviceInfo d = m_parser->parse(padded);
    QVERIFY(!d.browser);
    QCOMPARE(QString::fromStdString(*d.os), QString("Linux"));
    QCOMPARE(d.userAgent.size(), padded.size());
}

// HTTP does not count the spaces and tabs around a header's value as part of it: the server's
// HTTP layer drops them, parse-ua's input lines keep them. Either way one function decides what
// is stored, so a session's user_agent and parse-ua's answer for that line are the same.
void TestUserAgentParser::surroundingSpacesAreNotStored()
{
    const std::string ua = std::string(kChromeWindows) + std::string(3000, 'x') + " end";
    const DeviceInfo bare = m_parser->parse(ua);
    for (const std::string& padded : {ua + " ", ua + " \t ", "  " + ua, "\t" + ua + "  "}) {
        const DeviceInfo d = m_parser->parse(padded);
        QCOMPARE(d, bare);
        QCOMPARE(UserAgentParser::storedUserAgent(padded), ua);
    }
    QCOMPARE(bare.userAgent, ua);
    QCOMPARE(UserAgentParser::storedUserAgent(" \xff "), std::string("\xef\xbf\xbd"));
    QCOMPARE(m_parser->parse("   ").userAgent, std::string());
    QCOMPARE(m_parser->parse("   ").deviceType, std::string("unknown"));
}

void TestUserAgentParser::cacheGivesTheSameAnswers()
{
    const std::vector<std::pair<std::string, ClientHints>> inputs = {
        {kChromeWindows, {}},
        {kChromeWindows, hints(kChromeBrands, R"("Windows")", R"("15.0.0")")},
        {kChromeWindows, hints(kChromeBrands, R"("Windows")", R"("10.0.0")")},
        {kSafariMac, {}},
        {"curl/8.5.0", {}},
    };
    m_parser->setCacheEnabled(false);
    std::vector<DeviceInfo> uncached;
    for (const auto& [ua, h] : inputs)
        uncached.push_back(m_parser->parse(ua, h));
    m_parser->setCacheEnabled(true);
    for (int round = 0; round < 3; ++round)
        for (size_t i = 0; i < inputs.size(); ++i)
            QCOMPARE(m_parser->parse(inputs[i].first, inputs[i].second), uncached[i]);
    // Same first bytes, different whole strings: one cache entry, each its own user_agent.
    const std::string longer = std::string(kChromeWindows) + std::string(3000, ' ') + "tail";
    const std::string other = std::string(kChromeWindows) + std::string(3000, ' ') + "other tail";
    QCOMPARE(m_parser->parse(longer).userAgent, longer);
    QCOMPARE(m_parser->parse(other).userAgent, other);
}

void TestUserAgentParser::parsesConcurrently()
{
    const std::vector<std::string> inputs = {kChromeWindows, kSafariMac, kChromeAndroidReduced, "curl/8.5.0",
                                             "Vigie/0.1.0 (Debian GNU/Linux 12; Qt 6.4.2)"};
    std::vector<DeviceInfo> expected;
    for (const auto& ua : inputs)
        expected.push_back(m_parser->parse(ua));
    std::atomic<int> mismatches{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&, t] {
            for (int i = 0; i < 2000; ++i) {
                const size_t k = size_t(i + t) % inputs.size();
                if (i % 7 == 0)
                    m_parser->setCacheEnabled(i % 2 == 0);
                if (!(m_parser->parse(inputs[k]) == expected[k]))
                    ++mismatches;
            }
        });
    for (auto& thread : threads)
        thread.join();
    m_parser->setCacheEnabled(true);
    QCOMPARE(mismatches.load(), 0);
}

void TestUserAgentParser::loadErrorsAreOneLine_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("missing file") << QByteArray() << "cannot read";
    QTest::newRow("not yaml") << QByteArray("user_agent_parsers: [unclosed") << "invalid";
    QTest::newRow("not a mapping") << QByteArray("- a\n- b\n") << "not a YAML mapping";
    QTest::newRow("a section missing")
        << QByteArray("user_agent_parsers: []\nos_parsers: []\n") << "device_parsers";
    QTest::newRow("bad regex")
        << QByteArray("user_agent_parsers:\n  - regex: '(unclosed'\nos_parsers: []\ndevice_parsers: []\n")
        << "user_agent_parsers[0]";
    QTest::newRow("no regex") << QByteArray("user_agent_parsers: []\nos_parsers:\n  - os_replacement: x\n"
                                            "device_parsers: []\n")
                              << "os_parsers[0]";
    QTest::newRow("huge repetition")
        << QByteArray("user_agent_parsers: []\nos_parsers: []\ndevice_parsers:\n  - regex: 'a{1,5000}'\n")
        << "device_parsers[0]";
}

void TestUserAgentParser::loadErrorsAreOneLine()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, mentions);
    const QString path =
        m_dir.filePath(QString::fromLatin1(QTest::currentDataTag()).replace(' ', '_') + ".yaml");
    if (!content.isNull()) {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(content);
    }
    try {
        UserAgentParser::load(path.toStdString());
        QFAIL("no exception");
    } catch (const std::runtime_error& e) {
        const QString message = QString::fromUtf8(e.what());
        QVERIFY2(message.contains(mentions), qPrintable(message));
        QVERIFY2(!message.contains('\n'), qPrintable(message));
    }
}

QTEST_APPLESS_MAIN(TestUserAgentParser)
#include "tst_useragentparser.moc"
