// Parses the node's YAML config into NodeConfig. Every key is declared here once, with its
// type, default and range; anything else in the file is refused with its position.
#include <Poco/Path.h>
#include <yaml-cpp/yaml.h>

#include <cstdlib>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "node/common/errors.h"
#include "node/config/node_config.h"
#include "node/config/yaml_reader.h"

namespace mams::config {
namespace {

const std::set<std::string> kLogLevels = {"fatal",  "critical",    "error", "warning",
                                          "notice", "information", "debug", "trace"};

std::string ResolvePath(const std::string& base_dir, const std::string& path) {
  if (path.empty() || path.front() == '/' || base_dir.empty()) {
    return path;
  }
  return base_dir + "/" + path;
}

std::string TrimTrailingNewlines(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) {
    s.pop_back();
  }
  return s;
}

Level ParseLevel(YamlMap& map, const char* key) {
  const std::string value = map.RequireString(key);
  if (auto level = scope::ParseOrgLevel(value)) {
    return *level;
  }
  map.Fail(key, "expected one of group, province, local; got '" + value + "'");
}

NodeSection ParseNode(YamlMap map) {
  NodeSection node;
  node.id = map.RequireString("id");
  static const std::regex kIdPattern("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  if (!std::regex_match(node.id, kIdPattern)) {
    map.Fail("id", "expected 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit");
  }
  node.level = ParseLevel(map, "level");
  node.org = map.RequireString("org");
  node.parent = map.OptionalString("parent");
  if (node.parent && node.parent->rfind("tcp://", 0) != 0) {
    map.Fail("parent", "expected a ZeroMQ endpoint like tcp://host:port");
  }
  if (node.level == Level::kGroup && node.parent) {
    map.Fail("parent", "a group-level node has no parent; remove the key");
  }
  if (node.level != Level::kGroup && !node.parent) {
    map.Fail("parent", "a province or local node needs its parent's sync endpoint");
  }
  map.Finish();
  return node;
}

HttpSection ParseHttp(YamlMap map, const std::string& base_dir) {
  HttpSection http;
  http.bind = map.String("bind", http.bind);
  http.port = static_cast<std::uint16_t>(map.Int("port", http.port, 0, 65535));
  if (auto tls = map.OptionalMap("tls")) {
    TlsSection section;
    section.cert_file = ResolvePath(base_dir, tls->RequireString("cert"));
    section.key_file = ResolvePath(base_dir, tls->RequireString("key"));
    tls->Finish();
    http.tls = section;
  }
  if (map.OptionalString("redirect_port")) {
    if (!http.tls) {
      map.Fail("redirect_port", "only meaningful with http.tls");
    }
    http.redirect_port = static_cast<std::uint16_t>(map.Int("redirect_port", 0, 0, 65535));
  }
  http.max_threads = map.Int("max_threads", http.max_threads, 4, 65536);
  http.max_queued = map.Int("max_queued", http.max_queued, 1, 65536);
  http.max_connections = map.Int("max_connections", http.max_connections, 16, 1000000);
  http.head_timeout_s = map.Int("head_timeout_s", http.head_timeout_s, 1, 600);
  http.keep_alive_timeout_s = map.Int("keep_alive_timeout_s", http.keep_alive_timeout_s, 1, 3600);
  http.max_keep_alive_requests =
      map.Int("max_keep_alive_requests", http.max_keep_alive_requests, 0, 1000000);
  http.receive_timeout_s = map.Int("receive_timeout_s", http.receive_timeout_s, 1, 3600);
  http.max_body_bytes = map.Int("max_body_bytes", http.max_body_bytes, 1024, 1LL << 32);
  http.list_count_bound = map.Int("list_count_bound", http.list_count_bound, 1, 100000000);
  if (auto root = map.OptionalString("web_root")) {
    http.web_root = ResolvePath(base_dir, *root);
  }
  map.Finish();
  return http;
}

MysqlSection ParseMysql(YamlMap map, const std::string& base_dir) {
  MysqlSection mysql;
  mysql.host = map.String("host", mysql.host);
  mysql.port = static_cast<std::uint16_t>(map.Int("port", mysql.port, 1, 65535));
  mysql.database = map.RequireString("database");
  mysql.user = map.RequireString("user");
  mysql.connect_timeout_s = map.Int("connect_timeout_s", mysql.connect_timeout_s, 1, 300);
  const auto file = map.OptionalString("password_file");
  const auto env = map.OptionalString("password_env");
  if (file.has_value() == env.has_value()) {
    map.FailHere("set exactly one of password_file or password_env");
  }
  if (file) {
    const std::string path = ResolvePath(base_dir, *file);
    std::ifstream in(path);
    if (!in) {
      map.Fail("password_file", "cannot read '" + path + "'");
    }
    std::stringstream content;
    content << in.rdbuf();
    mysql.password = TrimTrailingNewlines(content.str());
    mysql.password_source = "file:" + path;
  } else {
    const char* value = std::getenv(env->c_str());
    if (value == nullptr) {
      map.Fail("password_env", "environment variable '" + *env + "' is not set");
    }
    mysql.password = value;
    mysql.password_source = "env:" + *env;
  }
  map.Finish();
  return mysql;
}

StorageSection ParseStorage(YamlMap map, const std::string& base_dir) {
  StorageSection storage;
  if (auto sqlite = map.OptionalMap("sqlite")) {
    SqliteSection section;
    section.path = ResolvePath(base_dir, sqlite->RequireString("path"));
    section.busy_timeout_ms = sqlite->Int("busy_timeout_ms", section.busy_timeout_ms, 0, 600000);
    section.synchronous = sqlite->String("synchronous", section.synchronous);
    section.cache_mib = sqlite->Int("cache_mib", section.cache_mib, 1, 65536);
    section.mmap_mib = sqlite->Int("mmap_mib", section.mmap_mib, 0, 1048576);
    if (section.synchronous != "FULL" && section.synchronous != "NORMAL") {
      sqlite->Fail("synchronous", "expected FULL or NORMAL");
    }
    sqlite->Finish();
    storage.sqlite = section;
  }
  if (auto mysql = map.OptionalMap("mysql")) {
    storage.mysql = ParseMysql(std::move(*mysql), base_dir);
  }
  if (storage.sqlite.has_value() == storage.mysql.has_value()) {
    map.FailHere("configure exactly one backend: sqlite or mysql");
  }
  storage.pool_size = map.Int("pool_size", storage.pool_size, 1, 1024);
  storage.pool_wait_ms = map.Int("pool_wait_ms", storage.pool_wait_ms, 1, 600000);
  map.Finish();
  return storage;
}

LogSection ParseLog(YamlMap map, const std::string& base_dir) {
  LogSection log;
  log.level = map.String("level", log.level);
  if (kLogLevels.count(log.level) == 0) {
    map.Fail("level", "expected one of fatal, critical, error, warning, notice, information, "
                      "debug, trace");
  }
  if (auto file = map.OptionalString("file")) {
    log.file = ResolvePath(base_dir, *file);
  }
  log.console = map.Bool("console", log.console);
  log.rotation = map.String("rotation", log.rotation);
  log.keep_files = map.Int("keep_files", log.keep_files, 1, 1000);
  map.Finish();
  return log;
}

AuthSection ParseAuth(YamlMap map, const std::string& base_dir) {
  AuthSection auth;
  auth.session_idle_minutes = map.Int("session_idle_minutes", auth.session_idle_minutes, 1, 1440);
  auth.session_absolute_hours =
      map.Int("session_absolute_hours", auth.session_absolute_hours, 1, 168);
  auth.lockout_attempts = map.Int("lockout_attempts", auth.lockout_attempts, 1, 100);
  auth.lockout_minutes = map.Int("lockout_minutes", auth.lockout_minutes, 1, 1440);
  auth.password_iterations =
      map.Int("password_iterations", auth.password_iterations, 600000, 100000000);
  auth.password_min_length = map.Int("password_min_length", auth.password_min_length, 12, 128);
  auth.password_required_classes =
      map.Int("password_required_classes", auth.password_required_classes, 0, 4);
  if (auto file = map.OptionalString("password_blocklist_file")) {
    auth.password_blocklist_file = ResolvePath(base_dir, *file);
  }
  auth.mfa_for_admins = map.Bool("mfa_for_admins", auth.mfa_for_admins);
  map.Finish();
  return auth;
}

}  // namespace

