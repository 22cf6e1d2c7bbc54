// mams_bench_raw_customers: the raw-database baselines of bench/run_customers.sh. The same SQL
// mams-node runs for a customer, straight on the SQLite C API with prepared statements kept for
// the whole run: no HTTP, no POCO, no JSON. Not a test and not shipped.
//
//   mams_bench_raw_customers get    DB IDS_FILE SECONDS THREADS
//       SELECT <the 21 columns mams-node reads> FROM customers WHERE id = ?, one random id of
//       IDS_FILE (one per line) per call, every column read.
//   mams_bench_raw_customers get-as-node DB IDS_FILE SECONDS THREADS SCOPE_FILE
//       The same rows the way mams-node asks for them: WHERE id = ? AND deleted = 0 (SCOPE_FILE
//       "-"; mams-node since b8cd5f5) or WHERE deleted = 0 AND org_code IN (the org codes of
//       SCOPE_FILE, one per line) AND id = ? (before), then the customer's managers; both
//       statements kept prepared, as mams-node's statement cache keeps them (no HTTP, no POCO).
//   mams_bench_raw_customers list   DB SECONDS THREADS ORDER_BY WHERE [PARAM...]
//       Per call: SELECT COUNT(*) FROM customers WHERE ..., the first page's ids,
//       SELECT id FROM customers WHERE ... ORDER BY ... LIMIT 50 OFFSET 0, then those rows
//       (every column read) and their managers. WHERE is the SQL after "WHERE", with ? for the
//       PARAMs (bound as text).
//   mams_bench_raw_customers plan   DB ORDER_BY WHERE [PARAM...]
//       EXPLAIN QUERY PLAN of the two list statements.
//   mams_bench_raw_customers query  DB SECONDS THREADS SQL PARAMS_FILE
//       Per call: SQL with the values of a random line of PARAMS_FILE (tab-separated, bound as
//       text), every row read. Prints ROWS= (rows read in all) after RESULT.
//   mams_bench_raw_customers insert DB ROWS_TSV FIRST_ROW SECONDS [MAX_ROWS]
//       One INSERT INTO customers per transaction (BEGIN IMMEDIATE ... COMMIT) with
//       synchronous=FULL, rows FIRST_ROW, FIRST_ROW+1, ... of ROWS_TSV (name, creditCode,
//       industry, level, org, state, relationshipGrade, address, tags, remarks; tab-separated,
//       tags ';'-separated), for SECONDS. Every column of the table gets a value the way
//       mams-node fills it (new time-ordered id, generated customer number, timestamps, ...).
//       Stops early after MAX_ROWS rows (prints ROWS_EXHAUSTED=1; the rate stays per second).
//
// Prints one line: "RESULT ops=N seconds=S p95_ms=C per_s=R p50_ms=A p99_ms=B" (and for insert
// "ROWS_USED=N" before it). Exit status 1 on any database error or a missing row.
#include <sqlite3.h>

#include <algorithm>
#include <cctype>
#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fstream>
#include <iostream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

constexpr char kColumns[] =
    "SELECT id, customer_no, name, credit_code, industry, level, org_code, state,"
    " state_changed_at, value_grade, relationship_grade, revenue_12m, parent_id, address, tags,"
    " remarks, merged_into, created_at, created_by, version, updated_at FROM customers";
constexpr std::size_t kPageSize = 50;  // limit=50 in bench/run_customers.sh

[[noreturn]] void Fail(sqlite3* db, const std::string& what) {
  throw std::runtime_error(what + ": " + (db != nullptr ? sqlite3_errmsg(db) : "?"));
}

class Db {
 public:
  explicit Db(const std::string& path) {
    if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX,
                        nullptr) != SQLITE_OK) {
      Fail(db_, "open " + path);
    }
    sqlite3_busy_timeout(db_, 5000);
  }
  ~Db() { sqlite3_close_v2(db_); }
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;

  void Exec(const std::string& sql) {
    char* error = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
      const std::string message = error != nullptr ? error : "?";
      sqlite3_free(error);
      throw std::runtime_error(sql + ": " + message);
    }
  }
  sqlite3* get() const { return db_; }

 private:
  sqlite3* db_ = nullptr;
};

