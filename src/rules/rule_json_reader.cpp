#include "rules/rule_json_reader.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace phongdich {
namespace {

using nlohmann::json;

std::string in_quotes(std::string_view key) { return "\"" + std::string(key) + "\""; }

std::string number_text(double value) {
  std::ostringstream out;
  out << value;
  return out.str();
}

}  // namespace

void fail_rule_file(std::string_view kind, const std::string& where, const std::string& what) {
  throw std::invalid_argument(std::string(kind) + ": " + where + ": " + what);
}

RuleReader::RuleReader(std::string_view kind, const json& value, std::string where,
                       std::initializer_list<std::string_view> keys)
    : kind_(kind), value_(value), where_(std::move(where)) {
  if (!value_.is_object()) fail("must be an object");
  for (const auto& [key, _] : value_.items()) {
    bool known = key == "note";
    for (std::string_view k : keys) known = known || key == k;
    if (!known) fail("unknown key " + in_quotes(key));
  }
}

const json& RuleReader::get(const char* key) const {
  if (!value_.contains(key)) fail("missing key " + in_quotes(key));
  return value_.at(key);
}

std::string RuleReader::text(const char* key) const {
  const json& v = get(key);
  if (!v.is_string()) fail_at(key, "must be a string");
  return v.get<std::string>();
}

int RuleReader::integer(const char* key, int min, int max) const {
  const json& v = get(key);
  if (!v.is_number_integer()) fail_at(key, "must be an integer");
  const auto n = v.get<int64_t>();
  if (n < min || n > max) {
    fail_at(key, "must be from " + std::to_string(min) + " to " + std::to_string(max));
  }
  return static_cast<int>(n);
}

double RuleReader::number(const char* key, double min, double max) const {
  const json& v = get(key);
  if (!v.is_number()) fail_at(key, "must be a number");
  const auto n = v.get<double>();
  if (!(n >= min && n <= max)) {
    fail_at(key, "must be from " + number_text(min) + " to " + number_text(max));
  }
  return n;
}

bool RuleReader::boolean(const char* key) const {
  const json& v = get(key);
  if (!v.is_boolean()) fail_at(key, "must be true or false");
  return v.get<bool>();
}

Date RuleReader::date(const char* key) const {
  const auto d = Date::parse_iso(text(key));
  if (!d) fail_at(key, "must be a date YYYY-MM-DD");
  return *d;
}

void RuleReader::for_each(const char* key,
                          const std::function<void(const json&, const std::string&)>& each) const {
  const json& list = get(key);
  if (!list.is_array()) fail_at(key, "must be a list");
  for (size_t i = 0; i < list.size(); ++i) each(list[i], at(key) + "[" + std::to_string(i) + "]");
}

json parse_rule_json(std::string_view kind, std::string_view json_text) {
  try {
    return json::parse(json_text);
  } catch (const json::parse_error& e) {
    fail_rule_file(kind, "file", std::string("not valid JSON: ") + e.what());
  }
}

std::string read_rule_file(std::string_view kind, const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::invalid_argument(std::string(kind) + ": cannot read " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void for_each_rule_version(
    const RuleReader& file, const char* key,
    const std::function<void(const RuleVersionHeader&, const json&, const std::string&)>& parse) {
  const json& versions = file.get(key);
  if (!versions.is_array() || versions.empty()) file.fail_at(key, "must be a non-empty list");
  json content = json::object();
  std::optional<Date> previous;
  for (size_t i = 0; i < versions.size(); ++i) {
    std::string where = std::string(key) + "[" + std::to_string(i) + "]";
    const RuleReader header(file.kind(), versions[i], where,
                            {"id", "effective_from", "source", "changes"});
    const RuleVersionHeader h{header.text("id"), header.date("effective_from"),
                              header.text("source")};
    where += " (" + h.id + ")";
    if (previous && h.effective_from <= *previous) {
      fail_rule_file(file.kind(), where + ".effective_from",
                     "must be after the previous version's (" + previous->iso() + ")");
    }
    previous = h.effective_from;
    const json& changes = header.get("changes");
    if (!changes.is_object()) fail_rule_file(file.kind(), where + ".changes", "must be an object");
    content.merge_patch(changes);
    parse(h, content, where);
  }
}

}  // namespace phongdich
