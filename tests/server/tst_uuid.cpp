#include "Uuid.h"

#include <QtTest>

using namespace vigie;

class TestUuid final : public QObject
{
    Q_OBJECT
private slots:
    void uuidsAreCanonicalised();
};

void TestUuid::uuidsAreCanonicalised()
{
    QCOMPARE(QString::fromStdString(*canonicalUuid("6F1C1F8E-AAAA-4000-8000-00000000000B")),
             QString("6f1c1f8e-aaaa-4000-8000-00000000000b"));
    QVERIFY(!canonicalUuid("6f1c1f8e-aaaa-4000-8000-00000000000"));
    QVERIFY(!canonicalUuid("6f1c1f8e_aaaa-4000-8000-00000000000b"));
    QVERIFY(!canonicalUuid("' OR 1=1 --"));
    const unsigned char bytes[16] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
                                     0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
    QCOMPARE(QString::fromStdString(uuidV4FromBytes(bytes)), QString("ffffffff-ffff-4fff-bfff-ffffffffffff"));
}

QTEST_APPLESS_MAIN(TestUuid)
#include "tst_uuid.moc"
