// An import killed half-way (SIGKILL: no clean-up at all) leaves the database
// readable with whole batches committed, and a re-run completes it to exactly
// what an uninterrupted import gives.
#include <gtest/gtest.h>

#include <chrono>
#include <iostream>
#include <thread>

#include "cli/cli_runner.hpp"
#include "common/sqlite_person_indexes.hpp"
#include "store/store.hpp"

namespace phongdich::testing {
namespace {

constexpr int kBatch = 500;

struct Counts {
  int64_t persons = 0;
  int64_t doses = 0;
  friend bool operator==(const Counts&, const Counts&) = default;
};

Counts counts_in(const std::filesystem::path& db) {
  // Read-only: a read-write open checks the migrations under the write lock, and
  // the poll below opens every few milliseconds beside the import it watches.
  const auto store = open_store(db.string(), OpenMode::read_only);  // throws if damaged
  return {store->person_count(), store->dose_count()};
}

class KilledImport : public ::testing::Test {
 protected:
  std::vector<std::string> with_db(const std::filesystem::path& db,
                                   std::vector<std::string> args) const {
    std::vector<std::string> all = {"--db", db.string(), "--today", "2022-09-30"};
    all.insert(all.end(), args.begin(), args.end());
    return all;
  }

  CliResult import(const std::filesystem::path& db, const std::string& kind) {
    return run_cli(with_db(db, {"import", kind, (dir_ / "synth" / (kind + ".csv")).string(),
                                "--batch", std::to_string(kBatch)}),
                   dir_.path());
  }

  // Starts an import and kills it once at least one batch is committed.
  // Returns false when the import ended before it could be killed.
  bool import_and_kill(const std::filesystem::path& db, const std::string& kind,
                       int64_t committed_before) {
    CliProcess child(with_db(db, {"import", kind, (dir_ / "synth" / (kind + ".csv")).string(),
                                  "--batch", std::to_string(kBatch)}),
                     dir_.path());
    while (child.running()) {
      try {
        const Counts now = counts_in(db);
        if ((kind == "persons" ? now.persons : now.doses) > committed_before) break;
      } catch (const StoreError&) {
        // The writer holds the lock just now; look again.
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    child.kill_now();
    const CliResult ended = child.wait();
    if (!child.killed_by_signal()) {
      std::cerr << "note: the " << kind << " import ended before the kill, with exit code "
                << ended.exit_code << ": " << ended.err << "\n";
    }
    return child.killed_by_signal();
  }

  CliTempDir dir_;
};

TEST_F(KilledImport, ARerunCompletesAKilledImportExactly) {
  // A clean population (no spoiled rows), so every committed batch holds kBatch rows.
  const CliResult generated = run_cli(
      {"--db", (dir_ / "scratch.db").string(), "generate", "--area", "vn2022:772", "--persons",
       "200000", "--seed", "38", "--invalid-rate", "0", "--out", (dir_ / "synth").string()},
      dir_.path());
  ASSERT_EQ(generated.exit_code, 0) << generated.err;

  // The answer: an uninterrupted import into a fresh database.
  const auto reference_db = dir_ / "reference.db";
  // A clean file imports whole: exit 0, nothing rejected.
  ASSERT_EQ(import(reference_db, "persons").exit_code, 0);
  ASSERT_EQ(import(reference_db, "doses").exit_code, 0);
  const Counts expected = counts_in(reference_db);
  ASSERT_EQ(expected.persons, 200000);
  ASSERT_GT(expected.doses, expected.persons);

  const auto db = dir_ / "killed.db";
  ASSERT_EQ(run_cli(with_db(db, {"area", "show", "vn2022:772"}), dir_.path()).exit_code, 0);

  const bool persons_killed = import_and_kill(db, "persons", 0);
  const Counts after_kill = counts_in(db);  // the database opens after a SIGKILL
  if (after_kill.persons != expected.persons) {
    EXPECT_EQ(after_kill.persons % kBatch, 0) << "a batch was committed in part";
  }
  EXPECT_GT(after_kill.persons, 0);
  if (!persons_killed) std::cerr << "note: the persons import ended before the kill\n";

  const CliResult persons_rerun = import(db, "persons");
  EXPECT_EQ(persons_rerun.exit_code, 0) << persons_rerun.err;
  EXPECT_EQ(counts_in(db).persons, expected.persons);
  // A first import killed before it built the persons' indexes: the rerun's
  // open built them.
  EXPECT_EQ(sqlite_person_indexes(db.string()), sqlite_person_indexes(reference_db.string()));
  EXPECT_EQ(sqlite_person_indexes(db.string()).size(), 3u);

  const bool doses_killed = import_and_kill(db, "doses", 0);
  const Counts doses_after_kill = counts_in(db);
  if (doses_after_kill.doses != expected.doses) {
    EXPECT_EQ(doses_after_kill.doses % kBatch, 0) << "a batch was committed in part";
  }
  EXPECT_TRUE(persons_killed || doses_killed)
      << "neither import was interrupted: use a larger file";

  const CliResult doses_rerun = import(db, "doses");
  EXPECT_EQ(doses_rerun.exit_code, 0) << doses_rerun.err;
  EXPECT_EQ(counts_in(db), expected);

  // Running the whole import once more changes nothing.
  EXPECT_EQ(import(db, "persons").exit_code, 0);
  EXPECT_EQ(import(db, "doses").exit_code, 0);
  EXPECT_EQ(counts_in(db), expected);
}

}  // namespace
}  // namespace phongdich::testing
