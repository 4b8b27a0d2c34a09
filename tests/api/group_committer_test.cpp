// The writer's group commits on a real SQLite file: each caller is told after
// its group committed, in the order the jobs ran, from the teller thread, so
// that a caller slow to take its answer never holds up the writer's next group.
#include <gtest/gtest.h>

#include <chrono>
#include <exception>
#include <optional>
#include <semaphore>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "api/group_committer.hpp"
#include "common/temp_dir.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace phongdich::testing {
namespace {

using api::GroupCommitter;
using namespace std::chrono_literals;

class GroupCommitterTest : public ::testing::Test {
 protected:
  // What another connection sees: only what was committed.
  std::optional<std::string> committed(const std::string& key) {
    SqliteStore other(path_);
    return other.meta(key);
  }

  TempDir dir_;
  const std::string path_ = dir_.file("writer.db");
  SqliteStore store_{path_};
};

TEST_F(GroupCommitterTest, TellsTheCallerOnceItsWriteIsCommittedAndFromAnotherThread) {
  std::thread::id ran_on;
  std::thread::id told_on;
  std::optional<std::string> seen_when_told;
  std::binary_semaphore told{0};
  {
    GroupCommitter writer(store_, 64, {});
    writer.submit(
        [&] {
          ran_on = std::this_thread::get_id();
          store_.set_meta("dose", "1");
        },
        GroupCommitter::Grouping::shared,
        [&](std::exception_ptr failure) {
          EXPECT_FALSE(failure);
          told_on = std::this_thread::get_id();
          seen_when_told = committed("dose");
          told.release();
        });
    ASSERT_TRUE(told.try_acquire_for(30s));
  }
  EXPECT_EQ(seen_when_told, "1");
  EXPECT_NE(told_on, ran_on);
  EXPECT_NE(told_on, std::this_thread::get_id());
}

TEST_F(GroupCommitterTest, ACallerSlowToTakeItsAnswerDoesNotHoldUpTheNextGroup) {
  std::binary_semaphore next_ran{0};
  bool next_ran_while_first_was_told = false;
  std::binary_semaphore both_told{0};
  int told = 0;
  {
    GroupCommitter writer(store_, 64, {});
    // The first caller takes its answer only once the next job has run (or
    // after 10 s): told on the writer thread, it would hold that job back.
    writer.submit([&] { store_.set_meta("first", "1"); }, GroupCommitter::Grouping::alone,
                  [&](std::exception_ptr) {
                    next_ran_while_first_was_told = next_ran.try_acquire_for(10s);
                    ++told;
                  });
    writer.submit(
        [&] {
          store_.set_meta("next", "1");
          next_ran.release();
        },
        GroupCommitter::Grouping::alone,
        [&](std::exception_ptr) {
          if (++told == 2) both_told.release();
        });
    ASSERT_TRUE(both_told.try_acquire_for(60s));
  }
  EXPECT_TRUE(next_ran_while_first_was_told);
}

TEST_F(GroupCommitterTest, TellsTheCallersInTheOrderTheirJobsRan) {
  constexpr int kJobs = 500;
  std::vector<int> ran;
  std::vector<int> told;  // only the teller touches it until the writer stops
  {
    GroupCommitter writer(store_, 8, {});
    for (int i = 0; i < kJobs; ++i) {
      // Every tenth alone, so the jobs form groups of both kinds.
      const auto grouping =
          i % 10 == 0 ? GroupCommitter::Grouping::alone : GroupCommitter::Grouping::shared;
      writer.submit(
          [&ran, &store = store_, i] {
            store.set_meta("job." + std::to_string(i), "ran");
            ran.push_back(i);
          },
          grouping, [&told, i](std::exception_ptr) { told.push_back(i); });
    }
  }  // the destructor runs what is queued and tells every caller
  ASSERT_EQ(static_cast<int>(ran.size()), kJobs);
  EXPECT_EQ(told, ran);
}

TEST_F(GroupCommitterTest, TellsAFailedJobWhatItThrewAndItsGroupOnlyOfItsOwnOutcome) {
  std::vector<std::string> outcomes;
  {
    GroupCommitter writer(store_, 64, {});
    // The first job holds the writer until the three below are queued, so
    // that they share the next group.
    std::binary_semaphore others_queued{0};
    writer.submit([&] { EXPECT_TRUE(others_queued.try_acquire_for(30s)); },
                  GroupCommitter::Grouping::alone, {});
    const auto record = [&](std::exception_ptr failure) {
      if (!failure) {
        outcomes.emplace_back("ok");
        return;
      }
      try {
        std::rethrow_exception(failure);
      } catch (const std::exception& e) {
        outcomes.emplace_back(e.what());
      }
    };
    writer.submit([&] { store_.set_meta("a", "1"); }, GroupCommitter::Grouping::shared, record);
    writer.submit(
        [&] {
          store_.set_meta("b", "1");
          throw std::runtime_error("refused");
        },
        GroupCommitter::Grouping::shared, record);
    writer.submit([&] { store_.set_meta("c", "1"); }, GroupCommitter::Grouping::shared, record);
    others_queued.release();
  }
  EXPECT_EQ(outcomes, (std::vector<std::string>{"ok", "refused", "ok"}));
  EXPECT_EQ(committed("a"), "1");
  EXPECT_EQ(committed("b"), std::nullopt);  // undone with its savepoint
  EXPECT_EQ(committed("c"), "1");
}

}  // namespace
}  // namespace phongdich::testing
