#include "rules/case_rules_json.hpp"

#include "rules/rule_json_reader.hpp"

namespace phongdich {
namespace {

using nlohmann::json;
constexpr std::string_view kKind = "case rules";

CaseCriterion parse_criterion(const json& value, const std::string& where) {
  const RuleReader r(
      kKind, value, where,
      {"code", "test_kind", "positive_tests", "max_days_between", "needs_close_contact",
       "needs_suspected_clinical", "needs_epidemiological_link", "text_vi", "text_en"});
  CaseCriterion c;
  c.code = r.text("code");
  if (c.code.empty()) r.fail_at("code", "must not be empty");
  const auto kind = parse_test_kind(r.text("test_kind"));
  if (!kind || *kind == TestKind::sequencing) {
    r.fail_at("test_kind", "must be rt_pcr or rapid_antigen");
  }
  c.test_kind = *kind;
  c.positive_tests = r.integer("positive_tests", 1, 2);
  if (c.positive_tests == 2) {
    c.max_days_between = r.integer("max_days_between", 0, 14);
  } else if (r.has("max_days_between")) {
    r.fail_at("max_days_between", "only for two positive tests");
  }
  c.needs_close_contact = r.boolean("needs_close_contact");
  c.needs_suspected_clinical = r.boolean("needs_suspected_clinical");
  c.needs_epidemiological_link = r.boolean("needs_epidemiological_link");
  c.text_vi = r.text("text_vi");
  c.text_en = r.text("text_en");
  return c;
}

}  // namespace

CaseRules parse_case_rules(std::string_view json_text) {
  const json root = parse_rule_json(kKind, json_text);
  const RuleReader file(kKind, root, "file", {"format", "versions"});
  if (file.text("format") != "phongdich.case_rules/1") {
    file.fail_at("format", "must be \"phongdich.case_rules/1\"");
  }
  std::vector<CaseDefinitionVersion> versions;
  for_each_rule_version(
      file, "versions",
      [&](const RuleVersionHeader& header, const json& content, const std::string& where) {
        const RuleReader r(kKind, content, where, {"criteria"});
        CaseDefinitionVersion v{header.id, header.effective_from, header.source, {}};
        r.for_each("criteria", [&](const json& item, const std::string& at) {
          CaseCriterion c = parse_criterion(item, at);
          for (const CaseCriterion& earlier : v.criteria) {
            if (earlier.code == c.code)
              fail_rule_file(kKind, at, "duplicate code \"" + c.code + "\"");
          }
          v.criteria.push_back(std::move(c));
        });
        if (v.criteria.empty()) r.fail_at("criteria", "must not be empty");
        versions.push_back(std::move(v));
      });
  return CaseRules(std::move(versions));
}

CaseRules load_case_rules(const std::string& path) {
  return parse_case_rules(read_rule_file(kKind, path));
}

}  // namespace phongdich
