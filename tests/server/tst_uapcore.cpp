// uap-core's own test suite, as Debian ships it, against UserAgentParser's lower-level results.
// Every case must match exactly: a miss is a porting bug, not a known limitation.

#include "recognition/UserAgentParser.h"
#include "recognition/ua/AtomFilter.h"
#include "recognition/ua/PatternRewriter.h"

#include <QtTest>
#include <fstream>
#include <optional>
#include <re2/re2.h>
#include <re2/set.h>
#include <string>
#include <yaml-cpp/yaml.h>

using namespace vigie;

namespace {

using Field = std::optional<std::string>;

QString suiteDir()
{
    const QString dir = qEnvironmentVariable("VIGIE_UAP_TESTS_DIR");
    return dir.isEmpty() ? QStringLiteral("/usr/share/uap-core/tests") : dir;
}

// A missing key, an empty value and '' all mean "no value" in uap-core's test files.
Field expected(const YAML::Node& node, const char* key)
{
    const YAML::Node v = node[key];
    if (!v || v.IsNull())
        return std::nullopt;
    const auto s = v.as<std::string>();
    return s.empty() ? Field() : Field(s);
}

QString show(const Field& f)
{
    return f ? QString::fromStdString(*f) : QStringLiteral("<null>");
}

// Counted from the text, not through the YAML parser, so a case the parser dropped would show.
int casesInFile(const QString& path)
{
    std::ifstream in(path.toStdString());
    std::string line;
    int count = 0;
    while (std::getline(in, line))
        if (line.find("- user_agent_string:") != std::string::npos)
            ++count;
    return count;
}

enum class Kind { UserAgent, Os, Device };

} // namespace

class TestUapCore final : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void everyRegexCompiles();
    void prefilterNeverDropsAMatch();
    void userAgents_data() { addRows(Kind::UserAgent, {"test_ua.yaml"}); }
    void userAgents() { check(Kind::UserAgent); }
    void operatingSystems_data() { addRows(Kind::Os, {"test_os.yaml"}); }
    void operatingSystems() { check(Kind::Os); }
    void devices_data() { addRows(Kind::Device, {"test_device.yaml"}); }
    void devices() { check(Kind::Device); }
    // The extra user-agent and OS cases uap-core keeps beside its suite (uap-python runs them).
    void extraUserAgents_data();
    void extraUserAgents() { check(Kind::UserAgent); }
    void extraOperatingSystems_data();
    void extraOperatingSystems() { check(Kind::Os); }
    void cleanupTestCase();

private:
    void addRows(Kind kind, const QStringList& files, const QString& dir = suiteDir());
    void check(Kind kind);

    std::unique_ptr<UserAgentParser> m_parser;
    QMap<QString, int> m_inFiles; // cases per file, counted from the text
    QMap<QString, int> m_added;   // rows made per file
    QMap<QString, int> m_checked; // rows that passed per file
};

void TestUapCore::initTestCase()
{
    if (!QFileInfo::exists(suiteDir() + "/test_ua.yaml"))
        QFAIL(qPrintable("uap-core's test suite is not in " + suiteDir() + " (Debian package uap-core)"));
    m_parser = UserAgentParser::load();
}

void TestUapCore::everyRegexCompiles()
{
    QCOMPARE(m_parser->compileAll(), 0);
}

// The invariant the speed rests on: for every suite string and every rule, if the rule's
// (relaxed) pattern matches, the atom prefilter lists the rule as a candidate.
void TestUapCore::prefilterNeverDropsAMatch()
{
    std::vector<std::string> texts;
    for (const char* file : {"test_ua.yaml", "test_os.yaml", "test_device.yaml"})
        for (const YAML::Node& c : YAML::LoadFile((suiteDir() + "/" + file).toStdString())["test_cases"])
            texts.push_back(c["user_agent_string"].as<std::string>());

    re2::RE2::Options options;
    options.set_log_errors(false);
    const YAML::Node root = YAML::LoadFile(VIGIE_UAP_REGEXES_DEFAULT);
    long long checked = 0;
    for (const char* section : {"user_agent_parsers", "os_parsers", "device_parsers"}) {
        ua::AtomFilter filter;
        std::vector<std::unique_ptr<re2::RE2>> rules;
        for (const YAML::Node& rule : root[section]) {
            std::string pattern = rule["regex"].as<std::string>();
            if (rule["regex_flag"])
                pattern.insert(0, "(?i)");
            const auto rewritten = ua::rewritePattern(pattern);
            filter.add(rewritten.fullyRelaxed);
            rules.push_back(std::make_unique<re2::RE2>(rewritten.fullyRelaxed, options));
        }
        filter.buildIndex();
        auto setOptions = options;
        setOptions.set_case_sensitive(false);
        setOptions.set_max_mem(64 << 20);
        re2::RE2::Set atoms(setOptions, re2::RE2::UNANCHORED);
        for (const std::string& atom : filter.atoms())
            atoms.Add(re2::RE2::QuoteMeta(atom), nullptr);
        QVERIFY(atoms.Compile());
        std::vector<int> found;
        std::vector<int> candidates;
        for (const std::string& text : texts) {
            found.clear();
            atoms.Match(text, &found);
            filter.candidates(found, candidates);
            for (size_t i = 0; i < rules.size(); ++i, ++checked)
                if (re2::RE2::PartialMatch(text, *rules[i]) &&
                    !std::binary_search(candidates.begin(), candidates.end(), int(i)))
                    QFAIL(qPrintable(QString("%1[%2] dropped for %3")
                                         .arg(section)
                                         .arg(i)
                                         .arg(QString::fromStdString(text))));
        }
    }
    qInfo("%lld (string, rule) pairs checked", checked);
}

