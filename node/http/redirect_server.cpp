#include "node/http/redirect_server.h"

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/ServerSocket.h>

#include "node/common/errors.h"

namespace mams::http {
namespace {

class RedirectHandler final : public Poco::Net::HTTPRequestHandler {
 public:
  RedirectHandler(std::uint16_t https_port, const std::string& fallback_host)
      : https_port_(https_port), fallback_host_(fallback_host) {}

  void handleRequest(Poco::Net::HTTPServerRequest& request,
                     Poco::Net::HTTPServerResponse& response) override {
    response.setStatusAndReason(Poco::Net::HTTPResponse::HTTP_PERMANENT_REDIRECT);
    response.set("Location",
                 RedirectLocation(request.getHost(), request.getURI(), https_port_, fallback_host_));
    response.setContentLength(0);
    response.send();
  }

 private:
  std::uint16_t https_port_;
  const std::string& fallback_host_;
};

class RedirectFactory final : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  RedirectFactory(std::uint16_t https_port, std::string fallback_host)
      : https_port_(https_port), fallback_host_(std::move(fallback_host)) {}
  Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest&) override {
    return new RedirectHandler(https_port_, fallback_host_);
  }

 private:
  std::uint16_t https_port_;
  std::string fallback_host_;
};

}  // namespace

std::string RedirectLocation(const std::string& host_header, const std::string& target,
                             std::uint16_t https_port, const std::string& fallback_host) {
  std::string host = host_header;
  const auto bracket = host.rfind(']');
  const auto colon = host.rfind(':');
  if (colon != std::string::npos && (bracket == std::string::npos || colon > bracket)) {
    host.erase(colon);
  }
  bool safe = !host.empty();
  for (const char c : host) {
    safe = safe && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '-' || c == '[' || c == ']' || c == ':');
  }
  const std::string path = !target.empty() && target.front() == '/' ? target : "/";
  return "https://" + (safe ? host : fallback_host) + ":" + std::to_string(https_port) + path;
}

struct RedirectServer::Impl {
  std::string bind;
  std::uint16_t port;
  std::uint16_t https_port;
  std::unique_ptr<Poco::Net::HTTPServer> server;
};

RedirectServer::RedirectServer(const std::string& bind, std::uint16_t port,
                               std::uint16_t https_port)
    : impl_(std::make_unique<Impl>(Impl{bind, port, https_port, nullptr})) {}

RedirectServer::~RedirectServer() { Stop(); }

void RedirectServer::Start() {
  const Poco::Net::SocketAddress address(impl_->bind, impl_->port);
  Poco::Net::ServerSocket socket;
  try {
    socket.bind(address, true, false);
    socket.listen(64);
  } catch (const Poco::Net::NetException& e) {
    throw StartupError("http.redirect_port: cannot listen on " + address.toString() + ": " +
                       e.displayText());
  }
  Poco::Net::HTTPServerParams::Ptr params(new Poco::Net::HTTPServerParams);
  params->setMaxThreads(8);
  params->setKeepAlive(false);
  impl_->server = std::make_unique<Poco::Net::HTTPServer>(
      new RedirectFactory(impl_->https_port, impl_->bind), socket, params);
  impl_->server->start();
}

void RedirectServer::Stop() {
  if (impl_->server) {
    impl_->server->stopAll(false);
    impl_->server.reset();
  }
}

std::uint16_t RedirectServer::port() const {
  return impl_->server ? impl_->server->socket().address().port() : 0;
}

}  // namespace mams::http
