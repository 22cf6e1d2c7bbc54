// Working calendars through the real API on both backends: the week by default, a level's
// holidays and make-up working days, hours, due times across them, and who may change what.
#include "tests/support/accounts_fixture.h"

namespace mams {
namespace {

using testing::Field;
using testing::Json;

class CalendarsTest : public testing::AccountsTest {
 protected:
  void SetUpBackend() override {
    AccountsTest::SetUpBackend();
    admin_ = AddUser("hq-admin", "CN", {"group_admin"});
  }

  int PutDay(const std::string& org, const std::string& date, const std::string& kind,
             const std::string& name = "") {
    return Call(admin_, "PUT", "/api/v1/calendars/" + org + "/days/" + date,
                "{\"kind\":\"" + kind + "\",\"name\":\"" + name + "\"}")
        .status;
  }

  // The national day week of 2026: 10-01 to 10-07 off, Sunday 09-27 and Saturday 10-10 worked.
  void NationalDay() {
    for (int d = 1; d <= 7; ++d) {
      ASSERT_EQ(200, PutDay("CN", "2026-10-0" + std::to_string(d), "holiday", "国庆节"));
    }
    ASSERT_EQ(200, PutDay("CN", "2026-09-27", "workday", "调休上班"));
    ASSERT_EQ(200, PutDay("CN", "2026-10-10", "workday", "调休上班"));
  }

