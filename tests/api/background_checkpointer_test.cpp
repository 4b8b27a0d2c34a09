// The background checkpointer on a real SQLite file, beside a writer that
// commits without a pause and whose commits do not checkpoint by themselves (as
// a server's): it copies the log from its own connection and, once the log has
// grown, has the writer finish, so that the log starts afresh instead of
// growing with every commit.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <string>
#include <thread>

#include "api/background_checkpointer.hpp"
#include "common/temp_dir.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace phongdich::testing {
namespace {

using api::BackgroundCheckpointer;
using namespace std::chrono_literals;

constexpr int kCommits = 3000;
constexpr int64_t kFinishAtFrames = 200;

class BackgroundCheckpointerTest : public ::testing::Test {
 protected:
  BackgroundCheckpointerTest() { writer_.set_checkpoint_on_commit(false); }

  // Commits kCommits rows of about a page each (a frame of log or more each),
  // checkpointing between two commits when asked, as a server's writer does.
  void write_all(const std::atomic<bool>& asked_to_finish) {
    const std::string page_of_text(3000, 'x');
    for (int i = 0; i < kCommits; ++i) {
      writer_.set_meta("test.row." + std::to_string(i), page_of_text);
      if (asked_to_finish) {
        finishes_.fetch_add(1);
        frames_written_ += writer_.checkpoint().log_frames;
        asked_.store(false);
      }
      // A server's writer leaves its thread now and then (to hand back answers).
      if (i % 16 == 0) std::this_thread::sleep_for(100us);
    }
  }

  BackgroundCheckpointer::Opener opener() {
    return [path = path_] { return std::make_unique<SqliteStore>(path); };
  }

  int64_t log_file_bytes() const { return std::filesystem::file_size(path_ + "-wal"); }

  TempDir dir_;
  const std::string path_ = dir_.file("checkpoint.db");
  SqliteStore writer_{path_};
  std::atomic<bool> asked_{false};
  std::atomic<int> finishes_{0};
  int64_t frames_written_ = 0;  // to the log, counted at each start afresh
};

TEST_F(BackgroundCheckpointerTest, HasTheWriterFinishSoTheLogStartsAfreshInsteadOfGrowing) {
  {
    BackgroundCheckpointer checkpointer(
        opener(), 2ms, [this] { asked_.store(true); }, kFinishAtFrames);
    write_all(asked_);
  }
  frames_written_ += writer_.checkpoint().log_frames;
  EXPECT_GT(finishes_, 0);
  // Had the log never started afresh, its file would hold every frame written.
  EXPECT_LT(log_file_bytes(), frames_written_ * 4096 / 2)
      << finishes_ << " checkpoints on the writer, " << frames_written_ << " frames written";
}

TEST_F(BackgroundCheckpointerTest, LeavesTheWriterAloneWhileTheLogIsShort) {
  {
    BackgroundCheckpointer checkpointer(
        opener(), 2ms, [this] { asked_.store(true); }, int64_t{kCommits} * 100);
    write_all(asked_);
  }
  EXPECT_EQ(finishes_, 0);
}

}  // namespace
}  // namespace phongdich::testing