// A CurveZMQ key in Z85: 40 characters of the Z85 alphabet.
bool IsZ85Key(const std::string& key) {
  static const std::string kAlphabet =
      "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#";
  return key.size() == 40 && key.find_first_not_of(kAlphabet) == std::string::npos;
}

std::string RequireZ85(YamlMap& map, const char* key) {
  std::string value = map.RequireString(key);
  if (!IsZ85Key(value)) {
    map.Fail(key, "expected a CurveZMQ public key: 40 characters of Z85 (mams-node --gen-keys)");
  }
  return value;
}

SyncSection ParseSync(YamlMap map, const std::string& base_dir, const NodeSection& node) {
  SyncSection sync;
  sync.bind = map.OptionalString("bind");
  if (sync.bind && sync.bind->rfind("tcp://", 0) != 0) {
    map.Fail("bind", "expected a ZeroMQ endpoint like tcp://127.0.0.1:7100");
  }
  sync.key_file = ResolvePath(base_dir, map.RequireString("key_file"));
  if (node.parent) {
    sync.parent_public_key = RequireZ85(map, "parent_public_key");
  } else if (map.OptionalString("parent_public_key")) {
    map.Fail("parent_public_key", "this node has no node.parent");
  }
  std::set<std::string> nodes;
  std::set<std::string> keys;
  for (auto& item : map.MapList("children")) {
    SyncChild child;
    child.node = item.RequireString("node");
    child.org = item.RequireString("org");
    child.public_key = RequireZ85(item, "public_key");
    if (child.node == node.id || !nodes.insert(child.node).second) {
      item.Fail("node", "node id '" + child.node + "' is listed twice or is this node's own");
    }
    if (!keys.insert(child.public_key).second) {
      item.Fail("public_key", "this key is already given to another child");
    }
    item.Finish();
    sync.children.push_back(std::move(child));
  }
  if (!sync.children.empty() && !sync.bind) {
    map.Fail("bind", "children are listed, so an endpoint for them to connect to is needed");
  }
  sync.window = static_cast<int>(map.Int("window", sync.window, 1, 64));
  sync.batch_max_changes =
      static_cast<int>(map.Int("batch_max_changes", sync.batch_max_changes, 1, 100000));
  sync.batch_max_bytes = map.Int("batch_max_bytes", sync.batch_max_bytes, 4096, 64 << 20);
  sync.load_page_rows =
      static_cast<int>(map.Int("load_page_rows", sync.load_page_rows, 1, 100000));
  sync.heartbeat_ms = static_cast<int>(map.Int("heartbeat_ms", sync.heartbeat_ms, 100, 60000));
  sync.resend_after_ms =
      static_cast<int>(map.Int("resend_after_ms", sync.resend_after_ms, 100, 600000));
  map.Finish();
  return sync;
}

