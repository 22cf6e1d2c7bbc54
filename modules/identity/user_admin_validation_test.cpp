#include "modules/identity/user_admin_validation.h"

#include <gtest/gtest.h>

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
  UserInput input;
  EXPECT_EQ(std::make_pair(std::string("missing_field"), std::string("username")),
            Refusal([&] { RequireNewUserFields(input); }));
  input.username = "li.wei";
  input.display_name = "李伟";
  EXPECT_EQ("org", Refusal([&] { RequireNewUserFields(input); }).second);
  input.org = "GD";
  EXPECT_EQ("password", Refusal([&] { RequireNewUserFields(input); }).second);
  input.password = "secret";
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
  RoleInput input;
  input.code = "Sales";
  EXPECT_EQ("invalid_code", Refusal([&] { ValidateNewRole(input); }).first);
  input.code = "sales_lead";
  EXPECT_EQ("missing_field", Refusal([&] { ValidateNewRole(input); }).first);
  input.name = "销售主管";
  EXPECT_EQ("", Refusal([&] { ValidateNewRole(input); }).first);
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