class Stmt {
 public:
  Stmt(Db& db, const std::string& sql) : db_(db.get()) {
    if (sqlite3_prepare_v3(db_, sql.c_str(), -1, SQLITE_PREPARE_PERSISTENT, &stmt_, nullptr) !=
        SQLITE_OK) {
      Fail(db_, "prepare " + sql);
    }
  }
  ~Stmt() { sqlite3_finalize(stmt_); }
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;

  void Text(int index, const std::string& value) {
    sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
  }
  void Int(int index, std::int64_t value) { sqlite3_bind_int64(stmt_, index, value); }
  void Null(int index) { sqlite3_bind_null(stmt_, index); }
  /// Steps to the end; reads every column of every row. Returns the number of rows.
  std::size_t Drain(std::size_t* bytes) {
    std::size_t rows = 0;
    int rc = 0;
    while ((rc = sqlite3_step(stmt_)) == SQLITE_ROW) {
      ++rows;
      const int columns = sqlite3_column_count(stmt_);
      for (int c = 0; c < columns; ++c) {
        sqlite3_column_text(stmt_, c);
        *bytes += static_cast<std::size_t>(sqlite3_column_bytes(stmt_, c));
      }
    }
    if (rc != SQLITE_DONE) {
      Fail(db_, "step");
    }
    sqlite3_reset(stmt_);
    return rows;
  }
  void Run() {
    if (sqlite3_step(stmt_) != SQLITE_DONE) {
      Fail(db_, "step");
    }
    sqlite3_reset(stmt_);
  }
  sqlite3_stmt* get() const { return stmt_; }

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

double Seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }

struct Tally {
  std::uint64_t ops = 0;
  std::vector<float> latency_ms;
};

void Report(const std::vector<Tally>& tallies, double seconds) {
  std::vector<float> all;
  std::uint64_t ops = 0;
  for (const auto& t : tallies) {
    ops += t.ops;
    all.insert(all.end(), t.latency_ms.begin(), t.latency_ms.end());
  }
  auto quantile = [&](double q) -> double {
    if (all.empty()) {
      return 0;
    }
    const auto at = static_cast<std::size_t>(q * static_cast<double>(all.size() - 1));
    std::nth_element(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(at), all.end());
    return all[at];
  };
  const double p50 = quantile(0.50);
  const double p95 = quantile(0.95);
  const double p99 = quantile(0.99);
  std::printf("RESULT ops=%llu seconds=%.3f p95_ms=%.3f per_s=%.1f p50_ms=%.3f p99_ms=%.3f\n",
              static_cast<unsigned long long>(ops), seconds, p95,
              static_cast<double>(ops) / seconds, p50, p99);
}

/// Runs body(thread_index, tally) on THREADS threads until SECONDS have passed.
template <typename Body>
void RunThreads(int threads, double seconds, Body body) {
  std::vector<Tally> tallies(static_cast<std::size_t>(threads));
  std::vector<std::thread> workers;
  std::atomic<bool> failed{false};
  const auto start = Clock::now();
  const auto deadline = start + std::chrono::duration_cast<Clock::duration>(
                                    std::chrono::duration<double>(seconds));
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      try {
        body(t, deadline, &tallies[static_cast<std::size_t>(t)]);
      } catch (const std::exception& e) {
        std::cerr << "thread " << t << ": " << e.what() << "\n";
        failed = true;
      }
    });
  }
  for (auto& w : workers) {
    w.join();
  }
  if (failed) {
    throw std::runtime_error("a worker failed");
  }
  Report(tallies, Seconds(Clock::now() - start));
}

