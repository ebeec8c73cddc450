#include "Duration.h"

#include <QtTest>

using namespace vigie;

class TestDuration final : public QObject
{
    Q_OBJECT
private slots:
    void durationsParseLikeTheServerOptions();
};

void TestDuration::durationsParseLikeTheServerOptions()
{
    QCOMPARE(parseDuration("900ms")->count(), 900);
    QCOMPARE(parseDuration("3s")->count(), 3000);
    QCOMPARE(parseDuration("15m")->count(), 900000);
    QCOMPARE(parseDuration("14d")->count(), 14LL * 86400000);
    QCOMPARE(parseDuration("60")->count(), 60000);
    QVERIFY(!parseDuration("-1s"));
    QVERIFY(!parseDuration("abc"));
    QVERIFY(!parseDuration("5 weeks"));
    QVERIFY(!parseDuration("99999999999999999d"));
    QCOMPARE(QString::fromStdString(formatDuration(std::chrono::minutes(15))), QString("15m"));
}

QTEST_APPLESS_MAIN(TestDuration)
#include "tst_duration.moc"
