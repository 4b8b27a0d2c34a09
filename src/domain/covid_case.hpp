// A confirmed COVID-19 case (F0) and the steps of its care: home care →
// hospital → ICU → recovered or died, with the date and place of each step.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/date.hpp"
#include "domain/person.hpp"
#include "domain/test_result.hpp"

namespace phongdich {

using CaseId = int64_t;

// Where the case is cared for, or how the case ended. The first three are
// "active": the case is still followed.
enum class CaseState : uint8_t { home_care = 0, hospital = 1, icu = 2, recovered = 3, died = 4 };

const char* to_string(CaseState state);  // "home_care", "hospital", "icu", "recovered", "died"
std::optional<CaseState> parse_case_state(std::string_view text);
inline bool is_active(CaseState state) { return state <= CaseState::icu; }

// One step of a case's care: from `date` on the case is in `state` at `place`.
struct CaseStep {
  Date date;
  CaseState state = CaseState::home_care;
  std::string place;    // facility code, or "" for home care
  bool oxygen = false;  // needs oxygen or ventilation from this step on
};

struct CovidCase {
  CaseId id = 0;  // 0 until stored
  PersonId person_id = 0;
  AreaId area_id = 0;  // the person's commune when confirmed (the case counts there)
  Date confirmed_on;   // the date of the confirming result
  std::optional<Date> onset_date;
  TestId confirming_test = 0;   // the positive test the case definition accepted
  std::string criterion;        // which criterion of the case definition: "pcr_positive" ...
  bool imported = false;        // infected outside the area (Rt counts it apart)
  std::vector<CaseStep> steps;  // by date; the first is the care where the case began
  // The day home isolation ended (the rules of cases-and-home-care.md), if it has.
  std::optional<Date> isolation_ended_on;

  CaseState state() const { return steps.empty() ? CaseState::home_care : steps.back().state; }
  bool active() const { return is_active(state()); }
  // The day the case recovered or died, if it has.
  std::optional<Date> ended_on() const {
    if (steps.empty() || is_active(steps.back().state)) return std::nullopt;
    return steps.back().date;
  }
};

}  // namespace phongdich
