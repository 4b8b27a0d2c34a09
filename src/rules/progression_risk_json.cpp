#include "rules/progression_risk_json.hpp"

#include "rules/rule_json_reader.hpp"

namespace phongdich {
namespace {

using nlohmann::json;
constexpr std::string_view kKind = "progression risk rules";

std::optional<ProgressionRisk> parse_group(std::string_view text) {
  for (int i = 0; i < kProgressionRiskCount; ++i) {
    if (text == to_string(static_cast<ProgressionRisk>(i))) return static_cast<ProgressionRisk>(i);
  }
  return std::nullopt;
}

void parse_content(const RuleReader& r, ProgressionRiskVersion& v) {
  r.for_each("age_points", [&](const json& item, const std::string& at) {
    const RuleReader a(kKind, item, at, {"min_age_years", "points"});
    const AgePoints band{a.integer("min_age_years", 0, 150), a.integer("points", 0, 20)};
    if (v.age.empty() ? band.min_age_years != 0
                      : band.min_age_years <= v.age.back().min_age_years) {
      a.fail_at("min_age_years", "must start at 0 and rise");
    }
    v.age.push_back(band);
  });
  if (v.age.empty()) r.fail_at("age_points", "must not be empty");

  // {"default": 1, "items": {"3": 2, ...}, "max": 3}
  const RuleReader c = r.child("comorbidity_points", {"default", "items", "max"});
  v.comorbidity_points.fill(c.integer("default", 0, 20));
  v.comorbidity_max_points = c.integer("max", 0, 50);
  const json& items = c.get("items");
  if (!items.is_object()) c.fail_at("items", "must be an object keyed by annex item 1..20");
  for (const auto& [key, points] : items.items()) {
    if (key == "note") continue;
    int item = 0;
    try {
      item = std::stoi(key);
    } catch (const std::exception&) {
    }
    if (item < 1 || item > kComorbidityCount || std::to_string(item) != key) {
      c.fail_at("items", "unknown comorbidity item \"" + key + "\" (1..20)");
    }
    if (!points.is_number_integer() || points.get<int>() < 0 || points.get<int>() > 20) {
      fail_rule_file(kKind, c.at("items") + "." + key, "must be an integer from 0 to 20");
    }
    v.comorbidity_points[static_cast<size_t>(item - 1)] = points.get<int>();
  }

  v.pregnancy_points = r.integer("pregnancy_points", 0, 20);
  const RuleReader vac = r.child("vaccination_points", {"none", "partial", "primary_complete",
                                                        "additional", "booster1", "booster2"});
  for (int s = 0; s < kVaccinationStatusCount; ++s) {
    v.vaccination_points[static_cast<size_t>(s)] =
        vac.integer(to_string(static_cast<VaccinationStatus>(s)), -20, 20);
  }
  v.symptomatic_points = r.integer("symptomatic_points", 0, 20);
  v.danger_sign_is_very_high = r.boolean("danger_sign_is_very_high");

  r.for_each("groups", [&](const json& item, const std::string& at) {
    const RuleReader g(kKind, item, at, {"group", "min_points", "colour", "name_vi", "name_en"});
    const auto group = parse_group(g.text("group"));
    if (!group) g.fail_at("group", "must be one of low, medium, high, very_high");
    RiskGroupBand band{*group, g.integer("min_points", 0, 100), g.text("colour"), g.text("name_vi"),
                       g.text("name_en")};
    if (static_cast<size_t>(band.group) != v.groups.size()) {
      g.fail_at("group", "groups must be listed low, medium, high, very_high");
    }
    if (v.groups.empty() ? band.min_points != 0 : band.min_points <= v.groups.back().min_points) {
      g.fail_at("min_points", "must start at 0 and rise");
    }
    v.groups.push_back(std::move(band));
  });
  if (v.groups.size() != kProgressionRiskCount) r.fail_at("groups", "must list the four groups");
}

}  // namespace

ProgressionRiskRules parse_progression_risk_rules(std::string_view json_text) {
  const json root = parse_rule_json(kKind, json_text);
  const RuleReader file(kKind, root, "file", {"format", "versions"});
  if (file.text("format") != "phongdich.progression_risk_rules/1") {
    file.fail_at("format", "must be \"phongdich.progression_risk_rules/1\"");
  }
  std::vector<ProgressionRiskVersion> versions;
  for_each_rule_version(
      file, "versions",
      [&](const RuleVersionHeader& header, const json& content, const std::string& where) {
        const RuleReader r(
            kKind, content, where,
            {"age_points", "comorbidity_points", "pregnancy_points", "vaccination_points",
             "symptomatic_points", "danger_sign_is_very_high", "groups"});
        ProgressionRiskVersion v;
        v.id = header.id;
        v.effective_from = header.effective_from;
        v.source = header.source;
        parse_content(r, v);
        versions.push_back(std::move(v));
      });
  return ProgressionRiskRules(std::move(versions));
}

ProgressionRiskRules load_progression_risk_rules(const std::string& path) {
  return parse_progression_risk_rules(read_rule_file(kKind, path));
}

}  // namespace phongdich
