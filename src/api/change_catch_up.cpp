#include "api/change_catch_up.hpp"

#include <iostream>
#include <string>

#include "api/api_error.hpp"
#include "api/api_service.hpp"
#include "app/apply_store_changes.hpp"

namespace phongdich::api {
namespace {

constexpr auto kBackgroundInterval = std::chrono::seconds(1);
constexpr auto kPruneInterval = std::chrono::minutes(5);

}  // namespace

ChangeCatchUp::ChangeCatchUp(ApiService& service, std::shared_ptr<ChangeFeed> feed)
    : service_(service),
      feed_(std::move(feed)),
      last_prune_(std::chrono::steady_clock::now()),
      background_([this](std::stop_token stop) { poll_in_background(stop); }) {}

ChangeCatchUp::~ChangeCatchUp() {
  background_.request_stop();
  background_.join();
}

void ChangeCatchUp::before_request() {
  std::unique_lock lock(mutex_);
  // A poll that begins from now on sees every commit made before this call;
  // one already running may have taken its snapshot before it.
  const uint64_t needed = polls_started_ + 1;
  while (polls_finished_ < needed) {
    if (polling_) {
      polled_.wait(lock);
      continue;
    }
    polling_ = true;
    const uint64_t mine = ++polls_started_;
    lock.unlock();
    std::string failure;
    try {
      poll_once();
    } catch (const std::exception& e) {
      failure = e.what();
    }
    lock.lock();
    polling_ = false;
    polls_finished_ = mine;
    // Said once when the database goes away and once when it is back, not at
    // every request in between.
    if (!failure.empty()) {
      last_failed_poll_ = mine;
      if (!failing_) std::cerr << "phongdich serve: database unavailable: " << failure << "\n";
      failing_ = true;
    } else if (failing_) {
      std::cerr << "phongdich serve: database reachable again\n";
      failing_ = false;
    }
    polled_.notify_all();
  }
  if (last_failed_poll_ >= needed) {
    throw store_unavailable();
  }
}

void ChangeCatchUp::poll_once() {
  const StoreChanges changes = feed_->poll();
  const auto now = std::chrono::steady_clock::now();
  if (now - last_prune_ > kPruneInterval) {
    last_prune_ = now;
    feed_->prune();
  }
  if (changes.empty()) return;
  service_.run_exclusive([&] {
    apply_store_changes(service_.registry(), changes);
    // Their picture is rebuilt from the store at its next use.
    if (!changes.other_tables.empty() || changes.lost) service_.surveillance().drop_derived_state();
  });
}

void ChangeCatchUp::poll_in_background(std::stop_token stop) {
  std::mutex sleep_mutex;
  std::condition_variable_any sleep;
  while (!stop.stop_requested()) {
    {
      std::unique_lock lock(sleep_mutex);
      sleep.wait_for(lock, stop, kBackgroundInterval, [] { return false; });
    }
    if (stop.stop_requested()) break;
    try {
      before_request();
    } catch (const ApiError&) {
      // Logged by the poll; requests meanwhile answer 503 until it is back.
    }
  }
}

}  // namespace phongdich::api
