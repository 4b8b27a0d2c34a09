#include "domain/isolation_end.hpp"

#include <algorithm>
#include <vector>

namespace phongdich {
namespace {

bool ends_isolation(const IsolationEndRules& r, const TestResult& t) {
  return t.outcome == TestOutcome::negative &&
         std::find(r.ending_tests.begin(), r.ending_tests.end(), t.kind) != r.ending_tests.end() &&
         (t.supervised || !r.ending_test_supervised);
}

std::string day(int n) { return std::to_string(n); }

}  // namespace

const char* to_string(IsolationStatus status) {
  switch (status) {
    case IsolationStatus::ended:
      return "ended";
    case IsolationStatus::awaiting_test:
      return "awaiting_test";
    case IsolationStatus::extended:
      return "extended";
  }
  return "?";
}

IsolationEnd isolation_end(const HomeCareRules& rules, const CovidCase& covid_case,
                           std::span<const TestResult> tests, bool fully_vaccinated, Date today) {
  const IsolationEndRules& r = rules.in_force(covid_case.confirmed_on).isolation_end;
  std::string kinds;
  for (TestKind kind : r.ending_tests)
    kinds += (kinds.empty() ? "" : " or ") + std::string(to_string(kind));
  const std::string rule = "home isolation >= " + day(r.min_days) + " days and a negative " +
                           (r.ending_test_supervised ? "supervised " : "") + kinds +
                           " test; still positive: to day " +
                           day(r.still_positive_end_day_vaccinated) + " (fully vaccinated) or " +
                           day(r.still_positive_end_day_not_vaccinated) + " (" + r.source + ")";
  if (covid_case.isolation_ended_on) {
    const std::string on = covid_case.isolation_ended_on->iso();
    return {IsolationStatus::ended,
            *covid_case.isolation_ended_on,
            "recorded",
            0,
            rule,
            "Đã kết thúc cách ly ngày " + on + ".",
            "Home isolation ended on " + on + "."};
  }

  const Date earliest = covid_case.confirmed_on.plus_days(r.min_days);
  std::vector<const TestResult*> after;  // tests from day min_days whose result is known
  for (const TestResult& t : tests) {
    if (t.sample_date >= earliest && t.result_date <= today && t.kind != TestKind::sequencing &&
        t.outcome != TestOutcome::inconclusive) {
      after.push_back(&t);
    }
  }
  std::sort(after.begin(), after.end(), [](const TestResult* a, const TestResult* b) {
    if (a->sample_date != b->sample_date) return a->sample_date < b->sample_date;
    return a->result_date < b->result_date;
  });

  for (const TestResult* t : after) {
    if (t->outcome == TestOutcome::positive) {
      // Still positive: the rest of the extension needs no test.
      const int end_day = fully_vaccinated ? r.still_positive_end_day_vaccinated
                                           : r.still_positive_end_day_not_vaccinated;
      const Date end = covid_case.confirmed_on.plus_days(end_day);
      const std::string why_vi = std::string("Còn dương tính ngày ") + t->sample_date.iso() +
                                 ": cách ly đến ngày thứ " + day(end_day) +
                                 (fully_vaccinated ? " (đã tiêm đủ liều)" : " (chưa tiêm đủ liều)");
      const std::string why_en =
          std::string("Still positive on ") + t->sample_date.iso() +
          ": isolation continues to day " + day(end_day) +
          (fully_vaccinated ? " (fully vaccinated)" : " (not fully vaccinated)");
      if (today >= end) {
        return {IsolationStatus::ended,
                end,
                "still_positive_extension",
                t->id,
                rule,
                why_vi + ", kết thúc ngày " + end.iso() + ".",
                why_en + ", ended on " + end.iso() + "."};
      }
      return {IsolationStatus::extended,
              end,
              "still_positive",
              t->id,
              rule,
              why_vi + ", tức ngày " + end.iso() + ".",
              why_en + ", that is " + end.iso() + "."};
    }
    if (ends_isolation(r, *t)) {
      return {IsolationStatus::ended,
              t->result_date,
              "negative_test",
              t->id,
              rule,
              "Xét nghiệm âm tính có giám sát ngày " + t->sample_date.iso() + " sau " +
                  day(r.min_days) + " ngày: kết thúc cách ly ngày " + t->result_date.iso() + ".",
              "Negative supervised test on " + t->sample_date.iso() + " after " + day(r.min_days) +
                  " days: isolation ended on " + t->result_date.iso() + "."};
    }
  }
  return {IsolationStatus::awaiting_test,
          earliest,
          "awaiting_test",
          0,
          rule,
          "Có thể kết thúc cách ly từ ngày " + earliest.iso() + " (ngày thứ " + day(r.min_days) +
              ") khi xét nghiệm nhanh âm tính do nhân viên y tế thực hiện hoặc giám sát.",
          "Isolation may end from " + earliest.iso() + " (day " + day(r.min_days) +
              ") with a negative rapid antigen test done or supervised by a health worker."};
}

Violations check_isolation_end(const HomeCareRules& rules, const CovidCase& covid_case,
                               std::span<const TestResult> tests, bool fully_vaccinated,
                               Date ended_on, Date today) {
  if (covid_case.isolation_ended_on) {
    const std::string on = covid_case.isolation_ended_on->iso();
    return {{"isolation.already_ended", "date", "home isolation ends once",
             "Ca bệnh đã kết thúc cách ly ngày " + on,
             "The case's home isolation already ended on " + on}};
  }
  if (covid_case.state() != CaseState::home_care) {
    const std::string where = to_string(covid_case.state());
    return {{"isolation.not_in_home_care", "case_id",
             "home isolation ends for a case cared for at home (261/QĐ-BYT)",
             "Ca bệnh không điều trị tại nhà (" + where + ")",
             "The case is not in home care (" + where + ")"}};
  }
  if (ended_on > today) {
    return {{"isolation.date.future", "date", "", "Ngày kết thúc cách ly ở tương lai",
             "The end of isolation is in the future"}};
  }
  const Date home_care_since =
      covid_case.steps.empty() ? covid_case.confirmed_on : covid_case.steps.back().date;
  if (ended_on < home_care_since) {
    const std::string since = home_care_since.iso();
    return {{"isolation.date.before_home_care", "date", "",
             "Ngày kết thúc cách ly trước khi bắt đầu chăm sóc tại nhà (" + since + ")",
             "The end of isolation is before home care began (" + since + ")"}};
  }
  const IsolationEnd allowed = isolation_end(rules, covid_case, tests, fully_vaccinated, ended_on);
  if (allowed.status != IsolationStatus::ended) {
    return {{"isolation.too_early", "date", allowed.rule,
             "Chưa thể kết thúc cách ly ngày " + ended_on.iso() + ": " + allowed.text_vi,
             "Isolation cannot end on " + ended_on.iso() + ": " + allowed.text_en}};
  }
  return {};
}

}  // namespace phongdich
