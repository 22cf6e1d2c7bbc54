#include "sync/sync_leadership.h"

#include <Poco/Logger.h>
#include <fcntl.h>
#include <openssl/evp.h>
#include <sys/file.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <iostream>

#include "node/common/errors.h"
#include "node/config/node_config.h"
#include "node/storage/storage.h"

namespace mams::sync {
namespace {

constexpr auto kRetry = std::chrono::milliseconds(1000);
/// MariaDB lock names are at most 64 characters.
constexpr std::size_t kMaxLockName = 64;

/// "mams-sync:DATABASE/NODE". Lock names are server-wide, so the database is part of it: two
/// hierarchies (say staging and production) on one server never wait for each other. Too long
/// a name becomes a digest of it.
std::string LockName(const config::NodeConfig& config) {
  const std::string key = (config.storage.mysql ? config.storage.mysql->database : std::string()) +
                          "/" + config.node.id;
  const std::string name = "mams-sync:" + key;
  if (name.size() <= kMaxLockName) {
    return name;
  }
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EVP_Digest(key.data(), key.size(), digest, &size, EVP_sha256(), nullptr);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  for (unsigned int i = 0; i < size; ++i) {
    hex += kHex[digest[i] >> 4];
    hex += kHex[digest[i] & 0x0f];
  }
  return ("mams-sync:" + hex).substr(0, kMaxLockName);
}

}  // namespace

SyncLeadership::SyncLeadership(const config::NodeConfig& config, storage::Storage& storage,
                               std::function<void()> on_elected)
    : config_(config),
      storage_(storage),
      on_elected_(std::move(on_elected)),
      lock_name_(LockName(config)) {}

SyncLeadership::~SyncLeadership() { Stop(); }

void SyncLeadership::Start() {
  if (!config_.storage.mysql) {
    const std::string path = config_.storage.sqlite->path + ".node-lock";
    file_lock_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (file_lock_ < 0 || ::flock(file_lock_, LOCK_EX | LOCK_NB) != 0) {
      throw StartupError("storage.sqlite.path: another mams-node process already serves " +
                         config_.storage.sqlite->path + " (" +
                         config_.Where("storage.sqlite.path") +
                         "). SQLite takes one process per database; to run several processes "
                         "of one node, put it on MySQL/MariaDB.");
    }
    leader_ = true;
    on_elected_();
    return;
  }
  if (config_.storage.pool_size < 2) {
    throw StartupError(config_.Where("storage.pool_size") +
                       ": at least 2 on MySQL/MariaDB (one connection holds the sync leader lock)");
  }
  thread_ = std::thread([this] { Elect(); });
}

void SyncLeadership::StopElecting() {
  stop_ = true;
  if (thread_.joinable()) {
    thread_.join();
  }
}

void SyncLeadership::Stop() {
  StopElecting();
  if (lock_session_ && leader_) {
    // The connection goes back to the pool, which keeps it open: give the lock up now, so a
    // sibling takes over at once and no pooled connection keeps holding it.
    try {
      lock_session_->Query("SELECT RELEASE_LOCK(?)", {lock_name_});
    } catch (const std::exception&) {
      // a broken connection has lost the lock already
    }
    leader_ = false;
  }
  lock_session_.reset();
  if (file_lock_ >= 0) {
    ::close(file_lock_);
    file_lock_ = -1;
  }
}

std::string SyncLeadership::role() const {
  if (!config_.storage.mysql) {
    return "single";
  }
  return leader_ ? "leader" : "follower";
}

void SyncLeadership::Elect() {
  Poco::Logger& log = Poco::Logger::get("mams.sync");
  bool waiting_logged = false;
  while (!stop_.load()) {
    try {
      if (!lock_session_) {
        lock_session_ = storage_.Open();
      }
      if (!leader_) {
        const auto got = lock_session_->Query("SELECT GET_LOCK(?, 0)", {lock_name_});
        if (got.size() == 1 && !got[0].IsNull(0) && got[0].Int(0) == 1) {
          leader_ = true;
          log.information("sync: this process leads node %s's sync links (lock %s)",
                          config_.node.id, lock_name_);
          on_elected_();
        } else if (!waiting_logged) {
          log.information(
              "sync: another process of node %s leads the sync links; this one "
              "serves HTTP and stands by",
              config_.node.id);
          waiting_logged = true;
        }
      } else {
        const auto held =
            lock_session_->Query("SELECT IS_USED_LOCK(?) = CONNECTION_ID()", {lock_name_});
        if (held.size() != 1 || held[0].IsNull(0) || held[0].Int(0) != 1) {
          throw std::runtime_error("the lock " + lock_name_ + " is no longer held");
        }
      }
    } catch (const std::exception& e) {
      if (leader_) {
        // Another process may lead by now: stop every sync write at once.
        log.fatal(
            "sync: lost the sync leadership of node %s (%s); exiting so the supervisor "
            "restarts this process as a follower",
            config_.node.id, std::string(e.what()));
        std::cerr << "mams-node: lost the sync leadership (" << e.what() << "); exiting\n";
        std::_Exit(EXIT_FAILURE);
      }
      lock_session_.reset();  // a broken connection: a new one next time
    }
    const auto until = std::chrono::steady_clock::now() + kRetry;
    while (!stop_.load() && std::chrono::steady_clock::now() < until) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }
}

}  // namespace mams::sync
