// Fixture: alpha (DEPENDS beta) includes an internal header of beta.

#include "modules/beta/beta_store.h"
