// Keeps the store's index of the audit trail by record, user and area up to date
// from a thread and a connection of its own (Store::index_audit_trail): every
// `interval`, what was appended since is indexed, a bounded run at a time, so
// an old trail that a start finds unindexed is caught up in steps too.
//
// Why beside the writer and not on it: the index is written as sorted runs
// that are merged now and then (store/sqlite/audit_key_index.hpp), and a merge
// of large runs takes seconds that no write should wait for.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <thread>

#include "store/store.hpp"

namespace phongdich::api {

class BackgroundAuditIndexer {
 public:
  using Opener = std::function<std::unique_ptr<Store>()>;
  BackgroundAuditIndexer(Opener open, std::chrono::milliseconds interval);
  ~BackgroundAuditIndexer();  // stops the thread between two runs
  BackgroundAuditIndexer(const BackgroundAuditIndexer&) = delete;
  BackgroundAuditIndexer& operator=(const BackgroundAuditIndexer&) = delete;

  // Entries per run: large enough that a run covers seconds of a busy server's
  // reads, small enough that sorting it takes a moment and little memory.
  static constexpr size_t kEntriesPerRun = 65536;

 private:
  void loop(std::stop_token stop);

  Opener open_;
  std::chrono::milliseconds interval_;
  std::jthread thread_;  // last: started once the rest exists
};

}  // namespace phongdich::api
