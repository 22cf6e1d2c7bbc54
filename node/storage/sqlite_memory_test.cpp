#include "node/storage/sqlite_memory.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <cstring>
#include <string>
#include <thread>
#include <vector>

namespace mams::storage {
namespace {

// SQLite takes an allocator only while it is shut down; no connection is open between tests.
void InstallFresh() {
  ASSERT_EQ(SQLITE_OK, sqlite3_shutdown());
  ASSERT_TRUE(InstallSqliteMemory());
  ASSERT_EQ(SQLITE_OK, sqlite3_initialize());
}

void Fill(void* block, int size, int seed) {
  auto* bytes = static_cast<unsigned char*>(block);
  for (int i = 0; i < size; ++i) {
    bytes[i] = static_cast<unsigned char>(seed + i);
  }
}

bool Holds(const void* block, int size, int seed) {
  const auto* bytes = static_cast<const unsigned char*>(block);
  for (int i = 0; i < size; ++i) {
    if (bytes[i] != static_cast<unsigned char>(seed + i)) {
      return false;
    }
  }
  return true;
}

// Blocks kept for reuse come back with their full size; growing keeps the content, across
// the line between kept sizes and malloc'd ones; blocks freed on another thread and threads
// that exit with blocks kept lose nothing.
TEST(SqliteMemory, KeepsContentAcrossReuseGrowthAndThreads) {
  InstallFresh();
  std::vector<void*> handed_over(64, nullptr);
  std::thread producer([&] {
    for (int round = 0; round < 50; ++round) {
      std::vector<void*> blocks;
      for (int size = 1; size <= 1500; size += 37) {
        void* block = sqlite3_malloc(size);
        ASSERT_NE(nullptr, block);
        ASSERT_GE(sqlite3_msize(block), static_cast<sqlite3_uint64>(size));
        Fill(block, size, size + round);
        blocks.push_back(block);
      }
      for (std::size_t i = 0; i < blocks.size(); ++i) {
        const int size = 1 + 37 * static_cast<int>(i);
        ASSERT_TRUE(Holds(blocks[i], size, size + round)) << "size " << size;
        void* grown = sqlite3_realloc(blocks[i], size * 2 + 100);
        ASSERT_NE(nullptr, grown);
        ASSERT_TRUE(Holds(grown, size, size + round)) << "grown from " << size;
        sqlite3_free(grown);
      }
    }
    for (std::size_t i = 0; i < handed_over.size(); ++i) {
      handed_over[i] = sqlite3_malloc(static_cast<int>(8 + 8 * i));
      Fill(handed_over[i], static_cast<int>(8 + 8 * i), static_cast<int>(i));
    }
  });
  producer.join();  // exits with blocks in its cache
  std::thread consumer([&] {
    for (std::size_t i = 0; i < handed_over.size(); ++i) {
      EXPECT_TRUE(Holds(handed_over[i], static_cast<int>(8 + 8 * i), static_cast<int>(i)));
      sqlite3_free(handed_over[i]);
    }
  });
  consumer.join();
}

// SQLite itself on the allocator: text values of every size class, read back by threads
// that each have their own connection to one shared in-memory database.
TEST(SqliteMemory, ServesSqliteOnManyThreads) {
  InstallFresh();
  const char* uri = "file:sqlite_memory_test?mode=memory&cache=shared";
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_URI;
  sqlite3* owner = nullptr;
  ASSERT_EQ(SQLITE_OK, sqlite3_open_v2(uri, &owner, flags, nullptr));
  ASSERT_EQ(SQLITE_OK, sqlite3_exec(owner, "CREATE TABLE t (n INTEGER PRIMARY KEY, v TEXT)",
                                    nullptr, nullptr, nullptr));
  sqlite3_stmt* insert = nullptr;
  ASSERT_EQ(SQLITE_OK,
            sqlite3_prepare_v2(owner, "INSERT INTO t VALUES (?, ?)", -1, &insert, nullptr));
  for (int n = 0; n < 700; ++n) {
    const std::string value(static_cast<std::size_t>(n), static_cast<char>('a' + n % 26));
    sqlite3_bind_int(insert, 1, n);
    sqlite3_bind_text(insert, 2, value.c_str(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
    ASSERT_EQ(SQLITE_DONE, sqlite3_step(insert));
    sqlite3_reset(insert);
  }
  sqlite3_finalize(insert);

  std::vector<int> wrong(4, 0);
  std::vector<std::thread> readers;
  for (int t = 0; t < 4; ++t) {
    readers.emplace_back([&, t] {
      sqlite3* db = nullptr;
      if (sqlite3_open_v2(uri, &db, flags, nullptr) != SQLITE_OK) {
        wrong[t] = -1;
        return;
      }
      sqlite3_stmt* select = nullptr;
      sqlite3_prepare_v2(db, "SELECT n, v FROM t ORDER BY n", -1, &select, nullptr);
      for (int round = 0; round < 20; ++round) {
        while (sqlite3_step(select) == SQLITE_ROW) {
          const int n = sqlite3_column_int(select, 0);
          const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(select, 1));
          const std::string expected(static_cast<std::size_t>(n), static_cast<char>('a' + n % 26));
          if (sqlite3_column_bytes(select, 1) != n ||
              std::memcmp(text, expected.data(), expected.size()) != 0) {
            ++wrong[t];
          }
        }
        sqlite3_reset(select);
      }
      sqlite3_finalize(select);
      sqlite3_close(db);
    });
  }
  for (auto& reader : readers) {
    reader.join();
  }
  sqlite3_close(owner);
  EXPECT_EQ((std::vector<int>{0, 0, 0, 0}), wrong);
}

}  // namespace
}  // namespace mams::storage
