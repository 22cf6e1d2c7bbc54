#include "node/storage/sqlite_memory.h"

#include <sqlite3.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>

namespace mams::storage {
namespace {

// Each block starts with a header holding its usable size; sixteen bytes keep malloc's
// alignment for what follows.
constexpr std::size_t kHeader = 16;
constexpr std::size_t kGranule = 16;
// Blocks of up to this many usable bytes are kept: text values, cursors, small records.
// Pages (4 KiB and more) go straight to malloc, as the page cache keeps them itself.
constexpr std::size_t kLargestKept = 512;
constexpr std::size_t kClasses = kLargestKept / kGranule;
// At most this many blocks per size and thread: a get by id frees about twenty in all, and
// the bound keeps a thread's cache under 150 KiB.
constexpr std::uint16_t kKeptPerClass = 16;

struct FreeBlock {
  FreeBlock* next;
};

// Zero-initialised and trivially destructible, so usable at any time in a thread's life,
// even while it exits.
struct ThreadCache {
  FreeBlock* heads[kClasses];
  std::uint16_t counts[kClasses];
  bool armed;   ///< the releaser below is set up to empty this cache at thread exit
  bool closed;  ///< the thread is exiting: blocks go back to malloc
};
thread_local ThreadCache cache;

// Gives the kept blocks back when the thread exits; set up by the first block kept.
struct CacheReleaser {
  void Arm() { cache.armed = true; }
  ~CacheReleaser() {
    cache.closed = true;
    for (std::size_t i = 0; i < kClasses; ++i) {
      while (FreeBlock* block = cache.heads[i]) {
        cache.heads[i] = block->next;
        std::free(reinterpret_cast<char*>(block) - kHeader);
      }
      cache.counts[i] = 0;
    }
  }
};
thread_local CacheReleaser releaser;

std::size_t Usable(int bytes) {
  const auto wanted = static_cast<std::size_t>(bytes > 0 ? bytes : 1);
  return (wanted + kGranule - 1) / kGranule * kGranule;
}

std::size_t SizeClass(std::size_t usable) { return usable / kGranule - 1; }

std::size_t& UsableOf(void* block) {
  return *reinterpret_cast<std::size_t*>(static_cast<char*>(block) - kHeader);
}

void* FromMalloc(std::size_t usable) {
  void* raw = std::malloc(kHeader + usable);
  if (raw == nullptr) {
    return nullptr;
  }
  *static_cast<std::size_t*>(raw) = usable;
  return static_cast<char*>(raw) + kHeader;
}

void* Allocate(int bytes) {
  const std::size_t usable = Usable(bytes);
  if (usable <= kLargestKept) {
    const std::size_t size_class = SizeClass(usable);
    if (FreeBlock* block = cache.heads[size_class]) {
      cache.heads[size_class] = block->next;
      --cache.counts[size_class];
      return block;
    }
  }
  return FromMalloc(usable);
}

void Release(void* block) {
  if (block == nullptr) {
    return;
  }
  const std::size_t usable = UsableOf(block);
  if (usable <= kLargestKept && !cache.closed) {
    const std::size_t size_class = SizeClass(usable);
    if (cache.counts[size_class] < kKeptPerClass) {
      if (!cache.armed) {
        releaser.Arm();  // constructs the thread's releaser, so it runs at thread exit
      }
      auto* free_block = static_cast<FreeBlock*>(block);
      free_block->next = cache.heads[size_class];
      cache.heads[size_class] = free_block;
      ++cache.counts[size_class];
      return;
    }
  }
  std::free(static_cast<char*>(block) - kHeader);
}

int SizeOf(void* block) { return block == nullptr ? 0 : static_cast<int>(UsableOf(block)); }

void* Resize(void* block, int bytes) {
  const std::size_t usable = Usable(bytes);
  const std::size_t had = UsableOf(block);
  if (usable <= had) {
    return block;  // SQLite asks xSize what it got, so a block is never shrunk
  }
  if (had > kLargestKept && usable > kLargestKept) {
    void* raw = std::realloc(static_cast<char*>(block) - kHeader, kHeader + usable);
    if (raw == nullptr) {
      return nullptr;  // SQLite keeps the old block
    }
    *static_cast<std::size_t*>(raw) = usable;
    return static_cast<char*>(raw) + kHeader;
  }
  void* moved = Allocate(bytes);
  if (moved == nullptr) {
    return nullptr;
  }
  std::memcpy(moved, block, had);  // had < usable here
  Release(block);
  return moved;
}

int RoundUp(int bytes) { return static_cast<int>(Usable(bytes)); }
int Init(void*) { return SQLITE_OK; }
void Shutdown(void*) {}

}  // namespace

bool InstallSqliteMemory() {
  static const sqlite3_mem_methods methods = {Allocate, Release, Resize,   SizeOf,
                                              RoundUp,  Init,    Shutdown, nullptr};
  return sqlite3_config(SQLITE_CONFIG_MALLOC, &methods) == SQLITE_OK;
}

}  // namespace mams::storage
