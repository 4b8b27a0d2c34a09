// The synthetic epidemic: how many records a second the generator makes, and
// how many it writes into a SQLite store (issue 6, point 9).
//
//   build/epidemic_generate_bench
//
// Generate         the pure generator (src/synth/epidemic_*) for 210,000 made-up
//                  persons of Quận 11's size over 2021-06-01..2022-09-15, Hồ Chí
//                  Minh City's curve: ~20,000 cases with their tests, checks and alerts
// GenerateIntoSqlite  generate_epidemic for 30,000 generated and imported
//                  persons (the same days, scale 1): generation and the batched
//                  transactions; the store is copied fresh before each run, untimed
// Both report records/s: cases + tests + checks + alerts (+ facilities and
// occupancy reports for the store).
#include <benchmark/benchmark.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "app/generate.hpp"
#include "app/generate_epidemic.hpp"
#include "app/importer.hpp"
#include "rules/case_rules_json.hpp"
#include "rules/home_care_rules_json.hpp"
#include "synth/epidemic_generator.hpp"

namespace {

using namespace phongdich;

const Date kFrom = *Date::from_ymd(2021, 6, 1);
const Date kTo = *Date::from_ymd(2022, 9, 15);
const Date kToday = *Date::from_ymd(2022, 9, 30);

std::vector<synth::EpidemicPerson> made_up_persons(size_t count, size_t communes) {
  std::vector<synth::EpidemicPerson> persons;
  synth::Rng rng(1, 2, 3);
  for (size_t i = 0; i < count; ++i) {
    synth::EpidemicPerson p;
    p.id = static_cast<PersonId>(i + 1);
    p.commune = static_cast<AreaId>(1 + (i / 4) % communes);
    p.household = static_cast<HouseholdId>(i / 4 + 1);
    const int age = rng.between(0, 90);
    p.birth_date = kToday.plus_days(-age * 365 - rng.between(0, 364));
    p.high_risk = age >= 50 && rng.chance(0.2);
    if (age >= 12 && rng.chance(0.9)) {
      p.primary_complete_on = Date::from_ymd(2021, 8, 15)->plus_days(rng.between(0, 120));
      if (rng.chance(0.7)) p.booster_on = p.primary_complete_on->plus_days(rng.between(100, 200));
    }
    persons.push_back(p);
  }
  return persons;
}

void Generate(benchmark::State& state) {
  const std::string data = PHONGDICH_DATA_DIR;
  const CaseRules case_rules = load_case_rules(data + "/rules/cases.json");
  const HomeCareRules home_care = load_home_care_rules(data + "/rules/home_care.json");
  const std::vector<synth::EpidemicPerson> persons = made_up_persons(210'000, 10);
  synth::EpidemicOptions options;
  options.from = kFrom;
  options.to = kTo;
  options.expected_daily_cases = synth::expected_daily_cases(
      read_curve_inputs(data, "79", static_cast<double>(persons.size()), 1.0), kFrom, kTo);
  options.area.id = 100;
  options.area.code = "772";
  options.area.name = "Quận 11";
  for (AreaId c = 1; c <= 10; ++c) options.area.communes.push_back({c, std::to_string(c), "P"});
  options.persons = persons;
  options.case_rules = &case_rules;
  options.home_care_rules = &home_care;
  int64_t records = 0, cases = 0;
  for (auto _ : state) {
    synth::EpidemicGenerator generator(options);
    synth::EpidemicBatch batch;
    while (generator.next(batch)) benchmark::DoNotOptimize(batch.cases.data());
    const synth::EpidemicTotals& t = generator.totals();
    records += t.cases + t.tests + t.observations + t.danger_sign_alerts + t.missed_check_alerts;
    cases = t.cases;
  }
  state.counters["records_per_s"] =
      benchmark::Counter(static_cast<double>(records), benchmark::Counter::kIsRate);
  state.counters["cases"] = static_cast<double>(cases);
}
BENCHMARK(Generate)->Unit(benchmark::kMillisecond)->Iterations(3);

void GenerateIntoSqlite(benchmark::State& state) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / "phongdich-epidemic-bench";
  fs::remove_all(dir);
  fs::create_directories(dir);
  const fs::path populated = dir / "population.db";
  {
    RegistryOptions options;
    options.db_url = populated.string();
    Registry registry(options);
    GenerateRequest request;
    request.persons = 30'000;
    request.seed = 9;
    request.output_dir = dir / "csv";
    request.as_of = kToday;
    request.invalid_rate = 0;
    const Area& area = *registry.find_area("vn2022:772");
    const synth::SynthSummary files = generate_for_area(registry.areas(), area, request);
    ImportOptions import;
    import.today = kToday;
    import_persons(registry, files.persons_file.string(), import);
    import_doses(registry, files.doses_file.string(), import);
  }
  int64_t records = 0;
  int run = 0;
  for (auto _ : state) {
    state.PauseTiming();
    const fs::path db = dir / ("run-" + std::to_string(run++) + ".db");
    fs::copy_file(populated, db);
    RegistryOptions options;
    options.db_url = db.string();
    auto registry = std::make_unique<Registry>(options);
    registry->index();
    EpidemicRequest request;
    request.from = kFrom;
    request.to = kTo;
    request.today = kToday;
    state.ResumeTiming();
    const EpidemicSummary s =
        generate_epidemic(*registry, *registry->find_area("vn2022:772"), request);
    records += s.totals.cases + s.totals.tests + s.totals.observations + s.alerts() + s.facilities +
               s.occupancy_reports;
    state.PauseTiming();
    registry.reset();
    fs::remove(db);
    state.ResumeTiming();
  }
  state.counters["records_per_s"] =
      benchmark::Counter(static_cast<double>(records), benchmark::Counter::kIsRate);
  fs::remove_all(dir);
}
BENCHMARK(GenerateIntoSqlite)->Unit(benchmark::kMillisecond)->Iterations(3);

}  // namespace

BENCHMARK_MAIN();
