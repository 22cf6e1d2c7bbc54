// HTTPS with a certificate from config: the real binary serves TLS with HSTS; a missing
// certificate is refused at start with the key and path.
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/StreamCopier.h>
#include <Poco/Thread.h>
#include <gtest/gtest.h>

#include "node/http/redirect_server.h"
#include "tests/support/http_client.h"
#include "tests/support/node_process.h"
#include "tests/support/self_signed_cert.h"
#include "tests/support/test_backends.h"

namespace mams {
namespace {

class TlsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::MakeTempDir("mams-tls-test");
    Poco::Net::initializeSSL();
  }
  void TearDown() override {
    testing::RemoveTree(dir_);
    Poco::Net::uninitializeSSL();
  }
  std::string Config(std::uint16_t port, const std::string& cert, std::uint16_t redirect = 0) {
    const std::string path = dir_ + "/node.yaml";
    const std::string redirect_line =
        redirect == 0 ? "" : "\n  redirect_port: " + std::to_string(redirect);
    testing::WriteFile(path, "node: {id: tls, level: group, org: CN}\nhttp:\n  port: " +
                                 std::to_string(port) + redirect_line + "\n  tls: {cert: " + cert +
                                 ", key: key.pem}\nstorage: {sqlite: {path: t.db}}\n"
                                 "log: {level: warning}\n");
    return path;
  }
  std::string dir_;
};

TEST_F(TlsTest, ServesHttpsWithHsts) {
  testing::WriteSelfSignedCertificate(dir_ + "/cert.pem", dir_ + "/key.pem");
  const std::uint16_t port = testing::FreePort();
  const std::uint16_t plain = testing::FreePort();
  testing::NodeProcess node({"--config", Config(port, "cert.pem", plain)}, dir_ + "/node.log");

  Poco::Net::Context::Ptr context(new Poco::Net::Context(
      Poco::Net::Context::TLS_CLIENT_USE, "", Poco::Net::Context::VERIFY_NONE));
  int status = 0;
  std::string hsts;
  std::string body;
  for (int attempt = 0; attempt < 200 && status == 0; ++attempt) {
    try {
      Poco::Net::HTTPSClientSession session("127.0.0.1", port, context);
      Poco::Net::HTTPRequest request("GET", "/healthz", Poco::Net::HTTPMessage::HTTP_1_1);
      session.sendRequest(request);
      Poco::Net::HTTPResponse response;
      Poco::StreamCopier::copyToString(session.receiveResponse(response), body);
      status = response.getStatus();
      hsts = response.get("Strict-Transport-Security", "");
    } catch (const Poco::Exception&) {
      ASSERT_TRUE(node.running()) << node.Log();
      Poco::Thread::sleep(50);  // still starting
    }
  }
  EXPECT_EQ(200, status) << node.Log();
  EXPECT_NE(std::string::npos, body.find("\"nodeId\":\"tls\""));
  EXPECT_NE(std::string::npos, hsts.find("max-age="));
  const auto redirected = testing::HttpGet(plain, "/api/v1/orgs?level=province");
  EXPECT_EQ(308, redirected.status);
  EXPECT_EQ("https://127.0.0.1:" + std::to_string(port) + "/api/v1/orgs?level=province",
            redirected.Header("Location"));
}

TEST(RedirectLocation, KeepsTheHostButNeverForeignCharacters) {
  EXPECT_EQ("https://mams.example.cn:8443/x?y=1",
            http::RedirectLocation("mams.example.cn:8080", "/x?y=1", 8443, "10.0.0.1"));
  EXPECT_EQ("https://[::1]:8443/", http::RedirectLocation("[::1]:8080", "/", 8443, "10.0.0.1"));
  EXPECT_EQ("https://10.0.0.1:8443/", http::RedirectLocation("evil.com/@x", "/", 8443, "10.0.0.1"));
  // A target that looks like a host stays a path on this node's origin.
  EXPECT_EQ("https://10.0.0.1:8443//evil.com",
            http::RedirectLocation("", "//evil.com", 8443, "10.0.0.1"));
}

TEST_F(TlsTest, MissingCertificateIsRefusedAtStart) {
  const auto result = testing::RunNodeToExit({"--config", Config(testing::FreePort(), "absent.pem")});
  EXPECT_EQ(78, result.exit_code);
  EXPECT_NE(std::string::npos, result.output.find("http.tls: cannot load certificate '" + dir_ + "/absent.pem'"))
      << result.output;
}

}  // namespace
}  // namespace mams
