#include "modules/identity/password_policy.h"

#include <algorithm>
#include <array>
#include <fstream>
#include <sstream>
#include <utility>
#include <vector>

#include "node/common/ascii.h"
#include "node/common/errors.h"

namespace mams::identity {
namespace {

constexpr int kMinUsernameToCheck = 3;
constexpr std::size_t kMinJoinedPart = 4;
constexpr std::size_t kMinSequenceRun = 12;
constexpr std::string_view kSequences[] = {
    "01234567890",
    "abcdefghijklmnopqrstuvwxyz",
    "qwertyuiopasdfghjklzxcvbnm",
};

// Strict decoding (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF.
std::optional<std::u32string> DecodeUtf8(std::string_view text) {
  std::u32string out;
  std::size_t i = 0;
  while (i < text.size()) {
    const auto lead = static_cast<unsigned char>(text[i]);
    std::size_t extra = 0;
    char32_t min_value = 0;
    if (lead >= 0xc0u && lead < 0xe0u) {
      extra = 1;
      min_value = 0x80;
    } else if (lead >= 0xe0u && lead < 0xf0u) {
      extra = 2;
      min_value = 0x800;
    } else if (lead >= 0xf0u && lead < 0xf8u) {
      extra = 3;
      min_value = 0x10000;
    } else if (lead >= 0x80u) {
      return std::nullopt;  // a continuation byte or an invalid lead byte
    }
    if (text.size() - i <= extra) {
      return std::nullopt;
    }
    // The lead byte keeps 7, 5, 4 or 3 payload bits for 0-3 continuation bytes.
    char32_t value = lead & (0x7fu >> extra);
    for (std::size_t k = 1; k <= extra; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xc0u) != 0x80u) {
        return std::nullopt;
      }
      value = (value << 6u) | (next & 0x3fu);
    }
    if (value < min_value || value > 0x10ffff || (value >= 0xd800 && value <= 0xdfff)) {
      return std::nullopt;
    }
    out += value;
    i += extra + 1;
  }
  return out;
}

std::string_view Trim(std::string_view text) {
  constexpr std::string_view kSpace = " \t\r\n\f\v";
  const std::size_t begin = text.find_first_not_of(kSpace);
  if (begin == std::string_view::npos) {
    return {};
  }
  return text.substr(begin, text.find_last_not_of(kSpace) - begin + 1);
}

bool IsAsciiLowerLetter(char32_t c) { return c >= U'a' && c <= U'z'; }

bool IsAsciiUpperLetter(char32_t c) { return c >= U'A' && c <= U'Z'; }

bool IsAsciiDigit(char32_t c) { return c >= U'0' && c <= U'9'; }

// Lower-case, upper-case, digit, other: the four classes of required_classes.
int CountClasses(const std::u32string& text) {
  std::array<bool, 4> seen{};
  for (const char32_t c : text) {
    const std::size_t index = IsAsciiLowerLetter(c)   ? 0
                              : IsAsciiUpperLetter(c) ? 1
                              : IsAsciiDigit(c)       ? 2
                                                      : 3;
    seen[index] = true;
  }
  return static_cast<int>(std::count(seen.begin(), seen.end(), true));
}

// Users satisfy rules by appending "1", "123!" or a year; the word in front is what counts.
// Bytes of non-ASCII characters are never stripped.
std::string StripTrailing(std::string text, bool digits_too) {
  while (!text.empty()) {
    const auto c = static_cast<unsigned char>(text.back());
    if (c >= 0x80u || IsAsciiLowerLetter(c) || (!digits_too && IsAsciiDigit(c))) {
      break;
    }
    text.pop_back();
  }
  return text;
}

bool IsRepeatedCharacter(std::string_view text) {
  const auto chars = DecodeUtf8(text);
  if (!chars || chars->empty()) {
    return false;
  }
  return chars->find_first_not_of(chars->front()) == std::u32string::npos;
}

bool Follows(char previous, char next) {
  for (const std::string_view sequence : kSequences) {
    for (std::size_t i = 0; i + 1 < sequence.size(); ++i) {
      if (sequence[i] == previous && sequence[i + 1] == next) {
        return true;
      }
    }
  }
  return false;
}

bool IsSequenceRun(std::string_view text) {
  if (text.size() < kMinSequenceRun) {
    return false;
  }
  bool ascending = true;
  bool descending = true;
  for (std::size_t i = 1; i < text.size() && (ascending || descending); ++i) {
    ascending = ascending && Follows(text[i - 1], text[i]);
    descending = descending && Follows(text[i], text[i - 1]);
  }
  return ascending || descending;
}

PolicyViolation Violation(std::string code, std::string message, std::string message_zh) {
  return PolicyViolation{std::move(code), std::move(message), std::move(message_zh)};
}

