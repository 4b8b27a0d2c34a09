// Weekly indicators and epidemic levels of every commune of the nation for
// one week: the figure of issue 6 (target <= 100 ms).
//
//   build/epidemic_levels_bench
//
// The real 2022 area tree (data/areas/vn2022_units.csv, ~10,000 communes) and
// eight weeks of a synthetic Omicron-like wave: ~4.7 million cases (1.2 million
// in the peak week, as Viet Nam had in 03/2022), 3% admitted, 1% on oxygen,
// 0.05% died, and two tests per case, spread over communes by population times
// an uneven intensity of the wave in each.
// Timed, for the peak week:
//   IndicatorsAndLevels  the figure: every commune's indicators (counts, rates,
//                        T7 flag) and its level under 218/QĐ-BYT with reasons
//   Indicators           the indicators alone
//   Levels               the levels alone (assess_all)
//   ProvinceWeek         one province's week (the sum of its commune range)
//   AddCase              recording one case with its steps (incremental counters)
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/commune_levels.hpp"
#include "domain/weekly_indicators.hpp"
#include "ingest/area_files.hpp"
#include "rules/epidemic_level_rules_json.hpp"

namespace {

using namespace phongdich;

const Date kFirstMonday = *Date::from_ymd(2022, 2, 14);
constexpr int kWeeks = 8;
constexpr int kPeakWeek = 4;  // 2022-03-14
constexpr int64_t kPeakWeekCases = 1'200'000;

uint64_t rng_state = 20220314;
double uniform() {
  rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
  return static_cast<double>(rng_state >> 11) * 0x1.0p-53;
}

struct World {
  AreaForest forest;
  std::optional<WeeklyIndicators> indicators;
  EpidemicLevelRules rules;
  std::vector<int64_t> population;
  std::vector<std::optional<double>> full, high_risk;
  std::vector<std::optional<bool>> capacity;
  std::vector<double> cumulative;  // cumulative population share by slot, to place cases
  int64_t cases = 0;