  testing::TestUser admin_;
};

TEST_P(CalendarsTest, WithoutEntriesEveryOrgWorksMondayToFriday) {
  const auto calendar = Json(Call(gz_am_, "GET", "/api/v1/calendars/440100?year=2026").body);
  EXPECT_EQ(261, calendar->getValue<int>("workingDays"));
  EXPECT_EQ(0u, calendar->getArray("days")->size());
  EXPECT_EQ("09:00", calendar->getObject("hours")->getValue<std::string>("morningStart"));
  EXPECT_TRUE(calendar->getObject("hours")->isNull("from"));
  // Friday 17:00 + 2 working hours: Monday 10:00 (China Standard Time).
  const auto due = Json(Call(gz_am_, "GET",
                             "/api/v1/calendars/440100/due?from=" +
                                 testing::Encode("2026-12-11T17:00:00+08:00") + "&hours=2")
                            .body);
  EXPECT_EQ("2026-12-14T02:00:00.000Z", due->getValue<std::string>("due"));
}

TEST_P(CalendarsTest, TheGroupsHolidaysApplyBelowAndDueTimesSkipThem) {
  NationalDay();
  const auto calendar = Json(Call(gz_am_, "GET", "/api/v1/calendars/440100?year=2026").body);
  EXPECT_EQ(261 - 5 + 2, calendar->getValue<int>("workingDays"));
  ASSERT_EQ(9u, calendar->getArray("days")->size());
  EXPECT_EQ("CN", calendar->getArray("days")->getObject(0)->getValue<std::string>("from"));
  // Wednesday 09-30 17:00 + 3 h: one hour that day, two on Thursday 10-08 → 11:00.
  const auto due = Json(Call(gz_am_, "GET",
                             "/api/v1/calendars/440100/due?from=" +
                                 testing::Encode("2026-09-30T17:00:00+08:00") + "&hours=3")
                            .body);
  EXPECT_EQ("2026-10-08T03:00:00.000Z", due->getValue<std::string>("due"));
  EXPECT_EQ(1, AuditCount("calendar.day", "2026-10-01"));

  ASSERT_EQ(200, Call(admin_, "DELETE", "/api/v1/calendars/CN/days/2026-10-10").status);
  EXPECT_EQ(404, Call(admin_, "DELETE", "/api/v1/calendars/CN/days/2026-10-10").status);
  EXPECT_EQ(261 - 5 + 1,
            Json(Call(gz_am_, "GET", "/api/v1/calendars/440100?year=2026").body)->getValue<int>("workingDays"));
  // Set again after removal: the row comes back.
  ASSERT_EQ(200, PutDay("CN", "2026-10-10", "workday", "调休上班"));
  EXPECT_EQ(261 - 5 + 2,
            Json(Call(gz_am_, "GET", "/api/v1/calendars/440100?year=2026").body)->getValue<int>("workingDays"));
}

TEST_P(CalendarsTest, HoursOfTheLevelApplyToTheOrgsBelow) {
  const auto set = Call(admin_, "PUT", "/api/v1/calendars/CN/hours",
                        "{\"morningStart\":\"08:30\",\"morningEnd\":\"12:00\","
                        "\"afternoonStart\":\"14:00\",\"afternoonEnd\":\"17:30\"}");
  ASSERT_EQ(200, set.status) << set.body;
  const auto hours = Json(Call(gz_am_, "GET", "/api/v1/calendars/440100").body)->getObject("hours");
  EXPECT_EQ("14:00", hours->getValue<std::string>("afternoonStart"));
  EXPECT_EQ("CN", hours->getValue<std::string>("from"));
  // Monday 11:00 + 2 h: one before lunch, one from 14:00 → 15:00.
  const auto due = Json(Call(gz_am_, "GET",
                             "/api/v1/calendars/440100/due?from=" +
                                 testing::Encode("2026-12-07T11:00:00+08:00") + "&hours=2")
                            .body);
  EXPECT_EQ("2026-12-07T07:00:00.000Z", due->getValue<std::string>("due"));
  EXPECT_EQ(1, AuditCount("calendar.hours", "CN"));
}

TEST_P(CalendarsTest, OnlyThisNodesOwnOrgIsWritableAndBadInputNamesItsField) {
  // The province's calendar is kept at the province's node, not at the group's.
  const auto elsewhere = Call(admin_, "PUT", "/api/v1/calendars/440000/days/2026-10-08",
                              "{\"kind\":\"holiday\"}");
  EXPECT_EQ(422, elsewhere.status) << elsewhere.body;
  EXPECT_EQ("org", Field(elsewhere));
  EXPECT_EQ(403, Call(gd_manager_, "PUT", "/api/v1/calendars/CN/days/2026-10-08",
                      "{\"kind\":\"holiday\"}").status);
  EXPECT_EQ(404, Call(sz_staff_, "GET", "/api/v1/calendars/440100").status);
  const struct {
    std::string target;
    std::string body;
    std::string field;
  } refused[] = {
      {"/api/v1/calendars/CN/days/2026-02-30", "{\"kind\":\"holiday\"}", "date"},
      {"/api/v1/calendars/CN/days/2026-10-08", "{\"kind\":\"rest\"}", "kind"},
      {"/api/v1/calendars/CN/days/2026-10-08", "{\"kind\":\"holiday\",\"name\":\"国\\u0000庆\"}", "name"},
      {"/api/v1/calendars/CN/days/2026-10-08", "{\"kind\":\"holiday\",\"note\":\"x\"}", "note"},
      {"/api/v1/calendars/CN/hours",
       "{\"morningStart\":\"9:00\",\"morningEnd\":\"12:00\",\"afternoonStart\":\"13:00\",\"afternoonEnd\":\"18:00\"}",
       "morningStart"},
      {"/api/v1/calendars/CN/hours",
       "{\"morningStart\":\"09:00\",\"morningEnd\":\"14:00\",\"afternoonStart\":\"13:00\",\"afternoonEnd\":\"18:00\"}",
       "afternoonStart"},
  };
  for (const auto& c : refused) {
    const auto result = Call(admin_, "PUT", c.target, c.body);
    EXPECT_EQ(422, result.status) << c.target << " " << c.body << " → " << result.body;
    if (result.status == 422) {
      EXPECT_EQ(c.field, Field(result)) << c.body;
    }
  }
  EXPECT_EQ(400, Call(gz_am_, "GET", "/api/v1/calendars/440100?year=20x6").status);
  EXPECT_EQ(400, Call(gz_am_, "GET", "/api/v1/calendars/440100/due?hours=2").status);
  EXPECT_EQ(400, Call(gz_am_, "GET", "/api/v1/calendars/440100/due?from=" +
                                         testing::Encode("2026-12-07T09:00:00Z") + "&hours=-1")
                     .status);
  EXPECT_EQ(400, Call(gz_am_, "GET", "/api/v1/calendars/440100/due?from=" +
                                         testing::Encode("2026-12-07T09:00:00Z") + "&hours=1e9")
                     .status);
  EXPECT_EQ(0u, Json(Call(admin_, "GET", "/api/v1/calendars/CN?year=2026").body)->getArray("days")->size());
}

MAMS_TEST_ON_BOTH_BACKENDS(CalendarsTest);

}  // namespace
}  // namespace mams
