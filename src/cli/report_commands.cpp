// phongdich status | coverage | due
#include <chrono>
#include <iostream>

#include "cli/context.hpp"
#include "cli/progress_bar.hpp"

namespace phongdich::cli {
namespace {

struct ReportOptions {
  std::string area;
  std::string as_of;
  bool by_commune = false;
  bool overdue_only = false;
  size_t limit = 0;
  PersonId person = 0;
};

Date as_of_or_today(const Context& context, const std::string& text) {
  return text.empty() ? context.today() : parse_date_option(text, "--as-of");
}

// Loads the in-memory index with a progress bar (millions of rows on a big store).
void load_index(Registry& registry) {
  if (registry.index_loaded()) return;
  ProgressBar bar("loading registry");
  registry.index([&](int64_t done, int64_t total) { bar.update(done, total); });
}

std::string join(const std::vector<std::string>& items, const char* separator) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : separator) + item;
  return out;
}

void print_status(Context& context, const ReportOptions& o) {
  Registry& registry = context.registry();
  const Date as_of = as_of_or_today(context, o.as_of);
  const auto result = registry.status(o.person, as_of);
  if (!result) {
    std::cerr << "error: no person with id " << o.person << "\n";
    throw Exit{kNotFound};
  }
  const StatusAsOf& s = result->status;
  ResultTable table({"person_id", "name", "as_of", "doses", "status", "last_dose", "next_dose",
                     "next_due", "next_products"});
  table.add_row({std::to_string(o.person), result->person.person.full_name, as_of.iso(),
                 std::to_string(s.doses_counted), to_string(s.status),
                 s.last_dose_date ? s.last_dose_date->iso() : "",
                 s.next_kind ? to_string(*s.next_kind) : "", s.next_due ? s.next_due->iso() : "",
                 join(s.next_products, ";")});
  table.print(std::cout, context.format());
  if (context.format() == Format::table && !result->doses.empty()) {
    ResultTable doses({"date", "product", "kind", "number", "overridden", "reason"});
    for (const DoseRecord& d : result->doses)
      doses.add_row({d.date.iso(), d.product, to_string(d.kind), std::to_string(d.number_in_series),
                     d.overridden ? "yes" : "", d.override_reason});
    std::cout << "\n";
    doses.print(std::cout, Format::table);
  }
}

void print_coverage(Context& context, const ReportOptions& o) {
  Registry& registry = context.registry();
  const Area& area = require_area(registry, o.area);
  const Date as_of = as_of_or_today(context, o.as_of);
  load_index(registry);
  const auto started = std::chrono::steady_clock::now();
  if (o.by_commune) {
    const CoverageCube cube = registry.coverage_cube(area, as_of);
    ResultTable table({"commune_code", "commune", "age_group", "risk", "none", "partial",
                       "primary_complete", "additional", "booster1", "booster2"});
    for (size_t c = 0; c < cube.communes.size(); ++c) {
      const Area* commune = registry.areas().find(cube.communes[c]);
      for (int risk = 0; risk < 2; ++risk)
        for (int g = 0; g < kAgeGroupCount; ++g) {
          std::vector<std::string> row = {commune->code, commune->name,
                                          to_string(static_cast<AgeGroup>(g)),
                                          risk ? "high" : "other"};
          for (int s = 0; s < kVaccinationStatusCount; ++s)
            row.push_back(std::to_string(cube.cells[c].counts[risk][g][s]));
          table.add_row(std::move(row));
        }
    }
    table.print(std::cout, context.format());
    return;
  }
  const CoverageReport report = registry.coverage_report(area, as_of);
  const double ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  ResultTable targets({"target", "population", "threshold", "numerator", "denominator", "coverage",
                       "gap_people", "met", "deadline", "description"});
  for (const TargetResult& t : report.targets) {
    targets.add_row({t.target.id, to_string(t.target.population), percent(t.target.threshold),
                     std::to_string(t.numerator),
                     t.denominator ? std::to_string(t.denominator) : "",
                     t.denominator ? percent(t.share) : "n/a", std::to_string(t.gap),
                     t.denominator ? (t.met ? "yes" : "no") : "n/a",
                     t.target.deadline ? t.target.deadline->iso() : "", t.target.description_vi});
  }
  ResultTable groups({"age_group", "registered", "none", "partial", "primary_complete",
                      "additional", "booster1", "booster2"});
  for (const GroupRow& g : report.groups) {
    std::vector<std::string> row = {g.group, std::to_string(g.registered)};
    for (uint64_t n : g.by_status) row.push_back(std::to_string(n));
    groups.add_row(std::move(row));
  }
  if (context.format() == Format::json) {
    nlohmann::json out = {{"area", {{"tree", area.tree}, {"code", area.code}, {"name", area.name}}},
                          {"as_of", as_of.iso()},
                          {"targets_version", report.targets_version},
                          {"targets", targets.to_json()},
                          {"age_groups", groups.to_json()}};
    std::cout << out.dump(2) << "\n";
    return;
  }
  if (context.format() == Format::table) {
    std::cout << "Coverage of " << area.name << " (" << area.tree << ":" << area.code << ") as of "
              << as_of.iso() << " — targets " << report.targets_version << " ("
              << static_cast<int>(ms) << " ms)\n\n";
  }
  targets.print(std::cout, context.format());
  std::cout << "\n";
  groups.print(std::cout, context.format());
}