/// Calls op() until the deadline, at least once, timing each call into `tally`.
template <typename Op>
void TimeEach(Clock::time_point deadline, Tally* tally, Op op) {
  auto now = Clock::now();
  do {
    op();
    const auto after = Clock::now();
    tally->latency_ms.push_back(static_cast<float>(Seconds(after - now) * 1000));
    ++tally->ops;
    now = after;
  } while (now < deadline);
}

void BindAll(Stmt& stmt, const std::vector<std::string>& params) {
  for (std::size_t i = 0; i < params.size(); ++i) {
    stmt.Text(static_cast<int>(i + 1), params[i]);
  }
}

std::vector<std::string> ReadLines(const std::string& file) {
  std::vector<std::string> lines;
  std::ifstream in(file);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) {
      lines.push_back(line);
    }
  }
  if (lines.empty()) {
    throw std::runtime_error("nothing in " + file);
  }
  return lines;
}

/// get as mams-node issues it (modules/accounts/customers/customer_repository.cpp, Find + LoadManagers):
/// the customer by id (WHERE id = ? AND deleted = 0; with a SCOPE_FILE other than "-", as
/// before b8cd5f5: WHERE deleted = 0 AND org_code IN (scope) AND id = ?), then its managers;
/// both statements kept prepared, as mams-node's statement cache keeps them.
int GetAsNode(const std::string& path, const std::string& ids_file, double seconds, int threads,
              const std::string& scope_file) {
  const std::vector<std::string> ids = ReadLines(ids_file);
  const std::vector<std::string> scope =
      scope_file == "-" ? std::vector<std::string>{} : ReadLines(scope_file);
  std::string find = std::string(kColumns) + " WHERE id = ? AND deleted = 0";
  if (!scope.empty()) {
    std::string in = "?";
    for (std::size_t i = 1; i < scope.size(); ++i) {
      in += ", ?";
    }
    find = std::string(kColumns) + " WHERE deleted = 0 AND org_code IN (" + in + ") AND id = ?";
  }
  const std::string managers =
      "SELECT user_id FROM customer_managers WHERE customer_id = ? AND deleted = 0 ORDER BY user_id";
  RunThreads(threads, seconds, [&](int t, Clock::time_point deadline, Tally* tally) {
    Db db(path);
    Stmt find_stmt(db, find);
    Stmt managers_stmt(db, managers);
    std::mt19937_64 random(0x5eed + static_cast<unsigned>(t));
    std::uniform_int_distribution<std::size_t> pick(0, ids.size() - 1);
    std::vector<std::string> params = scope;
    params.emplace_back();
    std::size_t bytes = 0;
    TimeEach(deadline, tally, [&] {
      params.back() = ids[pick(random)];
      BindAll(find_stmt, params);
      if (find_stmt.Drain(&bytes) != 1) {
        throw std::runtime_error("an id of the list is not in customers");
      }
      managers_stmt.Text(1, params.back());
      managers_stmt.Drain(&bytes);
    });
  });
  return 0;
}

/// Any statement, with the values of a random line of PARAMS_FILE (tab-separated) per call,
/// every row read: the database's own ways of searching (a LIKE scan, a full-text index).
int Query(const std::string& path, double seconds, int threads, const std::string& sql,
          const std::string& params_file) {
  std::vector<std::vector<std::string>> lines;
  for (const auto& line : ReadLines(params_file)) {
    std::vector<std::string> values;
    std::istringstream in(line);
    for (std::string value; std::getline(in, value, '\t');) {
      values.push_back(value);
    }
    lines.push_back(std::move(values));
  }
  std::atomic<std::uint64_t> rows_read{0};
  RunThreads(threads, seconds, [&](int t, Clock::time_point deadline, Tally* tally) {
    Db db(path);
    Stmt query(db, sql);
    std::mt19937_64 random(0x5eed + static_cast<unsigned>(t));
    std::uniform_int_distribution<std::size_t> pick(0, lines.size() - 1);
    std::size_t bytes = 0;
    TimeEach(deadline, tally, [&] {
      BindAll(query, lines[pick(random)]);
      rows_read += query.Drain(&bytes);
    });
  });
  std::printf("ROWS=%llu\n", static_cast<unsigned long long>(rows_read.load()));
  return 0;
}

