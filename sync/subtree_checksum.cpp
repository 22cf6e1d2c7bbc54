#include "sync/subtree_checksum.h"

#include <openssl/evp.h>

#include <memory>
#include <stdexcept>

#include "node/auth/data_scope.h"
#include "node/storage/storage.h"
#include "sync/sync_catalog.h"

namespace mams::sync {
namespace {

constexpr std::int64_t kPageRows = 10000;

/// Incremental SHA-256 (OpenSSL EVP).
class Sha256 {
 public:
  Sha256() : context_(EVP_MD_CTX_new(), EVP_MD_CTX_free) {
    if (!context_ || EVP_DigestInit_ex(context_.get(), EVP_sha256(), nullptr) != 1) {
      throw std::runtime_error("SHA-256 is not available");
    }
  }
  void Add(const std::string& text) {
    // Each field ends with a 0 byte, so that ("ab", "c") and ("a", "bc") differ.
    EVP_DigestUpdate(context_.get(), text.data(), text.size());
    EVP_DigestUpdate(context_.get(), "", 1);
  }
  std::string HexDigest() {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_DigestFinal_ex(context_.get(), digest, &length);
    static const char kHex[] = "0123456789abcdef";
    std::string hex;
    for (unsigned int i = 0; i < length; ++i) {
      hex += kHex[digest[i] >> 4];
      hex += kHex[digest[i] & 0x0f];
    }
    return hex;
  }

 private:
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context_;
};

}  // namespace

std::vector<TableChecksum> SubtreeChecksums(storage::Session& session, const SyncCatalog& catalog,
                                            const auth::DataScope& scope) {
  std::vector<TableChecksum> result;
  for (const SyncTable& table : catalog.tables()) {
    TableChecksum checksum;
    checksum.table = table.name;
    Sha256 sha;
    std::string after;
    while (true) {
      // Table names are the catalog's; ids and orgs are bound values.
      storage::SqlParams params{after};
      std::string sql =
          "SELECT id, version, version_node, deleted FROM " + table.by_id + " WHERE id > ?";
      if (table.direction == module::SyncDirection::kUp) {
        sql += " AND " + scope.SqlCondition("org_code", &params);
      }
      params.emplace_back(kPageRows);
      const auto rows = session.Query(sql + " ORDER BY id LIMIT ?", params);
      for (std::size_t i = 0; i < rows.size(); ++i) {
        for (std::size_t column = 0; column < 4; ++column) {
          sha.Add(rows[i].Text(column));
        }
      }
      checksum.rows += static_cast<std::int64_t>(rows.size());
      if (static_cast<std::int64_t>(rows.size()) < kPageRows) {
        break;
      }
      after = rows[rows.size() - 1].Text(0);
    }
    checksum.sha256 = sha.HexDigest();
    result.push_back(checksum);
  }
  return result;
}

std::string CombinedChecksum(const std::vector<TableChecksum>& tables) {
  Sha256 sha;
  for (const auto& table : tables) {
    sha.Add(table.table);
    sha.Add(table.sha256);
  }
  return sha.HexDigest();
}

}  // namespace mams::sync
