#include "domain/observation.hpp"

#include <array>

namespace phongdich {
namespace {

constexpr std::array<const char*, kSymptomCount> kSymptomNames{"shortness_of_breath",
                                                               "chest_pain",
                                                               "consciousness_change",
                                                               "cyanosis",
                                                               "not_drinking_or_feeding",
                                                               "mis_c_signs",
                                                               "new_acute_illness",
                                                               "unstable_condition",
                                                               "fever",
                                                               "cough",
                                                               "sore_throat",
                                                               "fatigue",
                                                               "loss_of_taste_or_smell",
                                                               "diarrhoea"};

}  // namespace

const char* to_string(HalfDay half) { return half == HalfDay::morning ? "morning" : "afternoon"; }

std::optional<HalfDay> parse_half_day(std::string_view text) {
  if (text == "morning") return HalfDay::morning;
  if (text == "afternoon") return HalfDay::afternoon;
  return std::nullopt;
}

const char* to_string(Symptom symptom) {
  const auto index = static_cast<size_t>(symptom);
  return index < kSymptomNames.size() ? kSymptomNames[index] : "?";
}

std::optional<Symptom> parse_symptom(std::string_view text) {
  for (size_t i = 0; i < kSymptomNames.size(); ++i)
    if (text == kSymptomNames[i]) return static_cast<Symptom>(i);
  return std::nullopt;
}

}  // namespace phongdich
