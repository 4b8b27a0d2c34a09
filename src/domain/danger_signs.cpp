#include "domain/danger_signs.hpp"

namespace phongdich {
namespace {

std::string n(int value) { return std::to_string(value); }

}  // namespace

std::vector<DangerSign> danger_signs(const HomeCareRules& rules, int age_years,
                                     const Observation& observation) {
  const DangerSignRules& r = rules.in_force(observation.date).danger_signs;
  std::vector<DangerSign> signs;

  for (const SymptomSign& sign : r.symptoms) {
    if (sign.children_only && age_years >= r.children_below_age_years) continue;
    if (!observation.symptoms.test(static_cast<size_t>(sign.symptom))) continue;
    signs.push_back({to_string(sign.symptom), std::nullopt, "present", sign.text_vi, sign.text_en});
  }

  if (const auto& rate = observation.respiratory_rate) {
    for (const RespiratoryRateBand& band : r.respiratory_rate) {
      if (!band.admits(age_years)) continue;
      if (*rate >= band.at_least) {
        signs.push_back({"respiratory_rate", *rate,
                         "≥ " + n(band.at_least) + "/min (" + band.group_en + ")",
                         "Nhịp thở " + n(*rate) + " lần/phút (" + band.group_vi + ": ≥ " +
                             n(band.at_least) + ")",
                         "Respiratory rate " + n(*rate) + "/min (" + band.group_en + ": ≥ " +
                             n(band.at_least) + ")"});
      }
      break;  // the first band for the age decides
    }
  }
  if (const auto& spo2 = observation.spo2_percent; spo2 && *spo2 <= r.spo2_at_most) {
    signs.push_back(
        {"spo2", *spo2, "≤ " + n(r.spo2_at_most) + "%",
         "SpO2 " + n(*spo2) + "% (≤ " + n(r.spo2_at_most) + "%; đo lại sau 30–60 giây)",
         "SpO2 " + n(*spo2) + "% (≤ " + n(r.spo2_at_most) + "%; re-measure after 30–60 s)"});
  }
  if (const auto& pulse = observation.pulse) {
    if (*pulse > r.pulse_above) {
      signs.push_back({"pulse_high", *pulse, "> " + n(r.pulse_above) + "/min",
                       "Mạch nhanh " + n(*pulse) + " lần/phút (> " + n(r.pulse_above) + ")",
                       "Fast pulse " + n(*pulse) + "/min (> " + n(r.pulse_above) + ")"});
    } else if (*pulse < r.pulse_below) {
      signs.push_back({"pulse_low", *pulse, "< " + n(r.pulse_below) + "/min",
                       "Mạch chậm " + n(*pulse) + " lần/phút (< " + n(r.pulse_below) + ")",
                       "Slow pulse " + n(*pulse) + "/min (< " + n(r.pulse_below) + ")"});
    }
  }
  if (const auto& sys = observation.systolic_mmhg; sys && *sys < r.systolic_below) {
    signs.push_back({"systolic_low", *sys, "< " + n(r.systolic_below) + " mmHg",
                     "Huyết áp tâm thu " + n(*sys) + " mmHg (< " + n(r.systolic_below) + ")",
                     "Systolic pressure " + n(*sys) + " mmHg (< " + n(r.systolic_below) + ")"});
  }
  if (const auto& dia = observation.diastolic_mmhg; dia && *dia < r.diastolic_below) {
    signs.push_back({"diastolic_low", *dia, "< " + n(r.diastolic_below) + " mmHg",
                     "Huyết áp tâm trương " + n(*dia) + " mmHg (< " + n(r.diastolic_below) + ")",
                     "Diastolic pressure " + n(*dia) + " mmHg (< " + n(r.diastolic_below) + ")"});
  }
  return signs;
}

std::string sign_codes(const std::vector<DangerSign>& signs) {
  std::string out;
  for (const DangerSign& sign : signs) out += (out.empty() ? "" : ",") + sign.code;
  return out;
}

}  // namespace phongdich
