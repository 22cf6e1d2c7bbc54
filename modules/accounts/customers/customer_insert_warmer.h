#pragma once

#include <string>

namespace mams::storage {
class Session;
}

namespace mams::accounts {

struct CustomerRecord;

/// Reads, before the write transaction begins, the pages of the `customers` and
/// `customer_events` indexes that inserting `customer` will change (part of the repository
/// layer; the audit log's indexes are not read). SQLite lets one connection write at a time: a
/// create that finds one of those pages dropped from the OS page cache reads it back from disk
/// while holding the write lock, and every create behind it waits (p99 0.2–1 s on machines that
/// reclaim idle file pages; bench/RESULTS.md). Read first, those disk reads happen side by side and
/// unlocked. SQLite only (the statements name their indexes); nothing is done on MySQL, whose row
/// locks do not queue creates behind one another. `name_key` is the row's NormaliseCompanyName.
void WarmCustomerInsert(storage::Session& session, const CustomerRecord& customer,
                        const std::string& name_key);

}  // namespace mams::accounts
