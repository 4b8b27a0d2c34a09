// phongdich dose add | list
#include <iostream>

#include "cli/context.hpp"

namespace phongdich::cli {
namespace {

struct DoseOptions {
  PersonId person = 0;
  std::string date;
  std::string product;
  std::string site;
  std::string lot;
  std::string override_by;
  std::string override_reason;
};

void print_dose(const Context& context, const DoseRecord& d) {
  ResultTable table({"dose_id", "person_id", "date", "product", "kind", "number_in_series",
                     "overridden", "override_rules", "override_reason"});
  table.add_row({std::to_string(d.id), std::to_string(d.person_id), d.date.iso(), d.product,
                 to_string(d.kind), std::to_string(d.number_in_series), d.overridden ? "yes" : "no",
                 d.override_rule, d.override_reason});
  table.print(std::cout, context.format());
}

void add_dose(Context& context, const DoseOptions& o) {
  Registry& registry = context.registry();
  RecordDoseRequest request;
  request.person_id = o.person;
  request.date = parse_date_option(o.date, "--date");
  request.product = o.product;
  request.lot = o.lot;
  if (!o.site.empty()) {
    const Area& site = require_area(registry, o.site);
    request.site_area_id = site.id;
  }
  if (!o.override_by.empty() || !o.override_reason.empty())
    request.override_rules = DoseOverride{o.override_by, o.override_reason};
  const RecordDoseResult result = registry.record_dose(request, context.today());
  if (!result.stored) {
    print_violations(context, result.violations);
    const bool missing =
        !result.violations.empty() && result.violations[0].code == "person.not_found";
    throw Exit{missing ? kNotFound : kRejected};
  }
  if (result.dose.overridden && context.format() == Format::table) {
    std::cerr << "accepted by override of " << result.dose.override_by << ":\n";
    print_violations(context, result.violations);
  }
  print_dose(context, result.dose);
}

}  // namespace

void add_dose_commands(CLI::App& app, Context& context) {
  auto* dose = app.add_subcommand("dose", "Vaccination doses");
  dose->require_subcommand(1);
  auto o = std::make_shared<DoseOptions>();

  auto* add = dose->add_subcommand(
      "add", "Record a dose, judged by the schedule rules in force on its date");
  add->add_option("--person", o->person, "Person id")->required();
  add->add_option("--date", o->date, "Dose date YYYY-MM-DD")->required();
  add->add_option("--product", o->product, "Product code (AZ, PFIZER, MODERNA, VERO_CELL, ...)")
      ->required();
  add->add_option("--site", o->site, "Commune where it was given (default: the person's)");
  add->add_option("--lot", o->lot, "Vaccine lot number");
  add->add_option("--override-by", o->override_by,
                  "Authorised user accepting a dose that breaks a rule");
  add->add_option("--override-reason", o->override_reason, "Written reason for the override");
  add->callback([&context, o] { add_dose(context, *o); });
}

}  // namespace phongdich::cli
