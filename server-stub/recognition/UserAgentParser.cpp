#include "recognition/UserAgentParser.h"

#include "recognition/ua/ClientHintsReader.h"
#include "recognition/ua/ResultCache.h"
#include "recognition/ua/UapCore.h"
#include "recognition/ua/Utf8.h"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <limits>
#include <re2/re2.h>

namespace vigie {

using ua::UapCore;
using Field = std::optional<std::string>;

namespace ua {

// What uap-core lacks, as few patterns as will do. Each is explained where it is used.
struct Supplements
{
    static re2::RE2::Options options()
    {
        re2::RE2::Options o;
        o.set_log_errors(false);
        return o;
    }

    // Vigie/<version> (<OS name> <OS version>; Qt <version>), as docs/openapi.yaml defines it.
    re2::RE2 vigieApp{R"(^Vigie/([^\s()]+)(?:\s+\((.*?)(?:;\s*Qt[ /]([^;()\s]+))?\))?)", options()};
    // Electron apps put their own product token before Chrome's.
    re2::RE2 electronApp{R"(\) ([A-Za-z][\w .-]{0,40}?)/(\d[\w.]*) (?:\S+ )?Chrome/[\d.]+ Electron/)",
                         options()};
    // Edge for iOS, which uap-core 0.16 takes for Safari.
    re2::RE2 edgeIos{R"(\bEdgiOS/(\d+(?:\.\d+){0,2}))", options()};
    // HTTP client libraries and command-line tools: their name and version open the string.
    re2::RE2 httpLibrary{
        R"((?i)^(curl|Wget|python-requests|Python-urllib|python-httpx|aiohttp|Go-http-client|okhttp|)"
        R"(Apache-HttpClient|Jakarta Commons-HttpClient|Java|axios|node-fetch|undici|got|PostmanRuntime|)"
        R"(insomnia|HTTPie|libwww-perl|LWP::Simple|GuzzleHttp|Faraday|Ruby|rest-client|Dart|Deno|Bun|reqwest|)"
        R"(RestSharp|WinHttp(?:Request)?|Microsoft-CryptoAPI|PowerShell|libcurl|Wget2|aria2)/(\d+(?:\.\d+){0,3}))",
        options()};
    // Tokens that no Mac browser sends but iPad browsers do when they ask for desktop sites.
    re2::RE2 ipadOnMac{R"(\b(?:Mobile/\w+|CriOS/|FxiOS/|EdgiOS/|OPiOS/|GSA/|iPad))", options()};
    // Safari's version has followed the iOS/iPadOS version since 13.
    re2::RE2 safariVersion{R"(\bVersion/(\d+(?:\.\d+){0,2}) (?:Mobile/\w+ )?Safari/)", options()};
};

} // namespace ua

namespace {

bool contains(std::string_view text, std::string_view part)
{
    return text.find(part) != std::string_view::npos;
}

Field joinVersion(std::initializer_list<const Field*> parts)
{
    std::string out;
    for (const Field* part : parts) {
        if (!*part || (*part)->empty())
            break;
        if (!out.empty())
            out += '.';
        out += **part;
    }
    return out.empty() ? Field() : Field(out);
}

// "14.0.0" -> "14", "17.4.0" -> "17.4": Sec-CH-UA-Platform-Version pads with zeros, uap-core
// versions do not.
std::string withoutTrailingZeros(std::string version)
{
    while (version.size() > 2 && version.compare(version.size() - 2, 2, ".0") == 0)
        version.resize(version.size() - 2);
    return version;
}

long leadingNumber(std::string_view s)
{
    long n = 0;
    size_t i = 0;
    for (; i < s.size() && i < 9 && s[i] >= '0' && s[i] <= '9'; ++i)
        n = n * 10 + (s[i] - '0');
    return i == 0 ? -1 : n;
}

// Game consoles and TVs, which are none of the API's device types. Plain searches: a regex
// alternation of these costs several times more.
bool isConsoleOrTv(std::string_view text)
{
    static constexpr std::array<std::string_view, 15> kTokens = {
        "Xbox",     "PlayStation", "Nintendo", "SMART-TV", "SmartTV", "SMART TV", "HbbTV", "AppleTV",
        "Apple TV", "CrKey",       "Roku",     "BRAVIA",   "NetCast", "Web0S",    "; AFT"};
    return std::any_of(kTokens.begin(), kTokens.end(), [&](std::string_view t) { return contains(text, t); });
}

bool isDesktopOs(const Field& os)
{
    if (!os)
        return false;
    static const std::array<std::string_view, 25> kDesktop = {
        "Mac OS X", "macOS",      "Chrome OS",  "Linux",   "Ubuntu",    "Kubuntu",  "Xubuntu",
        "Lubuntu",  "Debian",     "Fedora",     "Red Hat", "CentOS",    "SUSE",     "openSUSE",
        "Mint",     "Linux Mint", "Arch Linux", "Gentoo",  "Slackware", "Mandriva", "FreeBSD",
        "OpenBSD",  "NetBSD",     "Solaris",    "Windows"};
    if (os->rfind("Windows", 0) == 0)
        return *os != "Windows Phone" && *os != "Windows Mobile" && *os != "Windows CE" &&
               *os != "Windows RT";
    return std::find(kDesktop.begin(), kDesktop.end(), *os) != kDesktop.end();
}

bool isMobileOs(const Field& os)
{
    if (!os)
        return false;
    static const std::array<std::string_view, 16> kMobile = {
        "iOS",       "Android", "Windows Phone", "Windows Mobile", "BlackBerry OS", "Symbian OS",
        "Symbian^3", "KaiOS",   "Firefox OS",    "Tizen",          "Sailfish",      "Ubuntu Touch",
        "Bada",      "MeeGo",   "Maemo",         "webOS"};
    return std::find(kMobile.begin(), kMobile.end(), *os) != kMobile.end();
}

// uap-core's device families that are tablets without saying so.
bool isTabletFamily(const Field& family, const Field& brand, const Field& model)
{
    if (brand && *brand == "Generic_Android_Tablet")
        return true;
    if (!family)
        return false;
    const std::string& f = *family;
    static const re2::RE2 kTablet(
        R"((?i)^(?:iPad|Kindle|Generic Tablet)|Tablet|\bTab\b|Galaxy Tab|Xoom|Nexus (?:7|9|10)\b|)"
        R"(\bSM-[TPX]\d|\bGT-P\d|\bMediaPad|\bPlayBook|\bTouchPad|Surface)");
    return re2::RE2::PartialMatch(f, kTablet) || (model && re2::RE2::PartialMatch(*model, kTablet));
}

// uap-core's placeholders ("Generic Smartphone", "Spider / Desktop", Chrome's reduced "K")
// are not a brand or a model.
void dropPlaceholders(DeviceInfo& d)
{
    if (d.deviceBrand && (d.deviceBrand->rfind("Generic", 0) == 0 || *d.deviceBrand == "Spider")) {
        d.deviceBrand.reset();
        static const std::array<std::string_view, 7> kPlaceholders = {
            "Smartphone", "Feature Phone", "Tablet", "Android", "Desktop", "K", "Generic"};
        if (d.deviceModel &&
            std::find(kPlaceholders.begin(), kPlaceholders.end(), *d.deviceModel) != kPlaceholders.end())
            d.deviceModel.reset();
    }
    if (d.deviceModel && *d.deviceModel == "K" && d.os && *d.os == "Android")
        d.deviceModel.reset();
}

// The uap-core family name for a Sec-CH-UA brand.
std::string familyForBrand(const std::string& brand, bool mobile)
{
    if (brand == "Google Chrome")
        return mobile ? "Chrome Mobile" : "Chrome";
    if (brand == "Microsoft Edge")
        return mobile ? "Edge Mobile" : "Edge";
    if (brand == "Opera")
        return mobile ? "Opera Mobile" : "Opera";
    if (brand == "Android WebView")
        return "Chrome Mobile WebView";
    if (brand == "YaBrowser" || brand == "Yandex")
        return "Yandex Browser";
    return brand;
}

// The uap-core family name for a Sec-CH-UA-Platform value.
Field osForPlatform(const std::string& platform)
{
    if (platform == "macOS")
        return "Mac OS X";
    if (platform == "Chrome OS" || platform == "ChromeOS" || platform == "Chromium OS")
        return "Chrome OS";
    if (platform == "Unknown")
        return std::nullopt;
    return platform;
}

// Sec-CH-UA-Platform-Version on Windows: 0.1, 0.2, 0.3 for 7, 8, 8.1; 1 to 10 for the
// releases of Windows 10; 13 and up for Windows 11.
Field windowsVersionForPlatformVersion(const std::string& version)
{
    const long major = leadingNumber(version);
    if (major >= 13)
        return "11";
    if (major >= 1)
        return "10";
    if (major == 0) {
        const size_t dot = version.find('.');
        const long minor =
            dot == std::string::npos ? -1 : leadingNumber(std::string_view(version).substr(dot + 1));
        if (minor == 1)
            return "7";
        if (minor == 2)
            return "8";
        if (minor == 3)
            return "8.1";
    }
    return std::nullopt;
}

// Hints are short; longer ones are cut (as the User-Agent is) and made valid UTF-8, since
// what they say can end up in the JSON.
constexpr size_t kMaxHintLength = 256;
constexpr size_t kMaxCachedKeyLength = 1024;

Field readHint(const std::optional<std::string>& header)
{
    if (!header)
        return std::nullopt;
    std::string storage;
    Field value = ua::readString(ua::validUtf8Prefix(*header, kMaxHintLength, storage));
    if (value && value->size() > 64) // a model or a version: anything longer is not one
        return std::nullopt;
    return value;
}

// The User-Agent and the hints, or nullopt when that is too long to be worth caching.
std::optional<std::string> cacheKey(std::string_view text, const ClientHints& hints)
{
    const auto all = {&hints.ua, &hints.platform, &hints.platformVersion, &hints.mobile, &hints.model};
    size_t size = text.size();
    for (const auto* hint : all)
        size += 2 + (*hint ? (*hint)->size() : 0);
    if (size > kMaxCachedKeyLength)
        return std::nullopt;
    std::string key;
    key.reserve(size);
    key.append(text);
    for (const auto* hint : all) {
        key += '\0';
        if (*hint) {
            key += '\1';
            key += **hint;
        }
    }
    return key;
}

} // namespace

UserAgentParser::UserAgentParser(std::unique_ptr<UapCore> core)
    : m_core(std::move(core)), m_supplements(std::make_unique<ua::Supplements>()),
      m_cache(std::make_unique<ua::ResultCache>())
{}

UserAgentParser::~UserAgentParser() = default;

std::unique_ptr<UserAgentParser> UserAgentParser::load(const std::string& regexesYamlPath)
{
    std::string path = regexesYamlPath;
    if (path.empty()) {
        const char* env = std::getenv("VIGIE_UAP_REGEXES");
        path = env && *env ? env : VIGIE_UAP_REGEXES_DEFAULT;
    }
    return std::unique_ptr<UserAgentParser>(new UserAgentParser(UapCore::load(path)));
}

void UserAgentParser::setCacheEnabled(bool on)
{
    m_cacheEnabled = on;
    if (!on)
        m_cache->clear();
}

int UserAgentParser::compileAll() const
{
    return m_core->compileAll();
}

UserAgentParser::UaResult UserAgentParser::parseUa(std::string_view userAgent) const
{
    std::string storage;
    const auto f =
        m_core->match(UapCore::Section::UserAgent, ua::validUtf8Prefix(userAgent, kMaxParsedLength, storage));
    return {f[0] ? f[0] : "Other", f[1], f[2], f[3], f[4]};
}

UserAgentParser::OsResult UserAgentParser::parseOs(std::string_view userAgent) const
{
    std::string storage;
    const auto f =
        m_core->match(UapCore::Section::Os, ua::validUtf8Prefix(userAgent, kMaxParsedLength, storage));
    return {f[0] ? f[0] : "Other", f[1], f[2], f[3], f[4]};
}

UserAgentParser::DeviceResult UserAgentParser::parseDevice(std::string_view userAgent) const
{
    std::string storage;
    const auto f =
        m_core->match(UapCore::Section::Device, ua::validUtf8Prefix(userAgent, kMaxParsedLength, storage));
    return {f[0] ? f[0] : "Other", f[1], f[2]};
}

namespace {

std::string_view withoutSurroundingWhitespace(std::string_view text)
{
    const auto isSpace = [](char c) { return c == ' ' || c == '\t'; };
    while (!text.empty() && isSpace(text.front()))
        text.remove_prefix(1);
    while (!text.empty() && isSpace(text.back()))
        text.remove_suffix(1);
    return text;
}

} // namespace

std::string UserAgentParser::storedUserAgent(std::string_view userAgent)
{
    std::string repaired;
    return std::string(ua::validUtf8Prefix(withoutSurroundingWhitespace(userAgent),
                                           std::numeric_limits<size_t>::max(), repaired));
}

DeviceInfo UserAgentParser::parse(std::string_view userAgent, const ClientHints& hints) const
{
    userAgent = withoutSurroundingWhitespace(userAgent);
    std::string storage;
    const std::string_view text = ua::validUtf8Prefix(userAgent, kMaxParsedLength, storage);
    const auto whole = [&] {
        if (text.data() == userAgent.data() && text.size() == userAgent.size())
            return std::string(userAgent);
        return storedUserAgent(userAgent);
    };

    // Real User-Agents and hints fit in well under 1 KB; longer ones are parsed every time, so
    // that hostile requests cannot fill the cache with large entries.
    const auto key = m_cacheEnabled.load(std::memory_order_relaxed) ? cacheKey(text, hints) : std::nullopt;
    if (key) {
        if (auto hit = m_cache->find(*key)) {
            hit->userAgent = whole();
            return std::move(*hit);
        }
    }
    DeviceInfo info = describe(text, hints);
    if (key)
        m_cache->insert(*key, info);
    info.userAgent = whole();
    return info;
}

std::optional<DeviceInfo> UserAgentParser::describeVigieApp(std::string_view text) const
{
    if (text.rfind("Vigie/", 0) != 0)
        return std::nullopt;
    std::string version;
    std::string os;
    std::string qt;
    if (!re2::RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), m_supplements->vigieApp, &version,
                                &os, &qt))
        return std::nullopt;
    DeviceInfo d;
    d.browser = "Vigie";
    d.browserVersion = version;
    d.deviceType = "app";
    // "<name> <version>": the version is the last word when it starts with a digit.
    while (!os.empty() && os.back() == ' ')
        os.pop_back();
    while (!os.empty() && os.front() == ' ')
        os.erase(0, 1);
    const size_t space = os.rfind(' ');
    if (space != std::string::npos && space + 1 < os.size() && os[space + 1] >= '0' && os[space + 1] <= '9') {
        d.osVersion = os.substr(space + 1);
        os.resize(space);
        while (!os.empty() && os.back() == ' ')
            os.pop_back();
    }
    if (!os.empty())
        d.os = os;
    return d;
}