int Get(const std::string& path, const std::string& ids_file, double seconds, int threads) {
  const std::vector<std::string> ids = ReadLines(ids_file);
  RunThreads(threads, seconds, [&](int t, Clock::time_point deadline, Tally* tally) {
    Db db(path);
    Stmt get(db, std::string(kColumns) + " WHERE id = ?");
    std::mt19937_64 random(0x5eed + static_cast<unsigned>(t));
    std::uniform_int_distribution<std::size_t> pick(0, ids.size() - 1);
    std::size_t bytes = 0;
    TimeEach(deadline, tally, [&] {
      get.Text(1, ids[pick(random)]);
      if (get.Drain(&bytes) != 1) {
        throw std::runtime_error("an id of the list is not in customers");
      }
    });
  });
  return 0;
}

struct ListSql {
  std::string count;
  std::string page_ids;  ///< the page's ids in order (mams-node since this commit)
  std::string rows;      ///< then those rows
  std::string managers;  ///< and their managers
};

std::string Marks(std::size_t n) {
  std::string marks = "?";
  for (std::size_t i = 1; i < n; ++i) {
    marks += ", ?";
  }
  return marks;
}

ListSql MakeListSql(const std::string& order_by, const std::string& where) {
  return {"SELECT COUNT(*) FROM customers WHERE " + where,
          "SELECT id FROM customers WHERE " + where + " ORDER BY " + order_by +
              " LIMIT 50 OFFSET 0",
          std::string(kColumns) + " WHERE id IN (" + Marks(kPageSize) + ")",
          "SELECT customer_id, user_id FROM customer_managers WHERE customer_id IN (" +
              Marks(kPageSize) + ") AND deleted = 0 ORDER BY customer_id, user_id"};
}

/// Per call, the statements mams-node runs for a list (CustomerRepository::List): COUNT(*),
/// the page's ids, their rows, their managers; all kept prepared.
int List(const std::string& path, double seconds, int threads, const std::string& order_by,
         const std::string& where, const std::vector<std::string>& params) {
  const ListSql sql = MakeListSql(order_by, where);
  std::atomic<std::int64_t> last_total{-1};
  RunThreads(threads, seconds, [&](int, Clock::time_point deadline, Tally* tally) {
    Db db(path);
    Stmt count(db, sql.count);
    Stmt page(db, sql.page_ids);
    Stmt rows(db, sql.rows);
    Stmt managers(db, sql.managers);
    BindAll(count, params);
    BindAll(page, params);  // LIMIT and OFFSET are literals
    std::size_t bytes = 0;
    TimeEach(deadline, tally, [&] {  // at least once: the script also asks for TOTAL with a tiny SECONDS
      if (sqlite3_step(count.get()) != SQLITE_ROW) {
        Fail(db.get(), "count");
      }
      last_total = sqlite3_column_int64(count.get(), 0);
      sqlite3_reset(count.get());
      std::vector<std::string> ids;
      while (sqlite3_step(page.get()) == SQLITE_ROW) {
        ids.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(page.get(), 0)));
      }
      sqlite3_reset(page.get());
      ids.resize(kPageSize);  // a short page binds empty ids, which match nothing
      BindAll(rows, ids);
      rows.Drain(&bytes);
      BindAll(managers, ids);
      managers.Drain(&bytes);
    });
  });
  std::printf("TOTAL=%lld\n", static_cast<long long>(last_total.load()));
  return 0;
}

