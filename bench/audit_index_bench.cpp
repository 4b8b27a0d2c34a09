// The audit trail's key index beside the SQLite file (store/sqlite/
// audit_key_index): the background indexer's work while the server runs.
//
//   build/audit_index_bench [--benchmark_filter=...]
//
// Entries are the server's mix: reads and writes of random persons among ten
// million, by 50 users, in Hồ Chí Minh City's 322 communes; each gives three
// keys (record, user, area). AddRun writes one run, as the indexer does each
// second; MergeLevel merges eight runs of that size into one, as a full level
// is merged (its time is per entry of the eight runs). Lookup/* find the first
// page (256 seqs) of a search in an index of a million entries, indexed 20,000
// at a time as the server does: by one record, one user, one commune, and the
// 20 communes of a district.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "store/sqlite/audit_key_index.hpp"
#include "synth/random.hpp"

namespace phongdich {
namespace {

constexpr uint32_t kPersons = 10'000'000;
constexpr uint32_t kUsers = 50;
constexpr uint32_t kCommunes = 322;
constexpr uint32_t kFirstCommune = 26'000;  // the communes' ids follow on from it

using Keys = std::vector<std::pair<std::string, int64_t>>;

Keys keys_of_entries(int64_t first_seq, int64_t count, synth::Rng& rng) {
  Keys keys;
  keys.reserve(static_cast<size_t>(count) * 3);
  for (int64_t seq = first_seq; seq < first_seq + count; ++seq) {
    const std::string person = "person:" + std::to_string(rng.below(kPersons));
    const std::string actor = "staff." + std::to_string(rng.below(kUsers));
    const std::string area = std::to_string(kFirstCommune + rng.below(kCommunes));
    keys.emplace_back(AuditKeyIndex::key(AuditKeyIndex::Kind::target, person), seq);
    keys.emplace_back(AuditKeyIndex::key(AuditKeyIndex::Kind::actor, actor), seq);
    keys.emplace_back(AuditKeyIndex::key(AuditKeyIndex::Kind::area, area), seq);
  }
  return keys;
}

// A fresh index file in the temporary directory, removed with its log.
struct ScratchIndex {
  ScratchIndex()
      : path((std::filesystem::temp_directory_path() / "phongdich-audit-index-bench").string()) {
    remove();
  }
  ~ScratchIndex() { remove(); }
  void remove() const {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
  }
  std::string path;
};

// Adds `runs` runs of `entries` entries each after `coverage`; returns the new coverage.
AuditKeyIndex::Coverage add_runs(AuditKeyIndex& index, AuditKeyIndex::Coverage coverage, int runs,
                                 int64_t entries, synth::Rng& rng) {
  for (int run = 0; run < runs; ++run) {
    const AuditKeyIndex::Coverage through{coverage.through_seq + entries,
                                          "hash-" + std::to_string(coverage.through_seq + entries)};
    index.add_run(keys_of_entries(coverage.through_seq + 1, entries, rng), coverage, through);
    coverage = through;
  }
  return coverage;
}

void AddRun(benchmark::State& state) {
  const int64_t entries = state.range(0);
  ScratchIndex scratch;
  AuditKeyIndex index(scratch.path);
  synth::Rng rng(11, 1, 0);
  AuditKeyIndex::Coverage coverage = index.coverage_to_extend();
  for (auto _ : state) {
    state.PauseTiming();
    Keys keys = keys_of_entries(coverage.through_seq + 1, entries, rng);
    const AuditKeyIndex::Coverage through{coverage.through_seq + entries, "hash"};
    state.ResumeTiming();
    index.add_run(std::move(keys), coverage, through);
    coverage = through;
  }
  state.SetItemsProcessed(state.iterations() * entries);
}

void MergeLevel(benchmark::State& state) {
  const int64_t entries = state.range(0);
  synth::Rng rng(13, 1, 0);
  for (auto _ : state) {
    state.PauseTiming();
    ScratchIndex scratch;
    AuditKeyIndex index(scratch.path);
    const AuditKeyIndex::Coverage from = index.coverage_to_extend();
    add_runs(index, from, AuditKeyIndex::kRunsPerLevel, entries, rng);
    state.ResumeTiming();
    index.merge_full_levels();
    state.PauseTiming();
    if (index.run_count() != 1) state.SkipWithError("the level was not merged into one run");
    state.ResumeTiming();
  }
  state.SetItemsProcessed(state.iterations() * entries *
                          static_cast<int64_t>(AuditKeyIndex::kRunsPerLevel));
}

// An index of a million entries, built once, as the indexer leaves it: a run
// of 20,000 entries at a time, full levels merged after each.
AuditKeyIndex& million_entry_index() {
  static ScratchIndex scratch;
  static AuditKeyIndex index(scratch.path);
  static const bool built = [] {
    synth::Rng rng(17, 1, 0);
    AuditKeyIndex::Coverage coverage = index.coverage_to_extend();
    for (int run = 0; run < 50; ++run) {
      coverage = add_runs(index, coverage, 1, 20'000, rng);
      index.merge_full_levels();
    }
    return true;
  }();
  (void)built;
  return index;
}

void Lookup(benchmark::State& state, AuditKeyIndex::Kind kind,
            const std::vector<std::string>& values) {
  AuditKeyIndex& index = million_entry_index();
  size_t found = 0;
  for (auto _ : state) {
    const AuditKeyIndex::Lookup page = index.lookup(kind, values, 0, 256);
    found = page.seqs.size();
    benchmark::DoNotOptimize(page);
  }
  state.counters["runs"] = static_cast<double>(index.run_count());
  state.counters["seqs"] = static_cast<double>(found);
}

std::vector<std::string> district_communes() {
  std::vector<std::string> communes;
  for (uint32_t i = 0; i < 20; ++i) communes.push_back(std::to_string(kFirstCommune + i));
  return communes;
}

BENCHMARK_CAPTURE(Lookup, one_record, AuditKeyIndex::Kind::target,
                  std::vector<std::string>{"person:4242"})
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(Lookup, one_user, AuditKeyIndex::Kind::actor, std::vector<std::string>{"staff.7"})
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(Lookup, one_commune, AuditKeyIndex::Kind::area,
                  std::vector<std::string>{std::to_string(kFirstCommune + 100)})
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(Lookup, district_of_20_communes, AuditKeyIndex::Kind::area, district_communes())
    ->Unit(benchmark::kMillisecond);
BENCHMARK(AddRun)->Arg(20'000)->Arg(65'536)->Unit(benchmark::kMillisecond);
BENCHMARK(MergeLevel)->Arg(20'000)->Arg(65'536)->Unit(benchmark::kMillisecond)->Iterations(5);

}  // namespace
}  // namespace phongdich

BENCHMARK_MAIN();
