#include "modules/identity/user_admin_validation.h"

#include <gtest/gtest.h>

#include <optional>
#include <utility>
#include <vector>

namespace mams::identity {
namespace {

// The error code and field `check` throws, or "" when it accepts.
template <typename Check>
std::pair<std::string, std::string> Refusal(Check check) {
  try {
    check();
  } catch (const ApiError& error) {
    EXPECT_EQ(ErrorKind::kUnprocessable, error.kind());
    return {error.code(), error.field()};
  }
  return {"", ""};
}

TEST(UserAdminValidation, ANewUserNeedsEveryRequiredFieldAndNamesTheFirstMissing) {
  // The required fields in the order they are checked, each with its JSON name.
  const std::vector<std::pair<std::optional<std::string> UserInput::*, std::string>> required = {
      {&UserInput::username, "username"},
      {&UserInput::display_name, "displayName"},
      {&UserInput::org, "org"},
      {&UserInput::password, "password"}};
  UserInput input;
  for (const auto& field : required) {
    EXPECT_EQ(std::make_pair(std::string("missing_field"), field.second),
              Refusal([&] { RequireNewUserFields(input); }));
    input.*field.first = "given";
  }
  EXPECT_EQ("", Refusal([&] { RequireNewUserFields(input); }).first);
}

TEST(UserAdminValidation, ProfileFieldsAreCheckedOnlyWhenPresent) {
  struct Case {
    UserInput input;
    const char* code;
  };
  const auto with = [](auto field, std::string value) {
    UserInput input;
    input.*field = std::move(value);
    return input;
  };
  for (const Case& c : {
           Case{UserInput{}, ""},
           Case{with(&UserInput::username, "ab"), "invalid_username"},
           Case{with(&UserInput::username, "li.wei_2"), ""},
           Case{with(&UserInput::display_name, ""), "invalid_display_name"},
           Case{with(&UserInput::phone, "+86 (20) 1234-5678"), ""},
           Case{with(&UserInput::phone, "call me"), "invalid_phone"},
           Case{with(&UserInput::email, ""), ""},
           Case{with(&UserInput::email, "li.wei.example.com"), "invalid_email"},
       }) {
    EXPECT_EQ(c.code, Refusal([&] { ValidateProfile(c.input); }).first) << c.code;
  }
}

TEST(UserAdminValidation, ANewRoleNeedsALowerCaseCodeAndAName) {
  struct Case {
    std::optional<std::string> code;
    std::optional<std::string> name;
    const char* refusal;
  };
  for (const Case& c :
       {Case{std::nullopt, "销售主管", "invalid_code"}, Case{"Sales", "销售主管", "invalid_code"},
        Case{"sa", "销售主管", "invalid_code"}, Case{"sales_lead", std::nullopt, "missing_field"},
        Case{"sales_lead", "", "missing_field"}, Case{"sales_lead", "销售主管", ""}}) {
    RoleInput input;
    input.code = c.code;
    input.name = c.name;
    EXPECT_EQ(c.refusal, Refusal([&] { ValidateNewRole(input); }).first) << c.code.value_or("-");
  }
}

TEST(UserAdminValidation, RolePermissionsMustBeKnownAndKeepDutiesSeparate) {
  const std::set<std::string> known = {"audit:read", "users:admin", "customers:read"};
  EXPECT_EQ((std::set<std::string>{"customers:read", "users:admin"}),
            RolePermissions({"users:admin", "customers:read", "users:admin"}, known));
  const auto unknown = [&] { RolePermissions({"customers:read", "nope"}, known); };
  EXPECT_EQ("unknown_permission", Refusal(unknown).first);
  const auto conflicting = [&] { RolePermissions({"audit:read", "users:admin"}, known); };
  EXPECT_EQ("separation_of_duties", Refusal(conflicting).first);
}

TEST(UserAdminValidation, ATokenNeedsANameAndAValidityWithinTheLimit) {
  EXPECT_EQ("", Refusal([] { ValidateTokenRequest("ci", 30, 366); }).first);
  EXPECT_EQ("invalid_name", Refusal([] { ValidateTokenRequest("", 30, 366); }).first);
  EXPECT_EQ("invalid_expiry", Refusal([] { ValidateTokenRequest("ci", 0, 366); }).first);
  EXPECT_EQ("invalid_expiry", Refusal([] { ValidateTokenRequest("ci", 367, 366); }).first);
}

}  // namespace
}  // namespace mams::identity
