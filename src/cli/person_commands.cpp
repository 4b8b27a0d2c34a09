// phongdich person add | show | search | link-id
#include <iostream>
#include <variant>

#include "cli/context.hpp"
#include "domain/citizen_id.hpp"
#include "domain/text_fold.hpp"
#include "ingest/person_row.hpp"

namespace phongdich::cli {
namespace {

// The fields of one person as the import format names them, so that a person
// registered here is checked by exactly the rules of a bulk import.
struct PersonOptions {
  std::string ref, citizen_id, name, sex, birth_date, commune, household, phone, comorbidities;
  bool pregnant = false, immunodeficient = false, high_exposure = false, other_risk = false,
       home_visit = false;
  std::string tree = "vn2022";
  PersonId id = 0;
  std::string query, area;
  size_t limit = 20, offset = 0;
};

std::string flag(bool on) { return on ? "1" : "0"; }

void add_person(Context& context, const PersonOptions& o) {
  Registry& registry = context.registry();
  const std::vector<std::string_view> header = {
      "person_ref",    "citizen_id",      "full_name",       "sex",
      "birth_date",    "commune_code",    "household_code",  "phone",
      "comorbidities", "pregnant",        "immunodeficient", "high_exposure",
      "other_risk",    "needs_home_visit"};
  // A person registered at the desk may have no key in another system; the row
  // rules require one, so a placeholder passes them and is dropped afterwards.
  const bool has_ref = !o.ref.empty();
  const std::vector<std::string> cells = {has_ref ? o.ref : "-",
                                          o.citizen_id,
                                          o.name,
                                          o.sex,
                                          o.birth_date,
                                          o.commune,
                                          o.household,
                                          o.phone,
                                          o.comorbidities,
                                          flag(o.pregnant),
                                          flag(o.immunodeficient),
                                          flag(o.high_exposure),
                                          flag(o.other_risk),
                                          flag(o.home_visit)};
  const std::vector<std::string_view> row(cells.begin(), cells.end());
  const PersonRowParser parser(header, registry.areas(), o.tree, context.today());
  auto parsed = parser.parse(row);
  if (auto* bad = std::get_if<Violations>(&parsed)) {
    print_violations(context, *bad);
    throw Exit{kRejected};
  }
  auto& person = std::get<ParsedPerson>(parsed);
  if (!has_ref) person.person.external_ref.clear();
  const RegisterPersonResult result =
      registry.register_person(person.person, person.household_code);
  if (!result.id) {
    print_violations(context, result.violations);
    throw Exit{kRejected};
  }
  ResultTable table({"person_id", "already_present"});
  table.add_row({std::to_string(*result.id), result.already_present ? "yes" : "no"});
  table.print(std::cout, context.format());
}

void add_person_row(ResultTable& table, const Registry& registry, const StoredPerson& p) {
  const Area* commune = registry.areas().find(p.person.area_id);
  table.add_row({std::to_string(p.person.id), p.external_ref, p.person.citizen_id.value_or(""),
                 p.person.full_name, p.person.sex == Sex::male ? "M" : "F",
                 p.person.birth_date.iso(), commune ? commune->name : "",
                 p.person.phone.value_or(""), p.person.high_risk() ? "yes" : "",
                 p.person.needs_home_visit ? "yes" : ""});
}

ResultTable person_table() {
  return ResultTable({"person_id", "ref", "citizen_id", "name", "sex", "birth_date", "commune",
                      "phone", "high_risk", "home_visit"});
}

void show_person(Context& context, const PersonOptions& o) {
  Registry& registry = context.registry();
  auto p = registry.store().person(o.id);
  if (!p) {
    std::cerr << "error: no person with id " << o.id << "\n";
    throw Exit{kNotFound};
  }
  ResultTable table = person_table();
  add_person_row(table, registry, *p);
  table.print(std::cout, context.format());
}

void search_persons(Context& context, const PersonOptions& o) {
  Registry& registry = context.registry();
  NameQuery query;
  query.folded_name = fold_vietnamese(o.query);
  query.limit = o.limit;
  query.offset = o.offset;
  if (!o.area.empty()) {
    const Area& area = require_area(registry, o.area);
    for (AreaId id : registry.areas().subtree(area.id))
      if (registry.areas().find(id)->level == AreaLevel::commune) query.communes.push_back(id);
  }
  ResultTable table = person_table();
  for (const StoredPerson& p : registry.store().search_persons(query))
    add_person_row(table, registry, p);
  table.print(std::cout, context.format());
}

void link_id(Context& context, const PersonOptions& o) {
  Registry& registry = context.registry();
  auto p = registry.store().person(o.id);
  if (!p) {
    std::cerr << "error: no person with id " << o.id << "\n";
    throw Exit{kNotFound};
  }
  if (auto bad = check_citizen_id(o.citizen_id, p->person.sex, p->person.birth_date)) {
    print_violations(context, {*bad});
    throw Exit{kRejected};
  }
  if (const Violations v = registry.link_citizen_id(o.id, o.citizen_id); !v.empty()) {
    print_violations(context, v);
    throw Exit{kRejected};
  }
  show_person(context, o);
}

}  // namespace

void add_person_commands(CLI::App& app, Context& context) {
  auto* person = app.add_subcommand("person", "Registered persons");
  person->require_subcommand(1);
  auto o = std::make_shared<PersonOptions>();

  auto* add = person->add_subcommand("add", "Register a person (checked like an imported row)");
  add->add_option("--name", o->name, "Full name with diacritics")->required();
  add->add_option("--sex", o->sex, "M or F")->required();
  add->add_option("--birth-date", o->birth_date, "YYYY-MM-DD")->required();
  add->add_option("--commune", o->commune, "Commune code of residence")->required();
  add->add_option("--tree", o->tree, "Area tree of the commune code")->capture_default_str();
  add->add_option("--citizen-id", o->citizen_id, "12-digit citizen ID (CCCD), if any");
  add->add_option("--ref", o->ref, "Key in the source system");
  add->add_option("--household", o->household, "Household number in the commune");
  add->add_option("--phone", o->phone, "Phone number");
  add->add_option("--comorbidities", o->comorbidities,
                  "Items 1-20 of the comorbidity list, e.g. 1;14");
  add->add_flag("--pregnant", o->pregnant);
  add->add_flag("--immunodeficient", o->immunodeficient, "Moderate or severe immunodeficiency");
  add->add_flag("--high-exposure", o->high_exposure,
                "Health, police, army, teacher, transport ...");
  add->add_flag("--other-risk", o->other_risk, "Disability, no support, orphan ...");
  add->add_flag("--home-visit", o->home_visit, "Cannot travel: vaccinated at home");
  add->callback([&context, o] { add_person(context, *o); });

  auto* show = person->add_subcommand("show", "Show a person");
  show->add_option("person_id", o->id)->required();
  show->callback([&context, o] { show_person(context, *o); });

  auto* search = person->add_subcommand("search", "Find persons by name, ignoring diacritics");
  search->add_option("name", o->query, "Words of the name, e.g. \"nguyen van an\"")->required();
  search->add_option("--area", o->area, "Only inside this area (TREE:CODE)");
  search->add_option("--limit", o->limit)->capture_default_str();
  search->add_option("--offset", o->offset)->capture_default_str();
  search->callback([&context, o] { search_persons(context, *o); });

  auto* link =
      person->add_subcommand("link-id", "Link a citizen ID to a person registered without one");
  link->add_option("person_id", o->id)->required();
  link->add_option("citizen_id", o->citizen_id)->required();
  link->callback([&context, o] { link_id(context, *o); });
}

}  // namespace phongdich::cli
