// Every error code the product throws has a Chinese and an English message: the sources are
// scanned for codes, so a new code without its messages fails here.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "node/app/module_list.h"
#include "node/common/error_catalogue.h"

namespace mams {
namespace {

namespace fs = std::filesystem;

std::string Read(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Codes in the ways the sources throw them, "code" being the captured literal.
std::map<std::string, std::string> ThrownCodes() {
  static const std::regex kThrown(
      R"((?:ApiError\(\s*ErrorKind::\w+,\s*|ProtocolError\{\s*\d+,\s*|Fail\(\s*\d+,\s*|)"
      R"(Violation\(\s*|\*failure = |failure\.empty\(\) \? )"([a - z][a - z0 - 9_]*)")");
  // Module helpers that take the code first: ApiError Invalid(const std::string& code, ...).
  static const std::regex kInvalid(R"(Invalid\(\s*"([a-z][a-z0-9_]*)") ");
      std::map<std::string, std::string>
          codes;  // code → a file throwing it
  for (const char* root : {"node", "modules", "sync", "interfaces"}) {
    const fs::path dir = fs::path(MAMS_SOURCE_DIR) / root;
    if (!fs::exists(dir)) {
      continue;
    }
    for (const auto& entry : fs::recursive_directory_iterator(dir)) {
      const std::string name = entry.path().filename().string();
      const bool source = name.size() > 4 &&
                          (entry.path().extension() == ".cpp" || entry.path().extension() == ".h");
      if (!entry.is_regular_file() || !source || name.find("_test.") != std::string::npos) {
        continue;
      }
      const std::string text = Read(entry.path());
      const std::string where = fs::relative(entry.path(), MAMS_SOURCE_DIR).string();
      for (std::sregex_iterator it(text.begin(), text.end(), kThrown), end; it != end; ++it) {
        codes.emplace((*it)[1], where);
      }
      if (text.find("Invalid(const std::string& code") != std::string::npos) {
        for (std::sregex_iterator it(text.begin(), text.end(), kInvalid), end; it != end; ++it) {
          codes.emplace((*it)[1], where);
        }
      }
    }
  }
  return codes;
}

ErrorCatalogue WholeCatalogue() {
  ErrorCatalogue catalogue;  // throws StartupError when two tables declare a code
  for (const auto& module : app::AllModules()) {
    catalogue.Add(module.errors, module.name);
  }
  return catalogue;
}

TEST(ErrorMessages, EveryThrownCodeHasAChineseAndAnEnglishMessage) {
  const ErrorCatalogue catalogue = WholeCatalogue();
  const auto codes = ThrownCodes();
  EXPECT_GT(codes.size(), 80u) << "the scan finds the codes the product throws";
  for (const auto& [code, where] : codes) {
    const ErrorMessage* message = catalogue.Find(code);
    EXPECT_NE(nullptr, message) << code << " (thrown in " << where
                                << ") has no entry in node/common/node_errors.cpp or its "
                                   "module's errors table";
    if (message != nullptr) {
      EXPECT_FALSE(message->zh.empty()) << code;
      EXPECT_FALSE(message->en.empty()) << code;
    }
  }
}

TEST(ErrorMessages, TemplatesAreWellFormed) {
  std::vector<ErrorMessage> all = NodeErrorMessages();
  for (const auto& module : app::AllModules()) {
    all.insert(all.end(), module.errors.begin(), module.errors.end());
  }
  for (const ErrorMessage& message : all) {
    for (const std::string_view text : {message.zh, message.en}) {
      int depth = 0;
      int braces = 0;
      for (const char c : text) {
        depth += c == '[' ? 1 : c == ']' ? -1 : 0;
        braces += c == '{' ? 1 : c == '}' ? -1 : 0;
        EXPECT_TRUE(depth >= 0 && depth <= 1 && braces >= 0 && braces <= 1)
            << message.code << ": " << text;
      }
      EXPECT_EQ(0, depth + braces) << message.code << ": " << text;
    }
  }
  EXPECT_GT(all.size(), 100u);
}

}  // namespace
}  // namespace mams
