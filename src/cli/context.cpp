#include "cli/context.hpp"

#include <chrono>
#include <filesystem>
#include <iostream>

namespace phongdich::cli {

Format Context::format() const {
  if (format_name == "json") return Format::json;
  if (format_name == "csv") return Format::csv;
  return Format::table;
}

Date Context::today() const {
  if (!today_text.empty()) return parse_date_option(today_text, "--today");
  // Vietnam keeps UTC+7 all year: the civil date there is the UTC date of now + 7 hours.
  const auto now = std::chrono::system_clock::now() + std::chrono::hours(7);
  const auto days = std::chrono::floor<std::chrono::days>(now).time_since_epoch().count();
  return Date::from_days(static_cast<int32_t>(days));
}

Registry& Context::registry() {
  if (!registry_) {
    // A new database may live in a directory that does not exist yet (var/).
    const std::filesystem::path parent = std::filesystem::path(db).parent_path();
    if (!parent.empty() && db.find(':') == std::string::npos)
      std::filesystem::create_directories(parent);
    RegistryOptions options;
    options.db_url = db;
    options.data_dir = data_dir;
    registry_ = std::make_unique<Registry>(options);
  }
  return *registry_;
}

Date parse_date_option(const std::string& text, const std::string& option) {
  const auto date = Date::parse_iso(text);
  if (!date) throw CLI::ValidationError(option, "'" + text + "' is not a date YYYY-MM-DD");
  return *date;
}

const Area& require_area(Registry& registry, const std::string& spec) {
  const Area* area = registry.find_area(spec);
  if (area == nullptr) {
    std::cerr << "error: no area '" << spec << "' (use TREE:CODE, e.g. vn2022:772)\n";
    throw Exit{kNotFound};
  }
  return *area;
}

void print_violations(const Context& context, const Violations& violations) {
  if (context.format() == Format::json) {
    nlohmann::json errors = nlohmann::json::array();
    for (const Violation& v : violations)
      errors.push_back({{"code", v.code},
                        {"field", v.field},
                        {"rule", v.rule},
                        {"message_vi", v.message_vi},
                        {"message_en", v.message_en}});
    std::cout << nlohmann::json{{"errors", errors}}.dump(2) << "\n";
    return;
  }
  for (const Violation& v : violations) {
    std::cerr << "rejected: " << v.code << (v.field.empty() ? "" : " [" + v.field + "]") << "\n"
              << "  " << v.message_vi << "\n"
              << "  " << v.message_en << "\n";
    if (!v.rule.empty()) std::cerr << "  rule: " << v.rule << "\n";
  }
}

}  // namespace phongdich::cli
