// The background checkpointer on a real SQLite file, beside a writer that
// commits without a pause and whose commits do not checkpoint by themselves (as
// a server's): it copies the log from its own connection and, once the log has
// grown, has the writer finish, so that the log starts afresh instead of
// growing with every commit.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "api/background_checkpointer.hpp"
#include "common/temp_dir.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace phongdich::testing {
namespace {

using api::BackgroundCheckpointer;
using api::CheckpointPace;
using namespace std::chrono_literals;

constexpr int kCommits = 3000;
constexpr int64_t kFinishAtFrames = 200;

class BackgroundCheckpointerTest : public ::testing::Test {
 protected:
  BackgroundCheckpointerTest() { writer_.set_checkpoint_on_commit(false); }

  // Commits rows of about a page each (a frame of log or more each),
  // checkpointing between two commits when asked, as a server's writer does,
  // until `enough` says so. The background thread may get the core late on a
  // busy machine, so what the tests wait for is counted, not timed.
  void write_until(const std::function<bool(int commits)>& enough) {
    for (int i = 0; !enough(i); ++i) {
      write_row(writer_, i);
      ++commits_;
      if (asked_) {
        writer_.checkpoint();
        ++finishes_;
        asked_ = false;
      }
      // A server's writer leaves its thread now and then (to hand back answers).
      if (i % 16 == 0) std::this_thread::sleep_for(100us);
    }
  }

  static void write_row(SqliteStore& store, int i) {
    store.set_meta("test.row." + std::to_string(i), std::string(3000, 'x'));
  }

  // The log's size had it never started afresh: the same commits on a file of
  // their own whose log is never checkpointed.
  int64_t log_bytes_never_started_afresh() {
    const std::string path = dir_.file("reference.db");
    SqliteStore reference(path);
    reference.set_checkpoint_on_commit(false);
    for (int i = 0; i < commits_; ++i) write_row(reference, i);
    return static_cast<int64_t>(std::filesystem::file_size(path + "-wal"));
  }

  BackgroundCheckpointer::Opener opener() {
    return [path = path_] { return std::make_unique<SqliteStore>(path); };
  }

  int64_t log_file_bytes() const {
    return static_cast<int64_t>(std::filesystem::file_size(path_ + "-wal"));
  }

  TempDir dir_;
  const std::string path_ = dir_.file("checkpoint.db");
  SqliteStore writer_{path_};
  std::atomic<bool> asked_{false};
  int finishes_ = 0;  // checkpoints on the writer when asked
  int commits_ = 0;
};

TEST_F(BackgroundCheckpointerTest, HasTheWriterFinishSoTheLogStartsAfreshInsteadOfGrowing) {
  // Long enough for three requests on any machine; never asked, it fails.
  const auto give_up_at = std::chrono::steady_clock::now() + 60s;
  {
    BackgroundCheckpointer checkpointer(
        opener(), 2ms, [this] { asked_ = true; }, kFinishAtFrames);
    write_until(
        [&](int) { return finishes_ >= 3 || std::chrono::steady_clock::now() > give_up_at; });
  }
  // How long the log was when the writer got to the request is not checked:
  // once the background connection has copied all of it, the writer's own next
  // commit starts it afresh, which may come between the request and the
  // writer's checkpoint. The test below shows the writer left alone while the
  // log is short.
  EXPECT_EQ(finishes_, 3);
  // Started afresh, the log's file holds the longest stretch between two
  // starts, not every frame written.
  EXPECT_LT(log_file_bytes(), log_bytes_never_started_afresh())
      << finishes_ << " checkpoints on the writer, " << commits_ << " commits";
}

TEST_F(BackgroundCheckpointerTest, LeavesTheWriterAloneWhileTheLogIsShort) {
  {
    BackgroundCheckpointer checkpointer(
        opener(), 2ms, [this] { asked_ = true; }, int64_t{kCommits} * 100);
    write_until([](int commits) { return commits == kCommits; });
  }
  EXPECT_EQ(finishes_, 0);
}

// The pace of the passes, pass after pass: what each found, and how long the
// checkpointer then waits (every 5 ms while writes go on, every 1,000 ms at most when idle).
TEST(CheckpointPace, SlowsDownOverAnIdleLogAndSpeedsUpAtTheFirstNewFrame) {
  struct Row {
    LogCheckpoint found;
    int64_t wait_ms;
  };
  const std::vector<Row> passes = {
      {{.log_frames = 40, .copied_frames = 40}, 5},   // the first pass: the log is news
      {{.log_frames = 40, .copied_frames = 40}, 10},  // nothing new: twice the wait
      {{.log_frames = 40, .copied_frames = 40}, 20},  //
      {{.log_frames = 40, .copied_frames = 40}, 40},  //
      {{.log_frames = 52, .copied_frames = 52}, 5},   // a commit came: back to 5 ms
      {{.log_frames = 52, .copied_frames = 52}, 10},  //
      {{.busy = true}, 5},                            // another connection checkpoints
      {{.log_frames = 52, .copied_frames = 52}, 10},  // nothing new since before it
      {{.log_frames = 3, .copied_frames = 3}, 5},     // the log started afresh
      {{.log_frames = 3, .copied_frames = 3}, 10},    //
      {{.log_frames = 3, .copied_frames = 3}, 20},    //
      {{.log_frames = 3, .copied_frames = 3}, 40},    //
      {{.log_frames = 3, .copied_frames = 3}, 80},    //
      {{.log_frames = 3, .copied_frames = 3}, 160},   //
      {{.log_frames = 3, .copied_frames = 3}, 320},   //
      {{.log_frames = 3, .copied_frames = 3}, 640},   //
      {{.log_frames = 3, .copied_frames = 3}, 1000},  // never longer than idle
      {{.log_frames = 3, .copied_frames = 3}, 1000},  //
      {{.log_frames = 9, .copied_frames = 4}, 5},     // new frames, not all copied
  };
  CheckpointPace pace(5ms, 1000ms);
  EXPECT_EQ(pace.wait(), 5ms) << "before the first pass";
  for (size_t i = 0; i < passes.size(); ++i) {
    pace.passed(passes[i].found);
    EXPECT_EQ(pace.wait().count(), passes[i].wait_ms) << "after pass " << i + 1;
  }
}

}  // namespace
}  // namespace phongdich::testing