void print_due(Context& context, const ReportOptions& o) {
  Registry& registry = context.registry();
  const Area& commune = require_area(registry, o.area);
  if (commune.level != AreaLevel::commune) {
    std::cerr << "error: due lists are per commune; " << commune.name << " is not a commune\n";
    throw Exit{kUsage};
  }
  const Date as_of = as_of_or_today(context, o.as_of);
  load_index(registry);
  const DueList list = registry.due_list(commune, as_of);
  std::vector<PersonId> ids;
  for (const DueEntry& e : list.entries)
    if (!o.overdue_only || e.overdue) ids.push_back(e.person_id);
  if (o.limit > 0 && ids.size() > o.limit) ids.resize(o.limit);
  std::unordered_map<PersonId, StoredPerson> persons;
  for (auto& p : registry.store().persons_by_ids(ids)) persons.emplace(p.person.id, std::move(p));

  ResultTable table({"person_id", "name", "birth_date", "phone", "status", "next_dose", "due_date",
                     "days_late", "overdue", "priority", "home_visit", "products"});
  size_t shown = 0;
  for (const DueEntry& e : list.entries) {
    if (o.overdue_only && !e.overdue) continue;
    if (o.limit > 0 && shown == o.limit) break;
    ++shown;
    const auto it = persons.find(e.person_id);
    const Person* p = it == persons.end() ? nullptr : &it->second.person;
    table.add_row({std::to_string(e.person_id), p ? p->full_name : "", p ? p->birth_date.iso() : "",
                   p && p->phone ? *p->phone : "", to_string(e.status), to_string(e.next_kind),
                   e.next_due.iso(), std::to_string(e.days_late), e.overdue ? "yes" : "",
                   e.priority ? (e.high_risk ? "high-risk" : "50+") : "",
                   e.home_visit ? "home visit" : "", join(e.products, ";")});
  }
  if (context.format() == Format::table) {
    std::cout << "Due list of " << commune.name << " (" << commune.tree << ":" << commune.code
              << ") as of " << as_of.iso() << ": " << list.due_count << " due, "
              << list.overdue_count << " overdue (more than " << list.overdue_after_days
              << " days late)\n\n";
  }
  table.print(std::cout, context.format());
}

}  // namespace

void show_coverage(Context& context, const std::string& area, const std::string& as_of) {
  ReportOptions o;
  o.area = area;
  o.as_of = as_of;
  print_coverage(context, o);
}

void show_due_list(Context& context, const std::string& commune, const std::string& as_of,
                   size_t limit) {
  ReportOptions o;
  o.area = commune;
  o.as_of = as_of;
  o.limit = limit;
  print_due(context, o);
}

void add_report_commands(CLI::App& app, Context& context) {
  auto o = std::make_shared<ReportOptions>();

  auto* status = app.add_subcommand("status", "A person's vaccination status as of a date");
  status->add_option("person_id", o->person, "Person id")->required();
  status->add_option("--as-of", o->as_of, "Date (default: today)");
  status->callback([&context, o] { print_status(context, *o); });

  auto* coverage = app.add_subcommand(
      "coverage", "Coverage of an area by age group against targets T1-T6, as of a date");
  coverage->add_option("area", o->area, "Area TREE:CODE (e.g. vn2022:772 for Quận 11)")->required();
  coverage->add_option("--as-of", o->as_of, "Date (default: today)");
  coverage->add_flag("--by-commune", o->by_commune,
                     "Counts per commune x risk x age group x status instead");
  coverage->callback([&context, o] { print_coverage(context, *o); });

  auto* due = app.add_subcommand("due", "Due and overdue list of a commune, as of a date");
  due->add_option("commune", o->area, "Commune TREE:CODE")->required();
  due->add_option("--as-of", o->as_of, "Date (default: today)");
  due->add_flag("--overdue-only", o->overdue_only, "Only people overdue");
  due->add_option("--limit", o->limit, "At most this many rows (0 = all)");
  due->callback([&context, o] { print_due(context, *o); });
}

}  // namespace phongdich::cli
