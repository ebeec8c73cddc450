// SessionListModel: the current session first, display texts and raw roles, and in-place
// updates that keep persistent indexes (a view's selection) without ever resetting.
#include "SessionFixtures.h"
#include "client/SessionListModel.h"

#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QtTest>

using namespace vigie::client;
using testsupport::makeSession;
using testsupport::SessionSpec;
using testsupport::sid;

namespace {

// Every signal that would disturb a view, counted.
struct ModelSignals
{
    explicit ModelSignals(QAbstractItemModel* m)
        : reset(m, &QAbstractItemModel::modelReset), inserted(m, &QAbstractItemModel::rowsInserted),
          removed(m, &QAbstractItemModel::rowsRemoved), changed(m, &QAbstractItemModel::dataChanged),
          layout(m, &QAbstractItemModel::layoutChanged), moved(m, &QAbstractItemModel::rowsMoved)
    {}
    void clear()
    {
        for (QSignalSpy* s : {&reset, &inserted, &removed, &changed, &layout, &moved})
            s->clear();
    }
    QSignalSpy reset, inserted, removed, changed, layout, moved;
};

} // namespace

class TestSessionListModel final : public QObject
{
    Q_OBJECT

private:
    QDateTime m_now = QDateTime::currentDateTimeUtc();

    QList<vigie::Session> sessions(const QList<SessionSpec>& specs) const
    {
        QList<vigie::Session> out;
        for (const auto& spec : specs)
            out.append(makeSession(spec, m_now));
        return out;
    }

    static QStringList rowIds(const QAbstractItemModel& model)
    {
        QStringList out;
        for (int r = 0; r < model.rowCount(); ++r)
            out.append(model.index(r, 0).data(SessionListModel::SessionIdRole).toString());
        return out;
    }

private Q_SLOTS:
    void currentSessionIsFirst()
    {
        SessionListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setSessions(sessions({{sid(1)}, {sid(2), true}, {sid(3)}}));
        QCOMPARE(rowIds(model), (QStringList{sid(2), sid(1), sid(3)}));
        QCOMPARE(model.currentSessionId(), sid(2));
        QCOMPARE(model.otherSessionCount(), 2);
        QVERIFY(model.index(0, 0).data(SessionListModel::IsCurrentRole).toBool());
        QVERIFY(!model.index(1, 0).data(SessionListModel::IsCurrentRole).toBool());

        // current_session_id wins over is_current.
        model.setSessions(sessions({{sid(1)}, {sid(2), true}, {sid(3)}}), sid(3));
        QCOMPARE(rowIds(model), (QStringList{sid(3), sid(1), sid(2)}));
        QCOMPARE(model.currentSessionId(), sid(3));
    }

