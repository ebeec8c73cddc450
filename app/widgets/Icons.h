#pragma once

#include <QIcon>
#include <QString>

class QLineEdit;

namespace vigie::widgets {

// The app's SVG icons (resources/icons). They are drawn in one colour and painted at paint time
// in the palette's text colour (highlighted text when selected, the disabled shade when
// disabled), so that they follow the light or dark palette and stay sharp at any scale.
namespace Icons {

// A monochrome icon by file name without ".svg": "refresh", "copy", "warning"…
QIcon icon(const QString& name);
// The icon of a session's device_type ("desktop", "mobile", "tablet", "app", "bot", anything
// else "unknown").
QIcon deviceIcon(const QString& deviceType);
// The app's own icon, in its colours.
QIcon appIcon();

// The buttons Qt puts inside a line edit are buttons to assistive technology: this adds a
// named search icon (when search is true) and names the clear button of a field that has one.
void decorateField(QLineEdit* edit, bool search);

} // namespace Icons

} // namespace vigie::widgets
