// Input checks of a test result: each row is one result and the violation
// codes it must get (none for a valid one).
#include "domain/test_result_checks.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace phongdich {
namespace {

Date d(const char* iso) { return *Date::parse_iso(iso); }

std::vector<std::string> codes(const Violations& violations) {
  std::vector<std::string> out;
  for (const Violation& v : violations) out.push_back(v.code);
  return out;
}

struct Row {
  const char* what;
  TestKind kind;
  const char* sample;
  const char* result;
  TestOutcome outcome;
  const char* variant;
  const char* site;
  std::vector<std::string> expected;
};

TEST(TestResultChecks, Table) {
  using K = TestKind;
  using O = TestOutcome;
  const char* const today = "2022-03-10";
  const Row rows[] = {
      {"valid PCR", K::rt_pcr, "2022-03-08", "2022-03-09", O::positive, "", "CDC HCM", {}},
      {"valid rapid test, same day",
       K::rapid_antigen,
       "2022-03-10",
       "2022-03-10",
       O::negative,
       "",
       "",
       {}},
      {"unknown site is allowed",
       K::rt_pcr,
       "2022-03-08",
       "2022-03-08",
       O::negative,
       "",
       "phòng khám ???",
       {}},
      {"result before sample",
       K::rt_pcr,
       "2022-03-08",
       "2022-03-07",
       O::negative,
       "",
       "",
       {"test.result_before_sample"}},
      {"sample in the future",
       K::rt_pcr,
       "2022-03-11",
       "2022-03-11",
       O::negative,
       "",
       "",
       {"test.sample_in_future", "test.result_in_future"}},
      {"result in the future",
       K::rt_pcr,
       "2022-03-10",
       "2022-03-11",
       O::negative,
       "",
       "",
       {"test.result_in_future"}},
      {"sequencing names the variant",
       K::sequencing,
       "2022-03-01",
       "2022-03-09",
       O::positive,
       "Omicron BA.2",
       "",
       {}},
      {"sequencing without variant",
       K::sequencing,
       "2022-03-01",
       "2022-03-09",
       O::positive,
       "",
       "",
       {"test.sequencing_without_variant"}},
      {"sequencing of a negative sample",
       K::sequencing,
       "2022-03-01",
       "2022-03-09",
       O::negative,
       "",
       "",
       {"test.sequencing_not_positive"}},
      {"variant on a PCR",
       K::rt_pcr,
       "2022-03-01",
       "2022-03-02",
       O::positive,
       "Delta",
       "",
       {"test.variant_without_sequencing"}},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.what);
    TestResult t;
    t.kind = row.kind;
    t.sample_date = d(row.sample);
    t.result_date = d(row.result);
    t.outcome = row.outcome;
    t.variant = row.variant;
    t.site = row.site;
    EXPECT_EQ(codes(check_test_result(t, d(today))), row.expected);
  }
}

TEST(TestResultChecks, EveryViolationIsExplainedInBothLanguages) {
  TestResult t;
  t.kind = TestKind::sequencing;
  t.sample_date = d("2022-03-12");
  t.result_date = d("2022-03-11");
  t.outcome = TestOutcome::negative;
  const Violations v = check_test_result(t, d("2022-03-10"));
  ASSERT_EQ(v.size(), 4u);
  for (const Violation& x : v) {
    EXPECT_FALSE(x.field.empty()) << x.code;
    EXPECT_FALSE(x.rule.empty()) << x.code;
    EXPECT_FALSE(x.message_vi.empty()) << x.code;
    EXPECT_FALSE(x.message_en.empty()) << x.code;
  }
  EXPECT_NE(v[0].message_en.find("2022-03-12"), std::string::npos);
}

}  // namespace
}  // namespace phongdich
