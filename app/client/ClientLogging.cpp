#include "client/ClientLogging.h"

Q_LOGGING_CATEGORY(lcClient, "vigie.client")
