// Person search by name over a province, in memory (domain/name_index): the
// search behind GET /api/v1/persons. Names come from the synthetic generator
// (family-name frequencies of the surveys: Nguyễn about 38%).
//
//   build/name_search_bench [--benchmark_filter=...]     (PHONGDICH_BENCH_NAMES, default
//   10,000,000)
//
// Each query runs with one thread and with two; the area is the whole index
// (a province, as the web figure's) or one slot in 24 of the communes' lists
// (about a district).
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "domain/name_index.hpp"
#include "domain/name_words.hpp"
#include "domain/text_fold.hpp"
#include "synth/vietnamese_names.hpp"

namespace phongdich {
namespace {

constexpr size_t kCommunes = 322;  // Hồ Chí Minh City's 2022 communes

struct Province {
  NameIndex names;
  std::vector<std::vector<NameIndex::Slot>> communes;
};

const Province& province() {
  static const std::unique_ptr<Province> built = [] {
    const char* env = std::getenv("PHONGDICH_BENCH_NAMES");
    const size_t count = env != nullptr ? std::strtoull(env, nullptr, 10) : 10'000'000;
    auto p = std::make_unique<Province>();
    p->communes.resize(kCommunes);
    p->names.begin_load(count);
    synth::Rng rng(7, 1, 0);
    std::string name;
    for (NameIndex::Slot slot = 0; slot < count; ++slot) {
      name.clear();
      const Sex sex = rng.next() % 2 == 0 ? Sex::male : Sex::female;
      synth::append_full_name(name, rng, synth::draw_family_name(rng), sex,
                              1930 + static_cast<int>(rng.next() % 90));
      p->names.set_name(slot, fold_vietnamese(name));
      // Persons of a commune come together, as an import or the generator adds them.
      p->communes[slot * kCommunes / count].push_back(slot);
    }
    p->names.finish_load();
    return p;
  }();
  return *built;
}

void search(benchmark::State& state, const char* query, bool district) {
  const Province& p = province();
  const size_t communes = district ? kCommunes / 24 : kCommunes;
  std::vector<uint8_t> in_area(kCommunes, 0);
  NameIndex::Area area;
  for (size_t c = 0; c < communes; ++c) {
    in_area[c] = 1;
    area.members.emplace_back(p.communes[c]);
  }
  const size_t count = p.names.slot_count();
  area.contains = [&](NameIndex::Slot slot) { return in_area[slot * kCommunes / count] != 0; };
  const std::string folded = fold_vietnamese(query);
  const auto words = name_words(folded);
  const auto threads = static_cast<unsigned>(state.range(0));
  size_t found = 0;
  for (auto _ : state) {
    found = p.names.search(words, area, 51, 0, threads).size();
    benchmark::DoNotOptimize(found);
  }
  state.counters["found"] = static_cast<double>(found);
}

#define NAME_SEARCH(label, query, district)         \
  BENCHMARK_CAPTURE(search, label, query, district) \
      ->Arg(1)                                      \
      ->Arg(2)                                      \
      ->Unit(benchmark::kMillisecond)               \
      ->UseRealTime()                               \
      ->Repetitions(5)                              \
      ->ReportAggregatesOnly(true)

NAME_SEARCH(province_pham, "pham", false);
NAME_SEARCH(province_le_thi, "le thi", false);
NAME_SEARCH(province_nguyen_van_an, "nguyen van an", false);
NAME_SEARCH(province_bui_bao_trang, "bui bao trang", false);
NAME_SEARCH(province_trang, "trang", false);
NAME_SEARCH(province_no_words, "", false);
NAME_SEARCH(district_le_thi, "le thi", true);
NAME_SEARCH(district_nguyen_van_an, "nguyen van an", true);

}  // namespace
}  // namespace phongdich

BENCHMARK_MAIN();
