#include "client/UserAgent.h"

#include "core/Version.h"

#include <QRegularExpression>
#include <QStringList>
#include <QSysInfo>

namespace vigie::client {

namespace {

bool startsWithDigit(const QString& word)
{
    return !word.isEmpty() && word.front().isDigit();
}

// Characters that would end the User-Agent comment or the header.
QString sanitised(QString text)
{
    static const QRegularExpression unsafe(QStringLiteral("[();\\\\\\x00-\\x1f\\x7f]"));
    text.replace(unsafe, QStringLiteral(" "));
    return text.simplified();
}

} // namespace

QString userAgentOsPart(const QString& productType, const QString& productVersion,
                        const QString& prettyProductName)
{
    const QString version = startsWithDigit(productVersion) ? sanitised(productVersion) : QString();
    if (productType == QLatin1String("macos") || productType == QLatin1String("osx"))
        return version.isEmpty() ? QStringLiteral("macOS") : QStringLiteral("macOS ") + version;
    if (productType == QLatin1String("windows"))
        return version.isEmpty() ? QStringLiteral("Windows") : QStringLiteral("Windows ") + version;

    static const QRegularExpression parenthesised(QStringLiteral("\\([^)]*\\)?"));
    QString pretty = prettyProductName;
    pretty.remove(parenthesised);
    QStringList words = sanitised(pretty).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (words.isEmpty())
        words = sanitised(productType).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (words.isEmpty())
        return QStringLiteral("Unknown");

    qsizetype lastVersionWord = -1;
    for (qsizetype i = 1; i < words.size(); ++i)
        if (startsWithDigit(words[i]))
            lastVersionWord = i;
    if (lastVersionWord > 0)
        words.resize(lastVersionWord + 1);
    else if (!version.isEmpty())
        words.append(version.split(QLatin1Char(' ')).first());
    return words.join(QLatin1Char(' '));
}

QString makeUserAgent(const QString& appVersion, const QString& osPart, const QString& qtVersion)
{
    return QStringLiteral("Vigie/%1 (%2; Qt %3)").arg(appVersion, osPart, qtVersion);
}

QString vigieUserAgent()
{
    static const QString ua = makeUserAgent(
        QString::fromLatin1(vigie::kVersion),
        userAgentOsPart(QSysInfo::productType(), QSysInfo::productVersion(), QSysInfo::prettyProductName()),
        QString::fromLatin1(qVersion()));
    return ua;
}

} // namespace vigie::client
