#include "modules/identity/user_admin_validation.h"

#include <gtest/gtest.h>

#include <optional>
#include <utility>
#include <vector>

#include "modules/identity/identity_entities.h"

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
  entity::Patch input(UserEntity().shape());
  // The required fields in the order they are checked.
  for (const char* field : {"username", "displayName", "org", "password"}) {
    EXPECT_EQ(std::make_pair(std::string("missing_field"), std::string(field)),
              Refusal([&] { RequireNewUserFields(input); }));
    input.Set(field, "given");
  }
  EXPECT_EQ("", Refusal([&] { RequireNewUserFields(input); }).first);
}

TEST(UserAdminValidation, ProfileFieldsAreCheckedOnlyWhenPresent) {
  struct Case {
    const char* field;  ///< nullptr: an empty patch
    const char* value;
    const char* code;
  };
  for (const Case& c : {
           Case{nullptr, "", ""},
           Case{"username", "ab", "invalid_username"},
           Case{"username", "li.wei_2", ""},
           Case{"displayName", "", "invalid_display_name"},
           Case{"phone", "+86 (20) 1234-5678", ""},
           Case{"phone", "call me", "invalid_phone"},
           Case{"email", "", ""},
           Case{"email", "li.wei.example.com", "invalid_email"},
       }) {
    entity::Patch input(UserEntity().shape());
    if (c.field != nullptr) {
      input.Set(c.field, c.value);
    }
    EXPECT_EQ(c.code, Refusal([&] { ValidateProfile(input); }).first) << c.code;
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
    entity::Patch input(RoleEntity().shape());
    if (c.code) {
      input.Set("code", *c.code);
    }
    if (c.name) {
      input.Set("name", *c.name);
    }
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
