#include "api/background_audit_indexer.hpp"

#include <condition_variable>
#include <iostream>
#include <mutex>

namespace phongdich::api {

BackgroundAuditIndexer::BackgroundAuditIndexer(Opener open, std::chrono::milliseconds interval)
    : open_(std::move(open)),
      interval_(interval),
      thread_([this](std::stop_token stop) { loop(stop); }) {}

BackgroundAuditIndexer::~BackgroundAuditIndexer() {
  thread_.request_stop();
  thread_.join();
}

void BackgroundAuditIndexer::loop(std::stop_token stop) {
  std::mutex mutex;
  std::condition_variable_any wake;  // only the stop wakes it early
  std::unique_ptr<Store> store;
  while (!stop.stop_requested()) {
    {
      std::unique_lock lock(mutex);
      wake.wait_for(lock, stop, interval_, [] { return false; });
    }
    try {
      if (!store) store = open_();
      // A backlog (an old trail, or a burst) is indexed run after run.
      while (!stop.stop_requested() && store->index_audit_trail(kEntriesPerRun)) {
      }
    } catch (const std::exception& e) {
      // Searches read what is not indexed directly; the next round tries again
      // on a fresh connection.
      std::cerr << "phongdich serve: indexing the audit trail failed: " << e.what() << "\n";
      store.reset();
    }
  }
}

}  // namespace phongdich::api
