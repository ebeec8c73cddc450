#pragma once

#include <QList>

class QSplitter;
class QTableView;

namespace vigie::widgets {

// Sizes a table's columns to their contents once data is there, then, when that is wider than
// the view, narrows the widest columns (never below their header, never those in keepWhole) so
// that every column stays in sight; the last column takes what is left.
void fitColumnsToView(QTableView* view, const QList<int>& keepWhole = {});

// Gives a two-pane vertical splitter's second pane the height it asks for (at most half), and
// the first pane the rest.
void fitSplitter(QSplitter* splitter, int secondPaneHeight);

} // namespace vigie::widgets
