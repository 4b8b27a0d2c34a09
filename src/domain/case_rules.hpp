// The case definition of a confirmed COVID-19 case (F0) as a model: versions,
// each in force from its date, each a list of criteria any one of which makes
// a person a case. The values come from data/rules/cases.json (src/rules/).
//
// 1909/BYT-DP (15/4/2022), shared/domain/cases-and-home-care.md:
//   1. a positive RT-PCR test;
//   2. a close contact (F1) with a positive rapid antigen test;
//   3. a suspected clinical case with a positive rapid antigen test and an
//      epidemiological link;
//   4. two positive rapid antigen tests, the second within 8 hours of the
//      first, with an epidemiological link.
#pragma once

#include <string>
#include <vector>

#include "domain/date.hpp"
#include "domain/rule_versions.hpp"
#include "domain/test_result.hpp"

namespace phongdich {

// One criterion: positive tests of a kind, and what must be known of the person.
struct CaseCriterion {
  std::string code;  // stable, stored on the case: "pcr_positive", "contact_rapid_positive" ...
  TestKind test_kind = TestKind::rt_pcr;
  int positive_tests = 1;  // 1, or 2 for "two rapid tests"
  // Two tests: the second sample at most this many calendar days after the
  // first. Tests carry dates, not times, so "within 8 hours" is "the same or
  // the next day" (1): 8 hours may cross midnight.
  int max_days_between = 0;
  bool needs_close_contact = false;
  bool needs_suspected_clinical = false;
  bool needs_epidemiological_link = false;
  std::string text_vi;
  std::string text_en;
};

struct CaseDefinitionVersion {
  std::string id;  // "1909-2022"
  Date effective_from;
  std::string source;  // the document: "1909/BYT-DP (15/4/2022)"
  std::vector<CaseCriterion> criteria;
};

class CaseRules {
 public:
  CaseRules() = default;
  // Sorted by effective_from, not empty (the JSON loader checks).
  explicit CaseRules(std::vector<CaseDefinitionVersion> versions)
      : versions_(std::move(versions)) {}

  const std::vector<CaseDefinitionVersion>& versions() const { return versions_; }
  const CaseDefinitionVersion& in_force(Date date) const {
    return version_in_force(versions_, date);
  }
  bool covers(Date date) const { return versions_cover(versions_, date); }

 private:
  std::vector<CaseDefinitionVersion> versions_;
};

}  // namespace phongdich
