#include "sync/link_store.h"

#include "node/storage/storage.h"

namespace mams::sync {
namespace {

constexpr char kSelectLink[] =
    "SELECT received_cursor, acked_cursor, load_id, load_page, load_table, load_after"
    " FROM sync_links WHERE peer = ?";
constexpr char kCountLinks[] = "SELECT COUNT(*) FROM sync_links";
constexpr char kSaveReceived[] =
    "UPDATE sync_links SET received_cursor = ?, updated_at = ? WHERE peer = ?";
constexpr char kSaveAcked[] =
    "UPDATE sync_links SET acked_cursor = ?, updated_at = ? WHERE peer = ?";
constexpr char kSaveLoad[] =
    "UPDATE sync_links SET load_id = ?, load_page = ?, load_table = ?, load_after = ?,"
    " updated_at = ? WHERE peer = ?";
constexpr char kWantLoads[] =
    "UPDATE sync_links SET load_id = '', load_page = 0, load_table = '', load_after = ''";
constexpr std::int64_t kNoLoad = -1;  ///< load_page when no load is wanted

}  // namespace

StoredLink LinkStore::Load(storage::Session& session, const std::string& peer,
                           const std::string& now) {
  session.Execute(
      session.dialect().InsertIgnore(
          "sync_links", {"peer", "received_cursor", "acked_cursor", "load_page", "updated_at"}),
      {peer, std::int64_t{0}, std::int64_t{0}, std::int64_t{0}, now});
  const auto rows = session.Query(kSelectLink, {peer});
  StoredLink stored;
  stored.received = rows[0].Int(0);
  stored.acked = rows[0].Int(1);
  if (rows[0].Int(3) >= 0) {
    stored.load_wanted =
        LoadPosition{rows[0].Text(2), rows[0].Int(3), rows[0].Text(4), rows[0].Text(5)};
  } else {
    stored.load_completed = rows[0].Text(2);
  }
  return stored;
}

bool LinkStore::Any(storage::Session& session) {
  return session.Query(kCountLinks).ScalarInt() > 0;
}

void LinkStore::SaveReceived(storage::Session& session, const std::string& peer,
                             std::int64_t cursor, const std::string& now) {
  session.Execute(kSaveReceived, {cursor, now, peer});
}

void LinkStore::SaveAcked(storage::Session& session, const std::string& peer, std::int64_t cursor,
                          const std::string& now) {
  session.Execute(kSaveAcked, {cursor, now, peer});
}

void LinkStore::SaveLoad(storage::Session& session, const std::string& peer, const LoadPosition& at,
                         bool last, const std::string& now) {
  session.Execute(kSaveLoad, {at.load, last ? kNoLoad : at.page, at.table, at.after, now, peer});
}

void LinkStore::WantLoadsEverywhere(storage::Session& session) { session.Execute(kWantLoads); }

}  // namespace mams::sync
