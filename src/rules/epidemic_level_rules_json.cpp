#include "rules/epidemic_level_rules_json.hpp"

#include "rules/rule_json_reader.hpp"

namespace phongdich {
namespace {

using nlohmann::json;
constexpr std::string_view kKind = "epidemic level rules";

// Checks that every key of an object keyed by measure names a measure.
void check_measure_keys(const RuleReader& parent, const char* key) {
  const json& object = parent.get(key);
  if (!object.is_object()) parent.fail_at(key, "must be an object keyed by measure");
  for (const auto& [name, _] : object.items()) {
    if (name != "note" && !parse_level_measure(name)) {
      parent.fail_at(key, "unknown measure \"" + name + "\"");
    }
  }
}

MeasureBands parse_bands(LevelMeasure measure, const json& value, const std::string& where) {
  const RuleReader r(kKind, value, where, {"name_vi", "name_en", "bands"});
  MeasureBands mb;
  mb.measure = measure;
  mb.name_vi = r.text("name_vi");
  mb.name_en = r.text("name_en");
  r.for_each("bands", [&](const json& item, const std::string& at) {
    const RuleReader b(kKind, item, at, {"level", "from", "above"});
    LevelBand band;
    band.level = b.integer("level", 1, kLevelCount);
    if (b.has("from") == b.has("above")) b.fail("must have exactly one of \"from\", \"above\"");
    band.strict = b.has("above");
    band.from = b.number(band.strict ? "above" : "from", 0, 1e9);
    if (mb.bands.empty() ? (band.from != 0 || band.strict) : band.from <= mb.bands.back().from) {
      b.fail("bands must start from 0 and rise");
    }
    if (!mb.bands.empty() && band.level < mb.bands.back().level) {
      b.fail_at("level", "must not be below the previous band's level");
    }
    mb.bands.push_back(band);
  });
  if (mb.bands.empty()) r.fail_at("bands", "must not be empty");
  return mb;
}

LevelAdjustment parse_adjustment(const json& value, const std::string& where) {
  const RuleReader r(kKind, value, where, {"criterion", "when", "effect", "by"});
  LevelAdjustment adj;
  const std::string criterion = r.text("criterion");
  if (criterion == "C2") {
    adj.criterion = LevelCriterion::c2;
  } else if (criterion == "C3") {
    adj.criterion = LevelCriterion::c3;
  } else {
    r.fail_at("criterion", "must be C2 or C3");
  }
  const std::string when = r.text("when");
  if (when != "met" && when != "not_met") r.fail_at("when", "must be met or not_met");
  adj.when_met = when == "met";
  const std::string effect = r.text("effect");
  if (effect == "raise") {
    adj.effect = LevelEffect::raise;
  } else if (effect == "lower") {
    adj.effect = LevelEffect::lower;
  } else if (effect == "no_lower") {
    adj.effect = LevelEffect::no_lower;
  } else {
    r.fail_at("effect", "must be raise, lower or no_lower");
  }
  if (adj.effect == LevelEffect::no_lower) {
    if (r.has("by")) r.fail_at("by", "not used with no_lower");
  } else {
    adj.by = r.integer("by", 1, kLevelCount - 1);
  }
  return adj;
}

EpidemicLevelVersion parse_content(const RuleVersionHeader& header, const RuleReader& r) {
  EpidemicLevelVersion v;
  v.id = header.id;
  v.effective_from = header.effective_from;
  v.source = header.source;

  const RuleReader levels = r.child("levels", {"1", "2", "3", "4"});
  for (int level = 1; level <= kLevelCount; ++level) {
    const std::string key = std::to_string(level);
    const RuleReader l = levels.child(key.c_str(), {"colour", "name_vi", "name_en"});
    v.levels[static_cast<size_t>(level - 1)] = {l.text("colour"), l.text("name_vi"),
                                                l.text("name_en")};
  }

  check_measure_keys(r, "c1");
  check_measure_keys(r, "c2");
  const json& c1 = r.get("c1");
  const json& c2 = r.get("c2");
  for (int m = 0; m < kLevelMeasureCount; ++m) {
    const auto measure = static_cast<LevelMeasure>(m);
    const char* name = to_string(measure);
    if (c1.contains(name)) {
      if (is_share(measure)) r.fail_at("c1", std::string(name) + " is a C2 measure");
      v.c1.push_back(parse_bands(measure, c1.at(name), r.at("c1") + "." + name));
    }
    if (c2.contains(name)) {
      if (!is_share(measure)) r.fail_at("c2", std::string(name) + " is a C1 measure");
      const RuleReader c(kKind, c2.at(name), r.at("c2") + "." + name,
                         {"at_least", "name_vi", "name_en"});
      v.c2.push_back({measure, c.number("at_least", 0, 1), c.text("name_vi"), c.text("name_en")});
    }
  }
  if (v.c1.empty()) r.fail_at("c1", "must name at least one measure");

  const RuleReader c3 = r.child("c3", {"text_vi", "text_en"});
  v.c3_vi = c3.text("text_vi");
  v.c3_en = c3.text("text_en");
  r.for_each("adjustments", [&](const json& item, const std::string& at) {
    v.adjustments.push_back(parse_adjustment(item, at));
  });
  if (r.has("top_level") && !r.get("top_level").is_null()) {
    const RuleReader t = r.child("top_level", {"measure", "above"});
    const auto measure = parse_level_measure(t.text("measure"));
    if (!measure || is_share(*measure)) t.fail_at("measure", "must be a C1 measure");
    v.top_level = TopLevelRequirement{*measure, t.number("above", 0, 1e9)};
  }
  return v;
}

}  // namespace

EpidemicLevelRules parse_epidemic_level_rules(std::string_view json_text) {
  const json root = parse_rule_json(kKind, json_text);
  const RuleReader file(kKind, root, "file", {"format", "versions"});
  if (file.text("format") != "phongdich.epidemic_level_rules/1") {
    file.fail_at("format", "must be \"phongdich.epidemic_level_rules/1\"");
  }
  std::vector<EpidemicLevelVersion> versions;
  for_each_rule_version(
      file, "versions",
      [&](const RuleVersionHeader& header, const json& content, const std::string& where) {
        const RuleReader r(kKind, content, where,
                           {"levels", "c1", "c2", "c3", "adjustments", "top_level"});
        versions.push_back(parse_content(header, r));
      });
  return EpidemicLevelRules(std::move(versions));
}

EpidemicLevelRules load_epidemic_level_rules(const std::string& path) {
  return parse_epidemic_level_rules(read_rule_file(kKind, path));
}

}  // namespace phongdich
