#include "domain/case_confirmation.hpp"

#include <algorithm>
#include <cstdlib>
#include <vector>

namespace phongdich {
namespace {

const char* kind_vi(TestKind kind) {
  switch (kind) {
    case TestKind::rapid_antigen:
      return "xét nghiệm nhanh kháng nguyên";
    case TestKind::rt_pcr:
      return "xét nghiệm RT-PCR";
    case TestKind::sequencing:
      return "giải trình tự gen";
  }
  return "?";
}

const char* kind_en(TestKind kind) {
  switch (kind) {
    case TestKind::rapid_antigen:
      return "rapid antigen test";
    case TestKind::rt_pcr:
      return "RT-PCR test";
    case TestKind::sequencing:
      return "sequencing";
  }
  return "?";
}

// The positive tests known before the one being judged (earlier in result
// order): a pair's second test confirms, so the first must come before it.
using Earlier = std::span<const TestResult* const>;

// An earlier positive test of the same kind whose sample is within
// max_days_between of `test`'s.
bool has_pair(const CaseCriterion& criterion, const TestResult& test, Earlier earlier) {
  return std::any_of(earlier.begin(), earlier.end(), [&](const TestResult* other) {
    return other->kind == criterion.test_kind &&
           std::abs(test.sample_date - other->sample_date) <= criterion.max_days_between;
  });
}

struct Missing {
  std::vector<std::string> vi, en;
  void add(const char* v, const char* e) {
    vi.emplace_back(v);
    en.emplace_back(e);
  }
};

Missing missing_for(const CaseCriterion& criterion, const TestResult& test, Earlier earlier,
                    const CaseFlags& flags) {
  Missing m;
  if (test.kind != criterion.test_kind) {
    m.vi.push_back(std::string("cần ") + kind_vi(criterion.test_kind));
    m.en.push_back(std::string(criterion.test_kind == TestKind::rt_pcr ? "needs an " : "needs a ") +
                   kind_en(criterion.test_kind));
    return m;  // the rest is about another test
  }
  if (criterion.needs_close_contact && !flags.is_close_contact) {
    m.add("không phải F1", "not a close contact (F1)");
  }
  if (criterion.needs_suspected_clinical && !flags.suspected_clinical) {
    m.add("không phải ca bệnh nghi ngờ lâm sàng", "not a suspected clinical case");
  }
  if (criterion.needs_epidemiological_link && !flags.epidemiological_link) {
    m.add("không có yếu tố dịch tễ", "no epidemiological link");
  }
  if (criterion.positive_tests == 2 && !has_pair(criterion, test, earlier)) {
    m.add("không có lần xét nghiệm nhanh dương tính thứ hai cùng ngày hoặc ngày kế tiếp",
          "no second positive rapid test on the same or the next day");
  }
  return m;
}

std::string joined(const std::vector<std::string>& parts, const char* separator) {
  std::string out;
  for (const std::string& part : parts) out += (out.empty() ? "" : separator) + part;
  return out;
}

Violation not_met(const CaseDefinitionVersion& version, const TestResult& test, Earlier earlier,
                  const CaseFlags& flags) {
  std::vector<std::string> vi, en, rules;
  for (size_t i = 0; i < version.criteria.size(); ++i) {
    const CaseCriterion& criterion = version.criteria[i];
    const Missing m = missing_for(criterion, test, earlier, flags);
    const std::string n = std::to_string(i + 1);
    vi.push_back("(" + n + ") " + criterion.text_vi + ": " + joined(m.vi, ", "));
    en.push_back("(" + n + ") " + criterion.text_en + ": " + joined(m.en, ", "));
    rules.push_back("(" + n + ") " + criterion.text_en);
  }
  const std::string date = test.result_date.iso();
  return {"case.definition_not_met", "tests",
          "confirmed case, " + version.source + ": " + joined(rules, "; "),
          std::string("Kết quả ") + kind_vi(test.kind) + " dương tính ngày " + date +
              " chưa đủ tiêu chuẩn ca bệnh xác định (" + version.source + "): " + joined(vi, "; ") +
              ".",
          std::string("The positive ") + kind_en(test.kind) + " of " + date +
              " does not meet the case definition (" + version.source + "): " + joined(en, "; ") +
              "."};
}

}  // namespace

CaseDecision confirm_case(const CaseRules& rules, std::span<const TestResult> tests,
                          const CaseFlags& flags, Date today) {
  std::vector<const TestResult*> positives;
  for (const TestResult& t : tests) {
    if (t.outcome == TestOutcome::positive && t.kind != TestKind::sequencing &&
        t.result_date <= today && t.sample_date <= t.result_date) {
      positives.push_back(&t);
    }
  }
  if (positives.empty()) {
    return Violation{"case.no_positive_test", "tests",
                     "a confirmed case needs a positive RT-PCR or rapid antigen test",
                     "Chưa có kết quả xét nghiệm dương tính nào đến ngày " + today.iso() + ".",
                     "No positive test result is known by " + today.iso() + "."};
  }
  std::sort(positives.begin(), positives.end(), [](const TestResult* a, const TestResult* b) {
    if (a->result_date != b->result_date) return a->result_date < b->result_date;
    if (a->sample_date != b->sample_date) return a->sample_date < b->sample_date;
    return a->id < b->id;
  });
  for (size_t i = 0; i < positives.size(); ++i) {
    const TestResult* test = positives[i];
    const Earlier earlier(positives.data(), i);
    const CaseDefinitionVersion& version = rules.in_force(test->result_date);
    for (const CaseCriterion& criterion : version.criteria) {
      if (!missing_for(criterion, *test, earlier, flags).en.empty()) continue;
      return CaseConfirmation{criterion.code, test->id, test->result_date, version.id,
                              criterion.text_en + " (" + version.source + ")"};
    }
  }
  // Explain by the latest positive test: the one the station is looking at.
  const TestResult& latest = *positives.back();
  return not_met(rules.in_force(latest.result_date), latest,
                 Earlier(positives.data(), positives.size() - 1), flags);
}

}  // namespace phongdich
