// A process killed (SIGKILL) in the middle of a big bulk transaction leaves a file
// that opens, passes SQLite's integrity check and holds exactly the committed batches.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>

#include "store/store_fixture.hpp"

namespace phongdich::testing {
namespace {

constexpr int kBatchSize = 5'000;
constexpr int kCommittedBatches = 3;
// Batches written inside the transaction that is killed before it commits.
constexpr int kBatchesBeforeSignal = 20;

std::vector<StoredPerson> batch(int number) {
  std::vector<StoredPerson> rows;
  rows.reserve(kBatchSize);
  for (int i = 0; i < kBatchSize; ++i) {
    rows.push_back(make_person("Người Thử " + std::to_string(i), kBenNghe,
                               std::to_string(number) + ":" + std::to_string(i)));
  }
  return rows;
}

// The child's whole life: commit some batches, then write batches in one open
// transaction, tell the parent, and keep writing until killed.
[[noreturn]] void run_importer(const std::string& path, int ready_fd) {
  try {
    SqliteOptions options;
    options.cache_kib = 512;  // small, so uncommitted pages spill into the WAL file
    SqliteStore store(path, options);
    for (int b = 0; b < kCommittedBatches; ++b) store.insert_persons_bulk(batch(b));
    store.transaction([&] {
      for (int b = kCommittedBatches; b < 10'000; ++b) {
        store.insert_persons_bulk(batch(b));
        if (b == kCommittedBatches + kBatchesBeforeSignal) {
          const char byte = 1;
          if (write(ready_fd, &byte, 1) != 1) _exit(3);
        }
      }
    });
  } catch (...) {
    _exit(2);
  }
  _exit(1);  // not reached unless the parent failed to kill us
}

TEST(CrashConsistency, KilledDuringABulkTransactionKeepsOnlyCommittedBatches) {
  TempDir dir;
  const std::string path = dir.file("crash.db");
  SqliteStore(path).replace_areas(test_forest());

  int ready[2];
  ASSERT_EQ(pipe(ready), 0);
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    close(ready[0]);
    run_importer(path, ready[1]);
  }
  close(ready[1]);
  char byte = 0;
  const ssize_t got = read(ready[0], &byte, 1);
  close(ready[0]);
  kill(child, SIGKILL);
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  ASSERT_EQ(got, 1) << "the importer died before reaching the open transaction, status " << status;
  ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) << "status " << status;
  // Uncommitted frames reached the WAL: recovery has something to ignore.
  ASSERT_GT(std::filesystem::file_size(path + "-wal"), 0u);

  SqliteStore store(path);
  EXPECT_EQ(store.db().query_text("PRAGMA integrity_check"), "ok");
  EXPECT_EQ(store.person_count(), kCommittedBatches * kBatchSize);
  EXPECT_TRUE(store.person_by_external_ref("0:0").has_value());
  EXPECT_TRUE(store
                  .person_by_external_ref(std::to_string(kCommittedBatches - 1) + ":" +
                                          std::to_string(kBatchSize - 1))
                  .has_value());
  EXPECT_FALSE(store.person_by_external_ref(std::to_string(kCommittedBatches) + ":0").has_value());
  // And the recovered file takes new writes.
  EXPECT_EQ(store.insert_person(make_person("Sau Sự Cố")).outcome, InsertOutcome::inserted);
}

}  // namespace
}  // namespace phongdich::testing