    void displayTextsAndRoles()
    {
        SessionListModel model;
        model.setReferenceTime(m_now);
        SessionSpec phone{sid(2)};
        phone.idleSeconds = 5 * 60;
        phone.browser = "Mobile Safari";
        phone.browserVersion = "17.4";
        phone.os = "iOS";
        phone.deviceType = "mobile";
        phone.ip = "192.168.1.20";
        phone.city.clear();
        phone.country.clear();
        model.setSessions(sessions({{sid(1), true}, phone}));

        const auto at = [&](int row, int column, int role = Qt::DisplayRole) {
            return model.index(row, column).data(role);
        };
        QCOMPARE(at(0, SessionListModel::DeviceColumn).toString(), "Computer");
        QCOMPARE(at(0, SessionListModel::ClientColumn).toString(), "Firefox 128 on Windows");
        QCOMPARE(at(0, SessionListModel::LocationColumn).toString(), "Paris, France");
        QCOMPARE(at(0, SessionListModel::IpAddressColumn).toString(), "203.0.113.7");
        QCOMPARE(at(0, SessionListModel::LastActivityColumn).toString(), "Active now");
        QCOMPARE(at(1, SessionListModel::DeviceColumn).toString(), "Phone");
        QCOMPARE(at(1, SessionListModel::ClientColumn).toString(), "Safari 17 on iOS");
        QCOMPARE(at(1, SessionListModel::LocationColumn).toString(), "Local network");
        QCOMPARE(at(1, SessionListModel::LastActivityColumn).toString(), "5 minutes ago");
        QVERIFY(!at(1, SessionListModel::SignedInColumn).toString().isEmpty());

        // The exact local time as a tooltip; the raw fields as roles.
        const QDateTime last = at(1, 0, SessionListModel::LastActivityRole).toDateTime();
        QCOMPARE(last.toSecsSinceEpoch(), m_now.addSecs(-5 * 60).toSecsSinceEpoch());
        QCOMPARE(at(1, SessionListModel::LastActivityColumn, Qt::ToolTipRole).toString(),
                 QLocale().toString(last.toLocalTime(), QLocale::LongFormat));
        QCOMPARE(at(1, SessionListModel::ClientColumn, Qt::ToolTipRole).toString(), "UA of " + sid(2));
        QCOMPARE(at(1, 0, SessionListModel::DeviceTypeRole).toString(), "mobile");
        QCOMPARE(at(1, 0, SessionListModel::BrowserRole).toString(), "Mobile Safari");
        QCOMPARE(at(1, 0, SessionListModel::BrowserVersionRole).toString(), "17.4");
        QCOMPARE(at(1, 0, SessionListModel::IpAddressRole).toString(), "192.168.1.20");
        QVERIFY(at(1, 0, SessionListModel::IsLocalNetworkRole).toBool());
        QVERIFY(at(1, 0, SessionListModel::CityRole).isNull());
        QCOMPARE(at(0, 0, SessionListModel::CountryRole).toString(), "France");
        QVERIFY(at(0, 0, SessionListModel::DeviceModelRole).isNull());
        QCOMPARE(at(1, 0, SessionListModel::SessionRole).value<vigie::Session>().id, sid(2).toStdString());
        QCOMPARE(at(1, SessionListModel::LastActivityColumn, SessionListModel::SortRole).toLongLong(),
                 last.toMSecsSinceEpoch());
        QCOMPARE(model.headerData(SessionListModel::LocationColumn, Qt::Horizontal).toString(), "Location");
        QVERIFY(model.roleNames().contains(SessionListModel::IsCurrentRole));
        QCOMPARE(model.session(1)->id, sid(2).toStdString());
        QVERIFY(!model.session(5).has_value());

        // Time passes: only the relative texts change.
        ModelSignals sig(&model);
        model.setReferenceTime(m_now.addSecs(3 * 3600));
        QCOMPARE(sig.changed.size(), 1);
        QCOMPARE(at(1, SessionListModel::LastActivityColumn).toString(), "3 hours ago");
    }

