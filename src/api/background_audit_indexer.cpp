#include "api/background_audit_indexer.hpp"

#include <iostream>

#include "api/wait_unless_stopped.hpp"

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
  std::unique_ptr<Store> store;
  while (wait_unless_stopped(stop, interval_)) {
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
