// Rt for every province over two years: the figure of issue 6 (≤ 1 s).
//
//   build/rt_bench
//
// 63 provinces × 730 days of synthetic daily cases in two waves (a Delta-like
// wave in mid-2021 and an Omicron-like one in early 2022), with peaks from tens
// to tens of thousands of cases a day, as Vietnam's provinces had. Timed:
//   RtFigure            the serial interval (parametric, mean 4.7, sd 2.9 days)
//                       and weekly sliding Rt for all 63 provinces
//   RtProvince          one large province's series alone
//   SerialInterval      the discretised gamma over 730 days alone
#include <benchmark/benchmark.h>

#include <cmath>
#include <cstdint>
#include <variant>
#include <vector>

#include "domain/reproduction_number.hpp"

namespace {

using namespace phongdich;

constexpr size_t kProvinces = 63;
constexpr size_t kDays = 730;

// Deterministic daily counts: two gaussian waves with multiplicative noise.
std::vector<std::vector<int64_t>> synthetic_provinces() {
  std::vector<std::vector<int64_t>> provinces(kProvinces, std::vector<int64_t>(kDays));
  uint64_t state = 20210427;
  const auto uniform = [&state] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<double>(state >> 11) * 0x1.0p-53;
  };
  for (size_t p = 0; p < kProvinces; ++p) {
    // Peaks spread log-uniformly from 20 to 30,000 cases a day.
    const double peak = 20 * std::pow(1500.0, static_cast<double>(p) / (kProvinces - 1));
    for (size_t d = 0; d < kDays; ++d) {
      const double t = static_cast<double>(d);
      const double delta = 0.4 * std::exp(-std::pow((t - 200) / 35, 2) / 2);
      const double omicron = std::exp(-std::pow((t - 420) / 25, 2) / 2);
      const double noise = 0.7 + 0.6 * uniform();
      provinces[p][d] =
          static_cast<int64_t>(std::round(peak * (delta + omicron) * noise + uniform()));
    }
  }
  return provinces;
}

const std::vector<std::vector<int64_t>>& provinces() {
  static const auto data = synthetic_provinces();
  return data;
}

SerialInterval covid_serial_interval() {
  return std::get<SerialInterval>(SerialInterval::discretised_gamma(4.7, 2.9, kDays));
}

void BM_RtFigure(benchmark::State& state) {
  size_t estimates = 0;
  for (auto _ : state) {
    const SerialInterval si = covid_serial_interval();
    estimates = 0;
    for (const auto& counts : provinces()) {
      const auto result = estimate_reproduction_number({.local = counts, .imported = {}}, si, {});
      estimates += std::get<RtResult>(result).estimates.size();
    }
    benchmark::DoNotOptimize(estimates);
  }
  state.counters["provinces"] = kProvinces;
  state.counters["estimates"] = static_cast<double>(estimates);
}

void BM_RtProvince(benchmark::State& state) {
  const SerialInterval si = covid_serial_interval();
  const auto& counts = provinces().back();
  for (auto _ : state) {
    const auto result = estimate_reproduction_number({.local = counts, .imported = {}}, si, {});
    benchmark::DoNotOptimize(std::get<RtResult>(result).estimates.data());
  }
}

void BM_SerialInterval(benchmark::State& state) {
  for (auto _ : state) {
    const SerialInterval si = covid_serial_interval();
    benchmark::DoNotOptimize(si.weights().data());
  }
}

}  // namespace

BENCHMARK(BM_RtFigure)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_RtProvince)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SerialInterval)->Unit(benchmark::kMillisecond);
BENCHMARK_MAIN();