    void updatesInPlace()
    {
        SessionListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setSessions(
            sessions({{sid(1), true}, {sid(2), false, 60}, {sid(3), false, 120}, {sid(4), false, 180}}));
        QPersistentModelIndex two(model.index(1, SessionListModel::LocationColumn));
        QPersistentModelIndex four(model.index(3, 0));
        ModelSignals sig(&model);

        // 1. The same sessions again: nothing at all.
        model.setSessions(
            sessions({{sid(1), true}, {sid(2), false, 60}, {sid(3), false, 120}, {sid(4), false, 180}}));
        QCOMPARE(sig.changed.size() + sig.inserted.size() + sig.removed.size() + sig.layout.size(), 0);

        // 2. One session moved on: one dataChanged for its row, nothing else.
        SessionSpec moved{sid(3), false, 120};
        moved.city = "Lyon";
        model.setSessions(sessions({{sid(1), true}, {sid(2), false, 60}, moved, {sid(4), false, 180}}));
        QCOMPARE(sig.changed.size(), 1);
        QCOMPARE(sig.changed.first().at(0).value<QModelIndex>().row(), 2);
        QCOMPARE(model.index(2, SessionListModel::LocationColumn).data().toString(), "Lyon, France");
        QCOMPARE(sig.inserted.size() + sig.removed.size() + sig.layout.size() + sig.reset.size(), 0);
        QVERIFY(two.isValid() && four.isValid());
        sig.clear();

        // 3. The server's order changed (session 4 became the most recent): a layout change;
        //    persistent indexes follow their sessions.
        model.setSessions(sessions({{sid(1), true}, {sid(4), false, 10}, {sid(2), false, 60}, moved}));
        QCOMPARE(rowIds(model), (QStringList{sid(1), sid(4), sid(2), sid(3)}));
        QCOMPARE(sig.reset.size(), 0);
        QCOMPARE(sig.inserted.size() + sig.removed.size(), 0);
        QCOMPARE(sig.layout.size(), 1);
        QCOMPARE(four.row(), 1);
        QCOMPARE(four.data(SessionListModel::SessionIdRole).toString(), sid(4));
        QCOMPARE(two.row(), 2);
        QCOMPARE(two.column(), int(SessionListModel::LocationColumn));
        QCOMPARE(two.data(SessionListModel::SessionIdRole).toString(), sid(2));
        sig.clear();

        // 4. One revoked elsewhere, one new: a removal and an insertion, no reset.
        model.setSessions(
            sessions({{sid(1), true}, {sid(5), false, 5}, {sid(4), false, 10}, {sid(2), false, 60}}));
        QCOMPARE(rowIds(model), (QStringList{sid(1), sid(5), sid(4), sid(2)}));
        QCOMPARE(sig.reset.size(), 0);
        QCOMPARE(sig.removed.size(), 1);
        QCOMPARE(sig.inserted.size(), 1);
        QCOMPARE(two.data(SessionListModel::SessionIdRole).toString(), sid(2));
        QCOMPARE(four.data(SessionListModel::SessionIdRole).toString(), sid(4));
        sig.clear();

        // 5. removeSession() after a revocation.
        QVERIFY(model.removeSession(sid(4).toUpper()));
        QVERIFY(!model.removeSession(sid(4)));
        QCOMPARE(sig.removed.size(), 1);
        QVERIFY(!four.isValid());
        QCOMPARE(two.data(SessionListModel::SessionIdRole).toString(), sid(2));

        // 6. Empty, and back.
        model.setSessions(QList<vigie::Session>{});
        QCOMPARE(model.rowCount(), 0);
        model.setSessions(sessions({{sid(1), true}, {sid(2)}}));
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(sig.reset.size(), 0);
        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }

    void duplicateIdsAreListedOnce()
    {
        SessionListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setSessions(sessions({{sid(1), true}, {sid(2)}, {sid(2)}}));
        QCOMPARE(model.rowCount(), 2);
    }

    void manySessions()
    {
        QList<vigie::Session> list;
        for (int i = 0; i < 5000; ++i)
            list.append(makeSession({sid(i), i == 0, i * 30}, m_now));
        SessionListModel model;
        QElapsedTimer timer;
        timer.start();
        model.setSessions(list);
        const qint64 load = timer.restart();
        QCOMPARE(model.rowCount(), 5000);
        // The periodic refresh: a few sessions changed, one came back to the top.
        list[10].lastActivity = testsupport::timePoint(m_now);
        list.move(10, 1);
        list.removeAt(4000);
        list.append(makeSession({sid(9999)}, m_now));
        QPersistentModelIndex kept(model.index(3000, 0));
        const QString keptId = kept.data(SessionListModel::SessionIdRole).toString();
        model.setSessions(list);
        const qint64 update = timer.elapsed();
        QCOMPARE(model.rowCount(), 5000);
        QCOMPARE(kept.data(SessionListModel::SessionIdRole).toString(), keptId);
        qInfo("5000 sessions: first load %lld ms, update %lld ms", load, update);
        QVERIFY(load < 2000 && update < 2000);
    }
};

QTEST_GUILESS_MAIN(TestSessionListModel)
#include "tst_sessionlistmodel.moc"
