#include "store/StoreValues.h"

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

namespace vigie::server::storevalues {

std::string emailKey(std::string_view email)
{
    // NFKC_Casefold: Unicode case folding (É → é, ß → ss) on a normalised form, so that
    // composed and decomposed accents, and every case, give one key.
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* fold = icu::Normalizer2::getNFKCCasefoldInstance(status);
    if (U_FAILURE(status))
        throw std::runtime_error("ICU's case folding data is missing");
    const icu::UnicodeString folded = fold->normalize(
        icu::UnicodeString::fromUTF8(icu::StringPiece(email.data(), int32_t(email.size()))), status);
    if (U_FAILURE(status))
        throw std::runtime_error("ICU could not fold an email address");
    std::string key;
    folded.toUTF8String(key);
    return key;
}

} // namespace vigie::server::storevalues