int Plan(const std::string& path, const std::string& order_by, const std::string& where,
         const std::vector<std::string>& params) {
  const ListSql sql = MakeListSql(order_by, where);
  Db db(path);
  for (const auto& statement : {sql.count, sql.page_ids}) {
    std::cout << statement << "\n";
    Stmt plan(db, "EXPLAIN QUERY PLAN " + statement);
    BindAll(plan, params);
    while (sqlite3_step(plan.get()) == SQLITE_ROW) {
      std::cout << "  " << sqlite3_column_int(plan.get(), 0) << " "
                << sqlite3_column_int(plan.get(), 1) << " "
                << reinterpret_cast<const char*>(sqlite3_column_text(plan.get(), 3)) << "\n";
    }
    sqlite3_reset(plan.get());
  }
  return 0;
}

// --- insert ----------------------------------------------------------------------------------

std::string Hex(const unsigned char* bytes, std::size_t n, bool dashes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (std::size_t i = 0; i < n; ++i) {
    if (dashes && (i == 4 || i == 6 || i == 8 || i == 10)) {
      out.push_back('-');
    }
    out.push_back(kHex[bytes[i] >> 4]);
    out.push_back(kHex[bytes[i] & 0x0f]);
  }
  return out;
}

/// A time-ordered id like node/common/ids.cpp's NewRowId: UUIDv7 layout, the 12 bits after
/// the version count within a millisecond (so ids, and customer numbers cut from them, are
/// unique within the process), random tail. Single-threaded use only.
std::string NewRowId(std::mt19937_64& random) {
  static std::uint64_t last_ms = 0;
  static std::uint16_t counter = 0;
  std::array<unsigned char, 16> b{};
  auto ms = static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                           std::chrono::system_clock::now().time_since_epoch())
                                           .count());
  if (ms <= last_ms) {
    ms = last_ms;
    if (++counter > 0x0fff) {
      ms = last_ms + 1;
      counter = 0;
    }
  } else {
    counter = 0;
  }
  last_ms = ms;
  for (int i = 0; i < 6; ++i) {
    b[static_cast<std::size_t>(i)] = static_cast<unsigned char>(ms >> (40 - 8 * i));
  }
  const std::uint64_t r1 = random();
  const std::uint64_t r2 = random();
  for (int i = 6; i < 16; ++i) {
    b[static_cast<std::size_t>(i)] =
        static_cast<unsigned char>((i < 14 ? r1 >> (8 * (i - 6)) : r2 >> (8 * (i - 14))));
  }
  b[6] = static_cast<unsigned char>(0x70 | (counter >> 8));
  b[7] = static_cast<unsigned char>(counter & 0xff);
  b[8] = static_cast<unsigned char>(0x80 | (b[8] & 0x3f));
  return Hex(b.data(), b.size(), true);
}

std::string NowIso() {
  const auto now = std::chrono::system_clock::now();
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
  const std::time_t seconds = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char buffer[96];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                static_cast<int>(ms % 1000));
  return buffer;
}

/// The company name without the suffixes mams-node strips for name_key.
std::string NameKey(const std::string& name) {
  static const char* const kSuffixes[] = {"股份有限公司", "有限责任公司", "有限公司", "分公司",
                                          "集团", "公司", "Co., Ltd.", "Co.,Ltd.", "Ltd."};
  std::string normal;
  for (const char c : name) {
    if (c != ' ' && c != '\t') {
      normal.push_back(c);
    }
  }
  for (bool changed = true; changed;) {
    changed = false;
    for (const char* suffix : kSuffixes) {
      const std::string s(suffix);
      if (normal.size() > s.size() && normal.compare(normal.size() - s.size(), s.size(), s) == 0) {
        normal.erase(normal.size() - s.size());
        changed = true;
      }
    }
  }
  return normal;
}

std::vector<std::string> SplitTabs(const std::string& line) {
  std::vector<std::string> cells;
  std::string cell;
  std::istringstream in(line);
  while (std::getline(in, cell, '\t')) {
    cells.push_back(cell);
  }
  if (!line.empty() && line.back() == '\t') {
    cells.emplace_back();
  }
  return cells;
}

