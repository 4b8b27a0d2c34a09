// phongdich generate-epidemic: the synthetic epidemic of an area, written into
// the store once (tests, cases, care steps, home-care checks, alerts,
// facilities and their occupancy).
#include <chrono>
#include <cstdio>
#include <iostream>

#include "app/generate_epidemic.hpp"
#include "cli/context.hpp"
#include "cli/progress_bar.hpp"

namespace phongdich::cli {
namespace {

struct EpidemicOptions {
  std::string area = "vn2022:772";
  std::string from = "2021-06-01";
  std::string to = "2022-03-31";
  uint64_t seed = 1;
  double scale = 1.0;
};

std::string fixed(double value, int decimals) {
  char text[64];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  return text;
}

void generate_epidemic_command(Context& context, const EpidemicOptions& o) {
  EpidemicRequest request;
  request.from = parse_date_option(o.from, "--from");
  request.to = parse_date_option(o.to, "--to");
  request.seed = o.seed;
  request.scale = o.scale;
  request.today = context.today();
  Registry& registry = context.registry();
  const Area& area = require_area(registry, o.area);

  ProgressBar bar("generating the epidemic (days)");
  request.progress = [&](int64_t done, int64_t total) { bar.update(done, total); };
  const auto started = std::chrono::steady_clock::now();
  EpidemicSummary summary;
  try {
    summary = generate_epidemic(registry, area, request);
  } catch (const EpidemicRefused& refused) {
    bar.finish();
    print_violations(context, refused.violations());
    throw Exit{kRejected};
  }
  bar.finish();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  const synth::EpidemicTotals& t = summary.totals;
  const int64_t records = t.cases + t.tests + t.observations + summary.alerts() +
                          summary.facilities + summary.occupancy_reports;
  ResultTable table({"area", "series", "persons", "cases", "imported", "tests", "observations",
                     "alerts", "hospitalised", "icu", "died", "active_at_end", "facilities",
                     "occupancy_reports", "seconds", "records_per_second"});
  table.add_row({area.tree + ":" + area.code, summary.series, std::to_string(summary.persons),
                 std::to_string(t.cases), std::to_string(t.imported), std::to_string(t.tests),
                 std::to_string(t.observations), std::to_string(summary.alerts()),
                 std::to_string(t.hospitalised), std::to_string(t.icu), std::to_string(t.died),
                 std::to_string(t.active_at_end), std::to_string(summary.facilities),
                 std::to_string(summary.occupancy_reports), fixed(seconds, 2),
                 fixed(seconds > 0 ? static_cast<double>(records) / seconds : 0, 0)});
  table.print(std::cout, context.format());
}

}  // namespace

void add_epidemic_command(CLI::App& app, Context& context) {
  auto o = std::make_shared<EpidemicOptions>();
  auto* cmd = app.add_subcommand(
      "generate-epidemic",
      "Generate once the synthetic epidemic of an area into the store: tests, cases, care, "
      "home-care checks, alerts, facilities (docs/cli.md)");
  cmd->add_option("--area", o->area, "Area TREE:CODE whose registered persons it infects")
      ->capture_default_str();
  cmd->add_option("--from", o->from, "First day (YYYY-MM-DD)")->capture_default_str();
  cmd->add_option("--to", o->to, "Last day (YYYY-MM-DD), not after today")->capture_default_str();
  cmd->add_option("--seed", o->seed, "Same seed and store, same records")->capture_default_str();
  cmd->add_option("--scale", o->scale, "Times the reported cases per person of the real series")
      ->check(CLI::Range(0.001, 100.0))
      ->capture_default_str();
  cmd->callback([&context, o] { generate_epidemic_command(context, *o); });
}

}  // namespace phongdich::cli
