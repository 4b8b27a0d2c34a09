#include "api/background_checkpointer.hpp"

#include <condition_variable>
#include <iostream>
#include <mutex>

namespace phongdich::api {

BackgroundCheckpointer::BackgroundCheckpointer(Opener open, std::chrono::milliseconds interval)
    : open_(std::move(open)),
      interval_(interval),
      thread_([this](std::stop_token stop) { loop(stop); }) {}

BackgroundCheckpointer::~BackgroundCheckpointer() {
  thread_.request_stop();
  thread_.join();
}

void BackgroundCheckpointer::loop(std::stop_token stop) {
  std::mutex mutex;
  std::condition_variable_any wake;  // only the stop wakes it early
  std::unique_ptr<Store> store;
  while (!stop.stop_requested()) {
    {
      std::unique_lock lock(mutex);
      wake.wait_for(lock, stop, interval_, [] { return false; });
    }
    if (stop.stop_requested()) break;
    try {
      if (!store) store = open_();
      store->checkpoint();
    } catch (const std::exception& e) {
      // The writer's own checkpoints still keep the log in bounds meanwhile.
      std::cerr << "phongdich serve: background checkpoint failed: " << e.what() << "\n";
      store.reset();  // opened again next time
    }
  }
}

}  // namespace phongdich::api
