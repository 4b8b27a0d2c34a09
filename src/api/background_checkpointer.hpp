// Checkpoints the store's write-ahead log from a thread and a connection of
// its own, every `interval`, and has the writer finish the job when the log has
// grown.
//
// Why: SQLite checkpoints on the committing connection once the log passes a
// size, which stops the writer for as long as it takes to copy the pages not
// copied yet: the slowest writes of a busy server (p99) were those. Here the
// copying is done a little at a time beside the writer. But a log only starts
// afresh after a checkpoint that copied all of it, and under a steady stream of
// commits one from here never does: every commit adds to the log while it
// copies. So when the log has grown past `finish_at_frames`, `finish_on_writer`
// is called right after a checkpoint from here; it has the writer checkpoint
// between two commits, with only the frames committed meanwhile left to copy,
// and the log starts afresh at the next commit. The writer's own checkpoints on
// commit are then turned off (Store::set_checkpoint_on_commit).
//
// A pass that finds the log as the last one left it doubles the wait before the
// next, up to kIdleInterval; one that finds new frames goes back to `interval`.
// So a busy log is copied in small steps, and an idle server is not woken
// hundreds of times a second for nothing.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <thread>

#include "store/store.hpp"

namespace phongdich::api {

// The wait before the checkpointer's next pass: `writing` after a pass that
// found new frames in the log, twice the last wait (up to `idle`) after one that
// found the log as the pass before left it.
class CheckpointPace {
 public:
  CheckpointPace(std::chrono::milliseconds writing, std::chrono::milliseconds idle)
      : writing_(writing), idle_(std::max(writing, idle)), wait_(writing) {}
  std::chrono::milliseconds wait() const { return wait_; }
  // After a pass; a busy pass (another connection checkpointing) learnt nothing.
  void passed(const LogCheckpoint& done);

 private:
  std::chrono::milliseconds writing_;
  std::chrono::milliseconds idle_;
  std::chrono::milliseconds wait_;
  int64_t frames_last_seen_ = -1;
};

class BackgroundCheckpointer {
 public:
  using Opener = std::function<std::unique_ptr<Store>()>;
  BackgroundCheckpointer(Opener open, std::chrono::milliseconds interval,
                         std::function<void()> finish_on_writer, int64_t finish_at_frames);
  ~BackgroundCheckpointer();  // stops the thread
  BackgroundCheckpointer(const BackgroundCheckpointer&) = delete;
  BackgroundCheckpointer& operator=(const BackgroundCheckpointer&) = delete;

 private:
  void loop(std::stop_token stop);
  // Checkpoints again until little is left, then has the writer copy the rest.
  void catch_up(Store& store, LogCheckpoint done);

  // The passes stop once one found no more than this many frames committed
  // during the one before: about what is left for the writer to copy.
  static constexpr int64_t kFramesLeftToWriter = 256;
  static constexpr int kMaxCatchUpPasses = 4;
  // The longest wait between two passes over an idle log (or `interval`, if longer).
  static constexpr std::chrono::milliseconds kIdleInterval{1000};

  Opener open_;
  std::chrono::milliseconds interval_;
  std::function<void()> finish_on_writer_;
  int64_t finish_at_frames_;
  int64_t frames_when_writer_asked_ = 0;  // the log's frames when the writer was last asked
  std::jthread thread_;                   // last: started once the rest exists
};

}  // namespace phongdich::api
