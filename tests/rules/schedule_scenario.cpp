#include "schedule_scenario.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <stdexcept>

#include "rules/vaccination_rules_json.hpp"

namespace phongdich::scenario {
namespace {
// Late enough that no scenario dose is "in the future" unless a row says so.
const Date kToday = *Date::parse_iso("2022-12-31");

std::string_view trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}
}  // namespace

const VaccinationRules& shipped_rules() {
  static const VaccinationRules rules =
      load_vaccination_rules(std::string(PHONGDICH_DATA_DIR) + "/rules/vaccination.json");
  return rules;
}

Date date(std::string_view iso) {
  const auto d = Date::parse_iso(iso);
  if (!d) throw std::invalid_argument("bad date in scenario: " + std::string(iso));
  return *d;
}

Person person(std::string_view born, std::string_view who) {
  Person p;
  p.birth_date = date(born);
  p.immunodeficient = who == "immunodeficient";
  p.high_exposure = who == "high exposure";
  if (!who.empty() && !p.immunodeficient && !p.high_exposure) {
    throw std::invalid_argument("unknown risk in scenario: " + std::string(who));
  }
  return p;
}

std::vector<DoseRecord> record_history(const Person& who, std::string_view history) {
  std::vector<DoseRecord> doses;
  while (!trim(history).empty()) {
    const size_t comma = history.find(',');
    std::string_view item = trim(history.substr(0, comma));
    history = comma == std::string_view::npos ? "" : history.substr(comma + 1);
    const bool overridden = !item.empty() && item.back() == '!';
    if (overridden) item.remove_suffix(1);
    const size_t space = item.find(' ');
    const std::string product(item.substr(0, space));
    const Date on = date(trim(item.substr(space + 1)));
    const DoseAssessment a = assess_dose(shipped_rules(), who, doses, on, product, kToday);
    if (!overridden) {
      EXPECT_TRUE(a.accepted) << "history dose " << item << " was " << describe(a) << ": "
                              << (a.violations.empty() ? "" : a.violations[0].message_en);
    }
    DoseRecord r;
    r.date = on;
    r.product = product;
    r.kind = a.kind;
    r.number_in_series = a.number_in_series;
    r.overridden = overridden;
    doses.push_back(r);
  }
  return doses;
}

std::string describe(const DoseAssessment& a) {
  std::string out = to_string(a.kind);
  if (a.kind == DoseKind::primary) out += " " + std::to_string(a.number_in_series);
  if (a.violations.empty()) return out;
  std::vector<std::string> codes;
  for (const Violation& v : a.violations) codes.push_back(v.code);
  std::sort(codes.begin(), codes.end());
  out += " rejected: ";
  for (size_t i = 0; i < codes.size(); ++i) out += (i ? ", " : "") + codes[i];
  return out;
}

std::string describe(const StatusAsOf& s) {
  std::string out = to_string(s.status);
  if (!s.next_kind) return out + "; nothing further";
  out += std::string("; next ") + to_string(*s.next_kind) + " from " + s.next_due->iso() + ":";
  for (const std::string& code : s.next_products) out += " " + code;
  return out;
}

}  // namespace phongdich::scenario
