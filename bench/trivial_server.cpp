// mams_bench_trivial_server: the baseline for bench/run_http.sh. A POCO HTTPServer that answers
// every request with a fixed {"status":"ok"}, with the POCO tuning mams-node had before it got
// its own HTTP layer (node/http/): the server a team would write with POCO alone, so that a ratio
// says what mams-node's whole request path (its HTTP layer, routing, identity, JSON, logging)
// costs or saves against it.
//
// Usage: mams_bench_trivial_server PORT   (0 = ephemeral). Prints "PORT=<n>" on stdout once
// listening, then serves until SIGTERM or SIGINT.
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/ThreadPool.h>
#include <pthread.h>
#include <sys/resource.h>

#include <csignal>
#include <cstdlib>
#include <exception>
#include <iostream>
#include <limits>
#include <string>

namespace {

// The same values as mams-node's defaults (node/config/node_config.h, HttpSection, and
// node/http/http_server.cpp).
constexpr int kMaxThreads = 1024;
constexpr int kMaxQueued = 512;
constexpr int kKeepAliveTimeoutSeconds = 10;
constexpr int kMaxKeepAliveRequests = 1000;
constexpr int kReceiveTimeoutSeconds = 30;
constexpr int kIdleThreadSeconds = 60;
constexpr int kListenBacklog = 1024;

constexpr char kBody[] = "{\"status\":\"ok\"}";

void RaiseOpenFileLimit() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
    limit.rlim_cur = limit.rlim_max;
    setrlimit(RLIMIT_NOFILE, &limit);
  }
}

class OkHandler final : public Poco::Net::HTTPRequestHandler {
 public:
  void handleRequest(Poco::Net::HTTPServerRequest& request,
                     Poco::Net::HTTPServerResponse& response) override {
    // Drain any request body so the connection stays usable for keep-alive.
    request.stream().ignore(std::numeric_limits<std::streamsize>::max());
    response.setStatusAndReason(Poco::Net::HTTPResponse::HTTP_OK);
    response.setContentType("application/json");
    response.sendBuffer(kBody, sizeof kBody - 1);
  }
};

class OkHandlerFactory final : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  Poco::Net::HTTPRequestHandler* createRequestHandler(
      const Poco::Net::HTTPServerRequest&) override {
    return new OkHandler;
  }
};

int Usage() {
  std::cerr << "usage: mams_bench_trivial_server PORT   (0 = ephemeral; prints PORT=<n>)\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    return Usage();
  }
  char* end = nullptr;
  const long port = std::strtol(argv[1], &end, 10);
  if (end == argv[1] || *end != '\0' || port < 0 || port > 65535) {
    return Usage();
  }
  RaiseOpenFileLimit();

  // Block the termination signals in every thread (the pool threads inherit the mask) and
  // wait for them in main with sigwait.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  try {
    const Poco::Net::SocketAddress address("127.0.0.1", static_cast<Poco::UInt16>(port));
    Poco::Net::ServerSocket socket;
    socket.bind(address, /*reuseAddress=*/true, /*reusePort=*/false);
    socket.listen(kListenBacklog);

    Poco::ThreadPool pool("http", 2, kMaxThreads, kIdleThreadSeconds);
    Poco::Net::HTTPServerParams::Ptr params(new Poco::Net::HTTPServerParams);
    params->setMaxThreads(kMaxThreads);
    params->setMaxQueued(kMaxQueued);
    params->setKeepAlive(true);
    params->setKeepAliveTimeout(Poco::Timespan(kKeepAliveTimeoutSeconds, 0));
    params->setMaxKeepAliveRequests(kMaxKeepAliveRequests);
    params->setTimeout(Poco::Timespan(kReceiveTimeoutSeconds, 0));
    params->setThreadIdleTime(Poco::Timespan(kIdleThreadSeconds, 0));
    params->setServerName("mams-bench-trivial");

    Poco::Net::HTTPServer server(new OkHandlerFactory, pool, socket, params);
    server.start();
    std::cout << "PORT=" << server.socket().address().port() << std::endl;

    int received = 0;
    while (sigwait(&signals, &received) != 0) {
    }
    server.stopAll(/*abortCurrent=*/false);
    pool.joinAll();
  } catch (const Poco::Exception& e) {
    std::cerr << "mams_bench_trivial_server: " << e.displayText() << "\n";
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "mams_bench_trivial_server: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
