// What "End sessions after inactivity of" offers for a server's maximum and the account's value.
#include "client/IdleTimeoutChoices.h"

#include <QtTest>

using vigie::client::IdleTimeoutChoices;

namespace {

constexpr long long kDay = 24 * 3600;

QStringList labels(long long current, long long max)
{
    QStringList out;
    const auto choices = IdleTimeoutChoices::choices({current, max});
    for (const auto& choice : choices)
        out.append(choice.label);
    return out;
}

} // namespace

class TestIdleTimeoutChoices final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void presetsUpToTheDefaultMaximum()
    {
        QCOMPARE(labels(14 * kDay, 14 * kDay),
                 (QStringList{"1 day", "3 days", "1 week", "2 weeks (the server's maximum)"}));
    }

    void onlyWhatTheServerAllowsAndItsMaximum()
    {
        QCOMPARE(labels(10 * kDay, 10 * kDay),
                 (QStringList{"1 day", "3 days", "1 week", "10 days (the server's maximum)"}));
        QCOMPARE(labels(3600, 12 * 3600), (QStringList{"1 hour", "12 hours (the server's maximum)"}));
        QCOMPARE(labels(30 * kDay, 30 * kDay).last(), QStringLiteral("30 days (the server's maximum)"));
    }

    void theCurrentValueEvenWhenNotAPreset()
    {
        const auto choices = IdleTimeoutChoices::choices({36 * 3600, 14 * kDay});
        QCOMPARE(choices.size(), 5);
        QCOMPARE(choices.at(1).seconds, 36 * 3600);
        QCOMPARE(choices.at(1).label, QStringLiteral("36 hours"));
        QCOMPARE(IdleTimeoutChoices::periodText(90 * 60), QStringLiteral("90 minutes"));
    }
};

QTEST_APPLESS_MAIN(TestIdleTimeoutChoices)
#include "tst_idletimeoutchoices.moc"
