// Every error code the product throws has a Chinese and an English message: the sources are
// scanned for codes, so a new code without its messages fails here.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
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
      R"re((?:ApiError\(\s*ErrorKind::\w+,\s*|ProtocolError\{\s*\d+,\s*|Fail\(\s*\d+,\s*|)re"
      R"re(Violation\(\s*|\*failure = |failure\.empty\(\) \? )"([a-z][A-Za-z0-9_]*)")re");
  // Module helpers that take the code first: ApiError Invalid(const std::string& code, ...).
  static const std::regex kInvalid(R"re(Invalid\(\s*"([a-z][A-Za-z0-9_]*)")re");
  std::map<std::string, std::string> codes;  // code → a file throwing it
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
      const auto collect = [&](const std::regex& pattern) {
        for (std::sregex_iterator it(text.begin(), text.end(), pattern), end; it != end; ++it) {
          // "invalid_" + field: the codes made from a prefix are listed in kBuiltCodes.
          const auto after = text.find_first_not_of(' ', it->position() + it->length());
          const bool prefix = after != std::string::npos && text[after] == '+';
          codes.emplace(std::string((*it)[1]) + (prefix ? "*" : ""), where);
        }
      };
      collect(kThrown);
      if (text.find("Invalid(const std::string& code") != std::string::npos) {
        collect(kInvalid);
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
  auto codes = ThrownCodes();
  EXPECT_GT(codes.size(), 80u) << "the scan finds the codes the product throws";
  // Codes built from a prefix and a field or column name, which no scan can see whole.
  static const char* const kBuiltCodes[] = {
      "invalid_name",    "invalid_title", "invalid_remarks", "invalid_content", "invalid_followUp",
      "invalid_product", "invalid_month", "invalid_amount",  "invalid_arrears",
      "invalid_subject", "invalid_body",  "invalid_link",
  };
  for (const char* code : kBuiltCodes) {
    codes.emplace(code, "a code built from a prefix");
  }
  for (const auto& [code, where] : codes) {
    if (code.back() == '*') {
      const std::string prefix = code.substr(0, code.size() - 1);
      const bool listed =
          std::any_of(std::begin(kBuiltCodes), std::end(kBuiltCodes),
                      [&](const char* built) { return std::string(built).rfind(prefix, 0) == 0; });
      EXPECT_TRUE(listed) << where << " builds codes from \"" << prefix
                          << "\": list them in kBuiltCodes";
      continue;
    }
    const ErrorMessage* message = catalogue.Find(code);
    EXPECT_NE(nullptr, message) << code << " (thrown in " << where
                                << ") has no entry in node/common/node_errors.yaml or its "
                                   "module's <module>_errors.yaml";
    if (message != nullptr) {
      EXPECT_FALSE(message->zh.empty()) << code;
      EXPECT_FALSE(message->en.empty()) << code;
    }
  }
}

// Loading a table checks its YAML and its templates (ErrorTable), so a malformed
// <module>_errors.yaml fails here as well as at a node's start.
TEST(ErrorMessages, EveryTableLoads) {
  std::size_t count = NodeErrorMessages().size();
  for (const auto& module : app::AllModules()) {
    count += module.errors.size();
  }
  EXPECT_GT(count, 100u);
}

}  // namespace
}  // namespace mams
