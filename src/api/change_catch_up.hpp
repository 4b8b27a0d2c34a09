// Several servers on one PostgreSQL database: before a request reads the
// registry index (coverage, due lists, name search) or writes through it, this
// server takes in what the other servers committed (store/change_feed.hpp), so
// that an answer always includes the last committed dose, wherever it was
// recorded (docs/scaling.md, "Several servers on one database").
//
// One poll serves every request that arrived before it began: requests that
// come together wait for one round trip to the database, not one each. A poll
// that finds changes applies them on the writer thread under the exclusive
// lock, as a write of this server's own would be. A background thread polls
// every second as well, so that a quiet server never falls far behind.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <thread>

#include "store/change_feed.hpp"

namespace phongdich::api {

class ApiService;

class ChangeCatchUp {
 public:
  ChangeCatchUp(ApiService& service, std::shared_ptr<ChangeFeed> feed);
  ~ChangeCatchUp();  // stops the background thread
  ChangeCatchUp(const ChangeCatchUp&) = delete;
  ChangeCatchUp& operator=(const ChangeCatchUp&) = delete;

  // Returns once every write that another process committed before the call
  // is in this server's index. Throws ApiError 503 (store.unavailable) when the
  // database cannot be reached.
  void before_request();

 private:
  void poll_once();
  void poll_in_background(std::stop_token stop);

  ApiService& service_;
  std::shared_ptr<ChangeFeed> feed_;  // used by one poll at a time
  std::mutex mutex_;
  std::condition_variable polled_;
  uint64_t polls_started_ = 0;   // under mutex_
  uint64_t polls_finished_ = 0;  // under mutex_
  uint64_t last_failed_poll_ = 0;
  bool polling_ = false;
  bool failing_ = false;  // the last poll failed (under mutex_)
  std::chrono::steady_clock::time_point last_prune_;
  std::jthread background_;  // last: started once the rest exists
};

}  // namespace phongdich::api