void Validate(const PasswordPolicyConfig& config) {
  if (config.min_length < 1 || config.max_length < config.min_length) {
    throw StartupError(
        "password policy: min_length must be at least 1 and max_length at least "
        "min_length (got " +
        std::to_string(config.min_length) + " and " + std::to_string(config.max_length) + ")");
  }
  if (config.required_classes < 0 || config.required_classes > 4) {
    throw StartupError("password policy: required_classes must be from 0 to 4 (got " +
                       std::to_string(config.required_classes) + ")");
  }
}

void ReadEntries(std::istream& in, std::unordered_set<std::string>* entries) {
  std::string line;
  while (std::getline(in, line)) {
    const std::string_view entry = Trim(line);
    if (!entry.empty() && entry.front() != '#') {
      entries->insert(AsciiLower(entry));
    }
  }
}

std::unordered_set<std::string> LoadBlocklist(const std::string& path) {
  std::unordered_set<std::string> entries;
  if (path.empty()) {
    return entries;
  }
  std::ifstream file(path);
  if (!file.is_open()) {
    throw StartupError("cannot read password blocklist file " + path);
  }
  ReadEntries(file, &entries);
  // A directory opens on Linux but fails on the first read.
  if (file.bad() || (entries.empty() && !file.eof())) {
    throw StartupError("cannot read password blocklist file " + path);
  }
  return entries;
}

}  // namespace

PasswordPolicy::PasswordPolicy(PasswordPolicyConfig config) : config_(std::move(config)) {
  Validate(config_);
  blocklist_ = LoadBlocklist(config_.blocklist_file);
  if (config_.use_builtin_list) {
    std::istringstream builtin(BuiltinCommonPasswords());
    ReadEntries(builtin, &blocklist_);
  }
}

std::optional<PolicyViolation> PasswordPolicy::Check(std::string_view password,
                                                     std::string_view username) const {
  const auto chars = DecodeUtf8(password);
  if (!chars) {
    return Violation("invalid_utf8", "password must be valid UTF-8 text",
                     "密码必须是有效的 UTF-8 文本");
  }
  const std::string min = std::to_string(config_.min_length);
  const std::string max = std::to_string(config_.max_length);
  if (chars->size() < static_cast<std::size_t>(config_.min_length)) {
    return Violation("too_short", "password must have at least " + min + " characters",
                     "密码至少需要 " + min + " 个字符");
  }
  if (chars->size() > static_cast<std::size_t>(config_.max_length)) {
    return Violation("too_long", "password must have at most " + max + " characters",
                     "密码最多只能有 " + max + " 个字符");
  }
  const std::string lowered = AsciiLower(password);
  const auto user_chars = DecodeUtf8(username);
  const std::size_t user_length = user_chars ? user_chars->size() : username.size();
  if (user_length >= static_cast<std::size_t>(kMinUsernameToCheck) &&
      lowered.find(AsciiLower(username)) != std::string::npos) {
    return Violation("contains_username", "password must not contain the user name",
                     "密码不能包含用户名");
  }
  if (CountClasses(*chars) < config_.required_classes) {
    const std::string n = std::to_string(config_.required_classes);
    return Violation(
        "too_few_classes",
        "password must contain at least " + n +
            " of these 4 kinds of characters: lower-case letters, upper-case "
            "letters, digits, other characters",
        "密码必须包含以下 4 类字符中的至少 " + n + " 类：小写字母、大写字母、数字、其他字符");
  }
  if (IsCommon(lowered)) {
    return Violation("common_password",
                     "password must not be a common password, a repeated character or a "
                     "keyboard or number sequence",
                     "密码不能是常见密码、重复字符或键盘、数字序列");
  }
  return std::nullopt;
}

bool PasswordPolicy::IsListed(const std::string& lowered) const {
  if (blocklist_.count(lowered) > 0) {
    return true;
  }
  for (std::size_t split = kMinJoinedPart; split + kMinJoinedPart <= lowered.size(); ++split) {
    if (blocklist_.count(lowered.substr(0, split)) > 0 &&
        blocklist_.count(lowered.substr(split)) > 0) {
      return true;
    }
  }
  return false;
}

bool PasswordPolicy::IsCommon(const std::string& lowered) const {
  const std::string trimmed = StripTrailing(lowered, false);
  const std::string base = StripTrailing(trimmed, true);
  for (const std::string* candidate : {&lowered, &trimmed, &base}) {
    if (candidate->empty()) {
      continue;
    }
    if (IsRepeatedCharacter(*candidate) || IsSequenceRun(*candidate) ||
        (!blocklist_.empty() && IsListed(*candidate))) {
      return true;
    }
  }
  return false;
}

}  // namespace mams::identity
