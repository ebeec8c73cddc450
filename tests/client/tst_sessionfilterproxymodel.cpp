// SessionFilterProxyModel: sorting on any column in either order keeps the current session
// first; filtering matches every word typed.
#include "SessionFixtures.h"
#include "client/SessionFilterProxyModel.h"
#include "client/SessionListModel.h"

#include <QAbstractItemModelTester>
#include <QtTest>

using namespace vigie::client;
using testsupport::makeSession;
using testsupport::SessionSpec;
using testsupport::sid;

class TestSessionFilterProxyModel final : public QObject
{
    Q_OBJECT

private:
    QDateTime m_now = QDateTime::currentDateTimeUtc();
    SessionListModel* m_source = nullptr;
    SessionFilterProxyModel* m_proxy = nullptr;
    QAbstractItemModelTester* m_tester = nullptr;

    QList<vigie::Session> fixture() const
    {
        SessionSpec current{sid(1), true, 0};
        current.browser = "Vigie";
        current.browserVersion = "0.1.0";
        current.os = "Debian GNU/Linux";
        current.deviceType = "app";
        current.ip = "127.0.0.1";
        current.city.clear();
        current.country.clear();
        SessionSpec chrome{sid(2), false, 600};
        chrome.browser = "Chrome";
        chrome.os = "Mac OS X";
        chrome.ip = "198.51.100.20";
        chrome.city = "Berlin";
        chrome.country = "Germany";
        SessionSpec safari{sid(3), false, 60};
        safari.browser = "Mobile Safari";
        safari.os = "iOS";
        safari.deviceType = "mobile";
        safari.ip = "203.0.113.9";
        SessionSpec firefox{sid(4), false, 7200};
        firefox.ip = "10.0.0.4";
        return {makeSession(current, m_now), makeSession(chrome, m_now), makeSession(safari, m_now),
                makeSession(firefox, m_now)};
    }

    QStringList proxyIds() const
    {
        QStringList out;
        for (int r = 0; r < m_proxy->rowCount(); ++r)
            out.append(m_proxy->index(r, 0).data(SessionListModel::SessionIdRole).toString());
        return out;
    }

private Q_SLOTS:
    void init()
    {
        m_source = new SessionListModel(this);
        m_proxy = new SessionFilterProxyModel(this);
        m_proxy->setSourceModel(m_source);
        m_tester = new QAbstractItemModelTester(m_proxy,
                                                QAbstractItemModelTester::FailureReportingMode::QtTest, this);
        m_source->setSessions(fixture());
    }

    void cleanup()
    {
        delete m_tester;
        delete m_proxy;
        delete m_source;
    }

    void currentStaysFirst_data()
    {
        QTest::addColumn<int>("column");
        QTest::addColumn<int>("order");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("activity, newest first")
            << int(SessionListModel::LastActivityColumn) << int(Qt::DescendingOrder)
            << QStringList{sid(1), sid(3), sid(2), sid(4)};
        QTest::newRow("activity, oldest first")
            << int(SessionListModel::LastActivityColumn) << int(Qt::AscendingOrder)
            << QStringList{sid(1), sid(4), sid(2), sid(3)};
        QTest::newRow("browser A-Z") << int(SessionListModel::ClientColumn) << int(Qt::AscendingOrder)
                                     << QStringList{sid(1), sid(2), sid(4), sid(3)};
        QTest::newRow("browser Z-A") << int(SessionListModel::ClientColumn) << int(Qt::DescendingOrder)
                                     << QStringList{sid(1), sid(3), sid(4), sid(2)};
        QTest::newRow("IP ascending") << int(SessionListModel::IpAddressColumn) << int(Qt::AscendingOrder)
                                      << QStringList{sid(1), sid(4), sid(2), sid(3)};
        QTest::newRow("IP descending") << int(SessionListModel::IpAddressColumn) << int(Qt::DescendingOrder)
                                       << QStringList{sid(1), sid(3), sid(2), sid(4)};
    }

    void currentStaysFirst()
    {
        QFETCH(int, column);
        QFETCH(int, order);
        QFETCH(QStringList, expected);
        m_proxy->sort(column, Qt::SortOrder(order));
        QCOMPARE(proxyIds(), expected);
    }

    void filterMatchesEveryWord()
    {
        m_proxy->setFilterText("safari");
        QCOMPARE(proxyIds(), QStringList{sid(3)});
        m_proxy->setFilterText("  PARIS   firefox ");
        QCOMPARE(proxyIds(), QStringList{sid(4)});
        m_proxy->setFilterText("198.51.100");
        QCOMPARE(proxyIds(), QStringList{sid(2)});
        m_proxy->setFilterText("macos");
        QCOMPARE(proxyIds(), QStringList{sid(2)});
        m_proxy->setFilterText("nothing like this");
        QCOMPARE(m_proxy->rowCount(), 0);
        m_proxy->setFilterText({});
        QCOMPARE(m_proxy->rowCount(), 4);
    }

    void followsSourceUpdates()
    {
        m_proxy->sort(SessionListModel::LastActivityColumn, Qt::DescendingOrder);
        QPersistentModelIndex chrome = m_proxy->index(2, 0);
        QCOMPARE(chrome.data(SessionListModel::SessionIdRole).toString(), sid(2));

        // Chrome becomes the most recent other session; the selection stays on it.
        QList<vigie::Session> updated = fixture();
        updated[1].lastActivity = testsupport::timePoint(m_now.addSecs(-5));
        m_source->setSessions(updated);
        QCOMPARE(proxyIds(), (QStringList{sid(1), sid(2), sid(3), sid(4)}));
        QCOMPARE(chrome.row(), 1);
        QCOMPARE(chrome.data(SessionListModel::SessionIdRole).toString(), sid(2));

        // A new session appears in its place; a revoked one disappears.
        updated.removeAt(3);
        updated.append(makeSession({sid(5), false, 30}, m_now));
        m_source->setSessions(updated);
        QCOMPARE(proxyIds(), (QStringList{sid(1), sid(2), sid(5), sid(3)}));
        QCOMPARE(chrome.data(SessionListModel::SessionIdRole).toString(), sid(2));
    }
};

QTEST_GUILESS_MAIN(TestSessionFilterProxyModel)
#include "tst_sessionfilterproxymodel.moc"
