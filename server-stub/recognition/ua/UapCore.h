#pragma once

// A port of uap-core (github.com/ua-parser/uap-core) to RE2: the three sections of
// regexes.yaml, matched with uap-python's semantics. This is the raw layer; UserAgentParser
// adds what uap-core gets wrong or lacks.

#include <array>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace vigie::ua {

using Field = std::optional<std::string>;

// One section's answer: field 0 is the family (user agent, OS or device family), then
// uap-core's version parts (major, minor, patch, patch_minor) or, for devices, brand and model.
// All null when nothing matched; the "Other" default is the caller's business.
using Fields = std::array<Field, 5>;

class UapCore
{
public:
    enum class Section { UserAgent, Os, Device };

    // Throws std::runtime_error with a one-line message naming the problem.
    static std::unique_ptr<UapCore> load(const std::string& regexesYamlPath);
    ~UapCore();

    // Thread-safe. The text must be valid UTF-8 (see UserAgentParser's input preparation).
    Fields match(Section section, std::string_view text) const;

    // Compiles every rule's regex now instead of on first use, and checks that each pattern as
    // written compiles too; returns how many failed.
    int compileAll() const;

private:
    struct Rule;
    struct RuleSet;

    UapCore();
    const RuleSet& set(Section section) const;

    std::array<std::unique_ptr<RuleSet>, 3> m_sets;
};

} // namespace vigie::ua
