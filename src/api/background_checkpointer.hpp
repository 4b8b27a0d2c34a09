// Checkpoints the store's write-ahead log from a thread and a connection of
// its own, every `interval`.
//
// Why: SQLite checkpoints on the committing connection once the log passes a
// size, which stops the writer for as long as it takes to copy tens of
// megabytes of pages: the slowest writes of a busy server (p99) were those.
// Checkpointed here, a little at a time, the log restarts before it grows and
// the writer's own checkpoints find little or nothing left to copy.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <thread>

#include "store/store.hpp"

namespace phongdich::api {

class BackgroundCheckpointer {
 public:
  using Opener = std::function<std::unique_ptr<Store>()>;
  BackgroundCheckpointer(Opener open, std::chrono::milliseconds interval);
  ~BackgroundCheckpointer();  // stops the thread
  BackgroundCheckpointer(const BackgroundCheckpointer&) = delete;
  BackgroundCheckpointer& operator=(const BackgroundCheckpointer&) = delete;

 private:
  void loop(std::stop_token stop);

  Opener open_;
  std::chrono::milliseconds interval_;
  std::jthread thread_;  // last: started once the rest exists
};

}  // namespace phongdich::api
