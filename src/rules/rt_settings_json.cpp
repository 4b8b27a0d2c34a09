#include "rules/rt_settings_json.hpp"

#include "rules/rule_json_reader.hpp"

namespace phongdich {
namespace {

constexpr std::string_view kKind = "rt settings";

}  // namespace

RtSettings parse_rt_settings(std::string_view json_text) {
  const nlohmann::json root = parse_rule_json(kKind, json_text);
  const RuleReader file(kKind, root, "file", {"format", "serial_interval", "window_days", "prior"});
  if (file.text("format") != "phongdich.rt/1") file.fail_at("format", "must be \"phongdich.rt/1\"");
  RtSettings settings;
  const RuleReader si = file.child("serial_interval", {"mean_days", "sd_days", "source"});
  settings.si_mean_days = si.number("mean_days", 1.01, 60);
  settings.si_sd_days = si.number("sd_days", 0.01, 60);
  settings.si_source = si.text("source");
  settings.window_days = static_cast<int>(file.number("window_days", 1, 60));
  const RuleReader prior = file.child("prior", {"mean", "sd"});
  settings.prior_mean = prior.number("mean", 0.001, 100);
  settings.prior_sd = prior.number("sd", 0.001, 100);
  return settings;
}

RtSettings load_rt_settings(const std::string& path) {
  return parse_rt_settings(read_rule_file(kKind, path));
}

}  // namespace phongdich
