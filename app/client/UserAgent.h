#pragma once

#include <QString>

namespace vigie::client {

// The OS part of the app's User-Agent, "<name> <version>", which the server splits at the last
// space-separated word when it starts with a digit (API.md). Parenthesised codenames and words
// after the version are dropped: "Debian GNU/Linux 12 (bookworm)" → "Debian GNU/Linux 12",
// "Ubuntu 22.04.3 LTS" → "Ubuntu 22.04.3". Inputs are QSysInfo's productType(),
// productVersion() and prettyProductName(); a pure function so that every OS can be tested here.
QString userAgentOsPart(const QString& productType, const QString& productVersion,
                        const QString& prettyProductName);

// "Vigie/<version> (<OS name> <OS version>; Qt <version>)" for this machine and Qt runtime.
QString vigieUserAgent();

// The same with the parts given, for tests.
QString makeUserAgent(const QString& appVersion, const QString& osPart, const QString& qtVersion);

} // namespace vigie::client
