#include <Poco/Exception.h>
#include <Poco/File.h>
#include <sys/stat.h>
#include <zmq.h>

#include <fstream>
#include <sstream>

#include "node/common/errors.h"
#include "sync/sync_service.h"

namespace mams::sync {
namespace {

bool Exists(const std::string& path) {
  struct stat info {};
  return ::stat(path.c_str(), &info) == 0;
}

}  // namespace

std::string GenerateKeys(const std::string& dir) {
  const std::string secret_file = dir + "/node.key";
  const std::string public_file = dir + "/node.pub";
  if (Exists(secret_file) || Exists(public_file)) {
    throw StartupError("--gen-keys: " + dir +
                       " already holds node.key or node.pub; keys are "
                       "never overwritten (move them away first)");
  }
  try {
    Poco::File(dir).createDirectories();
  } catch (const Poco::Exception& e) {
    throw StartupError("--gen-keys: cannot create " + dir + ": " + e.displayText());
  }
  char public_key[41] = {};
  char secret_key[41] = {};
  if (zmq_curve_keypair(public_key, secret_key) != 0) {
    throw StartupError("--gen-keys: this libzmq has no CURVE support: " +
                       std::string(zmq_strerror(zmq_errno())));
  }
  {
    const mode_t previous = ::umask(0077);  // the secret is readable by its owner only
    std::ofstream out(secret_file);
    ::umask(previous);
    out << secret_key << "\n";
    if (!out) {
      throw StartupError("--gen-keys: cannot write " + secret_file);
    }
  }
  std::ofstream out(public_file);
  out << public_key << "\n";
  if (!out) {
    throw StartupError("--gen-keys: cannot write " + public_file);
  }
  return public_key;
}

std::pair<std::string, std::string> LoadKeys(const std::string& key_file) {
  std::ifstream in(key_file);
  if (!in) {
    throw StartupError("sync.key_file: cannot read " + key_file +
                       " (create a keypair with mams-node --gen-keys DIR)");
  }
  std::string secret;
  std::getline(in, secret);
  while (!secret.empty() && (secret.back() == '\r' || secret.back() == ' ')) {
    secret.pop_back();
  }
  char public_key[41] = {};
  if (secret.size() != 40 || zmq_curve_public(public_key, secret.c_str()) != 0) {
    throw StartupError("sync.key_file: " + key_file +
                       " does not hold a CurveZMQ secret key (40 characters of Z85)");
  }
  return {secret, public_key};
}

}  // namespace mams::sync
