// phongdich rules: the vaccination rules in force on a date, as an official
// checks them after editing data/rules/vaccination.json.
#include <iostream>

#include "cli/context.hpp"

namespace phongdich::cli {
namespace {

struct RulesOptions {
  std::string as_of;
};

std::string age_text(const AgeLimits& ages) {
  return std::to_string(ages.min_years) + "-" +
         (ages.max_years ? std::to_string(*ages.max_years) : std::string(""));
}

void print_rules(Context& context, const RulesOptions& o) {
  const VaccinationRules& rules = context.registry().rules();
  const Date as_of = o.as_of.empty() ? context.today() : parse_date_option(o.as_of, "--as-of");
  const RuleVersion& version = rules.in_force(as_of);

  ResultTable versions({"version", "effective_from", "in_force", "source"});
  for (const RuleVersion& v : rules.versions())
    versions.add_row({v.id, v.effective_from.iso(), &v == &version ? "yes" : "", v.source});

  ResultTable products(
      {"product", "name", "primary_doses", "primary_interval_min", "ages", "authorised_from"});
  for (size_t i = 0; i < rules.products().size(); ++i) {
    const Product& p = rules.products()[i];
    products.add_row({p.code, p.name_vi, std::to_string(p.primary_doses),
                      p.primary_interval_min.text_en(), age_text(version.ages[i]),
                      p.authorised_from.iso()});
  }

  ResultTable doses({"dose", "allowed", "min_age", "interval"});
  doses.add_row({"additional", version.additional ? "yes" : "no",
                 version.additional ? std::to_string(version.additional->min_age_years) : "",
                 version.additional
                     ? version.additional->window_start.text_en() + " to " +
                           version.additional->window_end.text_en() + " after the primary series"
                     : ""});
  doses.add_row({"booster1", version.booster1 ? "yes" : "no",
                 version.booster1 ? std::to_string(version.booster1->min_age_years) : "",
                 version.booster1
                     ? version.booster1->after_primary.text_en() + " after the primary series"
                     : ""});
  doses.add_row({"booster2", version.booster2 ? "yes" : "no",
                 version.booster2 ? std::to_string(version.booster2->min_age_years) : "",
                 version.booster2
                     ? version.booster2->after_booster1.text_en() + " after the first booster"
                     : ""});

  if (context.format() == Format::json) {
    std::cout << nlohmann::json{{"as_of", as_of.iso()},
                                {"version", version.id},
                                {"versions", versions.to_json()},
                                {"products", products.to_json()},
                                {"doses", doses.to_json()}}
                     .dump(2)
              << "\n";
    return;
  }
  if (context.format() == Format::table)
    std::cout << "Vaccination rules in force on " << as_of.iso() << ": " << version.id << "\n\n";
  versions.print(std::cout, context.format());
  std::cout << "\n";
  products.print(std::cout, context.format());
  std::cout << "\n";
  doses.print(std::cout, context.format());
}

}  // namespace

void add_rules_command(CLI::App& app, Context& context) {
  auto o = std::make_shared<RulesOptions>();
  auto* cmd = app.add_subcommand(
      "rules", "The vaccination rules in force on a date (data/rules/vaccination.json)");
  cmd->add_option("--as-of", o->as_of, "Date (default: today)");
  cmd->callback([&context, o] { print_rules(context, *o); });
}

}  // namespace phongdich::cli
