#include "widgets/ListDetailsSplit.h"

#include <QAbstractItemView>
#include <QEvent>
#include <QHeaderView>
#include <QSplitter>
#include <QTableView>

namespace vigie::widgets {

ListDetailsSplit::ListDetailsSplit(QSplitter* splitter, QAbstractItemView* list,
                                   std::function<int()> detailsHeight, QObject* parent)
    : QObject(parent), m_splitter(splitter), m_list(list), m_detailsHeight(std::move(detailsHeight))
{
    Q_ASSERT(splitter->count() == 2 && splitter->orientation() == Qt::Vertical);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 0);
    splitter->setCollapsible(0, false);
    splitter->setCollapsible(1, true); // only by this rule, or by dragging the handle
    splitter->installEventFilter(this);
    // Enter or a double click on a row: its details, with the keyboard there.
    connect(list, &QAbstractItemView::activated, this, [this] {
        showDetails();
        m_splitter->widget(1)->setFocus();
    });
}

int ListDetailsSplit::detailsShare(int total) const
{
    // The details pane scrolls; a list squeezed to two rows is useless. The pane never gets
    // less than its minimum, though (its buttons).
    return qMax(qMin(m_detailsHeight(), total * 2 / 5), m_splitter->widget(1)->minimumSizeHint().height());
}

int ListDetailsSplit::rowsHeight() const
{
    const auto* table = qobject_cast<const QTableView*>(m_list.data());
    const int row = table ? table->verticalHeader()->defaultSectionSize() : m_list->sizeHintForRow(0);
    return kMinimumRows * qMax(row, 1);
}

bool ListDetailsSplit::isCramped() const
{
    const int total = m_splitter->height() - m_splitter->handleWidth();
    // What the list takes besides its rows (frame, header, scroll bar), as laid out.
    int overhead = m_list->height() - m_list->viewport()->height();
    if (auto* table = qobject_cast<QTableView*>(m_list.data()); table && m_list->height() <= 0)
        overhead = 2 * m_list->frameWidth() + table->horizontalHeader()->sizeHint().height();
    return total - detailsShare(total) < overhead + rowsHeight();
}

void ListDetailsSplit::fit()
{
    m_fitted = true;
    const int total = m_splitter->height() - m_splitter->handleWidth();
    // Not laid out yet (a page not shown so far): the first resize fits it.
    m_sized = total > 0;
    if (!m_sized)
        return;
    m_wasCramped = isCramped();
    if (m_wasCramped) {
        m_splitter->setSizes({total, 0});
        return;
    }
    const int details = detailsShare(total);
    m_splitter->setSizes({total - details, details});
}

void ListDetailsSplit::showDetails()
{
    if (!isFolded())
        return;
    const int total = m_splitter->height() - m_splitter->handleWidth();
    const int details = detailsShare(total);
    m_splitter->setSizes({total - details, details});
}

bool ListDetailsSplit::isFolded() const
{
    return m_splitter->sizes().value(1) == 0;
}

bool ListDetailsSplit::eventFilter(QObject* watched, QEvent* event)
{
    // Queued: the splitter lays its panes out for the new height first.
    if (watched == m_splitter && event->type() == QEvent::Resize && m_fitted)
        QMetaObject::invokeMethod(
            this,
            [this] {
                if (!m_splitter)
                    return;
                // Shrinking keeps the details' height and squeezes the list: fit again then too.
                const bool listSqueezed = !isFolded() && m_list->viewport()->height() < rowsHeight();
                if (!m_sized || listSqueezed || isCramped() != m_wasCramped)
                    fit();
            },
            Qt::QueuedConnection);
    return QObject::eventFilter(watched, event);
}

} // namespace vigie::widgets
