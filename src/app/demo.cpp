#include "app/demo.hpp"

#include <stdexcept>

#include "app/generate.hpp"

namespace phongdich {

DemoState ensure_demo(Registry& registry, const DemoSetup& setup, Date today) {
  DemoState state;
  if (registry.store().meta("demo.area")) return state;
  const Area* area = registry.find_area(setup.area);
  if (area == nullptr) throw std::invalid_argument("no demo area " + setup.area);

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
  const synth::SynthSummary files = generate_for_area(registry.areas(), *area, request);

  ImportOptions options;
  options.tree = area->tree;
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
  return state;
}

}  // namespace phongdich
