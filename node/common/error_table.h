#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "node/common/error_catalogue.h"

namespace mams {

/// One error table (node/ or a module), read from its YAML data file, which the build compiles
/// in (mams_embed_text): a mapping of code → {zh: template, en: template}, in file order.
/// Declare it once, as a function-local static, and hand `messages()` to ErrorCatalogue:
///
///     static const ErrorTable kTable("modules/x/x_errors.yaml", XErrorsYaml());
///
/// The views in `messages()` point into the table, so it is neither copied nor moved.
class ErrorTable {
 public:
  /// Parses `yaml`; `source` names the file in errors. Throws StartupError (file:line:column:
  /// code: what) on malformed YAML, a code that is not snake_case or camelCase, a code given
  /// twice, a missing, empty or unknown key, or a template whose `[` `]` or `{` `}` do not
  /// pair up (nested parts are not allowed).
  ErrorTable(const std::string& source, std::string_view yaml);

  ErrorTable(const ErrorTable&) = delete;
  ErrorTable& operator=(const ErrorTable&) = delete;

  const std::vector<ErrorMessage>& messages() const { return messages_; }

 private:
  std::vector<std::array<std::string, 3>> texts_;  ///< code, zh, en: what messages_ views
  std::vector<ErrorMessage> messages_;
};

}  // namespace mams
