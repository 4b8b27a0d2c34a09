#include "app/generate.hpp"

#include <optional>
#include <stdexcept>

#include "app/registry.hpp"
#include "rules/vaccination_rules_json.hpp"

namespace phongdich {

synth::SynthSummary generate_for_area(const AreaForest& areas, const Area& area,
                                      const GenerateRequest& request) {
  synth::SynthOptions options;
  options.seed = request.seed;
  options.person_count = request.persons;
  options.tree = area.tree;
  options.output_dir = request.output_dir;
  options.as_of = request.as_of;
  options.invalid_rate = request.invalid_rate;
  options.on_progress = request.progress;
  std::optional<VaccinationRules> loaded;
  if (request.rules == nullptr) {
    loaded = load_vaccination_rules(default_data_dir() + "/rules/vaccination.json");
  }
  options.rules = request.rules != nullptr ? request.rules : &*loaded;
  for (AreaId id : areas.subtree(area.id)) {
    const Area* a = areas.find(id);
    if (a->level == AreaLevel::commune) options.communes.push_back({a->code, 1.0});
  }
  if (options.communes.empty()) throw std::invalid_argument(area.name + " has no communes");
  for (AreaId id : areas.path_to_root(area.id)) {
    const Area* a = areas.find(id);
    if (a->level == AreaLevel::province) options.birth_province = "0" + a->code;
  }
  std::filesystem::create_directories(request.output_dir);
  return synth::generate_population(options);
}

}  // namespace phongdich
