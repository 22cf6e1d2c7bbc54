#include "node/web/static_site.h"

#include <Poco/File.h>
#include <Poco/InflatingStream.h>
#include <Poco/TemporaryFile.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "node/common/errors.h"

namespace mams::web {
namespace {

std::string Header(const http::HttpResponse& response, const std::string& name) {
  for (const auto& [key, value] : response.headers) {
    if (key == name) {
      return value;
    }
  }
  return "";
}

std::string Gunzip(const std::string& packed) {
  std::istringstream in(packed);
  Poco::InflatingInputStream inflate(in, Poco::InflatingStreamBuf::STREAM_GZIP);
  std::ostringstream out;
  out << inflate.rdbuf();
  return out.str();
}

class StaticSiteTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = Poco::TemporaryFile::tempName();
    Poco::File(root_ + "/assets").createDirectories();
    Write("/index.html", "<!doctype html><div id=root></div>");
    script_ = "console.log('" + std::string(4000, 'x') + "');";
    Write("/assets/index-3f2a.js", script_);
    Write("/favicon.png", "\x89PNG");
  }
  void TearDown() override { Poco::File(root_).remove(true); }

  void Write(const std::string& path, const std::string& text) {
    std::ofstream(root_ + path, std::ios::binary) << text;
  }

  http::HttpRequest Get(const std::string& path, const std::string& accept_encoding = "") {
    http::HttpRequest request;
    request.method = "GET";
    request.path = path;
    if (!accept_encoding.empty()) {
      request.headers.emplace_back("accept-encoding", accept_encoding);
    }
    return request;
  }

  std::string root_;
  std::string script_;
};

TEST_F(StaticSiteTest, HashedBundlesAreCachedForAYearAndCompressedForThoseWhoAsk) {
  const auto site = StaticSite::Load(root_);
  EXPECT_EQ(3u, site->file_count());
  const auto plain = site->Serve(Get("/assets/index-3f2a.js"));
  EXPECT_EQ(200, plain.status);
  EXPECT_EQ(script_, plain.body);
  EXPECT_EQ("text/javascript; charset=utf-8", plain.content_type);
  EXPECT_EQ("public, max-age=31536000, immutable", Header(plain, "Cache-Control"));
  EXPECT_EQ("", Header(plain, "Content-Encoding"));

  const auto packed = site->Serve(Get("/assets/index-3f2a.js", "gzip, deflate, br"));
  EXPECT_EQ("gzip", Header(packed, "Content-Encoding"));
  EXPECT_LT(packed.body.size(), script_.size() / 10);
  EXPECT_EQ(script_, Gunzip(packed.body));
  EXPECT_EQ("Accept-Encoding", Header(packed, "Vary"));
}

TEST_F(StaticSiteTest, ClientRoutesGetTheConsoleButMissingBundlesAre404) {
  const auto site = StaticSite::Load(root_);
  for (const char* path : {"/", "/customers", "/customers/42/overview"}) {
    const auto page = site->Serve(Get(path));
    EXPECT_EQ(200, page.status) << path;
    EXPECT_EQ("text/html; charset=utf-8", page.content_type) << path;
    EXPECT_EQ("no-cache", Header(page, "Cache-Control")) << path;
    EXPECT_NE("", Header(page, "Content-Security-Policy")) << path;
  }
  EXPECT_EQ(404, site->Serve(Get("/assets/index-0000.js")).status);
  EXPECT_EQ(404, site->Serve(Get("/.env")).status);
  EXPECT_EQ("image/png", site->Serve(Get("/favicon.png")).content_type);
}

TEST_F(StaticSiteTest, AnUnchangedFileIsNotSentAgain) {
  const auto site = StaticSite::Load(root_);
  const auto first = site->Serve(Get("/"));
  auto again = Get("/customers");
  again.headers.emplace_back("if-none-match", Header(first, "ETag"));
  const auto answer = site->Serve(again);
  EXPECT_EQ(304, answer.status);
  EXPECT_TRUE(answer.body.empty());
}

TEST_F(StaticSiteTest, ARootWithoutIndexIsRefusedAtStartWithItsName) {
  Poco::File(root_ + "/index.html").remove();
  try {
    StaticSite::Load(root_);
    FAIL() << "loaded a site without index.html";
  } catch (const StartupError& e) {
    EXPECT_NE(std::string(e.what()).find("http.web_root: no index.html in " + root_),
              std::string::npos)
        << e.what();
  }
}

TEST(StaticSitePaths, TheApiProbesAndMetricsAreNeverTheConsoles) {
  for (const char* path :
       {"/api/v1/customers", "/api/v1", "/tmf-api/customerManagement/v4/customer", "/healthz",
        "/readyz", "/metrics"}) {
    EXPECT_TRUE(IsServerPath(path)) << path;
  }
  for (const char* path : {"/", "/customers", "/apis", "/login"}) {
    EXPECT_FALSE(IsServerPath(path)) << path;
  }
}

}  // namespace
}  // namespace mams::web
