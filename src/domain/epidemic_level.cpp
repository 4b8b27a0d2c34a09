#include "domain/epidemic_level.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <initializer_list>
#include <string_view>

namespace phongdich {
namespace {

std::optional<double> value_of(const LevelInputs& in, LevelMeasure m) {
  switch (m) {
    case LevelMeasure::new_cases_per_100k:
      return in.new_cases_per_100k;
    case LevelMeasure::oxygen_per_100k:
      return in.oxygen_per_100k;
    case LevelMeasure::deaths_per_100k:
      return in.deaths_per_100k;
    case LevelMeasure::adult_one_dose_share:
      return in.adult_one_dose_share;
    case LevelMeasure::fully_vaccinated_share:
      return in.fully_vaccinated_share;
    case LevelMeasure::high_risk_fully_vaccinated_share:
      return in.high_risk_fully_vaccinated_share;
    case LevelMeasure::count:
      break;
  }
  return std::nullopt;
}

// "35.2", "20", "600": one decimal at most, without trailing zeros.
std::string number(double v) {
  char buffer[32];
  const double rounded = std::round(v * 10) / 10;
  const auto [end, ec] =
      std::to_chars(buffer, buffer + sizeof buffer, rounded, std::chars_format::fixed,
                    rounded == std::floor(rounded) ? 0 : 1);
  return ec == std::errc() ? std::string(buffer, end) : std::string("?");
}

std::string shown(LevelMeasure m, double v) {
  return is_share(m) ? number(v * 100) + "%" : number(v);
}

bool in_band(const LevelBand& band, double v) {
  return band.strict ? v > band.from : v >= band.from;
}

// "20 to < 50", ">= 150", "> 600"
std::string band_text(const MeasureBands& mb, size_t i) {
  const LevelBand& band = mb.bands[i];
  const std::string from = shown(mb.measure, band.from);
  if (i + 1 == mb.bands.size()) return (band.strict ? "> " : ">= ") + from;
  const LevelBand& next = mb.bands[i + 1];
  const std::string upper = shown(mb.measure, next.from);
  const std::string_view below = next.strict ? "<= " : "< ";
  if (i == 0 && band.from == 0 && !band.strict) return std::string(below) + upper;
  std::string out;
  out.reserve(from.size() + upper.size() + 10);
  if (band.strict) out += "> ";
  out += from;
  out += " to ";
  out += below;
  out += upper;
  return out;
}

std::string level_text(int level) { return std::to_string(level); }

// One allocation for a text of many parts: an assessment of every commune
// builds ~60,000 of them.
std::string cat(std::initializer_list<std::string_view> parts) {
  size_t size = 0;
  for (std::string_view p : parts) size += p.size();
  std::string out;
  out.reserve(size);
  for (std::string_view p : parts) out.append(p);
  return out;
}

}  // namespace

LevelAssessment assess_level(const EpidemicLevelRules& rules, const LevelInputs& in,
                             WeekIndex week) {
  const EpidemicLevelVersion& v = rules.in_force(sunday_of(week));
  LevelAssessment out;
  out.version_id = v.id;
  out.source = v.source;
  out.reasons.reserve(v.c1.size() + 4);

  // C1: the highest level any measure of the spread gives.
  int c1 = 1;
  for (const MeasureBands& mb : v.c1) {
    const double value = value_of(in, mb.measure).value_or(0);
    size_t band = 0;
    for (size_t i = 0; i < mb.bands.size(); ++i) {
      if (in_band(mb.bands[i], value)) band = i;
    }
    const int level = mb.bands[band].level;
    c1 = std::max(c1, level);
    const std::string range = band_text(mb, band);
    const std::string shown_value = shown(mb.measure, value);
    const std::string n = level_text(level);
    out.reasons.push_back(
        {"C1", to_string(mb.measure), value, range, cat({"level ", n}),
         cat({"C1 ", mb.name_vi, ": ", shown_value, " (", range, "): cấp ", n}),
         cat({"C1 ", mb.name_en, ": ", shown_value, " (", range, "): level ", n})});
  }
  out.c1_level = c1;

  // C2: every coverage condition holds; an unknown share does not.
  bool c2 = true;
  std::string c2_vi, c2_en;
  for (const CoverageCondition& cond : v.c2) {
    const auto value = value_of(in, cond.measure);
    const bool holds = value && *value >= cond.at_least;
    c2 = c2 && holds;
    const std::string shown_value = value ? shown(cond.measure, *value) : "?";
    const std::string need = shown(cond.measure, cond.at_least);
    const std::string_view separator = c2_vi.empty() ? "" : "; ";
    c2_vi += cat({separator, cond.name_vi, " ", shown_value, " (cần >= ", need, ")"});
    c2_en += cat({separator, cond.name_en, " ", shown_value, " (needs >= ", need, ")"});
  }
  out.c2_met = c2;
  out.c3_met = in.capacity_met.value_or(false);

  int level = c1;
  bool not_below_c1 = false;
  const auto criterion_reason = [&](LevelCriterion criterion, std::string_view effect,
                                    std::string_view effect_vi, std::string_view effect_en) {
    const bool c2_criterion = criterion == LevelCriterion::c2;
    const bool met = c2_criterion ? out.c2_met : out.c3_met;
    const bool unknown = !c2_criterion && !in.capacity_met;
    const std::string_view name = c2_criterion ? "C2" : "C3";
    const std::string_view state_en = unknown ? "unknown (counted as not met)"
                                      : met   ? "met"
                                              : "not met";
    const std::string_view state_vi = unknown ? "chưa có số liệu (coi như không đạt)"
                                      : met   ? "đạt"
                                              : "không đạt";
    const std::string& what_vi = c2_criterion ? c2_vi : v.c3_vi;
    const std::string& what_en = c2_criterion ? c2_en : v.c3_en;
    out.reasons.push_back({std::string(name), "", std::nullopt,
                           unknown ? "unknown"
                           : met   ? "met"
                                   : "not met",
                           std::string(effect),
                           cat({name, " ", state_vi, ": ", effect_vi, " (", what_vi, ")"}),
                           cat({name, " ", state_en, ": ", effect_en, " (", what_en, ")"})});
  };
  bool explained[2] = {false, false};  // C2, C3
  for (const LevelAdjustment& adj : v.adjustments) {
    const bool met = adj.criterion == LevelCriterion::c2 ? out.c2_met : out.c3_met;
    bool& done = explained[adj.criterion == LevelCriterion::c2 ? 0 : 1];
    if (met != adj.when_met) continue;
    const std::string by = std::to_string(adj.by);
    switch (adj.effect) {
      case LevelEffect::raise:
        level += adj.by;
        criterion_reason(adj.criterion, cat({"raised by ", by}), cat({"nâng ", by, " cấp"}),
                         cat({"level raised by ", by}));
        break;
      case LevelEffect::lower:
        level -= adj.by;
        criterion_reason(adj.criterion, cat({"lowered by ", by}), cat({"hạ ", by, " cấp"}),
                         cat({"level lowered by ", by}));
        break;
      case LevelEffect::no_lower:
        not_below_c1 = true;
        criterion_reason(adj.criterion, "not lowered", "không hạ cấp", "level not lowered");
        break;
    }
    done = true;
  }
  if (!explained[0] && !v.c2.empty()) {
    criterion_reason(LevelCriterion::c2, "none", "không đổi cấp", "no change");
  }
  if (!explained[1]) criterion_reason(LevelCriterion::c3, "none", "không đổi cấp", "no change");
  if (not_below_c1) level = std::max(level, c1);
  level = std::clamp(level, 1, kLevelCount);

  if (v.top_level && level == kLevelCount) {
    const TopLevelRequirement& top = *v.top_level;
    const double value = value_of(in, top.measure).value_or(0);
    if (!(value > top.above)) {
      level = kLevelCount - 1;
      // The measure's own name where C1 gives one.
      std::string_view name_vi = to_string(top.measure), name_en = name_vi;
      for (const MeasureBands& mb : v.c1) {
        if (mb.measure == top.measure) name_vi = mb.name_vi, name_en = mb.name_en;
      }
      const std::string need = cat({"> ", shown(top.measure, top.above)});
      const std::string is = shown(top.measure, value);
      const std::string n = level_text(level);
      out.reasons.push_back(
          {"level", to_string(top.measure), value, need, cat({"capped at ", n}),
           cat({"Cấp 4 cần ", name_vi, " ", need, " (hiện ", is, "): giữ cấp ", n}),
           cat({"Level 4 needs ", name_en, " ", need, " (is ", is, "): kept at level ", n})});
    }
  }

  out.level = level;
  const LevelName& name = v.levels[static_cast<size_t>(level - 1)];
  out.colour = name.colour;
  out.name_vi = name.name_vi;
  out.name_en = name.name_en;
  return out;
}

}  // namespace phongdich
