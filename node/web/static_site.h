#pragma once

#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "node/http/http_types.h"

namespace mams::web {

/// The web console's built files (web/dist), read into memory at start-up and served at `/`:
/// the files Vite names by content hash (under /assets/) cached for a year, everything else
/// revalidated by ETag, text compressed with gzip once, when first asked for, and every
/// path that is no file answered with index.html so the console's own router can take it
/// (client-side routes such as /customers/42 survive a reload).
class StaticSite {
 public:
  /// Reads every file under `root`. Throws StartupError naming the directory when it has no
  /// index.html or a file cannot be read.
  static std::unique_ptr<StaticSite> Load(const std::string& root);

  /// The answer to a GET or HEAD of `request.path`: 200 with the file (or with index.html for
  /// a client-side route), 304 when `If-None-Match` names the current ETag, 404 for a
  /// missing file under /assets/ (never HTML in place of a script).
  http::HttpResponse Serve(const http::HttpRequest& request) const;

  std::size_t file_count() const { return files_.size(); }
  const std::string& root() const { return root_; }

 private:
  struct File {
    std::string body;
    bool compressible = false;
    /// Compressed at the first request that accepts gzip, not at start: most files of a
    /// node that nobody browses are never asked for. Empty when compression does not pay.
    mutable std::once_flag gzip_once;
    mutable std::string gzip;
    std::string content_type;
    std::string etag;
    bool immutable = false;  ///< its name carries its content hash
  };

  const File* Find(const std::string& path) const;

  std::string root_;
  std::unordered_map<std::string, File> files_;  ///< by URL path, "/index.html"
};

/// True for paths the console never owns: the API, TM Forum APIs, probes and metrics.
bool IsServerPath(const std::string& path);

}  // namespace mams::web
