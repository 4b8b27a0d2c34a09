#include "app/generate_epidemic.hpp"

#include <algorithm>
#include <fstream>
#include <numeric>
#include <sstream>
#include <unordered_set>
#include <vector>

#include "rules/case_rules_json.hpp"
#include "rules/home_care_rules_json.hpp"
#include "synth/epidemic_generator.hpp"

namespace phongdich {
namespace {

Violation refusal(std::string code, std::string field, std::string vi, std::string en) {
  return {std::move(code), std::move(field), "", std::move(vi), std::move(en)};
}

std::string first_message(const Violations& v) {
  return v.empty() ? std::string("the epidemic was not generated") : v.front().message_en;
}

std::vector<std::string> split(const std::string& line) {
  std::vector<std::string> fields;
  std::stringstream in(line);
  std::string field;
  while (std::getline(in, field, ',')) fields.push_back(field);
  return fields;
}

std::ifstream open_data(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  return in;
}

// 2019 census population per province code (data/areas/province_population_2019.csv).
std::unordered_map<std::string, double> province_populations(const std::string& data_dir) {
  std::ifstream in = open_data(data_dir + "/areas/province_population_2019.csv");
  std::unordered_map<std::string, double> population;
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    const std::vector<std::string> f = split(line);
    if (f.size() >= 5) population[f[0]] = std::stod(f[4]);
  }
  return population;
}

std::vector<synth::EpidemicPerson> persons_of(Registry& registry,
                                              const std::unordered_set<AreaId>& communes) {
  RegistryIndex& index = registry.index();
  std::vector<synth::EpidemicPerson> persons;
  // Status levels are counted from "partial" (reached[0]).
  constexpr int kPrimary = static_cast<int>(VaccinationStatus::primary_complete) - 1;
  constexpr int kBooster = static_cast<int>(VaccinationStatus::booster1) - 1;
  const auto reached = [](uint16_t offset) -> std::optional<Date> {
    if (offset == PersonRow::kNever) return std::nullopt;
    return PersonRow::from_offset(offset);
  };
  registry.store().scan_persons([&](const StoredPerson& stored) {
    const Person& p = stored.person;
    if (!communes.contains(p.area_id)) return;
    synth::EpidemicPerson e;
    e.id = p.id;
    e.commune = p.area_id;
    e.household = p.household_id.value_or(0);
    e.birth_date = p.birth_date;
    e.high_risk = p.high_risk();
    if (const RegistryIndex::Slot* slot = index.find_slot(p.id)) {
      const PersonRow& row = index.row(*slot);
      e.primary_complete_on = reached(row.reached[kPrimary]);
      e.booster_on = reached(row.reached[kBooster]);
    }
    persons.push_back(std::move(e));
  });
  std::sort(
      persons.begin(), persons.end(),
      [](const synth::EpidemicPerson& a, const synth::EpidemicPerson& b) { return a.id < b.id; });
  return persons;
}

void check_request(Registry& registry, const EpidemicRequest& request) {
  Violations v;
  if (request.to < request.from) {
    v.push_back(refusal("epidemic.dates", "to", "Ngày kết thúc trước ngày bắt đầu.",
                        "--to is before --from."));
  }
  if (request.to > request.today) {
    v.push_back(refusal("epidemic.future", "to",
                        "Ngày kết thúc " + request.to.iso() + " sau ngày hôm nay.",
                        "--to " + request.to.iso() + " is after today."));
  }
  if (!(request.scale > 0 && request.scale <= 100)) {
    v.push_back(refusal("epidemic.scale", "scale", "Hệ số phải lớn hơn 0 và không quá 100.",
                        "--scale must be above 0 and at most 100."));
  }
  if (const int64_t cases = registry.store().case_count(); cases > 0) {
    v.push_back(
        refusal("epidemic.cases_exist", "db",
                "Kho dữ liệu đã có " + std::to_string(cases) +
                    " ca bệnh: chỉ tạo dịch giả lập trên kho chưa có ca bệnh nào (dùng tệp mới).",
                "The store holds " + std::to_string(cases) +
                    " cases already: the synthetic epidemic is generated only into a store without "
                    "cases (use a new database file)."));
  }
  if (!v.empty()) throw EpidemicRefused(std::move(v));
}

}  // namespace

EpidemicRefused::EpidemicRefused(Violations violations)
    : std::runtime_error(first_message(violations)), violations_(std::move(violations)) {}

std::string series_province_of(const AreaForest& areas, const Area& area) {
  if (area.tree != "vn2022") return "";
  for (AreaId id : areas.path_to_root(area.id)) {
    const Area* a = areas.find(id);
    if (a != nullptr && a->level == AreaLevel::province) return a->code;
  }
  return "";
}

