#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>

namespace mams::identity {

/// The rules for new passwords, from the node configuration (auth.password_* keys).
struct PasswordPolicyConfig {
  int min_length = 12;         ///< in Unicode code points; at least 1
  int max_length = 128;        ///< in Unicode code points; at least min_length
  int required_classes = 0;    ///< how many of: lower-case, upper-case, digit, other (0-4)
  std::string blocklist_file;  ///< one common/breached password per line; empty = none
  bool use_builtin_list = true;  ///< also the list shipped in config/common-passwords.txt
};

/// The text of config/common-passwords.txt, compiled into the binary so that a node needs
/// no data files to enforce the policy.
const char* BuiltinCommonPasswords();

/// Why a password was refused, ready to show to the user in either language.
struct PolicyViolation {
  std::string code;        ///< "too_short", "too_long", "contains_username", "too_few_classes",
                           ///< "common_password", "invalid_utf8"
  std::string message;     ///< English, names the rule and its number, e.g.
                           ///< "password must have at least 12 characters"
  std::string message_zh;  ///< Chinese, e.g. "密码至少需要 12 个字符"
};

/// Checks new passwords (at enrolment and change, never at login) against length, character
/// classes, the user name and a blocklist. The checks, in this order, first failure wins:
///  1. invalid_utf8: the password is not valid UTF-8 (overlong forms and surrogates too).
///  2. too_short / too_long: length in code points, so each Chinese character counts 1.
///  3. contains_username: the password contains the user name, ignoring ASCII case, when the
///     user name has at least 3 code points.
///  4. too_few_classes: fewer than required_classes of lower-case (a-z), upper-case (A-Z),
///     digit (0-9) and other; every non-ASCII character counts as other.
///  5. common_password: after ASCII lower-casing, the password, the password with trailing
///     symbols and spaces stripped, or its base (trailing digits stripped as well, so
///     "Password1234!" gives "password") is on the blocklist; or is two blocklist entries of
///     at least 4 bytes each joined ("woaini1314woaini"); or is one character repeated; or is
///     a run of at least 12 characters, each following the previous one in the same direction
///     along 0123456789 (wrapping 9 to 0), a-z, or the keyboard rows read as one line
///     qwertyuiop asdfghjkl zxcvbnm ("123456789012", "abcdefghijkl", "lkjhgfdsapoiuy").
/// Immutable after construction; thread-safe.
class PasswordPolicy {
 public:
  /// Loads the blocklist (lower-cased, trimmed, '#' comment lines and blanks skipped).
  /// Throws StartupError naming the file when it cannot be read, and StartupError for an
  /// inconsistent config (lengths below 1, max below min, required_classes outside 0-4).
  explicit PasswordPolicy(PasswordPolicyConfig config);

  /// Empty when acceptable. `username` may be empty (no containment check). Never throws
  /// except std::bad_alloc.
  std::optional<PolicyViolation> Check(std::string_view password, std::string_view username) const;

  const PasswordPolicyConfig& config() const { return config_; }
  /// Number of distinct entries loaded from blocklist_file.
  std::size_t blocklist_size() const { return blocklist_.size(); }

 private:
  bool IsListed(const std::string& lowered) const;
  bool IsCommon(const std::string& lowered) const;

  PasswordPolicyConfig config_;
  std::unordered_set<std::string> blocklist_;
};

}  // namespace mams::identity
