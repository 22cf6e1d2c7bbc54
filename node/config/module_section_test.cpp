#include "node/config/module_section.h"

#include <gtest/gtest.h>

#include "node/common/errors.h"
#include "node/config/node_config.h"

namespace mams::config {
namespace {

const char kBase[] = "node: {id: n1, level: group, org: CN}\nstorage: {sqlite: {path: m.db}}\n";

const std::vector<FieldDecl> kFields = {
    FieldDecl::Int("interval_s", 30, 5, 3600, "seconds between reports"),
    FieldDecl::String("mode", "fast", "how"),
    FieldDecl::Bool("enabled", true, "on or off"),
    FieldDecl::StringList("targets", "where to"),
};

std::string ErrorOf(const std::string& section) {
  try {
    ReadSection(ParseConfig(kBase + section, "cfg.yaml", "/base"), "reporter", kFields);
  } catch (const StartupError& e) {
    return e.what();
  }
  return "(accepted)";
}

TEST(ModuleSection, AnAbsentSectionGivesEveryDefault) {
  const SectionValues values = ReadSection(ParseConfig(kBase, "cfg.yaml", "/base"), "reporter",
                                           kFields);
  EXPECT_EQ(30, values.Int("interval_s"));
  EXPECT_EQ("fast", values.String("mode"));
  EXPECT_TRUE(values.Bool("enabled"));
  EXPECT_TRUE(values.StringList("targets").empty());
  EXPECT_THROW(values.Int("undeclared"), std::logic_error);
  EXPECT_THROW(values.String("interval_s"), std::bad_variant_access);
}

TEST(ModuleSection, ReadsTheDeclaredKeys) {
  const SectionValues values = ReadSection(
      ParseConfig(std::string(kBase) +
                      "reporter:\n  interval_s: 60\n  mode: slow\n  enabled: false\n"
                      "  targets: [a, b]\n",
                  "cfg.yaml", "/base"),
      "reporter", kFields);
  EXPECT_EQ(60, values.Int("interval_s"));
  EXPECT_EQ("slow", values.String("mode"));
  EXPECT_FALSE(values.Bool("enabled"));
  EXPECT_EQ((std::vector<std::string>{"a", "b"}), values.StringList("targets"));
}

TEST(ModuleSection, WrongTypesRangesAndUnknownKeysNameFileLineAndKey) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"reporter:\n  interval_s: soon\n",
       "cfg.yaml:4:15: reporter.interval_s: expected an integer from 5 to 3600, got 'soon'"},
      {"reporter:\n  interval_s: 1\n",
       "cfg.yaml:4:15: reporter.interval_s: expected an integer from 5 to 3600, got 1"},
      {"reporter:\n  enabled: maybe\n",
       "cfg.yaml:4:12: reporter.enabled: expected true or false, got 'maybe'"},
      {"reporter:\n  targets: one\n",
       "cfg.yaml:4:12: reporter.targets: expected a list of strings, got 'one'"},
      {"reporter:\n  mode: [a]\n", "cfg.yaml:4:9: reporter.mode: expected a string, got a list"},
      {"reporter:\n  colour: red\n", "cfg.yaml:4:3: reporter.colour: unknown key"},
  };
  for (const auto& [section, message] : cases) {
    EXPECT_EQ(message, ErrorOf(section)) << section;
  }
}

TEST(ModuleSection, ASectionOfNoModuleIsAnUnknownKey) {
  const NodeConfig config =
      ParseConfig(std::string(kBase) + "reporter: {}\nrepoter:\n  mode: x\n", "cfg.yaml", "/b");
  const auto unclaimed = UnclaimedSections(config, {"reporter", "orgs"});
  ASSERT_EQ(1u, unclaimed.size());
  EXPECT_EQ(
      "cfg.yaml:4:1: repoter: unknown key (neither a section of the node nor a module of this "
      "mams-node: reporter, orgs)",
      unclaimed[0]);
  // A scalar is no section: refused as before.
  EXPECT_THROW(ParseConfig(std::string(kBase) + "bogus: 1\n", "cfg.yaml", "/b"), StartupError);
}

TEST(ModuleSection, DescribesEveryKeyWithTypeDefaultAndRange) {
  EXPECT_EQ(
      "reporter:\n"
      "  interval_s: 30  # integer 5..3600; seconds between reports\n"
      "  mode: \"fast\"  # string; how\n"
      "  enabled: true  # true/false; on or off\n"
      "  targets: []  # list of strings; where to\n",
      DescribeSection("reporter", kFields));
}

}  // namespace
}  // namespace mams::config
