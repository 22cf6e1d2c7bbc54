// Fixture: alpha (DEPENDS beta) uses beta's public header and the core.
#include "modules/alpha/alpha.h"
#include "modules/beta/api/beta.h"
#include "node/http/json.h"
