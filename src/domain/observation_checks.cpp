#include "domain/observation_checks.hpp"

#include <cmath>
#include <optional>
#include <string>

namespace phongdich {
namespace {

std::string number_text(double value) {
  // Whole numbers without decimals ("96"), others with one ("37.5").
  if (value == std::floor(value)) return std::to_string(static_cast<long long>(value));
  std::string text = std::to_string(std::round(value * 10) / 10);
  return text.substr(0, text.find('.') + 2);
}

struct MeasurementName {
  const char* field;
  const char* code;  // "observation.<code>_out_of_range"
  const char* vi;
  const char* en;
  const char* unit;
};

template <typename T>
void check_range(const std::optional<T>& value, MeasurementRange range, const MeasurementName& name,
                 Violations& out) {
  if (!value) return;
  const auto v = static_cast<double>(*value);
  if (v >= range.min && v <= range.max) return;
  const std::string bounds =
      number_text(range.min) + "–" + number_text(range.max) + " " + name.unit;
  out.push_back({std::string("observation.") + name.code + "_out_of_range", name.field,
                 std::string(name.en) + " from " + bounds + " (plausible range)",
                 std::string(name.vi) + " " + number_text(v) + " ngoài khoảng " + bounds +
                     ": kiểm tra lại số đo.",
                 std::string(name.en) + " " + number_text(v) + " is outside " + bounds +
                     ": check the measurement."});
}

}  // namespace

Violations check_observation(const Observation& observation, const CovidCase& covid_case,
                             Date today) {
  Violations out;
  check_range(observation.spo2_percent, kSpo2Range, {"spo2", "spo2", "SpO2", "SpO2", "%"}, out);
  check_range(observation.respiratory_rate, kRespiratoryRateRange,
              {"respiratory_rate", "respiratory_rate", "Nhịp thở", "Respiratory rate", "/min"},
              out);
  check_range(observation.pulse, kPulseRange, {"pulse", "pulse", "Mạch", "Pulse", "/min"}, out);
  check_range(observation.temperature_c, kTemperatureRange,
              {"temperature", "temperature", "Nhiệt độ", "Temperature", "°C"}, out);
  check_range(observation.systolic_mmhg, kSystolicRange,
              {"systolic", "systolic", "Huyết áp tâm thu", "Systolic pressure", "mmHg"}, out);
  check_range(observation.diastolic_mmhg, kDiastolicRange,
              {"diastolic", "diastolic", "Huyết áp tâm trương", "Diastolic pressure", "mmHg"}, out);
  if (observation.systolic_mmhg && observation.diastolic_mmhg &&
      *observation.diastolic_mmhg >= *observation.systolic_mmhg) {
    out.push_back({"observation.diastolic_not_below_systolic", "diastolic",
                   "diastolic < systolic pressure",
                   "Huyết áp tâm trương phải thấp hơn tâm thu (có thể nhập đảo ngược).",
                   "Diastolic pressure must be below systolic (the two may be swapped)."});
  }

  const std::string date = observation.date.iso();
  if (observation.date > today) {
    out.push_back({"observation.date_in_future", "date", "date <= today (" + today.iso() + ")",
                   "Ngày theo dõi " + date + " sau ngày hôm nay.",
                   "Check date " + date + " is after today."});
  }
  if (observation.date < covid_case.confirmed_on) {
    out.push_back(
        {"observation.before_confirmation", "date",
         "date >= the day the case was confirmed (" + covid_case.confirmed_on.iso() + ")",
         "Ngày theo dõi " + date + " trước ngày xác định F0 " + covid_case.confirmed_on.iso() + ".",
         "Check date " + date + " is before the case was confirmed on " +
             covid_case.confirmed_on.iso() + "."});
  }
  // A check on the day the case ended is allowed: it may be what ended it.
  if (const auto ended = covid_case.ended_on(); ended && observation.date > *ended) {
    const bool died = covid_case.state() == CaseState::died;
    out.push_back({"observation.after_case_ended", "date",
                   "date <= the day the case ended (" + ended->iso() + ")",
                   "Ngày theo dõi " + date + " sau ngày F0 " + (died ? "tử vong " : "khỏi bệnh ") +
                       ended->iso() + ".",
                   "Check date " + date + " is after the case " + (died ? "died" : "recovered") +
                       " on " + ended->iso() + "."});
  }
  if (covid_case.isolation_ended_on && observation.date > *covid_case.isolation_ended_on) {
    const std::string end = covid_case.isolation_ended_on->iso();
    out.push_back({"observation.after_isolation_ended", "date",
                   "date <= the day home isolation ended (" + end + ")",
                   "Ngày theo dõi " + date + " sau ngày kết thúc cách ly " + end + ".",
                   "Check date " + date + " is after home isolation ended on " + end + "."});
  }
  return out;
}

}  // namespace phongdich
