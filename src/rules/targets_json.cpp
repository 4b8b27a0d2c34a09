#include "rules/targets_json.hpp"

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>

namespace phongdich {
namespace {

using nlohmann::json;

[[noreturn]] void fail(const std::string& where, const std::string& what) {
  throw std::invalid_argument("targets: " + where + ": " + what);
}

const json& require(const json& object, const char* key, const std::string& where) {
  if (!object.is_object() || !object.contains(key))
    fail(where, std::string("missing \"") + key + "\"");
  return object.at(key);
}

std::string text(const json& object, const char* key, const std::string& where) {
  const json& v = require(object, key, where);
  if (!v.is_string()) fail(where, std::string("\"") + key + "\" must be a string");
  return v.get<std::string>();
}

std::string optional_text(const json& object, const char* key) {
  return object.contains(key) && object.at(key).is_string() ? object.at(key).get<std::string>()
                                                            : "";
}

Date date(const json& object, const char* key, const std::string& where) {
  const auto d = Date::parse_iso(text(object, key, where));
  if (!d) fail(where, std::string("\"") + key + "\" must be a date YYYY-MM-DD");
  return *d;
}

Target parse_target(const json& j, const std::string& where) {
  Target t;
  t.id = text(j, "id", where);
  const std::string at = where + " target " + t.id;
  const auto population = parse_target_population(text(j, "population", at));
  if (!population) fail(at, "unknown population \"" + text(j, "population", at) + "\"");
  t.population = *population;
  const auto status = parse_vaccination_status(text(j, "at_least", at));
  if (!status) fail(at, "unknown status in \"at_least\"");
  t.at_least = *status;
  const json& threshold = require(j, "threshold", at);
  if (!threshold.is_number() || threshold.get<double>() < 0 || threshold.get<double>() > 1)
    fail(at, "\"threshold\" must be a number from 0 to 1");
  t.threshold = threshold.get<double>();
  if (j.contains("deadline")) t.deadline = date(j, "deadline", at);
  t.description_vi = text(j, "description_vi", at);
  t.description_en = text(j, "description_en", at);
  t.source = optional_text(j, "source");
  return t;
}

}  // namespace

TargetRulesFile parse_target_rules(std::string_view json_text) {
  const json root = json::parse(json_text, nullptr, false);
  if (root.is_discarded()) fail("file", "not valid JSON");
  TargetRulesFile out;
  if (root.contains("due_lists")) {
    const json& due = root.at("due_lists");
    const json& days = require(due, "overdue_after_days", "due_lists");
    if (!days.is_number_integer() || days.get<int>() < 0)
      fail("due_lists", "\"overdue_after_days\" must be a whole number >= 0");
    out.due_lists.overdue_after_days = days.get<int>();
  }
  const json& versions = require(root, "versions", "file");
  if (!versions.is_array()) fail("file", "\"versions\" must be a list");
  std::vector<TargetVersion> parsed;
  for (const json& v : versions) {
    TargetVersion version;
    version.id = text(v, "id", "version");
    const std::string where = "version " + version.id;
    version.effective_from = date(v, "effective_from", where);
    if (v.contains("area_code")) {
      version.area_tree = text(v, "area_tree", where);
      version.area_code = text(v, "area_code", where);
    }
    const json& targets = require(v, "targets", where);
    if (!targets.is_array()) fail(where, "\"targets\" must be a list");
    for (const json& t : targets) version.targets.push_back(parse_target(t, where));
    parsed.push_back(std::move(version));
  }
  out.targets = TargetRules(std::move(parsed));
  return out;
}

TargetRulesFile load_target_rules(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::invalid_argument("targets: cannot read " + path);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return parse_target_rules(buffer.str());
}

}  // namespace phongdich
