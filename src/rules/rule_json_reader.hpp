// Reading a hand-edited rule file: every object is checked for unknown keys
// (a misspelt key must not be silently ignored), every value for its type and
// range, and every error names the file kind and the key path:
//   case rules: versions[1] (1909-2022).criteria[2].test_kind: must be one of ...
// "note" is allowed in every object and ignored: it says what is unconfirmed.
#pragma once

#include <functional>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/date.hpp"

namespace phongdich {

// Throws std::invalid_argument("<kind>: <where>: <what>").
[[noreturn]] void fail_rule_file(std::string_view kind, const std::string& where,
                                 const std::string& what);

class RuleReader {
 public:
  // `kind` names the file in messages ("case rules"); it must outlive the reader.
  RuleReader(std::string_view kind, const nlohmann::json& value, std::string where,
             std::initializer_list<std::string_view> keys);

  std::string_view kind() const { return kind_; }
  const std::string& where() const { return where_; }
  std::string at(std::string_view key) const { return where_ + "." + std::string(key); }
  bool has(const char* key) const { return value_.contains(key); }
  [[noreturn]] void fail(const std::string& what) const { fail_rule_file(kind_, where_, what); }
  [[noreturn]] void fail_at(const char* key, const std::string& what) const {
    fail_rule_file(kind_, at(key), what);
  }

  const nlohmann::json& get(const char* key) const;
  std::string text(const char* key) const;
  int integer(const char* key, int min, int max) const;
  double number(const char* key, double min, double max) const;
  bool boolean(const char* key) const;
  Date date(const char* key) const;
  // A list of objects: calls `each(reader-less value, "key[i]")` for every item.
  void for_each(const char* key,
                const std::function<void(const nlohmann::json&, const std::string&)>& each) const;
  // A child object read with its own set of keys.
  RuleReader child(const char* key, std::initializer_list<std::string_view> keys) const {
    return RuleReader(kind_, get(key), at(key), keys);
  }

 private:
  std::string_view kind_;
  const nlohmann::json& value_;
  std::string where_;
};

// The text of a JSON file, parsed; throws std::invalid_argument naming `kind`.
nlohmann::json parse_rule_json(std::string_view kind, std::string_view json_text);
// The text of a file; throws std::invalid_argument when it cannot be read.
std::string read_rule_file(std::string_view kind, const std::string& path);

// The versions of a rule file: {"id", "effective_from", "source", "changes"},
// in date order. Each version's rules are the previous version's rules with its
// "changes" applied as a JSON merge patch (RFC 7386), so a version writes only
// what its document changed. `parse` gets the header (id, effective_from,
// source) and the merged content, with its path for messages.
struct RuleVersionHeader {
  std::string id;
  Date effective_from;
  std::string source;
};
void for_each_rule_version(
    const RuleReader& file, const char* key,
    const std::function<void(const RuleVersionHeader&, const nlohmann::json& content,
                             const std::string& where)>& parse);

}  // namespace phongdich
