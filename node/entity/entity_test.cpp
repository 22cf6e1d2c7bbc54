#include "node/entity/entity.h"

#include <gtest/gtest.h>

#include <tuple>

#include "node/common/errors.h"
#include "node/entity/entity_input.h"
#include "node/entity/synced_table.h"
#include "node/http/json_writer.h"
#include "node/storage/dialect.h"

namespace mams::entity {
namespace {

struct Pet {
  std::string id;
  std::string org_code;
  std::string name;
  std::optional<std::string> owner;
  std::string phone;
  std::string born;
  std::int64_t weight = 0;
  bool tame = false;
  std::vector<std::string> tags;
  std::int64_t version = 1;
  std::string updated_at;
};

using F = Field<Pet>;

const Entity<Pet>& Pets() {
  static const Entity<Pet> pets(
      "pets", Sync::kSynced,
      {F::Of("id", "id", &Pet::id), F::Of("org_code", "org", &Pet::org_code),
       F::Of("name", "name", &Pet::name)
           .Input()
           .Required()
           .MaxLength(20)
           .Headers("名称", "Name", {"pet"}),
       F::Computed("shout", [](const Pet& p, const JsonOptions&) { return p.name + "!"; }),
       F::Of("owner", "owner", &Pet::owner).References("users").Input(),
       F::Of("phone", "phone", &Pet::phone).Masked(Mask::kPhone).Input(),
       F::Of("born", "born", &Pet::born).Type(FieldType::kDate).Nullable().Input(),
       F::Of("weight", "weight", &Pet::weight).Type(FieldType::kMoney).Input(),
       F::Of("tame", "tame", &Pet::tame).Input(), F::Of("tags", "tags", &Pet::tags).Input(),
       F::Of("version", "version", &Pet::version),
       F::Of("updated_at", "updatedAt", &Pet::updated_at).Type(FieldType::kTimestamp)});
  return pets;
}

Pet Rex() {
  Pet p;
  p.id = "p1";
  p.org_code = "CN";
  p.name = "Rex";
  p.phone = "13812345678";
  p.weight = 1250;
  p.tame = true;
  p.tags = {"a", "b"};
  p.version = 7;
  p.updated_at = "2026-01-01T00:00:00Z";
  return p;
}

std::string Json(const Pet& pet, bool show_pii) {
  http::JsonWriter out;
  out.BeginObject();
  WriterJsonSink sink(out);
  Pets().WriteJson(sink, pet, {show_pii, 0});
  out.EndObject();
  return out.Take();
}

TEST(Entity, SelectListAndInputNamesFollowTheDeclaration) {
  EXPECT_EQ(
      "SELECT id, org_code, name, owner, phone, born, weight, tame, tags, version,"
      " updated_at FROM pets",
      Pets().SelectSql());
  EXPECT_EQ((std::vector<std::string>{"name", "owner", "phone", "born", "weight", "tame", "tags"}),
            Pets().shape().InputNames());
}

TEST(Entity, JsonKeepsDeclaredOrderMasksAndComputes) {
  const std::string expected_tail =
      R"("born":"","weight":1250,"tame":true,"tags":["a","b"],"version":7,)"
      R"("updatedAt":"2026-01-01T00:00:00Z"})";
  EXPECT_EQ(
      R"({"id":"p1","org":"CN","name":"Rex","shout":"Rex!","owner":null,"phone":"13812345678",)" + expected_tail,
      Json(Rex(), true));
  EXPECT_EQ(
      R"({"id":"p1","org":"CN","name":"Rex","shout":"Rex!","owner":null,"phone":"138****5678",)" + expected_tail,
      Json(Rex(), false));
}

TEST(Entity, JsonOfNamedMembersKeepsTheirOrderAndMasks) {
  http::JsonWriter out;
  out.BeginObject();
  WriterJsonSink sink(out);
  Pets().WriteJsonOf(sink, Rex(), {"name", "id", "phone"}, {false, 0});
  out.EndObject();
  EXPECT_EQ(R"({"name":"Rex","id":"p1","phone":"138****5678"})", out.Take());
  EXPECT_THROW(Pets().WriteJsonOf(sink, Rex(), {"colour"}), std::invalid_argument);
}

TEST(Entity, APatchReadsTheDeclaredInputsAndAppliesOnlyThePresentOnes) {
  const std::string body =
      R"({"name":"Max","owner":"u2","weight":900,"tame":false,"tags":["c"],"born":null})";
  const Patch patch = ReadPatch(Pets().shape(), body);
  EXPECT_EQ("Max", patch.Text("name").value_or(""));
  EXPECT_FALSE(patch.Has("born"));
  EXPECT_FALSE(patch.Text("phone").has_value());
  Pet pet = Rex();
  Pets().Apply(patch, &pet);
  EXPECT_EQ("Max", pet.name);
  EXPECT_EQ("u2", pet.owner.value_or(""));
  EXPECT_EQ(900, pet.weight);
  EXPECT_FALSE(pet.tame);
  EXPECT_EQ(std::vector<std::string>{"c"}, pet.tags);
  EXPECT_EQ("13812345678", pet.phone);  // absent: kept
  EXPECT_EQ("p1", pet.id);
  // Names no input field, or asks for another type: a defect.
  EXPECT_THROW((void)patch.Text("id"), std::invalid_argument);
  EXPECT_THROW((void)patch.Flag("name"), std::invalid_argument);
  EXPECT_THROW(Patch(Pets().shape()).Set("weight", std::string("9")), std::invalid_argument);
}

TEST(Entity, APatchRefusesUnknownMembersAndWrongTypesNamingThem) {
  for (const auto& [body, code, field] :
       {std::tuple<const char*, const char*, const char*>{R"({"id":"x"})", "unknown_field", "id"},
        {R"({"weight":"heavy","name":1})", "wrong_type", "name"},
        {R"({"tags":"a"})", "wrong_type", "tags"}}) {
    try {
      (void)ReadPatch(Pets().shape(), std::string(body));
      ADD_FAILURE() << body;
    } catch (const ApiError& error) {
      EXPECT_EQ(code, error.code()) << body;
      EXPECT_EQ(field, error.field()) << body;
    }
  }
  Patch patch(Pets().shape());
  EXPECT_THROW(RequireComplete(patch), ApiError);
  patch.Set("name", std::string("Rex"));
  EXPECT_NO_THROW(RequireComplete(patch));
}

TEST(Entity, ARecordWithoutATableStillReadsAndWrites) {
  const Entity<Pet> brief({F::Of("name", "name", &Pet::name), F::Of("", "tame", &Pet::tame)});
  EXPECT_EQ("", brief.table());
  EXPECT_EQ((std::vector<std::string>{"name"}), brief.shape().Columns());
  http::JsonWriter out;
  out.BeginObject();
  WriterJsonSink sink(out);
  brief.WriteJson(sink, Rex());
  out.EndObject();
  EXPECT_EQ(R"({"name":"Rex","tame":true})", out.Take());
}

TEST(Entity, ValuesBindNullsListsAndBools) {
  const auto values = Pets().Values(Rex(), {"owner", "born", "tags", "tame", "weight"});
  ASSERT_EQ(5U, values.size());
  EXPECT_TRUE(std::holds_alternative<std::nullptr_t>(values[0]));
  EXPECT_TRUE(std::holds_alternative<std::nullptr_t>(values[1]));  // empty nullable date
  EXPECT_EQ(storage::SqlValue(std::string(",a,b,")), values[2]);
  EXPECT_EQ(storage::SqlValue(std::int64_t{1}), values[3]);
  EXPECT_EQ(storage::SqlValue(std::int64_t{1250}), values[4]);
  EXPECT_THROW(Pets().Values(Rex(), {"colour"}), std::invalid_argument);
}

TEST(Entity, ReadsRowsByColumnName) {
  // Columns in another order than declared, and one more the entity does not know.
  storage::ResultSet set(std::vector<std::string>{"tags", "extra", "id", "org_code", "name",
                                                  "owner", "phone", "born", "weight", "tame",
                                                  "version", "updated_at"});
  set.AddRow({std::string(",x,"), std::int64_t{9}, std::string("p2"), std::string("CN"),
              std::string("Tom"), std::string("u1"), std::string(""), nullptr, std::int64_t{3},
              std::int64_t{0}, std::int64_t{2}, std::string("t")});
  const Pet pet = Pets().Read(set[0]);
  EXPECT_EQ("p2", pet.id);
  EXPECT_EQ("Tom", pet.name);
  EXPECT_EQ(std::optional<std::string>("u1"), pet.owner);
  EXPECT_EQ("", pet.born);
  EXPECT_EQ(3, pet.weight);
  EXPECT_FALSE(pet.tame);
  EXPECT_EQ(std::vector<std::string>{"x"}, pet.tags);
  EXPECT_EQ(2, pet.version);
}

TEST(Entity, WrongDeclarationsNameTheTableAndField) {
  EXPECT_THROW(Entity<Pet>("pets", Sync::kNone,
                           {F::Of("id", "id", &Pet::id), F::Of("id", "other", &Pet::name)}),
               std::invalid_argument);
  EXPECT_THROW(Entity<Pet>("pets", Sync::kNone, {F::Of("kind", "kind", &Pet::name).Enum({})}),
               std::invalid_argument);
  try {
    Entity<Pet>("pets", Sync::kSynced, {F::Of("id", "id", &Pet::id)});
    FAIL();
  } catch (const std::invalid_argument& e) {
    EXPECT_EQ(std::string("entity pets: a synced table declares the field org_code"), e.what());
  }
}

TEST(Entity, DdlOfANewSyncedTableCarriesTheSyncColumns) {
  const auto ddl = Pets().shape().CreateTableSql(storage::Dialect(storage::Backend::kSqlite));
  ASSERT_EQ(2U, ddl.size());
  EXPECT_EQ(
      "CREATE TABLE IF NOT EXISTS pets (id VARCHAR(36) NOT NULL PRIMARY KEY,"
      " org_code VARCHAR(255) NOT NULL, name VARCHAR(20) NOT NULL, owner VARCHAR(36),"
      " phone VARCHAR(255) NOT NULL, born VARCHAR(10), weight BIGINT NOT NULL,"
      " tame INTEGER NOT NULL, tags VARCHAR(255) NOT NULL, version BIGINT NOT NULL,"
      " updated_at VARCHAR(32) NOT NULL, owner_node VARCHAR(64) NOT NULL,"
      " version_node VARCHAR(64) NOT NULL DEFAULT '', base_version BIGINT NOT NULL"
      " DEFAULT 0, deleted INTEGER NOT NULL DEFAULT 0)",
      ddl[0]);
  EXPECT_EQ("CREATE INDEX idx_pets_sync_version ON pets (version)", ddl[1]);
}

TEST(Entity, OpenApiHeadersAndImportAliases) {
  const std::string schema = Pets().shape().OpenApiSchemaJson();
  EXPECT_NE(std::string::npos,
            schema.find(R"("name":{"type":"string","maxLength":20,"description":"Name"})"));
  EXPECT_NE(std::string::npos, schema.find(R"("weight":{"type":"integer","format":"int64"})"));
  EXPECT_NE(std::string::npos, schema.find(R"("required":["name"])"));
  EXPECT_EQ(std::vector<std::string>{"名称"}, Pets().shape().ExportHeaders(Language::kChinese));
  EXPECT_EQ("name", Pets().shape().ImportField(" PET ")->column);
  EXPECT_EQ("name", Pets().shape().ImportField("名称")->column);
  EXPECT_EQ(nullptr, Pets().shape().ImportField("colour"));
}

TEST(SyncedTable, StatementsCarryTheStamp) {
  const SyncedTable pets("pets");
  EXPECT_EQ(
      "INSERT INTO pets (version, version_node, base_version, id, name, deleted)"
      " VALUES (?, ?, 0, ?, ?, 0)",
      pets.Insert({"id", "name"}).sql());
  EXPECT_EQ(
      "UPDATE pets SET base_version = version, version = ?, version_node = ?, name = ?"
      " WHERE id = ?",
      pets.Update({"name"}, "id = ?").sql());
  EXPECT_EQ(
      "UPDATE pets SET base_version = version, version = ?, version_node = ?, deleted = 1,"
      " updated_at = ? WHERE id = ?",
      pets.Tombstone({"updated_at"}, "id = ?").sql());
}

}  // namespace
}  // namespace mams::entity
