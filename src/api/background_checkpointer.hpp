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
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <thread>

#include "store/store.hpp"

namespace phongdich::api {

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

  Opener open_;
  std::chrono::milliseconds interval_;
  std::function<void()> finish_on_writer_;
  int64_t finish_at_frames_;
  int64_t frames_when_writer_asked_ = 0;  // the log's frames when the writer was last asked
  std::jthread thread_;                   // last: started once the rest exists
};

}  // namespace phongdich::api
