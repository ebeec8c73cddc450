#pragma once

#include "core/ApiTypes.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

namespace vigie::client {

// What the Account security page offers for "End sessions after inactivity of": 1 day, 3 days,
// 1 week and 2 weeks, only those the server allows, always the server's maximum (labelled as
// such), and the account's current value even when it is none of these. Shortest first.
class IdleTimeoutChoices
{
    Q_DECLARE_TR_FUNCTIONS(IdleTimeoutChoices)

public:
    struct Choice
    {
        long long seconds = 0;
        QString label; // "1 week", "2 weeks (the server's maximum)"
    };

    static QList<Choice> choices(const vigie::AccountSettings& settings);
    // An exact period in words: "1 day", "3 days", "2 weeks", "36 hours", "90 minutes".
    static QString periodText(long long seconds);
};

} // namespace vigie::client
