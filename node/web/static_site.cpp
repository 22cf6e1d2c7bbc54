#include "node/web/static_site.h"

#include <Poco/DeflatingStream.h>
#include <Poco/DirectoryIterator.h>
#include <Poco/File.h>
#include <Poco/Path.h>
#include <openssl/evp.h>

#include <array>
#include <fstream>
#include <sstream>

#include "node/common/errors.h"

namespace mams::web {
namespace {

// Text smaller than this gains nothing from compression worth a header.
constexpr std::size_t kMinGzipBytes = 1024;
constexpr char kImmutable[] = "public, max-age=31536000, immutable";
constexpr char kRevalidate[] = "no-cache";
// Ant Design writes its styles into <style> elements at run time (CSS-in-JS), hence
// 'unsafe-inline' for styles; scripts come from this origin only.
constexpr char kConsolePolicy[] =
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; "
    "frame-ancestors 'none'; object-src 'none'; base-uri 'self'; form-action 'self'";

struct TypeOf {
  const char* extension;
  const char* content_type;
  bool compressible;
};

constexpr std::array<TypeOf, 14> kTypes = {{
    {"html", "text/html; charset=utf-8", true},
    {"js", "text/javascript; charset=utf-8", true},
    {"mjs", "text/javascript; charset=utf-8", true},
    {"css", "text/css; charset=utf-8", true},
    {"json", "application/json; charset=utf-8", true},
    {"map", "application/json; charset=utf-8", true},
    {"svg", "image/svg+xml", true},
    {"txt", "text/plain; charset=utf-8", true},
    {"webmanifest", "application/manifest+json", true},
    {"png", "image/png", false},
    {"ico", "image/x-icon", false},
    {"woff2", "font/woff2", false},
    {"woff", "font/woff", false},
    {"jpg", "image/jpeg", false},
}};

const TypeOf* TypeFor(const std::string& extension) {
  for (const auto& type : kTypes) {
    if (extension == type.extension) {
      return &type;
    }
  }
  return nullptr;
}

std::string ReadWhole(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw StartupError("http.web_root: cannot read " + path);
  }
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string Gzip(const std::string& body) {
  std::ostringstream out;
  Poco::DeflatingOutputStream deflate(out, Poco::DeflatingStreamBuf::STREAM_GZIP, 9);
  deflate.write(body.data(), static_cast<std::streamsize>(body.size()));
  deflate.close();
  return out.str();
}

std::string ContentTag(const std::string& body) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(body.data(), body.size(), digest, &length, EVP_sha256(), nullptr);
  static const char kHex[] = "0123456789abcdef";
  std::string tag = "\"";
  for (unsigned int i = 0; i < 12 && i < length; ++i) {
    tag += kHex[digest[i] >> 4];
    tag += kHex[digest[i] & 0xf];
  }
  return tag + "\"";
}

void AddFiles(const Poco::Path& dir, const std::string& url_prefix,
              std::unordered_map<std::string, std::string>* paths) {
  for (Poco::DirectoryIterator it(dir), end; it != end; ++it) {
    const std::string url = url_prefix + "/" + it.name();
    if (it->isDirectory()) {
      AddFiles(it.path(), url, paths);
    } else if (it->isFile()) {
      (*paths)[url] = it.path().toString();
    }
  }
}

bool AcceptsGzip(const http::HttpRequest& request) {
  return request.Header("accept-encoding").find("gzip") != std::string::npos;
}

}  // namespace

bool IsServerPath(const std::string& path) {
  for (const char* prefix : {"/api/", "/tmf-api/"}) {
    if (path.rfind(prefix, 0) == 0) {
      return true;
    }
  }
  return path == "/api" || path == "/healthz" || path == "/readyz" || path == "/metrics";
}

std::unique_ptr<StaticSite> StaticSite::Load(const std::string& root) {
  const Poco::File dir(root);
  if (!dir.exists() || !dir.isDirectory() || !Poco::File(root + "/index.html").exists()) {
    throw StartupError("http.web_root: no index.html in " + root +
                       " (build the console with ./deploy/setup.sh, or set http.web_root: \"\" "
                       "to serve the API alone)");
  }
  auto site = std::unique_ptr<StaticSite>(new StaticSite);
  site->root_ = root;
  std::unordered_map<std::string, std::string> paths;
  AddFiles(Poco::Path(root), "", &paths);
  for (const auto& [url, path] : paths) {
    File& file = site->files_[url];  // in place: a once_flag does not move
    file.body = ReadWhole(path);
    const TypeOf* type = TypeFor(Poco::Path(path).getExtension());
    file.content_type = type != nullptr ? type->content_type : "application/octet-stream";
    file.compressible = type != nullptr && type->compressible && file.body.size() >= kMinGzipBytes;
    file.etag = ContentTag(file.body);
    // Vite puts every bundle under /assets/ with its content hash in the name.
    file.immutable = url.rfind("/assets/", 0) == 0;
  }
  return site;
}

const StaticSite::File* StaticSite::Find(const std::string& path) const {
  const auto found = files_.find(path == "/" ? "/index.html" : path);
  return found == files_.end() ? nullptr : &found->second;
}

http::HttpResponse StaticSite::Serve(const http::HttpRequest& request) const {
  const File* file = Find(request.path);
  if (file == nullptr) {
    const bool asset = request.path.rfind("/assets/", 0) == 0;
    if (asset || request.path.find("/.") != std::string::npos) {
      http::HttpResponse missing = http::HttpResponse::Json(
          404, R"({"error":{"code":"not_found","message":"no such file"}})");
      return missing;
    }
    file = Find("/");  // a client-side route: the console's router takes it from here
  }
  http::HttpResponse out;
  out.content_type = file->content_type;
  out.headers.emplace_back("Cache-Control", file->immutable ? kImmutable : kRevalidate);
  out.headers.emplace_back("ETag", file->etag);
  out.headers.emplace_back("Vary", "Accept-Encoding");
  if (file->content_type.rfind("text/html", 0) == 0) {
    out.headers.emplace_back("Content-Security-Policy", kConsolePolicy);
  }
  if (request.Header("if-none-match") == file->etag) {
    out.status = 304;
    return out;
  }
  if (file->compressible && AcceptsGzip(request)) {
    std::call_once(file->gzip_once, [file] {
      std::string packed = Gzip(file->body);
      if (packed.size() < file->body.size()) {
        file->gzip = std::move(packed);
      }
    });
  }
  if (!file->gzip.empty() && AcceptsGzip(request)) {
    out.headers.emplace_back("Content-Encoding", "gzip");
    out.body = file->gzip;
  } else {
    out.body = file->body;
  }
  return out;
}

}  // namespace mams::web
