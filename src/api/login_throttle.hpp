// Login attempts per client address in a sliding minute: a guard against
// password guessing across many accounts, beside the per-account lockout.
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <unordered_map>

namespace phongdich::api {

class LoginThrottle {
 public:
  explicit LoginThrottle(int per_minute) : per_minute_(per_minute) {}
  // Records an attempt at `now_ms`; false when the address is over its budget
  // (the attempt is refused and not counted). `retry_after_s` says when to retry.
  bool allow(const std::string& address, int64_t now_ms, int64_t& retry_after_s);

 private:
  int per_minute_;
  std::unordered_map<std::string, std::deque<int64_t>> attempts_;
};

}  // namespace phongdich::api
