#include "node/entity/list_cursor.h"

#include <gtest/gtest.h>

#include "node/common/errors.h"
#include "node/entity/list_window.h"
#include "node/http/paging.h"

namespace mams::entity {
namespace {

TEST(ListCursor, DecodesWhatItEncodes) {
  const ListCursor cases[] = {
      {"-updatedAt", std::string("2026-12-07T10:00:00.000Z"), "id-1"},
      {"name", std::string("广州:某某 科技"), "0f3a"},
      {"revenue12m", std::int64_t{-9007199254740993}, "x"},
      {"name", std::string(), "empty-key"},
  };
  for (const auto& cursor : cases) {
    const auto token = EncodeListCursor(cursor);
    ASSERT_TRUE(token) << cursor.id;
    EXPECT_EQ(std::string::npos, token->find_first_of("+/=%&?#")) << *token;
    const auto decoded = DecodeListCursor(*token);
    ASSERT_TRUE(decoded) << *token;
    EXPECT_EQ(cursor.sort, decoded->sort);
    EXPECT_EQ(cursor.key, decoded->key);
    EXPECT_EQ(cursor.id, decoded->id);
  }
  EXPECT_FALSE(EncodeListCursor({"name", nullptr, "x"}));
  EXPECT_FALSE(EncodeListCursor({"name", 1.5, "x"}));
}

TEST(ListCursor, RefusesEveryTokenItDidNotWrite) {
  const std::string good = *EncodeListCursor({"name", std::string("abc"), "id-1"});
  std::string flipped = good;
  flipped[good.size() / 2] = flipped[good.size() / 2] == 'A' ? 'B' : 'A';
  const std::string cases[] = {
      "", "garbage!", "abc", good.substr(0, good.size() - 1), flipped, good + "A",
      std::string(3000, 'A'),
      // well-formed base64url of a payload with a wrong checksum or no fields
      "MDAwMDAwMDAxOm5hbWU6czppZDphYmM", "MDAwMDAwMDA",
  };
  for (const auto& token : cases) {
    EXPECT_FALSE(DecodeListCursor(token)) << token;
  }
}

TEST(ListWindow, AfterMustBeACursorOfTheSameSort) {
  http::PageRequest page{20, 0, "name", false, std::nullopt};
  EXPECT_FALSE(WindowOf(page, "name").after);
  page.after = EncodeListCursor({"-name", std::string("a"), "1"});
  try {
    WindowOf(page, "name");
    FAIL() << "a cursor of another sort was taken";
  } catch (const ApiError& error) {
    EXPECT_EQ("after", error.field());
  }
  page.after = EncodeListCursor({"name", std::string("a"), "1"});
  const ListWindow window = WindowOf(page, "name");
  ASSERT_TRUE(window.after);
  EXPECT_EQ("1", window.after->id);
}

}  // namespace
}  // namespace mams::entity
