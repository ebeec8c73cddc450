#pragma once

#include <QFrame>

class QLabel;
class QPushButton;

namespace vigie::widgets {

// A strip above a view that says what went wrong or what happened, with an optional action
// ("Retry"). Its colours are derived from the current palette, so it reads well in light and
// dark themes; the kind is also said in words (an icon and the accessible name), never by
// colour alone.
class MessageBanner : public QFrame
{
    Q_OBJECT

public:
    enum class Kind { Information, Warning, Error };

    explicit MessageBanner(QWidget* parent = nullptr);

    // Shows the banner; an empty actionText hides the button, and so does an empty
    // secondaryText its own (placed before the main one: "It was me", then "Not me").
    void showMessage(Kind kind, const QString& text, const QString& actionText = {},
                     const QString& secondaryText = {});
    void setText(const QString& text);
    QString text() const;
    Kind kind() const { return m_kind; }

Q_SIGNALS:
    void actionTriggered();
    void secondaryActionTriggered();

protected:
    void paintEvent(QPaintEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void updateIcon();

    Kind m_kind = Kind::Information;
    QLabel* m_icon;
    QLabel* m_text;
    QPushButton* m_action;
    QPushButton* m_secondary;
};

} // namespace vigie::widgets
