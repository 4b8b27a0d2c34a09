// The pause of a background loop that a stop ends at once.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <stop_token>

namespace phongdich::api {

// Waits `interval`, or less if `stop` is requested meanwhile; false when it was.
inline bool wait_unless_stopped(std::stop_token stop, std::chrono::milliseconds interval) {
  std::mutex mutex;
  std::condition_variable_any wake;  // only the stop wakes it early
  std::unique_lock lock(mutex);
  wake.wait_for(lock, stop, interval, [] { return false; });
  return !stop.stop_requested();
}

}  // namespace phongdich::api
