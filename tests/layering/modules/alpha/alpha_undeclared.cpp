// Fixture: alpha (DEPENDS beta) includes gamma, which it does not declare.
#include "modules/beta/api/beta.h"
#include "modules/gamma/api/gamma.h"
