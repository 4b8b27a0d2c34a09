#include "domain/progression_risk.hpp"

#include <algorithm>

namespace phongdich {
namespace {

std::string points_vi(int points) { return ": +" + std::to_string(points) + " điểm"; }
std::string points_en(int points) {
  return ": +" + std::to_string(points) + (points == 1 ? " point" : " points");
}

}  // namespace

const char* to_string(ProgressionRisk risk) {
  switch (risk) {
    case ProgressionRisk::low:
      return "low";
    case ProgressionRisk::medium:
      return "medium";
    case ProgressionRisk::high:
      return "high";
    case ProgressionRisk::very_high:
      return "very_high";
  }
  return "?";
}

ProgressionAssessment assess_progression_risk(const ProgressionRiskRules& rules,
                                              const ProgressionInputs& in, Date on) {
  const ProgressionRiskVersion& v = rules.in_force(on);
  ProgressionAssessment out;
  out.version_id = v.id;
  out.source = v.source;
  const auto add = [&out](int points, const std::string& vi, const std::string& en) {
    if (points == 0) return;
    out.points += points;
    out.reasons_vi.push_back(vi + points_vi(points));
    out.reasons_en.push_back(en + points_en(points));
  };

  int age_points = 0;
  for (const AgePoints& band : v.age) {
    if (in.age_years >= band.min_age_years) age_points = band.points;
  }
  add(age_points, "Tuổi " + std::to_string(in.age_years), "Age " + std::to_string(in.age_years));

  int comorbidity = 0;
  std::string items;
  for (int item = 1; item <= kComorbidityCount; ++item) {
    if (!in.comorbidities.test(static_cast<size_t>(item - 1))) continue;
    comorbidity += v.comorbidity_points[static_cast<size_t>(item - 1)];
    items += (items.empty() ? "" : ", ") + std::to_string(item);
  }
  add(std::min(comorbidity, v.comorbidity_max_points), "Bệnh nền (mục " + items + ")",
      "Comorbidities (items " + items + ")");
  if (in.pregnant) add(v.pregnancy_points, "Mang thai", "Pregnant");
  add(v.vaccination_points[static_cast<size_t>(in.vaccination)],
      std::string("Tiêm chủng: ") + to_string(in.vaccination),
      std::string("Vaccination: ") + to_string(in.vaccination));
  if (in.symptoms.any() && !in.danger_sign) add(v.symptomatic_points, "Có triệu chứng", "Symptoms");

  for (const RiskGroupBand& band : v.groups) {
    if (out.points >= band.min_points) {
      out.group = band.group;
      out.colour = band.colour;
    }
  }
  if (in.danger_sign && v.danger_sign_is_very_high) {
    out.group = v.groups.back().group;
    out.colour = v.groups.back().colour;
    out.reasons_vi.push_back("Có dấu hiệu nguy hiểm: nhóm nguy cơ cao nhất");
    out.reasons_en.push_back("Danger sign: the highest group");
  }
  return out;
}

}  // namespace phongdich