  uint32_t random_slot() {
    const double u = uniform();
    return static_cast<uint32_t>(std::lower_bound(cumulative.begin(), cumulative.end(), u) -
                                 cumulative.begin());
  }
};

World& world() {
  static World* w = [] {
    auto* w = new World;
    w->forest = load_area_forest(PHONGDICH_DATA_DIR);
    w->indicators.emplace(w->forest, kAreaTree2022);
    w->rules =
        load_epidemic_level_rules(std::string(PHONGDICH_DATA_DIR) + "/rules/epidemic_levels.json");
    const size_t n = w->indicators->commune_count();
    // ~98 million people over the communes, from 1,000 to 60,000 each.
    for (size_t s = 0; s < n; ++s) {
      const auto people = static_cast<int64_t>(1000 + 59000 * std::pow(uniform(), 2.5));
      w->population.push_back(people);
      w->full.push_back(0.6 + 0.35 * uniform());
      w->high_risk.push_back(0.8 + 0.19 * uniform());
      w->capacity.push_back(uniform() < 0.9);
    }
    // Cases fall by population times a commune's own intensity (0.05 to 3):
    // waves hit communes unevenly.
    std::vector<double> weight;
    double weights = 0;
    for (int64_t p : w->population) {
      weight.push_back(static_cast<double>(p) * (0.05 + 2.95 * std::pow(uniform(), 2)));
      weights += weight.back();
    }
    double running = 0;
    for (double x : weight) {
      running += x / weights;
      w->cumulative.push_back(running);
    }
    for (int week = 0; week < kWeeks; ++week) {
      const double wave = std::exp(-std::pow((week - kPeakWeek) / 1.6, 2) / 2);
      const auto cases = static_cast<int64_t>(kPeakWeekCases * wave);
      for (int64_t i = 0; i < cases; ++i) {
        CovidCase c;
        c.area_id = w->indicators->commune_at(w->random_slot());
        c.confirmed_on = kFirstMonday.plus_days(week * 7 + static_cast<int>(uniform() * 7));
        c.steps.push_back({c.confirmed_on, CaseState::home_care, "", false});
        const double u = uniform();
        if (u < 0.03) {
          c.steps.push_back({c.confirmed_on.plus_days(2), CaseState::hospital, "BV", u < 0.01});
          if (u < 0.0005)
            c.steps.push_back({c.confirmed_on.plus_days(6), CaseState::died, "BV", true});
        }
        w->indicators->add_case(c);
        for (int t = 0; t < 2; ++t) {
          TestResult test;
          test.area_id = c.area_id;
          test.kind = t == 0 ? TestKind::rapid_antigen : TestKind::rt_pcr;
          test.sample_date = c.confirmed_on;
          test.result_date = c.confirmed_on;
          test.outcome = uniform() < 0.6 ? TestOutcome::positive : TestOutcome::negative;
          w->indicators->add_test(test);
        }
        ++w->cases;
      }
    }
    return w;
  }();
  return *w;
}

const WeekIndex kPeak = week_of(kFirstMonday.plus_days(kPeakWeek * 7));

CommuneLevelInputs inputs(const World& w) {
  CommuneLevelInputs in;
  in.population = w.population;
  in.fully_vaccinated_share = w.full;
  in.high_risk_fully_vaccinated_share = w.high_risk;
  in.capacity_met = w.capacity;
  return in;
}

void BM_IndicatorsAndLevels(benchmark::State& state) {
  World& w = world();
  size_t red = 0;
  for (auto _ : state) {
    const std::vector<AreaWeek> weeks = w.indicators->commune_weeks(kPeak, w.population, 1.0);
    const std::vector<LevelAssessment> levels =
        assess_all(w.rules, *w.indicators, kPeak, inputs(w));
    red = 0;
    for (const LevelAssessment& a : levels) red += a.level == 4;
    benchmark::DoNotOptimize(weeks.data());
  }
  state.counters["communes"] = static_cast<double>(w.indicators->commune_count());
  state.counters["cases"] = static_cast<double>(w.cases);
  const AreaId nation = w.forest.find_code(kAreaTree2022, "VN")->id;
  state.counters["peak_week_cases"] = w.indicators->counts(nation, kPeak).new_cases;
  state.counters["level4_communes"] = static_cast<double>(red);
}

void BM_Indicators(benchmark::State& state) {
  World& w = world();
  for (auto _ : state) {
    const std::vector<AreaWeek> weeks = w.indicators->commune_weeks(kPeak, w.population, 1.0);
    benchmark::DoNotOptimize(weeks.data());
  }
}

void BM_Levels(benchmark::State& state) {
  World& w = world();
  for (auto _ : state) {
    const std::vector<LevelAssessment> levels =
        assess_all(w.rules, *w.indicators, kPeak, inputs(w));
    benchmark::DoNotOptimize(levels.data());
  }
}

void BM_ProvinceWeek(benchmark::State& state) {
  World& w = world();
  const Area* hcmc = w.forest.find_code("vn2022", "79");
  const int64_t people = w.indicators->population_of(hcmc->id, w.population);
  for (auto _ : state) {
    const AreaWeek week = w.indicators->area_week(hcmc->id, kPeak, people, 1.0);
    benchmark::DoNotOptimize(week.counts.new_cases);
  }
}

void BM_AddCase(benchmark::State& state) {
  World& w = world();
  CovidCase c;
  c.confirmed_on = kFirstMonday.plus_days(30);
  c.steps = {{c.confirmed_on, CaseState::home_care, "", false},
             {c.confirmed_on.plus_days(1), CaseState::hospital, "BV", true}};
  for (auto _ : state) {
    c.area_id = w.indicators->commune_at(w.random_slot());
    benchmark::DoNotOptimize(w.indicators->add_case(c));
  }
}

}  // namespace

BENCHMARK(BM_IndicatorsAndLevels)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Indicators)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Levels)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ProvinceWeek)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_AddCase)->Unit(benchmark::kNanosecond);
BENCHMARK_MAIN();
