#include "app/demo.hpp"

#include <algorithm>
#include <stdexcept>

#include "app/generate.hpp"

namespace phongdich {
namespace {

void create_population(Registry& registry, const Area& area, const DemoSetup& setup, Date today,
                       DemoState& state) {
  GenerateRequest request;
  request.persons = setup.persons;
  request.seed = setup.seed;
  request.output_dir = setup.work_dir;
  request.as_of = setup.history_until;
  if (setup.progress) {
    request.progress = [&](uint64_t persons, uint64_t) {
      setup.progress("generating", static_cast<int64_t>(persons),
                     static_cast<int64_t>(setup.persons));
    };
  }
  const synth::SynthSummary files = generate_for_area(registry.areas(), area, request);

  ImportOptions options;
  options.tree = area.tree;
  options.today = today;
  if (setup.progress) {
    options.progress = [&](int64_t done, int64_t) {
      setup.progress("importing persons", done, static_cast<int64_t>(files.persons));
    };
  }
  state.persons = import_persons(registry, files.persons_file.string(), options);
  if (setup.progress) {
    options.progress = [&](int64_t done, int64_t) {
      setup.progress("importing doses", done, static_cast<int64_t>(files.doses));
    };
  }
  state.doses = import_doses(registry, files.doses_file.string(), options);
  registry.store().transaction([&] { registry.store().set_meta("demo.area", setup.area); });
  state.created_now = true;
}

void create_epidemic(Registry& registry, const Area& area, const DemoSetup& setup, Date today,
                     DemoState& state) {
  EpidemicRequest request;
  request.from = setup.epidemic_from;
  request.to = std::min(setup.epidemic_until, today);
  request.seed = setup.seed;
  request.today = today;
  if (setup.progress) {
    request.progress = [&](int64_t done, int64_t total) {
      setup.progress("generating the epidemic (days)", done, total);
    };
  }
  state.epidemic = generate_epidemic(registry, area, request);
  registry.store().transaction([&] { registry.store().set_meta("demo.epidemic", setup.area); });
}

}  // namespace

DemoState ensure_demo(Registry& registry, const DemoSetup& setup, Date today) {
  DemoState state;
  Store& store = registry.store();
  const bool has_population = store.meta("demo.area").has_value();
  // Cases made some other way (the API, a test) are kept: no epidemic on top.
  const bool wants_epidemic = !store.meta("demo.epidemic") && store.case_count() == 0 &&
                              setup.epidemic_from <= std::min(setup.epidemic_until, today);
  if (has_population && !wants_epidemic) return state;
  const Area* area = registry.find_area(setup.area);
  if (area == nullptr) throw std::invalid_argument("no demo area " + setup.area);
  if (!has_population) create_population(registry, *area, setup, today, state);
  if (wants_epidemic) create_epidemic(registry, *area, setup, today, state);
  return state;
}

}  // namespace phongdich
