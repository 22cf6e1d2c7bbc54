#pragma once

#include <string>

namespace mams::config {
struct MysqlSection;
}

namespace mams::backup {

/// Writes the node's MySQL/MariaDB database to `out_file` with `mariadb-dump
/// --single-transaction` (one consistent snapshot, no table locks, writes go on). The
/// password reaches the client through a 0600 option file, never its command line. Throws
/// StartupError with the client's message.
void DumpMysql(const config::MysqlSection& database, const std::string& out_file);

/// Feeds a dump made by DumpMysql into the (empty) database with the `mariadb` client.
void LoadMysql(const config::MysqlSection& database, const std::string& in_file);

}  // namespace mams::backup
