#pragma once

#include <QLoggingCategory>

// The client's log category. Messages never contain a token or a password.
Q_DECLARE_LOGGING_CATEGORY(lcClient)
