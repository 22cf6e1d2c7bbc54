#include "node/backup/mysql_dump.h"

#include <Poco/Exception.h>
#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <thread>

#include "node/common/errors.h"
#include "node/config/node_config.h"

namespace mams::backup {
namespace {

/// A [client] option file holding the password, readable by this user only, removed when
/// done: the password never shows in `ps` or in a log.
class PasswordFile {
 public:
  explicit PasswordFile(const std::string& password) {
    char name[] = "/tmp/mams-client-XXXXXX";
    const int fd = ::mkstemp(name);
    if (fd < 0) {
      throw StartupError("cannot create a temporary option file for the MariaDB client");
    }
    ::fchmod(fd, 0600);
    ::close(fd);
    path_ = name;
    std::string quoted;
    for (char c : password) {
      if (c == '\\' || c == '"') {
        quoted += '\\';
      }
      quoted += c;
    }
    std::ofstream out(path_, std::ios::trunc);
    out << "[client]\npassword=\"" << quoted << "\"\n";
  }
  ~PasswordFile() { ::unlink(path_.c_str()); }
  PasswordFile(const PasswordFile&) = delete;
  PasswordFile& operator=(const PasswordFile&) = delete;

  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

std::vector<std::string> ConnectionArgs(const config::MysqlSection& database,
                                        const PasswordFile& password) {
  return {"--defaults-extra-file=" + password.path(),
          "--host=" + database.host,
          "--port=" + std::to_string(database.port),
          "--user=" + database.user,
          "--protocol=TCP",
          "--default-character-set=utf8mb4"};
}

/// Runs `program` (or `fallback` when it is not installed) with stdin from `in_file` and
/// stdout to `out_file` (either may be empty); returns stderr. Throws StartupError when the
/// program fails.
std::string Run(const std::string& program, const std::string& fallback,
                const std::vector<std::string>& args, const std::string& in_file,
                const std::string& out_file) {
  std::string chosen = program;
  for (const std::string& candidate : {program, fallback}) {
    if (std::system(("command -v " + candidate + " >/dev/null 2>&1").c_str()) == 0) {
      chosen = candidate;
      break;
    }
  }
  Poco::Pipe in_pipe;
  Poco::Pipe out_pipe;
  Poco::Pipe err_pipe;
  Poco::ProcessHandle process = [&] {
    try {
      return Poco::Process::launch(chosen, args, in_file.empty() ? nullptr : &in_pipe, &out_pipe,
                                   &err_pipe);
    } catch (const Poco::Exception& e) {
      throw StartupError("cannot run " + chosen + " (install mariadb-client): " + e.displayText());
    }
  }();
  std::string errors;
  std::thread error_reader([&] {
    Poco::PipeInputStream err(err_pipe);
    std::stringstream text;
    text << err.rdbuf();
    errors = text.str();
  });
  std::thread input_writer([&] {
    if (in_file.empty()) {
      return;
    }
    Poco::PipeOutputStream in(in_pipe);
    std::ifstream source(in_file, std::ios::binary);
    in << source.rdbuf();
    in.close();
  });
  bool written = true;
  {
    Poco::PipeInputStream out(out_pipe);
    if (!out_file.empty()) {
      std::ofstream target(out_file, std::ios::binary | std::ios::trunc);
      target << out.rdbuf();
      written = static_cast<bool>(target.flush());
    } else {
      std::stringstream ignored;
      ignored << out.rdbuf();
    }
  }
  input_writer.join();
  error_reader.join();
  const int status = process.wait();
  if (status != 0 || !written) {
    throw StartupError(chosen + " failed (exit " + std::to_string(status) +
                       "): " + (errors.empty() ? std::string("no message") : errors));
  }
  return errors;
}

}  // namespace

void DumpMysql(const config::MysqlSection& database, const std::string& out_file) {
  PasswordFile password(database.password);
  auto args = ConnectionArgs(database, password);
  // --single-transaction: one REPEATABLE READ snapshot of InnoDB, no locks held on tables.
  for (const char* option : {"--single-transaction", "--quick", "--no-tablespaces", "--hex-blob",
                             "--skip-lock-tables"}) {
    args.emplace_back(option);
  }
  args.push_back(database.database);
  Run("mariadb-dump", "mysqldump", args, "", out_file);
}

void LoadMysql(const config::MysqlSection& database, const std::string& in_file) {
  PasswordFile password(database.password);
  auto args = ConnectionArgs(database, password);
  args.push_back(database.database);
  Run("mariadb", "mysql", args, in_file, "");
}

}  // namespace mams::backup
