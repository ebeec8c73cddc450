#pragma once

#include <QString>

namespace vigie::client {

// Source strings use Qt's numerus form, tr("%n minute(s) ago", nullptr, n), so that every
// language gets its own plural rules from its .ts file. Without a translation loaded (English
// as written), "(s)" is resolved here instead of being shown.
inline QString resolvePlural(QString text, int n)
{
    return text.replace(QLatin1String("(s)"), n == 1 ? QString() : QStringLiteral("s"));
}

} // namespace vigie::client
