// The write-ahead log's checkpoints on the SQLite store: what a checkpoint
// reports, when the writer's commits checkpoint by themselves, and that a
// checkpoint on the writer lets the log start afresh at its next commit.
#include <gtest/gtest.h>

#include <string>

#include "common/temp_dir.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace phongdich::testing {
namespace {

// Small enough for a test to pass it in a few hundred commits.
SqliteOptions small_checkpoints() {
  SqliteOptions options;
  options.checkpoint_on_commit_pages = 64;
  options.checkpoint_on_commit_backstop_pages = 1'000'000;
  return options;
}

// One commit of a new row about a page long: at least one page of log each.
void commit_rows(Store& store, int count, int& next_key) {
  const std::string page_of_text(3000, 'x');
  for (int i = 0; i < count; ++i) {
    store.set_meta("test.row." + std::to_string(next_key++), page_of_text);
  }
}

class SqliteCheckpointTest : public ::testing::Test {
 protected:
  TempDir dir_;
  const std::string path_ = dir_.file("checkpoint.db");
  SqliteStore writer_{path_, small_checkpoints()};
  int next_key_ = 0;
};

TEST_F(SqliteCheckpointTest, ReportsTheLogAndCopiesAllOfItWhenNothingElseRuns) {
  writer_.set_checkpoint_on_commit(false);
  commit_rows(writer_, 40, next_key_);
  SqliteStore other(path_);
  const LogCheckpoint done = other.checkpoint();
  EXPECT_GE(done.log_frames, 40);
  EXPECT_EQ(done.copied_frames, done.log_frames);
  EXPECT_TRUE(done.complete());
}

TEST_F(SqliteCheckpointTest, CommitsCheckpointByThemselvesUnlessTurnedOff) {
  // On (the default): past 64 pages a commit checkpoints, and the log starts
  // afresh, so it never holds the 300 commits.
  commit_rows(writer_, 300, next_key_);
  SqliteStore other(path_);
  EXPECT_LT(other.checkpoint().log_frames, 300);

  // Off: the log keeps every commit until a checkpoint on the writer.
  writer_.set_checkpoint_on_commit(false);
  commit_rows(writer_, 300, next_key_);
  EXPECT_GE(other.checkpoint().log_frames, 300);

  // On again: the next commits checkpoint, and the log starts afresh.
  writer_.set_checkpoint_on_commit(true);
  commit_rows(writer_, 2, next_key_);
  EXPECT_LT(other.checkpoint().log_frames, 64);
}

TEST_F(SqliteCheckpointTest, ACheckpointOnTheWriterLetsTheLogStartAfreshAtItsNextCommit) {
  writer_.set_checkpoint_on_commit(false);
  commit_rows(writer_, 300, next_key_);
  const LogCheckpoint before = writer_.checkpoint();
  EXPECT_GE(before.log_frames, 300);
  EXPECT_TRUE(before.complete());

  commit_rows(writer_, 1, next_key_);
  const LogCheckpoint after = writer_.checkpoint();
  EXPECT_GT(after.log_frames, 0);
  EXPECT_LT(after.log_frames, 10) << "the log went on from frame " << before.log_frames;
}

TEST_F(SqliteCheckpointTest, AReaderOnTheOldLogKeepsItFromStartingAfresh) {
  writer_.set_checkpoint_on_commit(false);
  commit_rows(writer_, 100, next_key_);
  SqliteStore reader(path_);
  {
    // A statement part-way through its rows keeps its read of the log open.
    Statement reading = reader.db().prepare("SELECT key FROM meta");
    ASSERT_TRUE(reading.step());
    EXPECT_TRUE(writer_.checkpoint().complete());
    commit_rows(writer_, 1, next_key_);
    EXPECT_GT(writer_.checkpoint().log_frames, 100);  // appended after the old frames
  }
  // Once the read is over, the next checkpoint and commit start it afresh.
  writer_.checkpoint();
  commit_rows(writer_, 1, next_key_);
  EXPECT_LT(writer_.checkpoint().log_frames, 10);
}

}  // namespace
}  // namespace phongdich::testing
