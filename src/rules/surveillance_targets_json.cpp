#include "rules/surveillance_targets_json.hpp"

#include "rules/rule_json_reader.hpp"

namespace phongdich {
namespace {

using nlohmann::json;
constexpr std::string_view kKind = "surveillance targets";

}  // namespace

SurveillanceTargets parse_surveillance_targets(std::string_view json_text) {
  const json root = parse_rule_json(kKind, json_text);
  const RuleReader file(kKind, root, "file", {"format", "versions"});
  if (file.text("format") != "phongdich.surveillance_targets/1") {
    file.fail_at("format", "must be \"phongdich.surveillance_targets/1\"");
  }
  std::vector<SurveillanceTargetsVersion> versions;
  for_each_rule_version(
      file, "versions",
      [&](const RuleVersionHeader& header, const json& content, const std::string& where) {
        const RuleReader r(kKind, content, where, {"T7", "T8"});
        SurveillanceTargetsVersion v;
        v.id = header.id;
        v.effective_from = header.effective_from;
        v.source = header.source;
        const RuleReader t7 = r.child("T7", {"deaths_per_100k_per_week_alert", "source"});
        v.deaths_per_100k_alert = t7.number("deaths_per_100k_per_week_alert", 0.001, 1000);
        v.deaths_source = t7.text("source");
        const RuleReader t8 = r.child("T8", {"households_per_10k", "source"});
        v.care_households_per_10k = t8.number("households_per_10k", 1, 10000);
        v.care_source = t8.text("source");
        versions.push_back(std::move(v));
      });
  return SurveillanceTargets(std::move(versions));
}

SurveillanceTargets load_surveillance_targets(const std::string& path) {
  return parse_surveillance_targets(read_rule_file(kKind, path));
}

}  // namespace phongdich