void TestUapCore::extraUserAgents_data()
{
    const QString dir = suiteDir() + "/../test_resources";
    if (!QFileInfo::exists(dir + "/pgts_browser_list.yaml"))
        QSKIP("uap-core's test_resources are not installed");
    addRows(Kind::UserAgent,
            {"firefox_user_agent_strings.yaml", "opera_mini_user_agent_strings.yaml",
             "pgts_browser_list.yaml", "podcasting_user_agent_strings.yaml"},
            dir);
}

void TestUapCore::extraOperatingSystems_data()
{
    const QString dir = suiteDir() + "/../test_resources";
    if (!QFileInfo::exists(dir + "/additional_os_tests.yaml"))
        QSKIP("uap-core's test_resources are not installed");
    addRows(Kind::Os, {"additional_os_tests.yaml"}, dir);
}

void TestUapCore::addRows(Kind kind, const QStringList& files, const QString& dir)
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QByteArray>("userAgent");
    // family, then major, minor, patch, patch_minor (UA and OS) or brand, model (device)
    QTest::addColumn<QStringList>("want");
    QTest::addColumn<QList<bool>>("isNull");

    for (const QString& file : files) {
        const QString path = dir + "/" + file;
        m_inFiles[file] = casesInFile(path);
        const YAML::Node root = YAML::LoadFile(path.toStdString());
        int index = 0;
        for (const YAML::Node& c : root["test_cases"]) {
            const auto ua = c["user_agent_string"].as<std::string>();
            std::vector<Field> want;
            if (kind == Kind::Device) {
                want = {expected(c, "family"), expected(c, "brand"), expected(c, "model")};
            } else {
                want = {expected(c, "family"), expected(c, "major"), expected(c, "minor"),
                        expected(c, "patch")};
                // uap-core's reference implementations check patch_minor for OSes only; the
                // few UA cases that carry one contradict their own regexes.
                if (kind == Kind::Os)
                    want.push_back(expected(c, "patch_minor"));
            }
            QStringList values;
            QList<bool> nulls;
            for (const Field& w : want) {
                values << show(w);
                nulls << !w;
            }
            QTest::addRow("%s#%d", qPrintable(file), ++index)
                << file << QByteArray::fromStdString(ua) << values << nulls;
            ++m_added[file];
        }
    }
}

void TestUapCore::check(Kind kind)
{
    QFETCH(QString, file);
    QFETCH(QByteArray, userAgent);
    QFETCH(QStringList, want);
    QFETCH(QList<bool>, isNull);

    const std::string ua = userAgent.toStdString();
    std::vector<Field> got;
    if (kind == Kind::UserAgent) {
        const auto r = m_parser->parseUa(ua);
        got = {r.family, r.major, r.minor, r.patch};
    } else if (kind == Kind::Os) {
        const auto r = m_parser->parseOs(ua);
        got = {r.family, r.major, r.minor, r.patch, r.patchMinor};
    } else {
        const auto r = m_parser->parseDevice(ua);
        got = {r.family, r.brand, r.model};
    }
    QCOMPARE(qsizetype(got.size()), want.size());
    for (qsizetype i = 0; i < want.size(); ++i) {
        const Field expectedField = isNull[i] ? Field() : Field(want[i].toStdString());
        if (got[size_t(i)] != expectedField)
            QFAIL(qPrintable(
                QStringLiteral("field %1: got %2, want %3 for %4")
                    .arg(i)
                    .arg(show(got[size_t(i)]), show(expectedField), QString::fromUtf8(userAgent))));
    }
    ++m_checked[file];
}

void TestUapCore::cleanupTestCase()
{
    // Every case of every file was turned into a row and passed.
    for (auto it = m_inFiles.cbegin(); it != m_inFiles.cend(); ++it) {
        qInfo("%s: %d of %d cases checked and passed", qPrintable(it.key()), m_checked.value(it.key()),
              it.value());
        QCOMPARE(m_added.value(it.key()), it.value());
        QCOMPARE(m_checked.value(it.key()), it.value());
    }
    QVERIFY(m_inFiles.value("test_ua.yaml") > 0);
    QVERIFY(m_inFiles.value("test_os.yaml") > 0);
    QVERIFY(m_inFiles.value("test_device.yaml") > 0);
}

QTEST_APPLESS_MAIN(TestUapCore)
#include "tst_uapcore.moc"