std::string JoinTags(const std::string& semicolons) {
  if (semicolons.empty()) {
    return "";
  }
  std::string joined = ",";
  std::istringstream in(semicolons);
  for (std::string tag; std::getline(in, tag, ';');) {
    if (!tag.empty()) {
      joined += tag + ",";
    }
  }
  return joined == "," ? "" : joined;
}

struct Column {
  std::string name;
  bool not_null;
  bool has_default;
};

int Insert(const std::string& path, const std::string& rows_file, std::size_t first_row,
           double seconds, std::size_t max_rows) {
  std::vector<std::vector<std::string>> rows;
  {
    std::ifstream in(rows_file);
    std::size_t index = 0;
    for (std::string line; std::getline(in, line); ++index) {
      if (index >= first_row && index - first_row >= max_rows) {
        break;
      }
      if (index >= first_row) {
        rows.push_back(SplitTabs(line));
        rows.back().resize(10);
      }
    }
  }
  Db db(path);
  db.Exec("PRAGMA synchronous = FULL");
  db.Exec("PRAGMA journal_mode = WAL");
  // Every column of the table as it is now (the schema may have grown since this was written).
  std::vector<Column> columns;
  {
    Stmt info(db, "PRAGMA table_info(customers)");
    while (sqlite3_step(info.get()) == SQLITE_ROW) {
      columns.push_back({reinterpret_cast<const char*>(sqlite3_column_text(info.get(), 1)),
                         sqlite3_column_int(info.get(), 3) != 0,
                         sqlite3_column_type(info.get(), 4) != SQLITE_NULL});
    }
  }
  const std::vector<std::string> known = {
      "id", "customer_no", "name", "credit_code", "industry", "level", "org_code", "state",
      "state_changed_at", "value_grade", "relationship_grade", "revenue_12m", "parent_id",
      "address", "tags", "remarks", "merged_into", "created_at", "created_by", "owner_node",
      "version", "updated_at", "deleted", "name_key"};
  std::vector<std::string> used;
  std::vector<bool> used_not_null;
  std::string names;
  std::string marks;
  for (const auto& column : columns) {
    const bool is_known = std::find(known.begin(), known.end(), column.name) != known.end();
    if (!is_known && column.has_default) {
      continue;  // the database fills it
    }
    used.push_back(column.name);
    used_not_null.push_back(column.not_null);
    names += (names.empty() ? "" : ", ") + column.name;
    marks += marks.empty() ? "?" : ", ?";
  }
  Stmt begin(db, "BEGIN IMMEDIATE");
  Stmt commit(db, "COMMIT");
  Stmt insert(db, "INSERT INTO customers (" + names + ") VALUES (" + marks + ")");
  std::mt19937_64 random(std::random_device{}());

  Tally tally;
  std::size_t next = 0;
  const auto start = Clock::now();
  const auto deadline = start + std::chrono::duration_cast<Clock::duration>(
                                    std::chrono::duration<double>(seconds));
  if (rows.empty()) {
    throw std::runtime_error("no rows from line " + std::to_string(first_row) + " of " + rows_file);
  }
  for (auto now = start; now < deadline && next < rows.size();) {
    const auto& row = rows[next++];
    const std::string at = NowIso();
    std::string number = NewRowId(random);
    number.erase(std::remove(number.begin(), number.end(), '-'), number.end());
    number = "KH" + number.substr(0, 16);
    for (auto& c : number) {
      c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    std::string state = row[5].empty() ? "potential" : row[5];
    if (state != "potential" && state != "active") {
      state = "active";  // as the create bodies: the API creates potential or active only
    }
    for (std::size_t i = 0; i < used.size(); ++i) {
      const int index = static_cast<int>(i + 1);
      const std::string& name = used[i];
      if (name == "id") insert.Text(index, NewRowId(random));
      else if (name == "customer_no") insert.Text(index, number);
      else if (name == "name") insert.Text(index, row[0]);
      else if (name == "credit_code") insert.Text(index, row[1]);
      else if (name == "industry") insert.Text(index, row[2]);
      else if (name == "level") insert.Text(index, row[3]);
      else if (name == "org_code") insert.Text(index, row[4]);
      else if (name == "state") insert.Text(index, state);
      else if (name == "relationship_grade") row[6].empty() ? insert.Null(index) : insert.Text(index, row[6]);
      else if (name == "address") insert.Text(index, row[7]);
      else if (name == "tags") insert.Text(index, JoinTags(row[8]));
      else if (name == "remarks") insert.Text(index, row[9]);
      else if (name == "value_grade") insert.Text(index, "D");
      else if (name == "revenue_12m" || name == "deleted") insert.Int(index, 0);
      else if (name == "version") insert.Int(index, 1);
      else if (name == "parent_id" || name == "merged_into") insert.Null(index);
      else if (name == "state_changed_at" || name == "created_at" || name == "updated_at") insert.Text(index, at);
      else if (name == "created_by") insert.Text(index, "bench.raw");
      else if (name == "owner_node") insert.Text(index, "bench-group");
      else if (name == "name_key") insert.Text(index, NameKey(row[0]));
      else if (used_not_null[i]) insert.Text(index, "");  // a column added since: NOT NULL, no default
      else insert.Null(index);
    }
    begin.Run();
    insert.Run();
    commit.Run();
    const auto after = Clock::now();
    tally.latency_ms.push_back(static_cast<float>(Seconds(after - now) * 1000));
    ++tally.ops;
    now = after;
  }
  const double elapsed = Seconds(Clock::now() - start);
  std::printf("ROWS_USED=%zu\n", next);
  if (next == rows.size()) {
    std::printf("ROWS_EXHAUSTED=1\n");  // stopped before SECONDS: the rate is still per second
  }
  Report({tally}, elapsed);
  return 0;
}

int Usage() {
  std::cerr << "usage: mams_bench_raw_customers get DB IDS_FILE SECONDS THREADS\n"
               "       mams_bench_raw_customers get-as-node DB IDS_FILE SECONDS THREADS SCOPE_FILE\n"
               "       mams_bench_raw_customers list DB SECONDS THREADS ORDER_BY WHERE [PARAM...]\n"
               "       mams_bench_raw_customers plan DB ORDER_BY WHERE [PARAM...]\n"
               "       mams_bench_raw_customers query DB SECONDS THREADS SQL PARAMS_FILE\n"
               "       mams_bench_raw_customers insert DB ROWS_TSV FIRST_ROW SECONDS [MAX_ROWS]\n";
  return 64;
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  try {
    if (args.size() == 5 && args[0] == "get") {
      return Get(args[1], args[2], std::stod(args[3]), std::stoi(args[4]));
    }
    if (args.size() == 6 && args[0] == "get-as-node") {
      return GetAsNode(args[1], args[2], std::stod(args[3]), std::stoi(args[4]), args[5]);
    }
    if (args.size() >= 6 && args[0] == "list") {
      return List(args[1], std::stod(args[2]), std::stoi(args[3]), args[4], args[5],
                  {args.begin() + 6, args.end()});
    }
    if (args.size() == 6 && args[0] == "query") {
      return Query(args[1], std::stod(args[2]), std::stoi(args[3]), args[4], args[5]);
    }
    if (args.size() >= 4 && args[0] == "plan") {
      return Plan(args[1], args[2], args[3], {args.begin() + 4, args.end()});
    }
    if ((args.size() == 5 || args.size() == 6) && args[0] == "insert") {
      return Insert(args[1], args[2], std::stoul(args[3]), std::stod(args[4]),
                    args.size() == 6 ? std::stoul(args[5]) : SIZE_MAX);
    }
    return Usage();
  } catch (const std::exception& e) {
    std::cerr << "mams_bench_raw_customers: " << e.what() << "\n";
    return 1;
  }
}
