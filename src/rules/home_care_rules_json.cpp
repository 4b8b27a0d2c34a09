#include "rules/home_care_rules_json.hpp"

#include "rules/rule_json_reader.hpp"

namespace phongdich {
namespace {

using nlohmann::json;
constexpr std::string_view kKind = "home care rules";

RespiratoryRateBand parse_band(const json& value, const std::string& where) {
  const RuleReader r(kKind, value, where,
                     {"min_age_years", "below_age_years", "at_least", "group_vi", "group_en"});
  RespiratoryRateBand band;
  band.min_age_years = r.integer("min_age_years", 0, 150);
  if (r.has("below_age_years") && !r.get("below_age_years").is_null()) {
    band.below_age_years = r.integer("below_age_years", band.min_age_years + 1, 151);
  }
  band.at_least = r.integer("at_least", 5, 100);
  band.group_vi = r.text("group_vi");
  band.group_en = r.text("group_en");
  return band;
}

SymptomSign parse_symptom_sign(const json& value, const std::string& where) {
  const RuleReader r(kKind, value, where, {"symptom", "children_only", "text_vi", "text_en"});
  SymptomSign sign;
  const auto symptom = parse_symptom(r.text("symptom"));
  if (!symptom) r.fail_at("symptom", "unknown symptom \"" + r.text("symptom") + "\"");
  sign.symptom = *symptom;
  sign.children_only = r.boolean("children_only");
  sign.text_vi = r.text("text_vi");
  sign.text_en = r.text("text_en");
  return sign;
}

DangerSignRules parse_danger_signs(const RuleReader& r) {
  DangerSignRules d;
  d.source = r.text("source");
  r.for_each("respiratory_rate", [&](const json& item, const std::string& at) {
    d.respiratory_rate.push_back(parse_band(item, at));
  });
  if (d.respiratory_rate.empty()) r.fail_at("respiratory_rate", "must not be empty");
  d.spo2_at_most = r.integer("spo2_at_most", 50, 100);
  d.pulse_above = r.integer("pulse_above", 60, 250);
  d.pulse_below = r.integer("pulse_below", 20, d.pulse_above);
  d.systolic_below = r.integer("systolic_below", 50, 200);
  d.diastolic_below = r.integer("diastolic_below", 30, 150);
  d.children_below_age_years = r.integer("children_below_age_years", 1, 18);
  r.for_each("symptoms", [&](const json& item, const std::string& at) {
    d.symptoms.push_back(parse_symptom_sign(item, at));
  });
  return d;
}

IsolationEndRules parse_isolation_end(const RuleReader& r) {
  IsolationEndRules e;
  e.source = r.text("source");
  e.min_days = r.integer("min_days", 1, 60);
  e.ending_tests.clear();
  r.for_each("ending_tests", [&](const json& item, const std::string& at) {
    const auto kind = item.is_string() ? parse_test_kind(item.get<std::string>()) : std::nullopt;
    if (!kind || *kind == TestKind::sequencing) {
      fail_rule_file(kKind, at, "must be rt_pcr or rapid_antigen");
    }
    e.ending_tests.push_back(*kind);
  });
  if (e.ending_tests.empty()) r.fail_at("ending_tests", "must not be empty");
  e.ending_test_supervised = r.boolean("ending_test_supervised");
  e.still_positive_end_day_vaccinated =
      r.integer("still_positive_end_day_vaccinated", e.min_days, 60);
  e.still_positive_end_day_not_vaccinated =
      r.integer("still_positive_end_day_not_vaccinated", e.min_days, 60);
  return e;
}

}  // namespace

HomeCareRules parse_home_care_rules(std::string_view json_text) {
  const json root = parse_rule_json(kKind, json_text);
  const RuleReader file(kKind, root, "file", {"format", "versions"});
  if (file.text("format") != "phongdich.home_care_rules/1") {
    file.fail_at("format", "must be \"phongdich.home_care_rules/1\"");
  }
  std::vector<HomeCareVersion> versions;
  for_each_rule_version(
      file, "versions",
      [&](const RuleVersionHeader& header, const json& content, const std::string& where) {
        const RuleReader r(kKind, content, where, {"danger_signs", "isolation_end"});
        HomeCareVersion v{header.id, header.effective_from, header.source, {}, {}};
        v.danger_signs = parse_danger_signs(
            r.child("danger_signs",
                    {"source", "respiratory_rate", "spo2_at_most", "pulse_above", "pulse_below",
                     "systolic_below", "diastolic_below", "children_below_age_years", "symptoms"}));
        v.isolation_end = parse_isolation_end(r.child(
            "isolation_end",
            {"source", "min_days", "ending_tests", "ending_test_supervised",
             "still_positive_end_day_vaccinated", "still_positive_end_day_not_vaccinated"}));
        versions.push_back(std::move(v));
      });
  return HomeCareRules(std::move(versions));
}

HomeCareRules load_home_care_rules(const std::string& path) {
  return parse_home_care_rules(read_rule_file(kKind, path));
}

}  // namespace phongdich
