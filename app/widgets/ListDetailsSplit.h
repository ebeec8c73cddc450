#pragma once

#include <QObject>
#include <QPointer>
#include <functional>

class QAbstractItemView;
class QSplitter;

namespace vigie::widgets {

// A list above its details pane in a vertical splitter: the one rule for the account's session
// list and the support view's. The details get the height they ask for, at most two fifths
// and never less than their minimum; when that would leave the list fewer than kMinimumRows
// rows (a short window, a large scale), the details fold away and the list takes the height.
// Activating a row (Enter, a double click) opens folded details and moves the keyboard focus
// there. Resizing the window fits the
// panes again when it crosses that threshold, or when it squeezes the list below it.
class ListDetailsSplit : public QObject
{
    Q_OBJECT

public:
    static constexpr int kMinimumRows = 3;

    ListDetailsSplit(QSplitter* splitter, QAbstractItemView* list, std::function<int()> detailsHeight,
                     QObject* parent);

    // Sizes the panes for the splitter's height now (or at its first layout); call it once the
    // list has rows. From then on, resizes fit them again as above.
    void fit();
    // Opens the details pane if it is folded (it then gets its height even on a short window).
    void showDetails();
    bool isFolded() const;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    // Whether the splitter is too short for both the list's minimum rows and the details.
    bool isCramped() const;
    int detailsShare(int total) const;
    int rowsHeight() const; // of kMinimumRows rows

    QPointer<QSplitter> m_splitter;
    QPointer<QAbstractItemView> m_list;
    std::function<int()> m_detailsHeight;
    bool m_fitted = false; // fit() was asked for
    bool m_sized = false;  // and done, at a height
    bool m_wasCramped = false;
};

} // namespace vigie::widgets
