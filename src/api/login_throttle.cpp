#include "api/login_throttle.hpp"

namespace phongdich::api {

bool LoginThrottle::allow(const std::string& address, int64_t now_ms, int64_t& retry_after_s) {
  constexpr int64_t kWindowMs = 60'000;
  // Bound the table: forget addresses whose window has passed.
  if (attempts_.size() > 100'000) {
    std::erase_if(attempts_,
                  [&](const auto& entry) { return entry.second.back() + kWindowMs <= now_ms; });
  }
  auto& times = attempts_[address];
  while (!times.empty() && times.front() + kWindowMs <= now_ms) times.pop_front();
  if (static_cast<int>(times.size()) >= per_minute_) {
    retry_after_s = (times.front() + kWindowMs - now_ms + 999) / 1000;
    return false;
  }
  times.push_back(now_ms);
  retry_after_s = 0;
  return true;
}

}  // namespace phongdich::api
