// Read-only connections to the store for requests that only read, one per
// request running at a time: a SQLite connection serves one thread at a time,
// and in WAL mode each reader sees the last commit without waiting for the
// writer. Connections are opened on first need and kept for reuse.
//
// With a hot standby (`serve --db-read`), reads go to the standby while it
// answers and its replay lag stays within `max_lag_ms`, checked at most every
// `lag_check_ms`; otherwise to the primary. So a read served by the standby is
// at most max_lag_ms + lag_check_ms behind the primary (docs/scaling.md). A
// standby that fails (cannot connect, connection lost) is left alone for
// `retry_after_ms`, and the read that met the failure is run again on the
// primary by the caller (standby_failed).
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "store/store.hpp"

namespace phongdich::api {

class ReaderPool {
 public:
  using Opener = std::function<std::unique_ptr<Store>()>;

  struct Standby {
    Opener open;
    int64_t max_lag_ms = 2000;
    int64_t lag_check_ms = 250;
    int64_t retry_after_ms = 5000;
  };

  // `clock_ms`: unix milliseconds (the service's clock).
  ReaderPool(Opener open_primary, std::optional<Standby> standby,
             std::function<int64_t()> clock_ms);

  // A connection lent to one request; back to its pool when the lease ends.
  class Lease {
   public:
    Lease(ReaderPool& pool, std::unique_ptr<Store> store, bool on_standby)
        : pool_(&pool), store_(std::move(store)), on_standby_(on_standby) {}
    Lease(Lease&& other) noexcept = default;
    Lease& operator=(Lease&&) = delete;
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    ~Lease() {
      if (store_) pool_->give_back(std::move(store_), on_standby_);
    }
    Store& store() { return *store_; }
    bool on_standby() const { return on_standby_; }

   private:
    ReaderPool* pool_;
    std::unique_ptr<Store> store_;
    bool on_standby_;
  };

  // The standby's connection when it is usable, else the primary's.
  Lease acquire();
  Lease acquire_primary();
  // A read on the standby failed for want of the standby: the next reads go
  // to the primary for a while, and the failed one should be run there again.
  void standby_failed();

  bool has_standby() const { return standby_.has_value(); }
  // Leases handed out on each side so far (for the tests and the benchmark).
  uint64_t standby_leases() const { return standby_leases_; }
  uint64_t primary_leases() const { return primary_leases_; }

 private:
  std::optional<Lease> try_standby();
  void give_back(std::unique_ptr<Store> store, bool on_standby);

  Opener open_primary_;
  std::optional<Standby> standby_;
  std::function<int64_t()> clock_ms_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<Store>> idle_primary_;
  std::vector<std::unique_ptr<Store>> idle_standby_;
  // The standby is not used before this time (after a failure).
  std::atomic<int64_t> standby_down_until_ms_{0};
  // The last lag check: when, and whether the lag was within bounds.
  std::atomic<int64_t> lag_checked_ms_{-1};
  std::atomic<bool> lag_ok_{false};
  std::atomic<uint64_t> standby_leases_{0};
  std::atomic<uint64_t> primary_leases_{0};
};

}  // namespace phongdich::api
