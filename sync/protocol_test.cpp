// Decoding the messages that carry rows (docs/sync-protocol.md §6, §9): what is encoded
// comes back field for field with each image as the text it was sent, and a malformed body
// is a ProtocolError that names what is wrong.
#include "sync/protocol.h"

#include <gtest/gtest.h>

namespace mams::sync {
namespace {

Change Sample(const std::string& id, const std::string& image) {
  return {"customers", id, "440100", 1099511627777, "gd-province", 7, false, image};
}

std::string ErrorOf(const std::string& body, bool snapshot) {
  try {
    if (snapshot) {
      DecodeSnapshot(body);
    } else {
      DecodeBatch(body);
    }
  } catch (const ProtocolError& e) {
    return e.what();
  }
  return "";
}

TEST(Protocol, ABatchComesBackAsItWasSentWithEachImageVerbatim) {
  const std::string image =
      R"({"id":"c1","name":"广州\"引号\"科技","revenue_12m":-12,"remarks":null,"rate":0.5})";
  std::vector<OutboxEntry> entries(2);
  entries[0].seq = 4;
  entries[0].change = Sample("c1", image);
  entries[1].seq = 6;
  entries[1].change = Sample("c2", "{}");
  entries[1].change.deleted = true;
  const BatchMessage batch = DecodeBatch(EncodeBatch(3, 6, entries));
  EXPECT_EQ(3, batch.after);
  EXPECT_EQ(6, batch.upto);
  ASSERT_EQ(2u, batch.changes.size());
  EXPECT_EQ(4, batch.changes[0].seq);
  const Change& first = batch.changes[0].change;
  EXPECT_EQ("customers", first.table);
  EXPECT_EQ("c1", first.row_id);
  EXPECT_EQ("440100", first.org_code);
  EXPECT_EQ(1099511627777, first.version);
  EXPECT_EQ("gd-province", first.version_node);
  EXPECT_EQ(7, first.base_version);
  EXPECT_FALSE(first.deleted);
  EXPECT_EQ(image, first.image);
  EXPECT_TRUE(batch.changes[1].change.deleted);
  EXPECT_EQ("{}", batch.changes[1].change.image);
}

TEST(Protocol, APageComesBackWhetherOrNotItsBufferHasRoomForThePadding) {
  SnapshotMessage page;
  page.load = "load-1";
  page.page = 3;
  page.cursor = 42;
  page.table = "customers";
  page.rows = {Sample("c1", R"({"id":"c1"})"), Sample("c2", R"({"id":"c2"})")};
  std::string exact = EncodeSnapshot(page);
  exact.shrink_to_fit();  // no room for the padding: the decoder copies it
  std::string roomy = exact;
  roomy.reserve(exact.size() + 256);  // room for the padding: read in place
  const std::string* const texts[] = {&exact, &roomy};
  for (const std::string* text : texts) {
    ASSERT_EQ(text == &roomy, text->capacity() >= text->size() + 64);
    const SnapshotMessage decoded = DecodeSnapshot(*text);
    EXPECT_EQ("load-1", decoded.load);
    EXPECT_EQ(3, decoded.page);
    EXPECT_EQ(42, decoded.cursor);
    EXPECT_EQ("customers", decoded.table);
    EXPECT_FALSE(decoded.last);
    ASSERT_EQ(2u, decoded.rows.size());
    EXPECT_EQ(R"({"id":"c2"})", decoded.rows[1].image);
  }
}

TEST(Protocol, ARowImageWithAKeyTwiceStillDecodesForTheApplierToRefuse) {
  const std::string body =
      R"({"after":0,"upto":1,"changes":[{"seq":1,"table":"customers","id":"c1","org":"4",)"
      R"("version":5,"versionNode":"n","baseVersion":0,"deleted":false,)"
      R"("row":{"org_code":"4","org_code":"5"}}]})";
  EXPECT_EQ(R"({"org_code":"4","org_code":"5"})", DecodeBatch(body).changes[0].change.image);
}

TEST(Protocol, FieldsMayComeInAnyOrder) {
  const std::string body =
      R"({"changes":[{"row":{"id":"c1"},"deleted":false,"baseVersion":0,"versionNode":"n",)"
      R"("version":5,"org":"440100","id":"c1","table":"customers","seq":1}],"upto":1,"after":0})";
  const BatchMessage batch = DecodeBatch(body);
  ASSERT_EQ(1u, batch.changes.size());
  EXPECT_EQ("c1", batch.changes[0].change.row_id);
  EXPECT_EQ(R"({"id":"c1"})", batch.changes[0].change.image);
}

TEST(Protocol, AMalformedBodyIsRefusedWithWhatIsWrong) {
  EXPECT_NE(std::string::npos, ErrorOf("not json", false).find("JSON"));
  EXPECT_NE(std::string::npos, ErrorOf("[1,2]", false).find("not a JSON object"));
  EXPECT_NE(std::string::npos, ErrorOf(R"({"upto":1,"changes":[]})", false).find("missing after"));
  EXPECT_NE(std::string::npos,
            ErrorOf(R"({"after":"0","upto":1,"changes":[]})", false).find("after"));
  EXPECT_NE(std::string::npos,
            ErrorOf(R"({"after":0,"upto":1,"changes":[7]})", false).find("not an object"));
  const std::string no_row =
      R"({"after":0,"upto":1,"changes":[{"seq":1,"table":"customers","id":"c1","org":"4",)"
      R"("version":5,"versionNode":"n","baseVersion":0,"deleted":false,"row":[1]}]})";
  EXPECT_NE(std::string::npos, ErrorOf(no_row, false).find("no row object"));
  const std::string no_version =
      R"({"after":0,"upto":1,"changes":[{"seq":1,"table":"customers","id":"c1","org":"4",)"
      R"("versionNode":"n","baseVersion":0,"deleted":false,"row":{}}]})";
  EXPECT_NE(std::string::npos, ErrorOf(no_version, false).find("missing version"));
  EXPECT_NE(std::string::npos,
            ErrorOf(R"({"load":"l","page":0,"cursor":0,"table":"t","last":true,"rows":[]})", true)
                .find("numbered from 1"));
  EXPECT_NE(std::string::npos,
            ErrorOf(R"({"load":"l","page":1,"cursor":0,"table":"t","last":true})", true)
                .find("missing rows"));
}

}  // namespace
}  // namespace mams::sync
