// The case definition of the shipped data/rules/cases.json: each row is a
// person's tests and flags and the criterion that must confirm them, or the
// violation they must get. Before 15/4/2022 only RT-PCR confirms; from then
// the four criteria of 1909/BYT-DP.
#include <gtest/gtest.h>

#include <string>
#include <variant>
#include <vector>

#include "domain/case_confirmation.hpp"
#include "rules/case_rules_json.hpp"

namespace phongdich {
namespace {

const std::string kFile = std::string(PHONGDICH_DATA_DIR) + "/rules/cases.json";

Date d(const char* iso) { return *Date::parse_iso(iso); }

const CaseRules& rules() {
  static const CaseRules r = load_case_rules(kFile);
  return r;
}

// "PCR+ 2022-05-02", "RAT+ 2022-05-02", "RAT- 2022-05-02": sample and result the same day;
// "RAT+ 2022-05-02/2022-05-03" for a result a day later.
TestResult parse_test(TestId id, const std::string& text) {
  TestResult t;
  t.id = id;
  t.kind = text.starts_with("PCR")   ? TestKind::rt_pcr
           : text.starts_with("SEQ") ? TestKind::sequencing
                                     : TestKind::rapid_antigen;
  t.outcome = text[3] == '+' ? TestOutcome::positive : TestOutcome::negative;
  t.sample_date = d(text.substr(5, 10).c_str());
  t.result_date = text.size() > 15 ? d(text.substr(16, 10).c_str()) : t.sample_date;
  if (t.kind == TestKind::sequencing) t.variant = "Omicron BA.2";
  return t;
}

struct Row {
  const char* what;
  std::vector<const char*> tests;
  CaseFlags flags;       // {F1, suspected clinical, epidemiological link}
  const char* expected;  // criterion code, or violation code
  TestId confirming = 0;
  const char* confirmed_on = "";
};

TEST(CaseDefinition, ShippedRules) {
  const char* const today = "2022-06-30";
  // clang-format off
  const Row rows[] = {
      // what; tests; flags {F1, suspected clinical, epidemiological link};
      // expected criterion or violation; confirming test (1-based); confirmed on
      // 1909/BYT-DP criterion 1: a positive RT-PCR test
      {"PCR positive",
       {"PCR+ 2022-05-02"}, {}, "pcr_positive", 1, "2022-05-02"},
      {"PCR result a day after the sample",
       {"PCR+ 2022-05-02/2022-05-03"}, {}, "pcr_positive", 1, "2022-05-03"},
      // criterion 2: F1 with a positive rapid test
      {"F1 with a positive rapid test",
       {"RAT+ 2022-05-02"}, {true, false, false}, "contact_rapid_positive", 1, "2022-05-02"},
      {"rapid positive, not F1, nothing else",
       {"RAT+ 2022-05-02"}, {}, "case.definition_not_met"},
      // criterion 3: suspected clinical case, positive rapid test, epidemiological link
      {"suspected with link and a rapid test",
       {"RAT+ 2022-05-02"}, {false, true, true}, "suspected_rapid_positive_linked", 1, "2022-05-02"},
      {"suspected without link",
       {"RAT+ 2022-05-02"}, {false, true, false}, "case.definition_not_met"},
      // criterion 4: two rapid tests "within 8 hours" (read: the same or the next day), link
      {"two rapid tests the same day with link",
       {"RAT+ 2022-05-02", "RAT+ 2022-05-02"}, {false, false, true}, "two_rapid_positive_linked", 2, "2022-05-02"},
      {"two rapid tests on consecutive days with link",
       {"RAT+ 2022-05-02", "RAT+ 2022-05-03"}, {false, false, true}, "two_rapid_positive_linked", 2, "2022-05-03"},
      {"two rapid tests two days apart",
       {"RAT+ 2022-05-02", "RAT+ 2022-05-04"}, {false, false, true}, "case.definition_not_met"},
      {"two rapid tests without link",
       {"RAT+ 2022-05-02", "RAT+ 2022-05-02"}, {}, "case.definition_not_met"},
      // the earliest result that meets a criterion confirms
      {"rapid test then PCR",
       {"RAT+ 2022-05-02", "PCR+ 2022-05-04"}, {}, "pcr_positive", 2, "2022-05-04"},
      {"F1 rapid test before a PCR",
       {"PCR+ 2022-05-04", "RAT+ 2022-05-02"}, {true, false, false}, "contact_rapid_positive", 2, "2022-05-02"},
      // before 1909/BYT-DP (15/4/2022): only RT-PCR [unconfirmed earlier definition]
      {"F1 rapid test on 2022-04-14",
       {"RAT+ 2022-04-14"}, {true, true, true}, "case.definition_not_met"},
      {"F1 rapid test on 2022-04-15",
       {"RAT+ 2022-04-15"}, {true, false, false}, "contact_rapid_positive", 1, "2022-04-15"},
      {"PCR in 2021",
       {"PCR+ 2021-08-01"}, {}, "pcr_positive", 1, "2021-08-01"},
      // what does not count
      {"no test",
       {}, {true, true, true}, "case.no_positive_test"},
      {"negative tests only",
       {"PCR- 2022-05-02", "RAT- 2022-05-03"}, {true, true, true}, "case.no_positive_test"},
      {"result after today",
       {"PCR+ 2022-06-30/2022-07-01"}, {}, "case.no_positive_test"},
      {"sequencing alone",
       {"SEQ+ 2022-05-02"}, {}, "case.no_positive_test"},
  };
  // clang-format on
  for (const Row& row : rows) {
    SCOPED_TRACE(row.what);
    std::vector<TestResult> tests;
    for (const char* t : row.tests)
      tests.push_back(parse_test(static_cast<TestId>(tests.size() + 1), t));
    const CaseDecision decision = confirm_case(rules(), tests, row.flags, d(today));
    if (const auto* c = std::get_if<CaseConfirmation>(&decision)) {
      EXPECT_EQ(c->criterion, row.expected);
      EXPECT_EQ(c->confirming_test, row.confirming);
      EXPECT_EQ(c->confirmed_on, d(row.confirmed_on));
    } else {
      EXPECT_EQ(std::get<Violation>(decision).code, row.expected);
    }
  }
}

TEST(CaseDefinition, TheViolationSaysWhatEachCriterionLacks) {
  const std::vector<TestResult> tests = {parse_test(1, "RAT+ 2022-05-02")};
  const CaseDecision decision = confirm_case(rules(), tests, {}, d("2022-05-10"));
  ASSERT_TRUE(std::holds_alternative<Violation>(decision));
  const Violation& v = std::get<Violation>(decision);
  EXPECT_EQ(v.field, "tests");
  EXPECT_NE(v.rule.find("1909/BYT-DP"), std::string::npos) << v.rule;
  for (const char* lack :
       {"needs an RT-PCR test", "not a close contact (F1)", "not a suspected clinical case",
        "no epidemiological link", "no second positive rapid test"}) {
    EXPECT_NE(v.message_en.find(lack), std::string::npos) << lack << " in " << v.message_en;
  }
  EXPECT_NE(v.message_vi.find("không phải F1"), std::string::npos) << v.message_vi;
}

TEST(CaseDefinition, TheConfirmationNamesTheVersionAndSource) {
  const std::vector<TestResult> tests = {parse_test(7, "RAT+ 2022-05-02")};
  const auto c = std::get<CaseConfirmation>(
      confirm_case(rules(), tests, {true, false, false}, d("2022-05-02")));
  EXPECT_EQ(c.version_id, "1909-2022");
  EXPECT_NE(c.rule.find("1909/BYT-DP"), std::string::npos);
}

}  // namespace
}  // namespace phongdich
