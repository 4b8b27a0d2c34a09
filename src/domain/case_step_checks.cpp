#include "domain/case_step_checks.hpp"

#include <string>

namespace phongdich {
namespace {

const char* state_vi(CaseState state) {
  switch (state) {
    case CaseState::home_care:
      return "chăm sóc tại nhà";
    case CaseState::hospital:
      return "điều trị tại bệnh viện";
    case CaseState::icu:
      return "hồi sức tích cực";
    case CaseState::recovered:
      return "khỏi bệnh";
    case CaseState::died:
      return "tử vong";
  }
  return "?";
}

}  // namespace

bool is_allowed_transition(CaseState from, CaseState to) {
  switch (from) {
    case CaseState::home_care:
      return to != CaseState::home_care;
    case CaseState::hospital:
      return true;
    case CaseState::icu:
      return to != CaseState::home_care;
    case CaseState::recovered:
    case CaseState::died:
      return false;
  }
  return false;
}

Violations check_case_step(const CovidCase& covid_case, const CaseStep& next, Date today) {
  Violations out;
  const std::string date = next.date.iso();
  if (const auto ended = covid_case.ended_on()) {
    const CaseState state = covid_case.state();
    out.push_back({"case_step.case_ended", "state",
                   "no step after a case ended (recovered or died)",
                   std::string("F0 đã ") + state_vi(state) + " ngày " + ended->iso() +
                       ": không thể thêm bước mới.",
                   std::string("The case ") + to_string(state) + " on " + ended->iso() +
                       ": no further step can be added."});
    return out;  // nothing else about this step matters
  }
  if (next.date > today) {
    out.push_back({"case_step.date_in_future", "date", "date <= today (" + today.iso() + ")",
                   "Ngày " + date + " sau ngày hôm nay.", "Date " + date + " is after today."});
  }
  if (next.date < covid_case.confirmed_on) {
    out.push_back(
        {"case_step.before_confirmation", "date",
         "date >= the day the case was confirmed (" + covid_case.confirmed_on.iso() + ")",
         "Ngày " + date + " trước ngày xác định F0 " + covid_case.confirmed_on.iso() + ".",
         "Date " + date + " is before the case was confirmed on " + covid_case.confirmed_on.iso() +
             "."});
  }
  if (!covid_case.steps.empty()) {
    const CaseStep& last = covid_case.steps.back();
    // Several steps on one day are normal (admitted, then moved to ICU).
    if (next.date < last.date) {
      out.push_back({"case_step.before_last_step", "date",
                     "date >= the date of the last step (" + last.date.iso() + ")",
                     "Ngày " + date + " trước bước gần nhất (" + last.date.iso() + ").",
                     "Date " + date + " is before the last step (" + last.date.iso() + ")."});
    }
    const bool transfer = last.state == next.state;
    if (!is_allowed_transition(last.state, next.state) || (transfer && last.place == next.place)) {
      out.push_back({"case_step.transition_not_allowed", "state",
                     std::string("allowed: home_care -> hospital/icu/recovered/died; hospital -> "
                                 "home_care/icu/recovered/died or another hospital; icu -> "
                                 "hospital/recovered/died or another icu"),
                     std::string("Không thể chuyển từ ") + state_vi(last.state) + " sang " +
                         state_vi(next.state) + (transfer ? " tại cùng nơi" : "") + ".",
                     std::string("A case cannot go from ") + to_string(last.state) + " to " +
                         to_string(next.state) + (transfer ? " at the same place" : "") + "."});
    }
  }
  if ((next.state == CaseState::hospital || next.state == CaseState::icu) && next.place.empty()) {
    out.push_back({"case_step.place_required", "place", "a hospital or ICU step names the facility",
                   "Bước điều trị tại bệnh viện hoặc hồi sức phải ghi cơ sở điều trị.",
                   "A hospital or ICU step must name the facility."});
  }
  return out;
}

}  // namespace phongdich