DeviceInfo UserAgentParser::describe(std::string_view text, const ClientHints& hints) const
{
    if (auto app = describeVigieApp(text))
        return *app;

    const re2::StringPiece piece(text.data(), text.size());
    const ua::Supplements& own = *m_supplements;
    const auto browser = m_core->match(UapCore::Section::UserAgent, text);
    const auto os = m_core->match(UapCore::Section::Os, text);
    const auto device = m_core->match(UapCore::Section::Device, text);

    DeviceInfo d;
    d.browser = browser[0];
    d.browserVersion = joinVersion({&browser[1], &browser[2], &browser[3]});
    d.os = os[0];
    d.osVersion = joinVersion({&os[1], &os[2], &os[3], &os[4]});
    const Field deviceFamily = device[0];
    d.deviceBrand = device[1];
    d.deviceModel = device[2];
    // Some rules answer uap-core's "unknown" literally.
    for (Field* f : {&d.browser, &d.os, &d.deviceBrand, &d.deviceModel})
        if (*f && **f == "Other")
            f->reset();
    std::optional<std::string> type; // set when the kind of client decides it

    std::string name;
    std::string version;
    // Each own pattern runs only when a plain search says it may match: they would otherwise
    // cost as much as uap-core's own rules.
    if (contains(text, "EdgiOS/") && re2::RE2::PartialMatch(piece, own.edgeIos, &version)) {
        d.browser = "Edge Mobile";
        d.browserVersion = version;
    }
    // An Electron app is a native client; its own name says more than "Electron".
    if (contains(text, "Electron/")) {
        if (re2::RE2::PartialMatch(piece, own.electronApp, &name, &version) && name != "Electron") {
            d.browser = name;
            d.browserVersion = version;
        }
        type = "app";
    }
    // Scripts and tools: no person's browser, so "bot" (see docs/user-agent-parsing.md). The
    // version is the one after the slash (uap-core reads "Java/17.0.8" as Java 0.8).
    if (text.rfind("Mozilla/", 0) != 0 && re2::RE2::PartialMatch(piece, own.httpLibrary, &name, &version)) {
        if (!d.browser)
            d.browser = name;
        d.browserVersion = version;
        d.deviceBrand.reset();
        d.deviceModel.reset();
        type = "bot";
    }
    if (deviceFamily && *deviceFamily == "Spider")
        type = "bot";
    // Headless browsers (Puppeteer's and Playwright's defaults among them) are automation, not
    // a person at a desktop computer, whatever system they run on.
    if (contains(text, "HeadlessChrome/") || contains(text, "PhantomJS/"))
        type = "bot";

    const Field platform = readHint(hints.platform);
    const Field platformVersion = readHint(hints.platformVersion);
    // Sec-CH-UA-Mobile: 1 (?1), 0 (?0) or -1 (absent or unreadable).
    int mobileHint = -1;
    if (const auto mobile = hints.mobile ? ua::readBoolean(*hints.mobile) : std::nullopt)
        mobileHint = *mobile ? 1 : 0;
    const Field modelHint = readHint(hints.model);

    // iPadOS 13 and later asks for desktop sites by default, and its Safari then sends a Mac's
    // User-Agent, word for word. Without another sign it stays a Mac (most such strings are
    // Macs); with one (a token no Mac browser sends, or a client hint) it is an iPad.
    bool ipad = deviceFamily && *deviceFamily == "iPad";
    if (d.os && *d.os == "Mac OS X" &&
        (re2::RE2::PartialMatch(piece, own.ipadOnMac) ||
         (platform && (*platform == "iOS" || *platform == "iPadOS")) || mobileHint == 1)) {
        ipad = true;
        d.osVersion.reset();
        if (re2::RE2::PartialMatch(piece, own.safariVersion, &version))
            d.osVersion = version;
        if (d.browser && *d.browser == "Safari")
            d.browser = "Mobile Safari"; // as uap-core names Safari on an iPad that says so
        d.deviceBrand = "Apple";
        d.deviceModel = "iPad";
    }
    if (ipad) {
        // Apple calls the iPad's system iPadOS from version 13.
        if (!d.osVersion || leadingNumber(*d.osVersion) >= 13)
            d.os = "iPadOS";
        type = type.value_or("tablet");
    }

    // Client hints, when sent, know better than the User-Agent, which Chromium freezes.
    if (hints.ua && type != "app" && type != "bot") {
        std::string storage;
        const auto brands = ua::readBrandList(ua::validUtf8Prefix(*hints.ua, kMaxHintLength, storage));
        const ua::Brand* chosen = nullptr;
        const auto rank = [](const ua::Brand& b) {
            return b.name == "Chromium" ? 0 : b.name == "Google Chrome" ? 1 : 2;
        };
        for (const auto& b : brands)
            if (!chosen || rank(b) > rank(*chosen))
                chosen = &b;
        if (chosen) {
            const bool mobile =
                mobileHint >= 0 ? mobileHint == 1 : d.browser && contains(*d.browser, "Mobile");
            const std::string family = familyForBrand(chosen->name, mobile);
            // The User-Agent's version has more parts than the brand's major: keep it when they
            // agree ("Chrome Mobile" and "Chrome" are the same browser for this).
            const auto base = [](std::string name) {
                if (name.size() > 7 && name.compare(name.size() - 7, 7, " Mobile") == 0)
                    name.resize(name.size() - 7);
                return name;
            };
            const bool sameVersion = d.browser && base(*d.browser) == base(family) && d.browserVersion &&
                                     leadingNumber(*d.browserVersion) == leadingNumber(chosen->version);
            if (!sameVersion)
                d.browserVersion = chosen->version.empty() ? Field() : Field(chosen->version);
            d.browser = family;
        }
    }
    if (platform && !ipad) {
        if (const Field hinted = osForPlatform(*platform)) {
            const bool moreSpecificLinux = *hinted == "Linux" && d.os && isDesktopOs(d.os) &&
                                           d.os->rfind("Windows", 0) != 0 && *d.os != "Mac OS X" &&
                                           *d.os != "Chrome OS";
            if (!moreSpecificLinux && d.os != hinted) {
                d.os = hinted;
                d.osVersion.reset();
            }
        }
    }
    // Windows 11 still says "Windows NT 10.0"; only Sec-CH-UA-Platform-Version tells them apart.
    if (d.os && *d.os == "Windows") {
        if (Field v = platformVersion ? windowsVersionForPlatformVersion(*platformVersion) : std::nullopt)
            d.osVersion = v;
        else if (d.osVersion && *d.osVersion == "10")
            d.osVersion = "10/11";
    } else if (platformVersion && platform && d.os && (ipad || d.os == osForPlatform(*platform))) {
        d.osVersion = withoutTrailingZeros(*platformVersion);
    }
    if (modelHint) {
        // Look the model up as uap-core would in an Android browser's User-Agent.
        const std::string probe =
            "Mozilla/5.0 (Linux; Android 10; " + *modelHint + " Build/A) AppleWebKit/537.36";
        const auto found = m_core->match(UapCore::Section::Device, probe);
        const bool known = found[1] && found[1]->rfind("Generic", 0) != 0 && *found[1] != "Spider";
        d.deviceBrand = known ? found[1] : std::nullopt;
        d.deviceModel = known && found[2] ? found[2] : modelHint;
    }
    dropPlaceholders(d);

    if (!type) {
        const bool androidBrowser = d.os && *d.os == "Android" && text.rfind("Mozilla/", 0) == 0;
        if (mobileHint == 1)
            type = "mobile";
        else if (mobileHint == 0)
            type = d.os && *d.os == "Android" ? "tablet" : isDesktopOs(d.os) ? "desktop" : "unknown";
        else if (isConsoleOrTv(text))
            type = "unknown";
        else if (isTabletFamily(deviceFamily, device[1], device[2]) ||
                 (androidBrowser && !contains(text, "Mobile")))
            type = "tablet";
        else if (isMobileOs(d.os) || contains(text, "Mobi") ||
                 (deviceFamily && *deviceFamily != "Other" && *deviceFamily != "Mac"))
            type = "mobile";
        else if (isDesktopOs(d.os))
            type = "desktop";
    }
    d.deviceType = type.value_or("unknown");
    return d;
}

} // namespace vigie
