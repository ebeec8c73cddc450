#include "services/PasswordPolicy.h"

#include "core/ApiTypes.h"
#include "services/TextRules.h"

#include <pwquality.h>

namespace vigie::server {

namespace {

// Every libpwquality rule off but the dictionary: the length rules are ours (in code points),
// and composition rules are not in the contract.
constexpr int kDictionaryOnly[][2] = {
    {PWQ_SETTING_DIFF_OK, 0},          {PWQ_SETTING_MIN_LENGTH, 6}, // its lowest; ours is checked first
    {PWQ_SETTING_DIG_CREDIT, 0},       {PWQ_SETTING_UP_CREDIT, 0},    {PWQ_SETTING_LOW_CREDIT, 0},
    {PWQ_SETTING_OTH_CREDIT, 0},       {PWQ_SETTING_MIN_CLASS, 0},    {PWQ_SETTING_MAX_REPEAT, 0},
    {PWQ_SETTING_MAX_CLASS_REPEAT, 0}, {PWQ_SETTING_MAX_SEQUENCE, 0}, {PWQ_SETTING_GECOS_CHECK, 0},
    {PWQ_SETTING_USER_CHECK, 0},       {PWQ_SETTING_DICT_CHECK, 1},
};

// What cracklib answers, untranslated (the server does not set a locale), when it cannot
// open its dictionary.
constexpr std::string_view kDictionaryError = "error loading dictionary";

} // namespace

PasswordPolicy::PasswordPolicy() : m_settings(pwquality_default_settings())
{
    if (!m_settings)
        throw PasswordDictionaryUnavailable("cannot set up libpwquality");
    for (const auto& [setting, value] : kDictionaryOnly)
        if (pwquality_set_int_value(m_settings, setting, value) != 0) {
            pwquality_free_settings(m_settings);
            throw PasswordDictionaryUnavailable("cannot configure libpwquality");
        }
    // Fail closed at start: a server that cannot tell a common password from a random one
    // would otherwise refuse (or accept) every new password.
    bool works = false;
    try {
        works = dictionaryVerdict("password1") && !dictionaryVerdict("vXq7-maple-drift-93");
    } catch (const PasswordDictionaryUnavailable&) {
    }
    if (!works) {
        pwquality_free_settings(m_settings);
        throw PasswordDictionaryUnavailable(
            "the dictionary of common passwords (cracklib's /var/cache/cracklib/cracklib_dict.pwd) cannot be "
            "used; install cracklib-runtime (or run update-cracklib)");
    }
}

PasswordPolicy::~PasswordPolicy()
{
    pwquality_free_settings(m_settings);
}

std::optional<std::string> PasswordPolicy::dictionaryVerdict(const std::string& password) const
{
    std::lock_guard lock(m_mutex);
    void* aux = nullptr;
    const int rc = pwquality_check(m_settings, password.c_str(), nullptr, nullptr, &aux);
    if (rc == PWQ_ERROR_PALINDROME)
        return "it reads the same backwards";
    if (rc != PWQ_ERROR_CRACKLIB_CHECK)
        return std::nullopt;
    // For this error the auxiliary value is cracklib's own static message.
    const std::string reason = aux ? static_cast<const char*>(aux) : "it is in the dictionary";
    if (reason.rfind(kDictionaryError, 0) == 0)
        throw PasswordDictionaryUnavailable("the dictionary of common passwords cannot be read");
    return reason;
}

std::optional<std::string> PasswordPolicy::weakness(const std::string& newPassword,
                                                    const std::optional<std::string>& currentPassword) const
{
    const auto length = codePointCount(newPassword);
    if (!length)
        return "The new password is not valid UTF-8 text.";
    if (*length < size_t(kPasswordMinLength))
        return "The new password is too short: use at least " + std::to_string(kPasswordMinLength) +
               " characters.";
    if (*length > size_t(kPasswordMaxLength))
        return "The new password is too long: use at most " + std::to_string(kPasswordMaxLength) +
               " characters.";
    if (currentPassword && newPassword == *currentPassword)
        return std::string("The new password is the same as the current one: choose a different one.");
    if (const auto reason = dictionaryVerdict(newPassword))
        return "The new password is too common (" + *reason +
               "): it is found in a list of common and breached passwords; choose a less predictable one.";
    return std::nullopt;
}

} // namespace vigie::server
