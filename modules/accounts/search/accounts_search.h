#pragma once

namespace mams::module {
struct ModuleContext;
}

namespace mams::accounts {

/// Declares customers (name, customer number, credit code) and contacts (name; mobile and
/// phone found by the whole number only) to the search index, and answers the search box for
/// both within the caller's visibility. A search that finds contacts is logged (`pii.search`)
/// as any read of personal data is.
void AddAccountsSearch(module::ModuleContext& context);

}  // namespace mams::accounts