synth::CurveInputs read_curve_inputs(const std::string& data_dir, const std::string& province,
                                     double area_population, double scale) {
  const std::string path = data_dir + "/synth/covid_daily_cases.csv";
  std::ifstream in = open_data(path);
  std::string line;
  std::getline(in, line);
  const std::vector<std::string> header = split(line);
  const auto column_of = [&](const std::string& name) -> size_t {
    const auto it = std::find(header.begin(), header.end(), name);
    return it == header.end() ? 0 : static_cast<size_t>(it - header.begin());
  };
  const size_t national_column = column_of("VN");
  const size_t province_column = province.empty() ? 0 : column_of(province);
  if (national_column == 0) throw std::runtime_error(path + " has no VN column");

  synth::CurveInputs inputs;
  inputs.area_population = area_population;
  inputs.scale = scale;
  while (std::getline(in, line)) {
    const std::vector<std::string> f = split(line);
    if (f.size() != header.size()) throw std::runtime_error(path + ": short line " + line);
    if (inputs.national.cases.empty()) {
      const auto first = Date::parse_iso(f[0]);
      if (!first) throw std::runtime_error(path + ": bad date " + f[0]);
      inputs.national.first_day = *first;
    }
    inputs.national.cases.push_back(std::stod(f[national_column]));
    if (province_column != 0) inputs.local.cases.push_back(std::stod(f[province_column]));
  }
  const auto populations = province_populations(data_dir);
  inputs.national.population =
      std::accumulate(populations.begin(), populations.end(), 0.0,
                      [](double sum, const auto& entry) { return sum + entry.second; });
  const auto found = populations.find(province);
  if (province_column != 0 && found != populations.end()) {
    inputs.local.first_day = inputs.national.first_day;
    inputs.local.population = found->second;
  } else {
    inputs.local = inputs.national;
  }
  return inputs;
}

EpidemicSummary generate_epidemic(Registry& registry, const Area& area,
                                  const EpidemicRequest& request) {
  check_request(registry, request);
  const std::vector<AreaId> commune_ids = registry.communes_in(area);
  const std::unordered_set<AreaId> communes(commune_ids.begin(), commune_ids.end());
  const std::vector<synth::EpidemicPerson> persons = persons_of(registry, communes);
  if (persons.empty()) {
    throw EpidemicRefused(
        {refusal("epidemic.no_persons", "area", "Chưa có người nào đăng ký tại " + area.name + ".",
                 "No person is registered in " + area.name + ".")});
  }

  EpidemicSummary summary;
  summary.persons = static_cast<int64_t>(persons.size());
  const std::string province = series_province_of(registry.areas(), area);
  const synth::CurveInputs curve = read_curve_inputs(
      registry.data_dir(), province, static_cast<double>(persons.size()), request.scale);
  summary.series =
      curve.local.population == curve.national.population ? "national" : "province " + province;
  const CaseRules case_rules = load_case_rules(registry.data_dir() + "/rules/cases.json");
  const HomeCareRules home_care_rules =
      load_home_care_rules(registry.data_dir() + "/rules/home_care.json");

  synth::EpidemicOptions options;
  options.seed = request.seed;
  options.from = request.from;
  options.to = request.to;
  options.expected_daily_cases = synth::expected_daily_cases(curve, request.from, request.to);
  summary.expected_cases = std::accumulate(options.expected_daily_cases.begin(),
                                           options.expected_daily_cases.end(), 0.0);
  options.area.id = area.id;
  options.area.code = area.code;
  options.area.name = area.name;
  for (AreaId id : commune_ids) {
    const Area* commune = registry.areas().find(id);
    if (commune != nullptr) options.area.communes.push_back({id, commune->code, commune->name});
  }
  options.persons = persons;
  options.case_rules = &case_rules;
  options.home_care_rules = &home_care_rules;
  options.batch_cases = request.batch_cases;
  synth::EpidemicGenerator generator(options);

  Store& store = registry.store();
  std::vector<FacilityId> facility_ids;
  store.transaction([&] {
    for (const Facility& f : generator.facilities())
      facility_ids.push_back(store.upsert_facility(f));
  });
  summary.facilities = static_cast<int64_t>(facility_ids.size());

  synth::EpidemicBatch batch;
  std::vector<TestId> test_ids;
  std::vector<ObservationId> observation_ids;
  while (generator.next(batch)) {
    store.transaction([&] {
      for (const TestResult& t : batch.contact_tests) store.insert_test(t);
      for (synth::SimulatedCase& sc : batch.cases) {
        test_ids.clear();
        for (const TestResult& t : sc.tests) test_ids.push_back(store.insert_test(t));
        sc.covid_case.confirming_test = test_ids[sc.confirming_test];
        const CaseId case_id = store.insert_case(sc.covid_case);
        observation_ids.clear();
        for (Observation& o : sc.observations) {
          o.case_id = case_id;
          observation_ids.push_back(store.insert_observation(o));
        }
        for (synth::SimulatedAlert& a : sc.alerts) {
          a.alert.case_id = case_id;
          a.alert.person_id = sc.covid_case.person_id;
          if (a.observation >= 0) {
            a.alert.observation_id = observation_ids[static_cast<size_t>(a.observation)];
          }
          store.insert_alert(a.alert);
        }
      }
    });
    if (request.progress) request.progress(generator.days_done(), generator.day_count());
  }

  std::vector<FacilityOccupancy> occupancy = generator.occupancy();
  store.transaction([&] {
    for (FacilityOccupancy& o : occupancy) {
      o.facility_id = facility_ids[static_cast<size_t>(o.facility_id - 1)];
      store.save_occupancy(o);
    }
    store.set_meta("epidemic.generated", area.tree + ":" + area.code + " " + request.from.iso() +
                                             ".." + request.to.iso() + " seed " +
                                             std::to_string(request.seed));
  });
  summary.occupancy_reports = static_cast<int64_t>(occupancy.size());
  summary.totals = generator.totals();
  return summary;
}

}  // namespace phongdich
