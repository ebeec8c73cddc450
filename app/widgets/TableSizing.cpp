#include "widgets/TableSizing.h"

#include <QHeaderView>
#include <QScrollBar>
#include <QTableView>
#include <algorithm>
#include <numeric>

namespace vigie::widgets {

void fitColumnsToView(QTableView* view, const QList<int>& keepWhole)
{
    if (!view->model() || view->model()->columnCount() == 0)
        return;
    QHeaderView* header = view->horizontalHeader();
    const int count = view->model()->columnCount();
    constexpr int kAir = 14;
    QList<int> widths(count);
    QList<int> minimums(count);
    for (int c = 0; c < count; ++c) {
        view->resizeColumnToContents(c);
        widths[c] = view->columnWidth(c) + kAir;
        minimums[c] =
            keepWhole.contains(c) ? widths[c] : qMin(widths[c], qMax(header->sectionSizeHint(c), 70));
    }
    const int available = view->viewport()->width() - (view->verticalScrollBar()->isVisible() ? 0 : 2);
    int total = std::accumulate(widths.begin(), widths.end(), 0);
    // Take the excess from the widest columns first, a little at a time.
    while (total > available) {
        int widest = -1;
        for (int c = 0; c < count; ++c)
            if (widths[c] > minimums[c] && (widest < 0 || widths[c] > widths[widest]))
                widest = c;
        if (widest < 0)
            break;
        const int step = qMin(qMin(total - available, 8), widths[widest] - minimums[widest]);
        widths[widest] -= step;
        total -= step;
    }
    for (int c = 0; c < count - 1; ++c)
        view->setColumnWidth(c, widths[c]);
}

} // namespace vigie::widgets