NodeConfig ParseConfig(const std::string& yaml_text, const std::string& source_name,
                       const std::string& base_dir) {
  YAML::Node root;
  try {
    root = YAML::Load(yaml_text);
  } catch (const YAML::ParserException& e) {
    throw StartupError(source_name + ":" + std::to_string(e.mark.line + 1) + ":" +
                       std::to_string(e.mark.column + 1) + ": invalid YAML: " + e.msg);
  }
  NodeConfig config;
  YamlMap top(root, "", source_name, &config.locations);
  config.source_file = source_name;
  config.node = ParseNode(top.RequireMap("node"));
  if (auto http = top.OptionalMap("http")) {
    config.http = ParseHttp(std::move(*http), base_dir);
  }
  config.storage = ParseStorage(top.RequireMap("storage"), base_dir);
  if (auto log = top.OptionalMap("log")) {
    config.log = ParseLog(std::move(*log), base_dir);
  }
  if (auto auth = top.OptionalMap("auth")) {
    config.auth = ParseAuth(std::move(*auth), base_dir);
  }
  if (auto sync = top.OptionalMap("sync")) {
    config.sync = ParseSync(std::move(*sync), base_dir, config.node);
  } else if (config.node.parent) {
    top.Fail("sync", "node.parent is set, so a sync section with key_file and parent_public_key "
                     "is needed");
  }
  config.modules = top.StringList("modules");
  config.module_sections =
      std::make_shared<const ModuleSections>(ModuleSections{top.TakeUnreadMaps()});
  top.Finish();
  return config;
}

std::string NodeConfig::Where(const std::string& key) const {
  const auto found = locations.find(key);
  return (found == locations.end() ? source_file : found->second) + ": " + key;
}

NodeConfig LoadConfig(const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    throw StartupError(path + ": cannot open config file");
  }
  std::stringstream text;
  text << in.rdbuf();
  // Absolute, so that paths in messages and in the node's files do not depend on its cwd.
  const std::string base_dir = Poco::Path(path).absolute().parent().toString();
  return ParseConfig(text.str(), path, base_dir.size() > 1 ? base_dir.substr(0, base_dir.size() - 1)
                                                             : base_dir);
}

}  // namespace mams::config
