#include "node/privacy/masking.h"

#include <gtest/gtest.h>

namespace mams::privacy {
namespace {

TEST(Masking, Phones) {
  EXPECT_EQ("138****5678", MaskPhone("13812345678"));
  EXPECT_EQ("+86 1**-****-5678", MaskPhone("+86 138-1234-5678"));  // country code counts
  EXPECT_EQ("020-****5678", MaskPhone("020-12345678"));
  EXPECT_EQ("****5", MaskPhone("12345"));
  EXPECT_EQ("", MaskPhone(""));
}

TEST(Masking, EmailsAndIdNumbers) {
  EXPECT_EQ("z********@example.com", MaskEmail("zhang.san@example.com"));
  EXPECT_EQ("a@x.cn", MaskEmail("a@x.cn"));
  EXPECT_EQ("*******", MaskEmail("no-at-s"));
  EXPECT_EQ("110101********1234", MaskIdNumber("110101199003071234"));
  EXPECT_EQ("*****", MaskIdNumber("12345"));
}

}  // namespace
}  // namespace mams::privacy
