#include "api/reader_pool.hpp"

namespace phongdich::api {

ReaderPool::ReaderPool(Opener open_primary, std::optional<Standby> standby,
                       std::function<int64_t()> clock_ms)
    : open_primary_(std::move(open_primary)),
      standby_(std::move(standby)),
      clock_ms_(std::move(clock_ms)) {}

ReaderPool::Lease ReaderPool::acquire() {
  if (std::optional<Lease> lease = try_standby()) return std::move(*lease);
  return acquire_primary();
}

ReaderPool::Lease ReaderPool::acquire_primary() {
  ++primary_leases_;
  {
    std::lock_guard lock(mutex_);
    if (!idle_primary_.empty()) {
      std::unique_ptr<Store> store = std::move(idle_primary_.back());
      idle_primary_.pop_back();
      return Lease(*this, std::move(store), false);
    }
  }
  // Opened outside the pool's lock: opening reads the schema and takes a while.
  return Lease(*this, open_primary_(), false);
}

std::optional<ReaderPool::Lease> ReaderPool::try_standby() {
  if (!standby_) return std::nullopt;
  const int64_t now = clock_ms_();
  if (now < standby_down_until_ms_) return std::nullopt;
  const bool check_lag = now - lag_checked_ms_ >= standby_->lag_check_ms;
  if (!check_lag && !lag_ok_) return std::nullopt;

  std::unique_ptr<Store> store;
  {
    std::lock_guard lock(mutex_);
    if (!idle_standby_.empty()) {
      store = std::move(idle_standby_.back());
      idle_standby_.pop_back();
    }
  }
  try {
    if (!store) store = standby_->open();
    if (check_lag) {
      const std::optional<double> lag = store->standby_lag_seconds();
      // A standby promoted to primary has no lag, and is current.
      lag_ok_ = !lag || *lag * 1000 <= static_cast<double>(standby_->max_lag_ms);
      lag_checked_ms_ = now;
    }
  } catch (const StoreUnavailable&) {
    standby_failed();
    return std::nullopt;
  }
  if (!lag_ok_) {
    give_back(std::move(store), true);
    return std::nullopt;
  }
  ++standby_leases_;
  return Lease(*this, std::move(store), true);
}

void ReaderPool::standby_failed() {
  if (!standby_) return;
  standby_down_until_ms_ = clock_ms_() + standby_->retry_after_ms;
  // Its idle connections may be broken too; they reconnect when used again,
  // but there is no point keeping them while the standby is left alone.
  // Closed outside the pool's lock: closing talks to the server.
  std::vector<std::unique_ptr<Store>> dropped;
  {
    std::lock_guard lock(mutex_);
    dropped.swap(idle_standby_);
  }
}

void ReaderPool::give_back(std::unique_ptr<Store> store, bool on_standby) {
  std::lock_guard lock(mutex_);
  (on_standby ? idle_standby_ : idle_primary_).push_back(std::move(store));
}

}  // namespace phongdich::api
