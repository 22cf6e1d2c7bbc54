#include "node/backup/backup_manifest.h"

#include <Poco/File.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <openssl/evp.h>
#include <sys/stat.h>

#include <cstdio>
#include <fstream>
#include <memory>
#include <sstream>

#include "node/common/errors.h"

namespace mams::backup {
namespace {

constexpr char kManifestName[] = "manifest.json";
constexpr char kFormatName[] = "mams-backup";

std::string Hex(const unsigned char* data, unsigned int size) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string text;
  text.reserve(size * 2);
  for (unsigned int i = 0; i < size; ++i) {
    text += kDigits[data[i] >> 4];
    text += kDigits[data[i] & 0x0f];
  }
  return text;
}

}  // namespace

std::string Sha256OfFile(const std::string& path, std::int64_t* bytes) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw StartupError("cannot read " + path);
  }
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(EVP_MD_CTX_new(),
                                                                  EVP_MD_CTX_free);
  EVP_DigestInit_ex(context.get(), EVP_sha256(), nullptr);
  std::vector<char> buffer(1 << 20);
  std::int64_t total = 0;
  while (in) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    const auto got = in.gcount();
    EVP_DigestUpdate(context.get(), buffer.data(), static_cast<std::size_t>(got));
    total += got;
  }
  if (in.bad()) {
    throw StartupError("cannot read " + path);
  }
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EVP_DigestFinal_ex(context.get(), digest, &size);
  if (bytes != nullptr) {
    *bytes = total;
  }
  return Hex(digest, size);
}

void WriteManifest(const std::string& dir, const BackupManifest& manifest) {
  Poco::JSON::Object object(Poco::JSON_PRESERVE_KEY_ORDER);
  object.set("format", kFormatName);
  object.set("formatVersion", manifest.format_version);
  Poco::JSON::Object node(Poco::JSON_PRESERVE_KEY_ORDER);
  node.set("id", manifest.node_id);
  node.set("level", manifest.level);
  node.set("org", manifest.org);
  object.set("node", node);
  object.set("backend", manifest.backend);
  object.set("mamsVersion", manifest.mams_version);
  object.set("createdAt", manifest.created_at);
  object.set("outboxSeq", manifest.outbox_seq);
  Poco::JSON::Array files;
  for (const BackupFile& file : manifest.files) {
    Poco::JSON::Object item(Poco::JSON_PRESERVE_KEY_ORDER);
    item.set("name", file.name);
    item.set("bytes", file.bytes);
    item.set("sha256", file.sha256);
    files.add(item);
  }
  object.set("files", files);
  const std::string temp = dir + "/" + kManifestName + ".tmp";
  {
    std::ofstream out(temp, std::ios::trunc);
    object.stringify(out, 2);
    out << "\n";
    if (!out.flush()) {
      throw StartupError("cannot write " + temp);
    }
  }
  ::chmod(temp.c_str(), 0600);
  if (std::rename(temp.c_str(), (dir + "/" + kManifestName).c_str()) != 0) {
    throw StartupError("cannot write " + dir + "/" + kManifestName);
  }
}

BackupManifest ReadVerifiedManifest(const std::string& dir) {
  const std::string path = dir + "/" + kManifestName;
  std::ifstream in(path);
  if (!in) {
    throw StartupError(path + " not found: " + dir + " is not a MAMS backup directory");
  }
  std::stringstream text;
  text << in.rdbuf();
  BackupManifest manifest;
  try {
    const auto object = Poco::JSON::Parser().parse(text.str()).extract<Poco::JSON::Object::Ptr>();
    if (object->optValue<std::string>("format", "") != kFormatName) {
      throw StartupError(path + ": not a MAMS backup manifest (format is not \"" +
                         std::string(kFormatName) + "\")");
    }
    manifest.format_version = object->getValue<int>("formatVersion");
    if (manifest.format_version != BackupManifest::kFormatVersion) {
      throw StartupError(path + ": backup format version " +
                         std::to_string(manifest.format_version) +
                         " is not supported (this "
                         "mams-node reads version " +
                         std::to_string(BackupManifest::kFormatVersion) + ")");
    }
    const auto node = object->getObject("node");
    manifest.node_id = node->getValue<std::string>("id");
    manifest.level = node->getValue<std::string>("level");
    manifest.org = node->getValue<std::string>("org");
    manifest.backend = object->getValue<std::string>("backend");
    manifest.mams_version = object->getValue<std::string>("mamsVersion");
    manifest.created_at = object->getValue<std::string>("createdAt");
    manifest.outbox_seq = object->getValue<std::int64_t>("outboxSeq");
    const auto files = object->getArray("files");
    for (std::size_t i = 0; files && i < files->size(); ++i) {
      const auto item = files->getObject(static_cast<unsigned>(i));
      BackupFile file;
      file.name = item->getValue<std::string>("name");
      file.bytes = item->getValue<std::int64_t>("bytes");
      file.sha256 = item->getValue<std::string>("sha256");
      if (file.name.empty() || file.name.find('/') != std::string::npos || file.name[0] == '.') {
        throw StartupError(path + ": file name \"" + file.name + "\" is not a plain file name");
      }
      manifest.files.push_back(std::move(file));
    }
  } catch (const StartupError&) {
    throw;
  } catch (const Poco::Exception& e) {
    throw StartupError(path + " is damaged: " + e.displayText());
  }
  if (manifest.files.empty()) {
    throw StartupError(path + " lists no files");
  }
  for (const BackupFile& file : manifest.files) {
    const std::string file_path = dir + "/" + file.name;
    if (!Poco::File(file_path).exists()) {
      throw StartupError("backup file " + file_path + " is missing");
    }
    std::int64_t bytes = 0;
    const std::string sha256 = Sha256OfFile(file_path, &bytes);
    if (bytes != file.bytes || sha256 != file.sha256) {
      throw StartupError("backup file " + file_path + " is corrupted: its SHA-256 is " + sha256 +
                         " (" + std::to_string(bytes) + " bytes), the manifest says " +
                         file.sha256 + " (" + std::to_string(file.bytes) + " bytes)");
    }
  }
  return manifest;
}

}  // namespace mams::backup
