// phongdich demo: the main job of the quick start.
#include <iostream>

#include "app/demo.hpp"
#include "cli/context.hpp"
#include "cli/progress_bar.hpp"

namespace phongdich::cli {
namespace {

struct DemoOptions {
  std::string as_of = "2022-09-15";
  size_t due_rows = 15;
};

void run_demo(Context& context, const DemoOptions& o) {
  Registry& registry = context.registry();
  DemoSetup setup;
  setup.work_dir = std::filesystem::path(context.db).parent_path() / "demo-data";
  std::unique_ptr<ProgressBar> bar;
  std::string current;
  setup.progress = [&](const std::string& step, int64_t done, int64_t total) {
    if (step != current) {
      if (bar) bar->finish();
      bar = std::make_unique<ProgressBar>(step);
      current = step;
    }
    bar->update(done, total);
  };
  const DemoState state = ensure_demo(registry, setup, context.today());
  if (bar) bar->finish();
  if (state.created_now) {
    std::cout << "Created the demo area in " << context.db << ": " << state.persons.rows_imported
              << " persons and " << state.doses.rows_imported << " doses imported; "
              << state.persons.rows_rejected + state.doses.rows_rejected
              << " invalid rows rejected (see " << state.persons.error_file << " and "
              << state.doses.error_file << ").\n\n";
  }
  if (state.epidemic) {
    const synth::EpidemicTotals& t = state.epidemic->totals;
    std::cout << "Generated its epidemic: " << t.cases << " cases, " << t.tests << " tests, "
              << t.observations << " home-care checks, " << state.epidemic->alerts() << " alerts ("
              << t.active_at_end << " cases still active at the end).\n\n";
  }
  // The situation: coverage against targets, then each ward's due list head.
  show_coverage(context, setup.area, o.as_of);
  std::cout << "\n";
  const Area* district = registry.find_area(setup.area);
  for (AreaId id : registry.areas().children(district->id)) {
    const Area* ward = registry.areas().find(id);
    show_due_list(context, ward->tree + ":" + ward->code, o.as_of, o.due_rows);
    std::cout << "\n";
  }
}

}  // namespace

void add_demo_command(CLI::App& app, Context& context) {
  auto o = std::make_shared<DemoOptions>();
  auto* cmd = app.add_subcommand(
      "demo", "Create (once) the demo area, Quận 11 of Hồ Chí Minh City, and show its situation");
  cmd->add_option("--as-of", o->as_of, "Date to see it at")->capture_default_str();
  cmd->add_option("--due-rows", o->due_rows, "Rows of each ward's due list")->capture_default_str();
  cmd->callback([&context, o] { run_demo(context, *o); });
}

}  // namespace phongdich::cli
