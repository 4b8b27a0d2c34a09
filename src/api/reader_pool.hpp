// Read-only connections to the store for requests that only read, one per
// request running at a time: a SQLite connection serves one thread at a time,
// and in WAL mode each reader sees the last commit without waiting for the
// writer. Connections are opened on first need and kept for reuse.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "store/store.hpp"

namespace phongdich::api {

class ReaderPool {
 public:
  using Opener = std::function<std::unique_ptr<Store>()>;
  explicit ReaderPool(Opener open) : open_(std::move(open)) {}

  // A connection lent to one request; back to the pool when the lease ends.
  class Lease {
   public:
    Lease(ReaderPool& pool, std::unique_ptr<Store> store)
        : pool_(&pool), store_(std::move(store)) {}
    Lease(Lease&& other) noexcept = default;
    Lease& operator=(Lease&&) = delete;
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    ~Lease() {
      if (store_) pool_->give_back(std::move(store_));
    }
    Store& store() { return *store_; }

   private:
    ReaderPool* pool_;
    std::unique_ptr<Store> store_;
  };

  Lease acquire();

 private:
  void give_back(std::unique_ptr<Store> store);

  Opener open_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<Store>> idle_;
};

}  // namespace phongdich::api
