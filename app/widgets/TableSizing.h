#pragma once

#include <QList>

class QTableView;

namespace vigie::widgets {

// Sizes a table's columns to their contents once data is there, then, when that is wider than
// the view, narrows the widest columns (never below their header, never those in keepWhole) so
// that every column stays in sight; the last column takes what is left.
void fitColumnsToView(QTableView* view, const QList<int>& keepWhole = {});

} // namespace vigie::widgets
