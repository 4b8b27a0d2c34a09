// The end of home isolation under the shipped data/rules/home_care.json: >= 7
// days and a negative supervised rapid test; still positive on day 7: day 10
// (fully vaccinated) or day 14 (not) [unconfirmed]. Days count from the day
// of confirmation (day 0). Each row: tests after confirmation on 2022-03-01.
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "domain/isolation_end.hpp"
#include "rules/home_care_rules_json.hpp"

namespace phongdich {
namespace {

const std::string kFile = std::string(PHONGDICH_DATA_DIR) + "/rules/home_care.json";

Date d(const char* iso) { return *Date::parse_iso(iso); }

const HomeCareRules& rules() {
  static const HomeCareRules r = load_home_care_rules(kFile);
  return r;
}

struct TestRow {
  const char* sample;
  TestKind kind;
  TestOutcome outcome;
  bool supervised;
};

// The tests of a row, numbered from 1, each with its result on the day of its sample.
std::vector<TestResult> results_of(const std::vector<TestRow>& rows) {
  std::vector<TestResult> tests;
  for (const TestRow& t : rows) {
    TestResult r;
    r.id = static_cast<TestId>(tests.size() + 1);
    r.sample_date = r.result_date = d(t.sample);
    r.kind = t.kind;
    r.outcome = t.outcome;
    r.supervised = t.supervised;
    tests.push_back(r);
  }
  return tests;
}

struct Row {
  const char* what;
  std::vector<TestRow> tests;
  bool vaccinated;
  const char* today;
  IsolationStatus status;
  const char* date;
  const char* reason;
};

TEST(IsolationEnd, ShippedRules) {
  using K = TestKind;
  using O = TestOutcome;
  using St = IsolationStatus;
  const Row rows[] = {
      {"no test yet", {}, true, "2022-03-05", St::awaiting_test, "2022-03-08", "awaiting_test"},
      {"negative supervised on day 7",
       {{"2022-03-08", K::rapid_antigen, O::negative, true}},
       true,
       "2022-03-09",
       St::ended,
       "2022-03-08",
       "negative_test"},
      {"negative supervised on day 6 is too early",
       {{"2022-03-07", K::rapid_antigen, O::negative, true}},
       true,
       "2022-03-09",
       St::awaiting_test,
       "2022-03-08",
       "awaiting_test"},
      {"negative self-test does not end it",
       {{"2022-03-08", K::rapid_antigen, O::negative, false}},
       true,
       "2022-03-09",
       St::awaiting_test,
       "2022-03-08",
       "awaiting_test"},
      {"a negative PCR is not the rapid test the rule asks for",
       {{"2022-03-08", K::rt_pcr, O::negative, true}},
       true,
       "2022-03-09",
       St::awaiting_test,
       "2022-03-08",
       "awaiting_test"},
      {"negative supervised on day 9",
       {{"2022-03-10", K::rapid_antigen, O::negative, true}},
       false,
       "2022-03-12",
       St::ended,
       "2022-03-10",
       "negative_test"},
      {"positive on day 7, vaccinated: to day 10",
       {{"2022-03-08", K::rapid_antigen, O::positive, true}},
       true,
       "2022-03-09",
       St::extended,
       "2022-03-11",
       "still_positive"},
      {"positive on day 7, not vaccinated: to day 14",
       {{"2022-03-08", K::rapid_antigen, O::positive, true}},
       false,
       "2022-03-09",
       St::extended,
       "2022-03-15",
       "still_positive"},
      {"positive on day 7, vaccinated, day 10 reached",
       {{"2022-03-08", K::rapid_antigen, O::positive, true}},
       true,
       "2022-03-11",
       St::ended,
       "2022-03-11",
       "still_positive_extension"},
      {"positive then negative: the extension runs on",
       {{"2022-03-08", K::rapid_antigen, O::positive, false},
        {"2022-03-09", K::rapid_antigen, O::negative, true}},
       false,
       "2022-03-10",
       St::extended,
       "2022-03-15",
       "still_positive"},
      {"a result not yet known by today",
       {{"2022-03-09", K::rapid_antigen, O::negative, true}},
       true,
       "2022-03-08",
       St::awaiting_test,
       "2022-03-08",
       "awaiting_test"},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.what);
    CovidCase c;
    c.confirmed_on = d("2022-03-01");
    const std::vector<TestResult> tests = results_of(row.tests);
    const IsolationEnd end = isolation_end(rules(), c, tests, row.vaccinated, d(row.today));
    EXPECT_EQ(end.status, row.status) << to_string(end.status);
    EXPECT_EQ(end.date, d(row.date)) << end.date.iso();
    EXPECT_EQ(end.reason, row.reason);
    EXPECT_FALSE(end.text_vi.empty());
    EXPECT_NE(end.rule.find(">= 7 days"), std::string::npos) << end.rule;
  }
}

TEST(IsolationEnd, AnEndAlreadyRecordedStands) {
  CovidCase c;
  c.confirmed_on = d("2022-03-01");
  c.isolation_ended_on = d("2022-03-09");
  const IsolationEnd end = isolation_end(rules(), c, {}, true, d("2022-03-20"));
  EXPECT_EQ(end.status, IsolationStatus::ended);
  EXPECT_EQ(end.date, d("2022-03-09"));
  EXPECT_EQ(end.reason, "recorded");
}

// Recording the end of isolation: allowed only on a day the rules above say
// it has ended, for a case still isolated at home. Confirmed 2022-03-01, home
// care from that day, today 2022-03-20.
TEST(IsolationEnd, RecordingAnEndFollowsTheRules) {
  using K = TestKind;
  using O = TestOutcome;
  struct Row {
    std::string what;
    std::vector<TestRow> tests;
    bool vaccinated;
    std::string ended_on;
    CaseState state;                   // the case's care now
    std::optional<std::string> ended;  // an end already recorded
    std::string expected;              // violation code, "" = allowed
  };
  // clang-format off
  const std::vector<Row> rows = {
      {"negative supervised test on day 8, ended that day",
       {{"2022-03-09", K::rapid_antigen, O::negative, true}},
       true, "2022-03-09", CaseState::home_care, std::nullopt, ""},
      {"negative supervised test on day 8, recorded two days later",
       {{"2022-03-09", K::rapid_antigen, O::negative, true}},
       true, "2022-03-11", CaseState::home_care, std::nullopt, ""},
      {"the day before the negative test", {{"2022-03-09", K::rapid_antigen, O::negative, true}},
       true, "2022-03-08", CaseState::home_care, std::nullopt, "isolation.too_early"},
      {"no test at all on day 9", {}, true, "2022-03-10", CaseState::home_care, std::nullopt,
       "isolation.too_early"},
      {"negative test not supervised", {{"2022-03-09", K::rapid_antigen, O::negative, false}},
       true, "2022-03-10", CaseState::home_care, std::nullopt, "isolation.too_early"},
      {"still positive on day 7, vaccinated: ends on day 10",
       {{"2022-03-08", K::rapid_antigen, O::positive, false}},
       true, "2022-03-11", CaseState::home_care, std::nullopt, ""},
      {"still positive on day 7, not vaccinated: not before day 14",
       {{"2022-03-08", K::rapid_antigen, O::positive, false}},
       false, "2022-03-11", CaseState::home_care, std::nullopt, "isolation.too_early"},
      {"a day in the future", {{"2022-03-09", K::rapid_antigen, O::negative, true}}, true,
       "2022-03-21", CaseState::home_care, std::nullopt, "isolation.date.future"},
      {"before the case began", {}, true, "2022-02-27", CaseState::home_care, std::nullopt,
       "isolation.date.before_home_care"},
      {"a case in hospital", {{"2022-03-09", K::rapid_antigen, O::negative, true}}, true,
       "2022-03-10", CaseState::hospital, std::nullopt, "isolation.not_in_home_care"},
      {"an end recorded already", {{"2022-03-09", K::rapid_antigen, O::negative, true}}, true,
       "2022-03-10", CaseState::home_care, "2022-03-09", "isolation.already_ended"},
  };
  // clang-format on
  for (const Row& row : rows) {
    SCOPED_TRACE(row.what);
    CovidCase c;
    c.confirmed_on = d("2022-03-01");
    c.steps.push_back({c.confirmed_on, CaseState::home_care, "", false});
    if (row.state != CaseState::home_care) {
      c.steps.push_back({d("2022-03-05"), row.state, "BV-1", false});
    }
    if (row.ended) c.isolation_ended_on = d(row.ended->c_str());
    const std::vector<TestResult> tests = results_of(row.tests);
    const Violations v = check_isolation_end(rules(), c, tests, row.vaccinated,
                                             d(row.ended_on.c_str()), d("2022-03-20"));
    if (row.expected.empty()) {
      EXPECT_TRUE(v.empty()) << v.front().code << ": " << v.front().message_en;
    } else {
      ASSERT_EQ(v.size(), 1u);
      EXPECT_EQ(v.front().code, row.expected);
      EXPECT_EQ(v.front().field, row.expected == "isolation.not_in_home_care" ? "case_id" : "date");
      EXPECT_FALSE(v.front().message_vi.empty());
      EXPECT_FALSE(v.front().message_en.empty());
    }
  }
}

}  // namespace
}  // namespace phongdich
