// Coverage, due-list and memory figures of the registry on a stored province.
//
//   build/registry_bench --db bench/out/bench.db --area vn2022:79 --as-of 2022-09-15
//
// Loads the registry index from the store, checks that a newly committed dose
// shows in the next coverage answer (no batch job), then times:
//   coverage_cube      whole area by commune x risk x age group x status
//   coverage_report    whole area against targets T1-T6
//   due_list           the area's largest commune
// and prints peak resident memory.
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <string>
#include <vector>

#include "app/registry.hpp"

namespace {

using namespace phongdich;

struct BenchConfig {
  std::string db = "bench/out/bench.db";
  std::string area = "vn2022:79";
  Date as_of = *Date::from_ymd(2022, 9, 15);
};

BenchConfig config;
Registry* registry = nullptr;
const Area* area = nullptr;
const Area* largest_commune = nullptr;

double peak_rss_mib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;  // kB on Linux
}

void BM_CoverageCube(benchmark::State& state) {
  uint64_t total = 0;
  for (auto _ : state) {
    const CoverageCube cube = registry->coverage_cube(*area, config.as_of);
    total = cube.sum().total();
    benchmark::DoNotOptimize(total);
  }
  state.counters["persons"] = static_cast<double>(total);
}

void BM_CoverageReport(benchmark::State& state) {
  for (auto _ : state) {
    const CoverageReport report = registry->coverage_report(*area, config.as_of);
    benchmark::DoNotOptimize(report.targets.size());
  }
}

void BM_DueList(benchmark::State& state) {
  size_t entries = 0;
  for (auto _ : state) {
    const DueList list = registry->due_list(*largest_commune, config.as_of);
    entries = list.entries.size();
    benchmark::DoNotOptimize(entries);
  }
  state.counters["listed"] = static_cast<double>(entries);
  state.counters["commune_persons"] = static_cast<double>(
      registry->index().persons_in_commune(registry->commune_slots_in(*largest_commune)[0]).size());
}

// A dose committed now must be counted by the very next coverage call.
void check_last_dose_counted() {
  RegistryIndex& index = registry->index();
  const Date today = *Date::from_ymd(2022, 9, 15);
  for (RegistryIndex::Slot slot = 0; slot < index.size(); ++slot) {
    const PersonRow& row = index.row(slot);
    if (row.dose_count != 0 || row.birth_days() > Date::from_ymd(1990, 1, 1)->days()) continue;
    const auto before = registry->coverage_cube(*area, today).sum();
    RecordDoseRequest request;
    request.person_id = index.person_id(slot);
    request.date = today;
    request.product = "PFIZER";
    request.source = "bench";
    const RecordDoseResult result = registry->record_dose(request, today);
    if (!result.stored) continue;
    const auto after = registry->coverage_cube(*area, today).sum();
    const auto partial = [](const CoverageCell& c) {
      return c.count(TargetPopulation::everyone, VaccinationStatus::partial);
    };
    std::printf("last committed dose counted: %s (people with >= 1 dose %llu -> %llu)\n",
                partial(after) == partial(before) + 1 ? "yes" : "NO",
                static_cast<unsigned long long>(partial(before)),
                static_cast<unsigned long long>(partial(after)));
    return;
  }
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<char*> rest = {argv[0]};
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--db" && i + 1 < argc) {
      config.db = argv[++i];
    } else if (arg == "--area" && i + 1 < argc) {
      config.area = argv[++i];
    } else if (arg == "--as-of" && i + 1 < argc) {
      config.as_of = Date::parse_iso(argv[++i]).value_or(config.as_of);
    } else {
      rest.push_back(argv[i]);
    }
  }
  int rest_count = static_cast<int>(rest.size());
  benchmark::Initialize(&rest_count, rest.data());

  RegistryOptions options;
  options.db_url = config.db;
  Registry opened(options);
  registry = &opened;
  area = registry->find_area(config.area);
  if (area == nullptr) {
    std::fprintf(stderr, "no area %s\n", config.area.c_str());
    return 2;
  }
  const auto started = std::chrono::steady_clock::now();
  RegistryIndex& index = registry->index();
  const double load_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::printf("index: %zu persons loaded in %.2f s\n", index.size(), load_s);
  size_t best = 0;
  for (uint16_t slot : registry->commune_slots_in(*area)) {
    if (index.persons_in_commune(slot).size() >= best) {
      best = index.persons_in_commune(slot).size();
      largest_commune = registry->areas().find(index.communes()[slot]);
    }
  }
  if (largest_commune == nullptr) {
    std::fprintf(stderr, "no persons in %s\n", config.area.c_str());
    return 2;
  }
  check_last_dose_counted();

  benchmark::RegisterBenchmark("coverage_cube", BM_CoverageCube)->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("coverage_report", BM_CoverageReport)->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("due_list", BM_DueList)->Unit(benchmark::kMillisecond);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  std::printf("peak resident memory: %.0f MiB\n", peak_rss_mib());
  return 0;
}
